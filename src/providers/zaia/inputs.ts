/**
 * Checks of what the user typed, before anything is sent: UUIDs (every Zaia id is "A UUID v4
 * string", doc line 10), `me` for the profile's own user, and the profile's userId setting.
 */
import { ConfigError, UsageError } from "../../errors.js";
import type { ProviderContext } from "../types.js";
import { isUuid } from "./ids.js";

export const VENDOR = "zaia" as const;
export const NAME = "Zaia";

export function requireUuid(value: string, what: string): string {
  const v = value.trim();
  if (!isUuid(v)) throw new UsageError(`${NAME} ${what} must be a UUID, got "${value}"`, { vendor: VENDOR });
  return v;
}

/** The profile's own user id (setting userId), or undefined. */
export function profileUserId(ctx: ProviderContext): string | undefined {
  const v = ctx.profile.settings["userId"]?.trim();
  return v ? v : undefined;
}

export function requireProfileUserId(ctx: ProviderContext, why: string): string {
  const id = profileUserId(ctx);
  if (!id) {
    throw new ConfigError(`profile "${ctx.profile.name}" has no userId setting: ${why}`, {
      vendor: VENDOR,
      hint: `Set it with: ticket profile add ${ctx.profile.name} ... --set userId=<your Zaia user id>`,
    });
  }
  return requireUuid(id, "setting userId");
}

/** A user id from a flag: a UUID, or `me` for the profile's userId. */
export function resolveUser(ctx: ProviderContext, value: string, what: string): string {
  if (value.trim().toLowerCase() === "me") return requireProfileUserId(ctx, `"me" stands for the profile's userId`);
  return requireUuid(value, what);
}
