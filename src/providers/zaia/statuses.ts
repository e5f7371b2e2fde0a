/**
 * Zaia's ticket `status` enum, which no reachable source prints (vendor-notes.md 1.3): the values
 * the provider sends, how they map to the model, and how a wrong guess is corrected at run time.
 *
 * Values come from, in order: the profile's `statuses` setting (the user pinned them), a cache of
 * what this Zaia origin accepted or listed before, else the guess (guesses.ts). When Zaia refuses
 * a value, `discover` reads the allowed values from the refusal ("status must be one of the
 * following values: ...") or, when the refusal lists none, tries the other plausible spellings
 * with one-row GETs; what works is cached, so the next run sends the right values at once.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CliError } from "../../errors.js";
import type { Status } from "../../model/enums.js";
import { credentialFingerprint } from "../shared/fingerprint.js";
import { lookup } from "../shared/lookup.js";
import { writePrivateFileAtomic } from "../shared/private-file.js";
import type { ProviderContext } from "../types.js";
import { mustPass } from "./dry-answers.js";
import { ALLOWED_VALUES_PATTERNS, GUESSED_STATUSES, STATUS_DIALECTS, STATUS_SYNONYMS, UNKNOWN_STATUS_MODEL } from "./guesses.js";

const key = (value: string) => value.trim().toLowerCase().replace(/[\s-]+/g, "_");

/** Zaia status -> normalized status, by meaning whatever the spelling; unknown values become UNKNOWN_STATUS_MODEL. */
export function modelStatus(vendorStatus: string): Status {
  return lookup(STATUS_SYNONYMS, key(vendorStatus)) ?? UNKNOWN_STATUS_MODEL;
}

/** Zaia has one finished state: `resolved` and `closed` select the same values. */
const sameStage = (a: Status, b: Status) => a === b || ((a === "resolved" || a === "closed") && (b === "resolved" || b === "closed"));

/** Normalized statuses -> the values of `values` that carry them, plus those no value carries. */
export function vendorStatusesFor(statuses: readonly Status[], values: readonly string[]): { statuses: string[]; unmapped: Status[] } {
  const unmapped = statuses.filter((s) => !values.some((v) => sameStage(modelStatus(v), s)));
  return { statuses: values.filter((v) => statuses.some((s) => sameStage(modelStatus(v), s))), unmapped };
}

/** The one value of `values` a create sets for a normalized status, or null when Zaia has none. */
export function createStatusFor(status: Status, values: readonly string[]): string | null {
  return values.find((v) => modelStatus(v) === status) ?? values.find((v) => sameStage(modelStatus(v), status)) ?? null;
}

/** The allowed values a refusal lists ("status must be one of the following values: a, b"), or null. */
export function allowedValuesIn(message: string | undefined): string[] | null {
  if (!message) return null;
  for (const pattern of ALLOWED_VALUES_PATTERNS) {
    const m = pattern.exec(message);
    if (!m?.[1]) continue;
    const values = m[1]
      .split(/[,|]|\bor\b/)
      .map((v) => v.trim().replace(/^["'`]+|["'`.]+$/g, "").trim())
      .filter((v) => /^[A-Za-z][\w-]*$/.test(v));
    if (values.length > 0) return [...new Set(values)];
  }
  return null;
}

/** The answer to a one-row list request for one status value. */
export type ProbeResult = { accepted: true } | { accepted: false; message: string | undefined };

interface Cached {
  values: string[];
  confirmed: string[];
}

export class ZaiaStatuses {
  private values: string[] = [...GUESSED_STATUSES];
  private readonly confirmed = new Set<string>();
  private fromSetting = false;
  private discovered = false;
  private loaded = false;

  constructor(
    private readonly ctx: ProviderContext,
    private readonly probe: (status: string) => Promise<ProbeResult>,
  ) {}

  private get file(): string {
    return join(this.ctx.cacheDir, `zaia-statuses-${credentialFingerprint(new URL(this.ctx.profile.baseUrl).origin)}.json`);
  }

  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const setting = (this.ctx.profile.settings["statuses"] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (setting.length > 0) {
      this.values = [...new Set(setting)];
      this.fromSetting = true;
      for (const v of this.values) this.confirmed.add(v);
      return;
    }
    try {
      const cached = JSON.parse(await readFile(this.file, "utf8")) as Partial<Cached>;
      if (Array.isArray(cached.values) && cached.values.length > 0 && cached.values.every((v) => typeof v === "string")) this.values = cached.values;
      for (const v of Array.isArray(cached.confirmed) ? cached.confirmed : []) if (typeof v === "string") this.confirmed.add(v);
    } catch {
      // No cache yet (or unreadable): start from the guess.
    }
  }

  /** The values a list walks, in order. */
  list(): string[] {
    return [...this.values];
  }

  /** May `discover` still be tried in this run (not pinned by the user, not tried yet)? */
  get canDiscover(): boolean {
    return !this.fromSetting && !this.discovered;
  }

  /** Zaia answered 2xx to this value: remember it. */
  async accepted(value: string): Promise<void> {
    if (this.confirmed.has(value)) return;
    this.confirmed.add(value);
    await this.save();
  }

  /**
   * The value to send for a normalized status (create). An unconfirmed value is checked first with
   * a one-row GET; a refusal starts discovery. A check that cannot tell (a 404, an outage) keeps the value.
   */
  async valueFor(status: Status): Promise<string | null> {
    await this.load();
    const value = createStatusFor(status, this.values);
    if (value === null || this.confirmed.has(value) || !this.canDiscover) return value;
    let answer: ProbeResult;
    try {
      answer = await this.probe(value);
    } catch (err) {
      // A refused key (auth.ts's own AuthError, or a 401/403) ends the verb here; anything else cannot tell.
      const status = (err as { response?: { statusCode?: number } }).response?.statusCode;
      if (err instanceof CliError || mustPass(err) || status === 401 || status === 403) throw err;
      return value;
    }
    if (answer.accepted) {
      await this.accepted(value);
      return value;
    }
    const learned = await this.discover(answer.message);
    return learned === null ? value : createStatusFor(status, learned);
  }

  /**
   * Zaia refused a status value: find the real enum from the refusal's text, else by trying the
   * other spellings (STATUS_DIALECTS) one row each. Returns the new values (cached), or null.
   */
  async discover(refusal: string | undefined): Promise<string[] | null> {
    if (!this.canDiscover) return null;
    this.discovered = true;
    let found = allowedValuesIn(refusal);
    if (found === null) {
      for (const dialect of STATUS_DIALECTS) {
        if (dialect.every((v, i) => v === this.values[i])) continue;
        const answer = await this.probe(dialect[0]!).catch((err: unknown) => {
          if (mustPass(err)) throw err;
          return null;
        });
        if (answer?.accepted) {
          found = [...dialect];
          this.confirmed.add(dialect[0]!);
          break;
        }
      }
    }
    if (found === null) return null;
    this.values = found;
    this.ctx.warn(`Zaia refused the status values this profile guessed; it takes ${found.join(", ")} (remembered for this profile)`);
    await this.save();
    return [...found];
  }

  private async save(): Promise<void> {
    if (this.fromSetting) return;
    const data: Cached = { values: this.values, confirmed: [...this.confirmed] };
    try {
      await writePrivateFileAtomic(this.file, `${JSON.stringify(data)}\n`);
    } catch {
      // A cache is an optimization: without it the next run checks again.
    }
  }
}
