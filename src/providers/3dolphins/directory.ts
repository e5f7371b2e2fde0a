/**
 * The 3Dolphins directory hooks (src/directory). The Ticket API (vendor-docs/3dolphins-ticket-api.txt)
 * has no agent, group or contact endpoint: `ticket agents`, `teams` and `contacts` list the
 * assignedAgent, toGroup and contact of recent tickets. The doc prints user ids as 32 hex digits
 * (createdBy / modifiedBy "82ab0fd5cfd1e80d1ff97c0cfc9aa9e2", e.g. lines 58, 125) and the agent,
 * group and contact ids only as placeholders ("[AgentId]", "[groupId]", "[contactId]"): INFERRED
 * that they share that form (guesses.ts keeps the wire guesses; this one only decides whether a
 * value is looked up by name first). A value of that form is taken as an id with no lookup.
 */
import type { Provider } from "../types.js";

const HEX32 = /^[0-9a-f]{32}$/i;

export function threeDolphinsDirectory(): Pick<Provider, "isDirectoryId"> {
  return { isDirectoryId: (_kind, value) => HEX32.test(value.trim()) };
}
