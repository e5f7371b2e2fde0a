/**
 * What the fault proxy needs to know about each vendor, from the vendor documents and
 * vendor-notes.md (never from src/providers/): which path is the token endpoint (`auth` in a
 * SPEC), and the vendor's own answer to an expired token (the `expired` fault).
 *
 * GUESS (fault proxy): the expired-token answers of 3Dolphins, Comm100 and Zaia are not printed
 * in their documents; these are the readings the simulators use for a refused token, noted below.
 */
import type { VendorName } from "../../model/enums.js";
import { retMsg } from "../sobot/codes.js";

export interface CannedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface FaultVendor {
  /** The vendor's token endpoint: requests to it are `auth`, never `reads` or `writes`. */
  authPath: RegExp;
  /** The vendor's answer when the token the request carries has expired. */
  expired(headers: Record<string, string | string[] | undefined>): CannedAnswer;
  /** Whether a 2xx answer body says the vendor did it (envelope vendors can refuse on a 200). */
  accepted(body: string): boolean;
  /** Top-level keys of the vendor's answer envelope (kept by `wrong-shape`). */
  envelopeKeys: readonly string[];
}

function envelope(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): CannedAnswer => ({
  status,
  headers: { "content-type": "application/json;charset=UTF-8", ...headers },
  body: JSON.stringify(body),
});

const bearer = (h: Record<string, string | string[] | undefined>) => String(h["authorization"] ?? "").replace(/^bearer\s+/i, "");

export const FAULT_VENDORS: Readonly<Record<VendorName, FaultVendor>> = {
  // vendor-notes 4.1: POST graph/auth issues tokens with an expireAt. GUESS (the simulator's
  // reading, Spring Security OAuth2): an expired token is a 401 invalid_token whose description
  // quotes the token, so a client that prints vendor text verbatim leaks it.
  "3dolphins": {
    authPath: /\/graph\/auth(\/|$)/,
    expired: (h) =>
      json(
        401,
        { error: "invalid_token", error_description: `Access token expired: ${bearer(h)}` },
        { "www-authenticate": 'Bearer realm="oauth2-resource", error="invalid_token", error_description="Access token expired"' },
      ),
    // vendor-notes 4.x: "Treat status != success as an error".
    accepted: (body) => {
      const e = envelope(body);
      return e === null || e["status"] === undefined || e["status"] === "success";
    },
    envelopeKeys: ["status", "message"],
  },
  // vendor-notes 2.x: OAuth2 at POST /oauth/token, then Authorization: Bearer. GUESS: an expired
  // bearer token is the RFC 6750 401 with error="invalid_token".
  comm100: {
    authPath: /\/oauth\/token(\/|$)/,
    expired: () =>
      json(
        401,
        { error: "invalid_token", error_description: "The access token expired" },
        { "www-authenticate": 'Bearer error="invalid_token", error_description="The access token expired"' },
      ),
    accepted: () => true,
    envelopeKeys: [],
  },
  // vendor-notes 3.1/3.2 FACT: code 900002 "Token expired. Get a new one", in the ret_code
  // envelope; GUESS (notes 3.2): on HTTP 200. ret_msg is localized by the `language` header.
  sobot: {
    authPath: /\/api\/get_token(\/|$)/,
    expired: (h) => json(200, { ret_code: "900002", ret_msg: retMsg("900002", String(h["language"] ?? "") === "en" ? "en" : "zh") }),
    // vendor-notes 3.2 FACT: "000000" means success; any other code is an error.
    accepted: (body) => envelope(body)?.["ret_code"] === "000000",
    envelopeKeys: ["ret_code", "ret_msg"],
  },
  // vendor-notes 1.1: an API key that does not expire; a refused key is a 401. GUESS: Nest's body.
  zaia: {
    authPath: /^$/,
    expired: () => json(401, { message: "Unauthorized", statusCode: 401 }),
    accepted: () => true,
    envelopeKeys: [],
  },
};
