/**
 * Profiles on `conf` (projectName "ticket", projectSuffix "", file mode 0600), validated with zod.
 * A corrupt or invalid file is a ConfigError naming the file and the problem (exit 3).
 */
import type Conf from "conf";
import { chmodSync, existsSync } from "node:fs";
import { ConfigError } from "../errors.js";
import type { Paths } from "./paths.js";
import { ConfigFileSchema, type ConfigFile, type StoredProfile } from "./schema.js";

export class ProfileStore {
  private constructor(
    private readonly conf: Conf<ConfigFile>,
    private data: ConfigFile,
    readonly file: string,
  ) {}

  static async open(paths: Paths): Promise<ProfileStore> {
    const { default: ConfCtor } = await import("conf");
    let conf: Conf<ConfigFile>;
    try {
      conf = new ConfCtor<ConfigFile>({
        projectName: "ticket",
        projectSuffix: "",
        cwd: paths.configDir,
        configName: "config",
        configFileMode: 0o600,
        clearInvalidConfig: false,
        watch: false,
      });
    } catch (err) {
      const reason = err instanceof SyntaxError ? `it is not valid JSON (${err.message})` : (err as Error).message;
      throw new ConfigError(`config file ${paths.configFile} cannot be read: ${reason}. Fix or remove it.`);
    }
    const parsed = ConfigFileSchema.safeParse(conf.store);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length ? issue.path.join(".") : "(top level)";
      throw new ConfigError(`config file ${paths.configFile} is invalid at ${where}: ${issue.message}. Fix or remove it.`);
    }
    return new ProfileStore(conf, parsed.data, paths.configFile);
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

  save(name: string, profile: StoredProfile, makeDefault: boolean): void {
    this.data.profiles[name] = profile;
    if (makeDefault || !this.data.defaultProfile) this.data.defaultProfile = name;
    this.flush();
  }

  setDefault(name: string): void {
    this.data.defaultProfile = name;
    this.flush();
  }

  remove(name: string): void {
    delete this.data.profiles[name];
    if (this.data.defaultProfile === name) {
      const rest = this.names();
      this.data.defaultProfile = rest.length === 1 ? rest[0] : undefined;
      if (this.data.defaultProfile === undefined) delete this.data.defaultProfile;
    }
    this.flush();
  }

  private flush(): void {
    this.conf.store = this.data;
    // conf applies the mode on create; make sure an older file is tightened too.
    if (existsSync(this.file)) chmodSync(this.file, 0o600);
  }
}
