/**
 * Profiles in the config file (file mode 0600), validated. A corrupt or invalid file is a
 * ConfigError naming the file and the problem (exit 3).
 *
 * Reading (every command) is a plain JSON read checked by src/config/check.ts, with zod's schemas
 * (./schema.ts) loaded only when that check does not pass, to name the problem; `conf` is loaded
 * only to write (issue 12 item 1: start-up). The read gives what conf's `store` gave: the file's
 * top-level keys in a plain object, an absent file read as empty.
 *
 * Issue 8 item 9: the folder is created 0700 and repaired (with a warning) when found looser;
 * every change is a read-modify-write of the file as it is on disk *now*, under an inter-process
 * lock (src/fs/lock.ts), so twenty parallel `profile add` runs keep twenty profiles. conf alone
 * reads, changes and writes without a lock, and creates the folder 0755.
 */
import { readFileSync } from "node:fs";
import type Conf from "conf";
import { ConfigError } from "../errors.js";
import { loadWithoutSignalTakeover } from "../process/interruption.js";
import { withFileLock } from "../fs/lock.js";
import { createPrivateDir, repairPrivateModes } from "../fs/modes.js";
import type { Paths } from "./paths.js";
import { quickConfig } from "./check.js";
import { DEMO_PROFILE } from "./names.js";
import type { ConfigFile, StoredProfile } from "./schema.js";

export interface StoreOptions {
  /** One line for stderr (without the "ticket: " prefix), e.g. the mode repair warning. */
  warn: (line: string) => void;
  /** Ends a wait for the lock (Ctrl-C). */
  signal?: AbortSignal;
}

/** The file's content as conf's `store` reads it: a plain object of its top-level keys; {} when there is no file. */
function readStore(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw unreadable(file, err);
  }
  try {
    return Object.assign(Object.create(null) as object, JSON.parse(text));
  } catch (err) {
    throw unreadable(file, err);
  }
}

/** conf over the config file, for writes (it writes atomically, mode 0600, tab-indented JSON). */
async function openConf(paths: Paths): Promise<Conf<ConfigFile>> {
  // conf's dependency chain would otherwise take over Ctrl-C (see loadWithoutSignalTakeover).
  const { default: ConfCtor } = await loadWithoutSignalTakeover(() => import("conf"));
  try {
    return new ConfCtor<ConfigFile>({
      projectName: "ticket",
      projectSuffix: "",
      cwd: paths.configDir,
      configName: "config",
      configFileMode: 0o600,
      clearInvalidConfig: false,
      watch: false,
    });
  } catch (err) {
    throw unreadable(paths.configFile, err);
  }
}

export class ProfileStore {
  private conf: Conf<ConfigFile> | undefined;

  private constructor(
    private readonly paths: Paths,
    private data: ConfigFile,
    readonly file: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  static async open(paths: Paths, opts: StoreOptions = { warn: () => {} }): Promise<ProfileStore> {
    try {
      createPrivateDir(paths.configDir); // before conf, which would create it 0755
    } catch (err) {
      throw new ConfigError(`cannot use the config folder ${paths.configDir}: ${(err as Error).message}`);
    }
    const data = await validated(readStore(paths.configFile), paths.configFile);
    // Repaired once the file is known good: a broken one is the user's to fix first (exit 3 above).
    repairPrivateModes(paths.configDir, opts.warn);
    return new ProfileStore(paths, data, paths.configFile, opts.signal);
  }

  get defaultProfile(): string | undefined {
    return this.data.defaultProfile;
  }

  names(): string[] {
    return Object.keys(this.data.profiles).sort();
  }

  get(name: string): StoredProfile | undefined {
    return this.data.profiles[name];
  }

  /** Add a profile, or replace it with `replace`. False (nothing written) when it exists and `replace` is not set. */
  save(name: string, profile: StoredProfile, opts: { makeDefault: boolean; replace: boolean }): Promise<boolean> {
    return this.update((data) => {
      if (data.profiles[name] && !opts.replace) return false;
      data.profiles[name] = profile;
      if (opts.makeDefault || !data.defaultProfile) data.defaultProfile = name;
      return true;
    });
  }

  /**
   * Change a stored profile under the lock, on the file as it is now (`profile set`). `change`
   * gets a copy and returns the new profile, checked against the schema before it is written.
   * Undefined (nothing written) when there is no such profile.
   */
  async modify(name: string, change: (profile: StoredProfile) => StoredProfile): Promise<StoredProfile | undefined> {
    let result: StoredProfile | undefined;
    await this.update(async (data) => {
      const current = data.profiles[name];
      if (!current) return false;
      const { ProfileSchema } = await import("./schema.js");
      const next = ProfileSchema.safeParse(change(structuredClone(current)));
      if (!next.success) {
        const issue = next.error.issues[0]!;
        throw new ConfigError(`profile "${name}" would be invalid at ${issue.path.join(".") || "(top level)"}: ${issue.message}; nothing was changed`);
      }
      data.profiles[name] = next.data;
      result = next.data;
      return true;
    });
    return result;
  }

  /** False (nothing written) when there is no such profile. */
  setDefault(name: string): Promise<boolean> {
    return this.update((data) => {
      if (!data.profiles[name] && name !== DEMO_PROFILE) return false;
      data.defaultProfile = name;
      return true;
    });
  }

  /** False (nothing written) when there is no such profile. */
  remove(name: string): Promise<boolean> {
    return this.update((data) => {
      if (!data.profiles[name]) return false;
      delete data.profiles[name];
      if (data.defaultProfile === name) {
        const rest = Object.keys(data.profiles);
        if (rest.length === 1) data.defaultProfile = rest[0];
        else delete data.defaultProfile;
      }
      return true;
    });
  }

  /**
   * The one way to change the file: under the lock, read it as it is now, let `change` edit it,
   * and write it back (atomically, 0600) when `change` returns true.
   */
  private async update(change: (data: ConfigFile) => boolean | Promise<boolean>): Promise<boolean> {
    this.conf ??= await openConf(this.paths);
    const conf = this.conf;
    return withFileLock(
      this.file,
      async () => {
        let current: unknown;
        try {
          current = conf.store;
        } catch (err) {
          throw unreadable(this.file, err);
        }
        const fresh = await validated(current, this.file);
        const changed = await change(fresh);
        if (changed) conf.store = fresh;
        this.data = fresh;
        return changed;
      },
      this.signal ? { signal: this.signal } : {},
    );
  }
}

function unreadable(file: string, err: unknown): ConfigError {
  const reason = err instanceof SyntaxError ? `it is not valid JSON (${err.message})` : (err as Error).message;
  return new ConfigError(`config file ${file} cannot be read: ${reason}. Fix or remove it.`);
}

/** The file's content checked: without zod when it plainly passes (./check.ts), else by the schema, which names the problem. */
async function validated(raw: unknown, file: string): Promise<ConfigFile> {
  const quick = quickConfig(raw);
  if (quick) return quick;
  const { ConfigFileSchema } = await import("./schema.js");
  const parsed = ConfigFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join(".") : "(top level)";
    throw new ConfigError(`config file ${file} is invalid at ${where}: ${issue.message}. Fix or remove it.`);
  }
  return parsed.data;
}
