/**
 * How a Comm100 profile authenticates (vendor-notes 2.1), chosen from the secrets it has:
 * - `token`: an OAuth access token sent as `Authorization: Bearer` ([S1] every sample request);
 * - `password` (+ settings email, clientId): the OAuth password grant, tokens cached and renewed (oauth.ts);
 * - `apiKey` (+ settings email, siteId): HTTP Basic email:key and the `siteId` query parameter.
 */
import type { NormalizedOptions } from "got";
import { ConfigError } from "../../errors.js";
import type { ProviderContext } from "../types.js";
import { defaultTokenUrl } from "./guesses.js";
import type { OAuthTokens } from "./oauth.js";

export interface Comm100Auth {
  /** Adds the credential to a request (called after the origin check). */
  apply(options: NormalizedOptions): Promise<void>;
  /** After a 401: obtain a fresh credential and say whether a retry can succeed. */
  renew(): Promise<boolean>;
}

function needSettings(ctx: ProviderContext, names: string[], purpose: string): Record<string, string> {
  const missing = names.filter((n) => !ctx.profile.settings[n]);
  if (missing.length > 0) {
    throw new ConfigError(
      `profile "${ctx.profile.name}": ${purpose} needs the setting${missing.length > 1 ? "s" : ""} ${missing.join(" and ")} (ticket profile add ${ctx.profile.name} --set ${missing[0]}=... --force)`,
      { vendor: "comm100" },
    );
  }
  return Object.fromEntries(names.map((n) => [n, ctx.profile.settings[n]!]));
}

function tokenUrlOf(ctx: ProviderContext): string {
  const configured = ctx.profile.settings["tokenUrl"];
  if (!configured) return defaultTokenUrl(ctx.profile.baseUrl);
  try {
    return new URL(configured).toString();
  } catch {
    throw new ConfigError(`profile "${ctx.profile.name}": tokenUrl "${configured}" is not a URL`, { vendor: "comm100" });
  }
}

const bearer = (options: NormalizedOptions, token: string) => {
  options.headers["authorization"] = `Bearer ${token}`;
};

export function createAuth(ctx: ProviderContext): Comm100Auth {
  if (ctx.hasSecret("token")) {
    return { apply: async (o) => bearer(o, await ctx.secret("token")), renew: async () => false };
  }
  if (ctx.hasSecret("password")) {
    let tokens: OAuthTokens | undefined;
    const oauth = async () => {
      if (!tokens) {
        const { email, clientId } = needSettings(ctx, ["email", "clientId"], "the OAuth password grant");
        // Loaded only by profiles that sign in: token-bearing runs never pay for it.
        const { OAuthTokens } = await import("./oauth.js");
        tokens = new OAuthTokens(ctx, { tokenUrl: tokenUrlOf(ctx), email: email!, clientId: clientId!, password: await ctx.secret("password") });
      }
      return tokens;
    };
    return {
      apply: async (o) => bearer(o, await (await oauth()).current()),
      renew: async () => {
        await (await oauth()).renew();
        return true;
      },
    };
  }
  if (ctx.hasSecret("apiKey")) {
    return {
      apply: async (o) => {
        const { email, siteId } = needSettings(ctx, ["email", "siteId"], "API-key auth");
        const basic = Buffer.from(`${email}:${await ctx.secret("apiKey")}`).toString("base64");
        // The Basic value is as secret as the key it encodes.
        ctx.addSecret(basic);
        o.headers["authorization"] = `Basic ${basic}`;
        (o.url as URL).searchParams.set("siteId", siteId!);
      },
      renew: async () => false,
    };
  }
  return {
    apply: async () => {
      throw new ConfigError(`profile "${ctx.profile.name}" has no Comm100 credential: set token, password (OAuth, with settings email and clientId) or apiKey (with settings email and siteId)`, {
        vendor: "comm100",
      });
    },
    renew: async () => false,
  };
}
