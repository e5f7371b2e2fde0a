/**
 * The Comm100 directory hooks (src/directory). The v4 ticketing doc ([S1]) documents no agent,
 * department or contact endpoint, so `ticket agents`, `teams` and `contacts` list the people seen
 * on recent tickets (their names come with include=assignee,departmentAssignee,contactOrVisitor,
 * [S1] line 95). What Comm100 does say is the id form: assigneeId, departmentAssigneeId and
 * contactOrVisitorId are guids ([S1] lines 30, 31, 37), so a guid given to --to, --team or
 * --requester is an id and is sent as given, with no lookup.
 */
import type { Provider } from "../types.js";
import { GUID } from "./refs.js";

export function comm100Directory(): Pick<Provider, "isDirectoryId"> {
  return { isDirectoryId: (_kind, value) => GUID.test(value.trim()) };
}
