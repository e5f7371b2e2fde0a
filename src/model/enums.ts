/** Normalized enums shared by every vendor (DESIGN.md section 3). No runtime deps: safe on the start-up path. */
export const STATUSES = ["new", "open", "pending", "on_hold", "resolved", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const AUTHOR_TYPES = ["agent", "customer", "bot", "system"] as const;
export type AuthorType = (typeof AUTHOR_TYPES)[number];

export const VENDORS = ["3dolphins", "comm100", "sobot", "zaia"] as const;
export type VendorName = (typeof VENDORS)[number];

export const OPERATIONS = ["list", "show", "create", "reply", "assign", "escalate", "merge", "close", "upload"] as const;
export type Operation = (typeof OPERATIONS)[number];

export function isStatus(v: string): v is Status {
  return (STATUSES as readonly string[]).includes(v);
}
export function isPriority(v: string): v is Priority {
  return (PRIORITIES as readonly string[]).includes(v);
}
export function isVendor(v: string): v is VendorName {
  return (VENDORS as readonly string[]).includes(v);
}
