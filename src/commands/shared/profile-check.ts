/**
 * `ticket profile test`: one profile checked end to end with a fresh credential. Its provider is
 * built with token caches in a new private temporary folder (removed afterwards), so a cached
 * token can neither hide a broken credential nor be touched; then one `list` call with limit 1.
 *
 * `step` is how far the check got:
 * - "list"        the list call answered: the profile works (ok).
 * - "credentials" the vendor took the credentials but the list call failed (a refusal, a wrong shape).
 * - "reachable"   the vendor answered, but refused the credentials (exit 4) or was failing (429/5xx).
 * - null          nothing answered: a configuration problem (exit 3) or the network (exit 7).
 *
 * The run exits by its worst class, in this order: config 3 > auth 4 > network 7 > any other
 * failure 1 (not found, unsupported, a refusal); 0 when every profile passed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deps } from "../../deps.js";
import { CliError, DryRunStop, OperationError } from "../../errors.js";
import { redactUrl } from "../../http/redact.js";
import { toCliError } from "../../http/errors.js";
import type { VendorName } from "../../model/enums.js";
import { descriptorFor } from "../../providers/registry.js";

export type CheckStep = "reachable" | "credentials" | "list";

export interface CheckError {
  code: string;
  message: string;
  exitCode: number;
  vendor: string | null;
  httpStatus: number | null;
}

export interface ProfileCheck {
  name: string;
  vendor: VendorName | null;
  /** As configured, with any password or secret-looking query parameter masked. */
  baseUrl: string | null;
  ok: boolean;
  exitCode: number;
  step: CheckStep | null;
  /** Wall time of the whole check (credential, then the list call), in milliseconds. */
  ms: number;
  error?: CheckError;
}

/** Exit classes, most important first: a run exits with the first one any profile hit. */
export const EXIT_PRIORITY = [3, 4, 7] as const;

export function worstExitCode(checks: readonly ProfileCheck[]): number {
  const failed = checks.filter((c) => !c.ok);
  if (failed.length === 0) return 0;
  return EXIT_PRIORITY.find((code) => failed.some((c) => c.exitCode === code)) ?? 1;
}

export function stepOf(err: CliError): CheckStep | null {
  if (err.code === "config" || err.code === "usage") return null;
  if (err.code === "auth") return "reachable";
  if (err.code === "network") return err.httpStatus !== undefined ? "reachable" : null;
  // The vendor answered the list call (an HTTP status, an envelope code, a body of the wrong shape).
  return err.httpStatus !== undefined || err.vendorCode !== undefined || err.code === "failed" ? "credentials" : null;
}

function shownUrl(baseUrl: string): string {
  try {
    return redactUrl(baseUrl) === new URL(baseUrl).toString() ? baseUrl : redactUrl(baseUrl);
  } catch {
    return baseUrl;
  }
}

/** Check one profile. Never throws for the profile's own failure (that is its result); rethrows an interruption. */
export async function checkProfile(deps: Deps, name: string, stored: { vendor: VendorName; baseUrl: string } | undefined): Promise<ProfileCheck> {
  const started = performance.now();
  const cacheRoot = mkdtempSync(join(tmpdir(), "ticket-profile-test-"));
  let vendor: VendorName | null = stored?.vendor ?? null;
  let baseUrl: string | null = stored ? shownUrl(stored.baseUrl) : null;
  const ms = () => Math.round(performance.now() - started);
  try {
    const resolved = await deps.providerFor(name, { cacheRoot });
    vendor = resolved.profile.vendor;
    baseUrl = shownUrl(resolved.profile.baseUrl);
    for await (const _ of resolved.provider.list({ limit: 1 })) break;
    return { name, vendor, baseUrl, ok: true, exitCode: 0, step: "list", ms: ms() };
  } catch (err) {
    const mapped = asCliError(err, vendor);
    if (mapped.code === "interrupted" || mapped.code === "terminated") throw mapped;
    const error: CheckError = {
      code: mapped.code,
      message: deps.redactor.redact(mapped.message),
      exitCode: mapped.exitCode,
      vendor: mapped.vendor ?? vendor,
      httpStatus: mapped.httpStatus ?? null,
    };
    return { name, vendor, baseUrl, ok: false, exitCode: mapped.exitCode, step: stepOf(mapped), ms: ms(), error };
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
}

function asCliError(err: unknown, vendor: VendorName | null): CliError {
  if (err instanceof CliError) return err;
  if (vendor) {
    const mapped = toCliError(err, { vendor, displayName: descriptorFor(vendor).displayName });
    if (mapped instanceof CliError) return mapped;
  }
  if (err instanceof DryRunStop) return new OperationError("a dry run stopped the check");
  return new OperationError(err instanceof Error ? err.message : String(err));
}
