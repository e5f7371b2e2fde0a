/**
 * The Zaia directory hooks (src/directory). Teams: GET /api/v1/ticketing-teams (vendor-notes.md
 * 1.4, FACT; walked in api.ts), removed teams left out. Users: NOT FOUND (notes 1.4: no users or
 * workspace-members endpoint), so `ticket agents` lists the assignees of recent tickets. Every
 * Zaia id is "A UUID v4 string" (doc line 10), and `me` stands for the profile's userId
 * (inputs.ts): such a value is passed through with no lookup.
 */
import type { Provider } from "../types.js";
import type { ZaiaApi } from "./api.js";
import { isUuid } from "./ids.js";

export function zaiaDirectory(api: ZaiaApi): Pick<Provider, "teams" | "isDirectoryId"> {
  return {
    async teams() {
      const teams = await api.ticketingTeams();
      return teams.filter((t) => t.isRemoved !== true).map((t) => ({ id: t.id, name: t.name ?? null, email: null }));
    },
    isDirectoryId: (kind, value) => isUuid(value.trim()) || (kind === "agent" && value.trim().toLowerCase() === "me"),
  };
}
