/**
 * Sobot's ret_code envelope errors -> the CLI's error classes, with Sobot's own ret_msg.
 * "000000" is success; any other code is an error (FACT, "API return code", doc lines 4912-4954).
 * Every refusal carries its code as `vendorCode`: the vendor said no, nothing happened. The
 * exception is an outcome Sobot does not state (OUTCOME_UNKNOWN_CODES, 999999).
 */
import { AuthError, type CliError, DryRunStop, InterruptedError, NetworkError, NotFoundError, OperationError, UsageError } from "../../errors.js";
import { lookup } from "../shared/lookup.js";
import { OUTCOME_UNKNOWN_CODES } from "./guesses.js";

export const SUCCESS = "000000";
/** Token missing or no longer valid: refresh once and retry. */
export const TOKEN_CODES: ReadonlySet<string> = new Set(["900001", "900002"]);
/** Not-found codes: ticket (400020) and reply (400021). */
const NOT_FOUND = new Set(["400020", "400021"]);
/** Codes caused by what the user asked for (bad range, missing category/status/level, group vs agent, status). */
const USAGE = new Set(["400001", "400002", "400003", "400005", "400008", "400009", "400010", "400011", "400012", "400013", "400015", "400017", "400018", "400019", "400057", "400311", "400314"]);

/**
 * The doc's own words for the auth codes (lines 4919-4924). An auth endpoint's answer is never
 * quoted (it may carry a token), so get_token refusals are told with these.
 */
const AUTH_TEXT: Readonly<Record<string, string>> = {
  "700046": "the current version purchased by the enterprise does not support the use of API",
  "900001": "Blank token",
  "900002": "Token expired. Get a new one",
  "900003": "signature error",
  "900004": "Company api configuration info not found",
};

export interface SobotErrorContext {
  /** "list tickets", "reply to ticket 1f2e..." */
  action: string;
  /** For not-found wording: "ticket 1f2e...". */
  subject?: string | undefined;
  /** The answer came from the token endpoint: use the doc's words, never the answer's. */
  authEndpoint?: boolean | undefined;
}

export function sobotError(code: string | null, message: string | null, ctx: SobotErrorContext): CliError {
  const c = code ?? "unknown";
  const said = ctx.authEndpoint ? (lookup(AUTH_TEXT, c) ?? "refused") : message?.trim() || "no message";
  const details = { vendor: "sobot" as const, vendorCode: c };
  if (c.startsWith("9000") || c === "700046") {
    const hint =
      c === "900003"
        ? "Check the profile's app_key and appid (sign = md5(appid + create_time + app_key))"
        : c === "900004"
          ? "Check the profile's appid, and that the profile's base URL is the host where the appid was issued (sg.sobot.io or us.sobot.com)"
          : c === "700046"
            ? "Sobot's API needs a plan that includes it (not free or overseas team versions)"
            : undefined;
    return new AuthError(`Sobot refused the request: ${said} (ret_code ${c})`, { ...details, hint });
  }
  if (NOT_FOUND.has(c)) {
    const what = ctx.subject ?? "the object";
    return new NotFoundError(`Sobot: ${what} not found (${said}, ret_code ${c})`, details);
  }
  if (OUTCOME_UNKNOWN_CODES.has(c)) {
    // Not a refusal: whether the write happened is unknown, so no vendorCode (the reading-back decides).
    return new NetworkError(`Sobot failed to ${ctx.action}: ${said} (ret_code ${c}); it may or may not have been done`, { vendor: "sobot" });
  }
  if (USAGE.has(c)) return new UsageError(`Sobot refused to ${ctx.action}: ${said} (ret_code ${c})`, details);
  const hint = c === "400006" || c === "400007" ? "Check the profile's agentId and agentName settings" : undefined;
  return new OperationError(`Sobot refused to ${ctx.action}: ${said} (ret_code ${c})`, { ...details, hint });
}

/**
 * An interrupt, or the end of a --dry-run plan (DryRunStop), also when got carries it as the cause
 * of its RequestError: a catch block that reports a failure and carries on must let it through.
 */
export function mustPropagate(err: unknown): boolean {
  let cur: unknown = err;
  for (let depth = 0; depth < 6 && cur; depth++) {
    if (cur instanceof InterruptedError || cur instanceof DryRunStop) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
