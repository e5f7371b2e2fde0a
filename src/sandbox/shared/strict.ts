/**
 * Request checks simulators share, for rules the vendor documents explicitly: a JSON write must
 * say it is JSON, a file upload must be multipart. Each simulator answers a failed check in its
 * own vendor's error shape.
 */
import type { SimRequest } from "./server.js";

const typeOf = (req: SimRequest) => String(req.headers["content-type"] ?? "").toLowerCase().split(";")[0]!.trim();

/** The body was sent as application/json (or a +json type). */
export const isJsonRequest = (req: SimRequest): boolean => /^application\/([a-z0-9.-]+\+)?json$/.test(typeOf(req));
/** The body was sent as multipart/form-data. */
export const isMultipartRequest = (req: SimRequest): boolean => typeOf(req) === "multipart/form-data";
/** The body was sent as application/x-www-form-urlencoded. */
export const isFormRequest = (req: SimRequest): boolean => typeOf(req) === "application/x-www-form-urlencoded";
