/** A request body as --verbose and --dry-run show it: JSON with secret-looking keys masked, files by name. */
import { redactBody } from "./redact.js";

export function describeBody(options: { json?: unknown; form?: unknown; body?: unknown }): string {
  if (options.json !== undefined) return ` ${JSON.stringify(redactBody(options.json))}`;
  if (options.form !== undefined) return ` ${JSON.stringify(redactBody(options.form))}`;
  if (options.body !== undefined) {
    const b = options.body as unknown;
    if (typeof b === "string" || Buffer.isBuffer(b)) {
      const text = b.toString();
      try {
        return ` ${JSON.stringify(redactBody(JSON.parse(text)))}`;
      } catch {
        return ` <${text.length} chars>`;
      }
    }
    if (b instanceof FormData) return ` <multipart: ${[...b.keys()].join(", ")}>`;
    return " <body>";
  }
  return "";
}

