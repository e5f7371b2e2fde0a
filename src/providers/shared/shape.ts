/**
 * A required part of a vendor's answer is missing: that is an answer of the wrong shape (exit 1,
 * "unexpected answer from VENDOR: field data: ..."), never an empty list or a "not found".
 */
import * as z from "zod";

export function missingField(path: (string | number)[], expected: string): never {
  throw new z.ZodError([{ code: "custom", path, message: `missing (expected ${expected})`, input: undefined }]);
}
