/**
 * `ticket api` for every vendor: one request through the provider's own authorized client (base
 * URL, credentials, origin lock, redaction, --verbose, --dry-run, retries for GET). The answer is
 * returned whatever its status: the body as JSON (or text), and the error its status or envelope
 * means, so the command prints what the vendor said and exits by class.
 */
import type { Got, Method } from "got";
import { UsageError } from "../../errors.js";
import { errorForStatus, type ErrorContext } from "../../http/errors.js";
import type { ApiRequest, ApiResponse } from "../types.js";

export interface ApiRequestOptions extends ErrorContext {
  /** A refusal inside a 2xx answer (Sobot ret_code, 3Dolphins status), classified; undefined when the body is a success. */
  envelopeError?: (body: unknown) => import("../../errors.js").CliError | undefined;
}

/** The path relative to the client's prefix URL: a leading "/" is dropped; absolute URLs are refused. */
export function relativePath(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//")) {
    throw new UsageError(`ticket api takes a path relative to the profile's base URL, not a URL ("${path}")`);
  }
  return path.replace(/^\/+/, "");
}

export async function sendApiRequest(client: Got, req: ApiRequest, opts: ApiRequestOptions): Promise<ApiResponse> {
  const path = relativePath(req.path);
  const [pathOnly, inline] = path.split("?", 2) as [string, string | undefined];
  const searchParams = new URLSearchParams(inline ?? "");
  for (const [k, v] of req.query) searchParams.append(k, v);
  let status: number;
  let text: string;
  try {
    const res = await client(pathOnly, {
      method: req.method as Method,
      ...(searchParams.size ? { searchParams } : {}),
      ...(req.body !== undefined ? { json: req.body } : {}),
      responseType: "text",
    });
    status = res.statusCode;
    text = String(res.body ?? "");
  } catch (err) {
    // got's HTTPError (after its retries): the answer is still what the user asked to see.
    const res = (err as { response?: { statusCode: number; body: unknown }; name?: string }).response;
    if (!res || (err as { name?: string }).name !== "HTTPError") throw err;
    status = res.statusCode;
    text = String(res.body ?? "");
  }
  const body = parse(text);
  const error = status >= 400 ? errorForStatus(status, body, opts) : opts.envelopeError?.(body);
  return { status, body, ...(error ? { error } : {}) };
}

function parse(text: string): unknown {
  if (!text.trim()) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
