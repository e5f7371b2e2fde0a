/** A ticket as GET ticketing/tickets(/{id}) answers it, with what `include=` asks for ([S1] lines 95, 119). */
import type { RouteContext } from "./common.js";
import type { WireMessage, WireTicket } from "./model.js";

export const messagesOf = (ctx: RouteContext, id: number): WireMessage[] => ctx.index.messagesOf(id).sort((a, b) => a.time.localeCompare(b.time));

export function present(ctx: RouteContext, t: WireTicket, includes: readonly string[]): Record<string, unknown> {
  const { state } = ctx;
  // The sample answer of line 133 carries tags, draft and noteMentions with no include asked (readings.ts, "Shapes").
  const out: Record<string, unknown> = {
    ...t,
    tags: t.tagIds.map((id) => state.tags.find((x) => x.id === id)).filter(Boolean),
    draft: null,
    noteMentions: [],
  };
  if (!ctx.readings.honorIncludes) return out;
  const has = (name: string) => includes.includes(name);
  if (has("ticketingMessage")) out["messages"] = messagesOf(ctx, t.id);
  if (has("lastMessage")) out["lastMessage"] = ctx.index.message(t.lastMessageId) ?? null;
  if (has("ticketingEventLog")) out["eventLogs"] = ctx.index.eventLogsOf(t.id);
  if (has("assignee")) out["assignee"] = state.agents.find((a) => a.id === t.assigneeId) ?? null;
  if (has("departmentAssignee")) out["departmentAssignee"] = state.departments.find((d) => d.id === t.departmentAssigneeId) ?? null;
  if (has("contactOrVisitor")) out["contactOrVisitor"] = state.contacts.find((c) => c.id === t.contactOrVisitorId) ?? null;
  if (has("createdBy")) out["createdBy"] = personById(ctx, t.createdById);
  if (has("lastRepliedBy")) out["lastRepliedBy"] = personById(ctx, t.lastRepliedById);
  return out;
}

function personById(ctx: RouteContext, id: string | null): unknown {
  if (!id) return null;
  return ctx.state.agents.find((a) => a.id === id) ?? ctx.state.contacts.find((c) => c.id === id) ?? null;
}
