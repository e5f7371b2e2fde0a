/**
 * The Sobot directory hooks (src/directory): agents and skill groups from the data dictionary,
 * GET get_data_dict (doc lines 1130-1200: agent_list agentid/agent_name, group_list
 * groupid/group_name), read once per run by SobotDirectory (directory.ts). Sobot documents no
 * customer search, so contacts come from recent tickets. Sobot ids are 32 hex digits (agentid
 * "0a37c8156d094311890e48fbc06501c4", doc line 1318; userid line 3999), a group id sometimes
 * with a "_N" suffix ("acb290d666814d65834c70073aed65f2_4", line 1233): such a value is an id.
 */
import type { Provider } from "../types.js";
import type { SobotDirectory } from "./directory.js";

const SOBOT_ID = /^[0-9a-f]{32}(_\d+)?$/i;

export function sobotDirectory(directory: SobotDirectory): Pick<Provider, "agents" | "teams" | "isDirectoryId"> {
  const entries = async (kind: "agent" | "group") => (await directory.list(kind)).map((x) => ({ id: x.id, name: x.name, email: null }));
  return {
    agents: () => entries("agent"),
    teams: () => entries("group"),
    isDirectoryId: (_kind, value) => SOBOT_ID.test(value.trim()),
  };
}
