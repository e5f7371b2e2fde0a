/**
 * The shapes `ticket` prints for machines, as zod schemas, and their JSON Schema (zod 4's own
 * z.toJSONSchema; `ticket schema`). Objects are open: a key may be added to any of them (that
 * is not a breaking change, DESIGN.md section 4), so no schema says additionalProperties: false.
 */
import * as z from "zod";
import { EXIT_CODES, type ErrorCode } from "../errors.js";
import { VENDORS } from "./enums.js";
import { MessageSchema, TicketDetailSchema } from "./schema.js";

const ERROR_CODES = Object.keys(EXIT_CODES).filter((c) => c !== "ok") as [ErrorCode, ...ErrorCode[]];

/** A ticket as `list` prints it; `show` (and --json writes) add the detail keys. */
export const TicketOutputSchema = TicketDetailSchema.partial({ messages: true, attachments: true }).meta({
  title: "Ticket",
  description:
    "One ticket: each element of `list --json`, each line of `list --ndjson`, and what show/create/assign/escalate/merge/close print. `show` adds messages and attachments (and history, customFields, satisfaction where the vendor has them). --fields keeps only the keys it names.",
});

export const MessageOutputSchema = MessageSchema.meta({ title: "Message", description: "One message of a ticket's conversation; what `reply --json` prints." });

/** The inner object of an error: also each failed item's `error` in a bulk run. */
export const ErrorBodySchema = z.object({
  code: z.enum(ERROR_CODES).describe("the error class (see exitCode)"),
  message: z.string().describe("one line, secrets redacted"),
  exitCode: z.number().int().describe("the process exit code of this class: 1 failed, 2 usage, 3 config, 4 auth, 5 not found, 6 unsupported, 7 network, 130/143 interrupted"),
  vendor: z.enum(VENDORS).nullable().describe("the vendor that answered, or null when the error is not a vendor's"),
  httpStatus: z.number().int().nullable().describe("the vendor's HTTP status, or null"),
});

export const ErrorOutputSchema = z.object({ error: ErrorBodySchema }).meta({
  title: "Error",
  description: "With --json (or --ndjson), a failure is this one object on stderr; stdout keeps what was printed before it.",
});

export const BulkResultSchema = z
  .object({
    id: z.string().describe("the ticket id as given"),
    ok: z.boolean(),
    exitCode: z.number().int().describe("0 when ok, else the exit code of this item's failure"),
    error: ErrorBodySchema.optional().describe("present when ok is false"),
    ticket: TicketOutputSchema.optional().describe("the resulting ticket, when ok and the vendor returned it"),
  })
  .meta({
    title: "Bulk result",
    description: "One item of a bulk write (several ids, or - for ids on stdin): one NDJSON line each with --ndjson, one JSON array of them with --json.",
  });

export const DryRunRequestSchema = z.object({
  method: z.string().describe("GET, POST, PUT, PATCH or DELETE"),
  url: z.string().describe("the full URL, query included"),
  headers: z.record(z.string(), z.string()).describe("request headers; secrets redacted"),
  body: z.unknown().describe("the JSON body, form fields or text as it would be sent (files as name, size and type), or null without a body"),
});

export const DryRunOutputSchema = z.array(DryRunRequestSchema).meta({
  title: "Dry run",
  description: "`--dry-run --json` on a write verb: every request it would send, in order, for every id and every step. Nothing is sent.",
});

export const OUTPUT_SCHEMAS = {
  ticket: TicketOutputSchema,
  message: MessageOutputSchema,
  "bulk-result": BulkResultSchema,
  error: ErrorOutputSchema,
  "dry-run": DryRunOutputSchema,
} as const;

export type OutputSchemaName = keyof typeof OUTPUT_SCHEMAS;
export const OUTPUT_SCHEMA_NAMES = Object.keys(OUTPUT_SCHEMAS) as OutputSchemaName[];

/** JSON Schema (draft 2020-12) of one output shape. */
export function jsonSchemaOf(name: OutputSchemaName): Record<string, unknown> {
  return z.toJSONSchema(OUTPUT_SCHEMAS[name], {
    io: "output",
    unrepresentable: "any",
    override: (ctx) => {
      // Open objects: keys may be added (records keep their value schema in additionalProperties).
      if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
      // z.int()'s safe-integer bounds say nothing to a reader.
      if (ctx.jsonSchema.type === "integer" && ctx.jsonSchema.minimum === Number.MIN_SAFE_INTEGER && ctx.jsonSchema.maximum === Number.MAX_SAFE_INTEGER) {
        delete ctx.jsonSchema.minimum;
        delete ctx.jsonSchema.maximum;
      }
    },
  }) as Record<string, unknown>;
}
