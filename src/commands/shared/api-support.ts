/**
 * Whether `ticket api` works for a vendor, read from the provider itself (as `ticket vendors`
 * reads capabilities from the providers' declarations): the provider is built, behind the same
 * guard every command gets, for a throwaway profile with no credentials and a base URL nothing
 * listens on, and asked whether it has `request`. Nothing is sent and no folder is created: no
 * call is made on it.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redactor } from "../../http/redact.js";
import type { VendorName } from "../../model/enums.js";
import { createProviderContext, loadProvider } from "../../providers/context.js";
import { descriptorFor } from "../../providers/registry.js";

export async function apiAvailable(vendor: VendorName): Promise<boolean> {
  const d = descriptorFor(vendor);
  if (!d.available || !d.loadProvider) return false;
  // Placeholders for required settings: a factory may read them when it is built.
  const settings = Object.fromEntries(d.settings.flatMap((s) => (s.default !== undefined ? [[s.name, s.default]] : s.required ? [[s.name, s.choices?.[0] ?? "probe"]] : [])));
  const unused = join(tmpdir(), "ticket-vendors-probe-unused");
  try {
    const ctx = createProviderContext({
      profile: { name: "ticket-vendors-probe", vendor, baseUrl: "http://127.0.0.1:9/", settings },
      resolveSecret: async () => undefined,
      hasSecret: () => false,
      redactor: new Redactor(),
      verbose: false,
      dryRun: false,
      raw: false,
      log: () => {},
      now: () => new Date(),
      cacheRoot: unused,
      stateRoot: unused,
    });
    const provider = await loadProvider(ctx);
    return typeof provider.request === "function";
  } catch {
    return false;
  }
}
