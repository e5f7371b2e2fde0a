/**
 * Comm100 authentication as vendor-notes.md 2.1 states it: `Authorization: Bearer {access_token}`
 * ([S1] every sample request), or HTTP Basic with the agent email and an API key plus the `siteId`
 * query parameter (FACT). Access tokens come from `POST /oauth/token` (form-encoded, grant_type
 * password with email, password and client_id, or refresh_token; FACT, on the dash host of a real
 * site, here on the simulator's own origin) and expire.
 */
import { randomBytes } from "node:crypto";
import type { Router, SimReply, SimRequest } from "../shared/server.js";
import { isFormRequest } from "../shared/strict.js";
import { DEFAULT_TOKEN_TTL_SECONDS, errorBody, MISSING_SITE_ID_STATUS, oauthErrorBody, REFRESH_TOKEN_SINGLE_USE, SANDBOX_CLIENT_ID } from "./readings.js";

export interface Comm100Credentials {
  /** A token issued before the simulator started (what `--token-env` profiles use). */
  token: string;
  apiKey: string;
  email: string;
  siteId: string;
  password: string;
  clientId: string;
}

interface Issued {
  /** Epoch ms, or null for a token that never expires. */
  expiresAt: number | null;
}

const denied = (message: string, status = 401): SimReply => ({
  status,
  headers: { "www-authenticate": 'Bearer error="invalid_token"' },
  body: errorBody(status, message),
});

const oauthError = (status: number, error: string, description: string): SimReply => ({ status, body: oauthErrorBody(error, description) });

export class Comm100Auth {
  private readonly access = new Map<string, Issued>();
  /** refresh token -> the email it was issued to (readings.REFRESH_TOKEN_SINGLE_USE). */
  private readonly refresh = new Map<string, string>();

  constructor(
    readonly creds: Comm100Credentials,
    private readonly now: () => Date,
    /** SimulatorOptions.tokenTtlSeconds: also bounds the pre-issued token when given. */
    private readonly ttlSeconds: number | undefined,
  ) {
    this.access.set(creds.token, { expiresAt: ttlSeconds === undefined ? null : now().getTime() + ttlSeconds * 1000 });
  }

  /** null when the request carries valid credentials, else the 401 to answer. */
  check(req: SimRequest): SimReply | null {
    const header = String(req.headers.authorization ?? "");
    const [scheme = "", value = ""] = header.split(/\s+/, 2);
    // Auth scheme names are case-insensitive (RFC 7235 section 2.1).
    if (scheme.toLowerCase() === "bearer") {
      const issued = this.access.get(value);
      if (!issued) return denied("Authorization has been denied for this request.");
      if (issued.expiresAt !== null && this.now().getTime() >= issued.expiresAt) return denied("The access token has expired.");
      return null;
    }
    if (scheme.toLowerCase() === "basic") {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      if (decoded !== `${this.creds.email}:${this.creds.apiKey}`) return denied("Authorization has been denied for this request.");
      // FACT (vendor-notes 2.1): API-key requests must carry the siteId query parameter.
      const site = [...req.query.entries()].find(([k]) => k.toLowerCase() === "siteid")?.[1];
      if (site !== this.creds.siteId) return denied("API key authentication needs the siteId query parameter of your site.", MISSING_SITE_ID_STATUS);
      return null;
    }
    return denied("Authorization has been denied for this request.");
  }

  /** Every access token stops working now (tests of the refresh path). */
  expireAll(): void {
    const at = this.now().getTime();
    for (const issued of this.access.values()) issued.expiresAt = at;
  }

  private issue(email: string): SimReply {
    const ttl = this.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    const accessToken = `c100-at-${randomBytes(18).toString("base64url")}`;
    const refreshToken = randomBytes(32).toString("hex");
    this.access.set(accessToken, { expiresAt: this.now().getTime() + ttl * 1000 });
    this.refresh.set(refreshToken, email);
    // The v3 doc's sample answer: access_token, token_type, expires_in, refresh_token.
    return {
      status: 200,
      headers: { "cache-control": "no-store" },
      body: { access_token: accessToken, token_type: "bearer", expires_in: ttl, refresh_token: refreshToken },
    };
  }

  private token(req: SimRequest): SimReply {
    // FACT (vendor-notes 2.1): Content-Type: application/x-www-form-urlencoded.
    if (!isFormRequest(req)) return oauthError(400, "invalid_request", "The request must be application/x-www-form-urlencoded.");
    const form = (req.body ?? {}) as Record<string, string>;
    const grant = form["grant_type"];
    if (!grant) return oauthError(400, "invalid_request", "grant_type is required.");
    if (grant !== "password" && grant !== "refresh_token") return oauthError(400, "unsupported_grant_type", `The grant type ${grant} is not supported.`);
    if (!form["client_id"]) return oauthError(400, "invalid_request", "client_id is required.");
    if (form["client_id"] !== this.creds.clientId) return oauthError(401, "invalid_client", "The client is not known.");
    if (grant === "password") {
      if (!form["email"] || !form["password"]) return oauthError(400, "invalid_request", "email and password are required.");
      if (form["email"].toLowerCase() !== this.creds.email.toLowerCase() || form["password"] !== this.creds.password) {
        return oauthError(400, "invalid_grant", "The email or password is incorrect.");
      }
      return this.issue(this.creds.email);
    }
    if (!form["refresh_token"]) return oauthError(400, "invalid_request", "refresh_token is required.");
    const email = this.refresh.get(form["refresh_token"]);
    if (email === undefined) return oauthError(400, "invalid_grant", "The refresh token is invalid or was already used.");
    if (REFRESH_TOKEN_SINGLE_USE) this.refresh.delete(form["refresh_token"]);
    return this.issue(email);
  }

  routes(router: Router): void {
    router.on("POST", "/oauth/token", (req) => this.token(req));
  }
}

export const newCredentials = (secrets: Record<string, string> | undefined): Comm100Credentials => ({
  token: secrets?.["token"] ?? `sbx-c100-${randomBytes(12).toString("hex")}`,
  apiKey: secrets?.["apiKey"] ?? `sbx-key-${randomBytes(12).toString("hex")}`,
  password: secrets?.["password"] ?? `sbx-pw-${randomBytes(9).toString("hex")}`,
  email: "agent@sandbox.example.com",
  siteId: "10000",
  clientId: SANDBOX_CLIENT_ID,
});
