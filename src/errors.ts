/**
 * The error classes every layer throws, and the one table that maps them to exit codes
 * (DESIGN.md section 5). Only src/main.ts turns these into an exit code.
 */
import type { VendorName } from "./model/enums.js";

export const EXIT_CODES = {
  ok: 0,
  failed: 1,
  usage: 2,
  config: 3,
  auth: 4,
  not_found: 5,
  unsupported: 6,
  network: 7,
  interrupted: 130,
  terminated: 143,
} as const;

export type ErrorCode = Exclude<keyof typeof EXIT_CODES, "ok">;

/**
 * What became of the writes a failed verb sent (DESIGN.md section 7). `partial`: some writes of a
 * multi-step verb were done and others not; like `unknown`, it is reconciled by reading back.
 */
export type WriteOutcome = "done" | "not_sent" | "unknown" | "partial";

export interface ErrorDetails {
  vendor?: VendorName | undefined;
  httpStatus?: number | undefined;
  /** Vendor's own error code (Sobot ret_code, ...), when there is one. */
  vendorCode?: string | undefined;
  /** A second line of advice, printed after the message on a TTY and in --verbose. */
  hint?: string | undefined;
  cause?: unknown;
}

export class CliError extends Error {
  readonly code: ErrorCode;
  readonly vendor: VendorName | undefined;
  readonly httpStatus: number | undefined;
  readonly vendorCode: string | undefined;
  readonly hint: string | undefined;
  /** Set by the provider guard on errors from write verbs: what became of the writes sent. */
  outcome: WriteOutcome | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.vendor = details.vendor;
    this.httpStatus = details.httpStatus;
    this.vendorCode = details.vendorCode;
    this.hint = details.hint;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** The vendor refused the operation, or a bulk run had a failing item. Exit 1. */
export class OperationError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super("failed", message, details);
  }
}
/** Unknown flag, missing argument, bad value. Exit 2. */
export class UsageError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super("usage", message, details);
  }
}
/** No such profile, invalid config file, missing credential. Exit 3. */
export class ConfigError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super("config", message, details);
  }
}
/** The vendor refused our credentials or permissions. Exit 4. */
export class AuthError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super("auth", message, details);
  }
}
/** The ticket (or other object) does not exist. Exit 5. */
export class NotFoundError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super("not_found", message, details);
  }
}
/** The vendor's API cannot do this; raised before any request. Exit 6. */
export class UnsupportedError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super("unsupported", message, details);
  }
}
/** Connection refused, timeout, rate limit or vendor outage, after retries. Exit 7. */
export class NetworkError extends CliError {
  constructor(message: string, details?: ErrorDetails) {
    super("network", message, details);
  }
}
/** Ctrl-C (SIGINT, exit 130) or SIGTERM (exit 143). */
export class InterruptedError extends CliError {
  constructor(
    message = "interrupted",
    readonly signal: "SIGINT" | "SIGTERM" = "SIGINT",
  ) {
    super(signal === "SIGTERM" ? "terminated" : "interrupted", message);
  }
}

/**
 * --dry-run: the plan of a write is complete (or ends here: the HTTP layer met a write whose answer
 * the later steps need). Exit 0; main.ts prints the plan (src/http/dry-run.ts).
 */
export class DryRunStop extends Error {
  constructor(
    readonly description: string,
    /** Why the plan stops short of the write's last step, when it does. */
    readonly cutShort?: string,
  ) {
    super("dry run: nothing was sent");
    this.name = "DryRunStop";
  }
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof DryRunStop) return EXIT_CODES.ok;
  return EXIT_CODES.failed;
}
