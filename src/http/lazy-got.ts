/**
 * A got instance that loads got on its first request (issue 12 item 1): a run that only reads
 * sends its GETs through ./lean-get.ts and never needs got, whose loading is about a tenth of
 * `ticket list --json`. The instance answers the calls ticket makes of got: `client(url, options)`,
 * `client.get|post|put|patch|delete|head(url, options)` with `.json()`, `.text()` and `.buffer()`
 * on the result, and `client.extend(options)`. Anything else is a programming error, said at once.
 */
import type { Got } from "got";

type Loader = () => Promise<Got>;
type Started = ReturnType<Got>;

const METHODS = ["get", "post", "put", "patch", "delete", "head"] as const;

/** got's promise for a request started once got is loaded: awaited, the response; or its body by type. */
function later(load: Loader, start: (got: Got) => Started): Started {
  // Wrapped in an object so that awaiting `started` does not wait for the request itself.
  const started = load().then((got) => ({ request: start(got) }));
  const response = started.then(({ request }) => request) as unknown as Started & Record<string, unknown>;
  // A caller that asks for the body (.json()) never awaits the response itself: its failure is the body's.
  (response as Promise<unknown>).catch(() => {});
  for (const type of ["json", "text", "buffer"] as const) {
    response[type] = () => started.then(({ request }) => (request as unknown as Record<typeof type, () => Promise<unknown>>)[type]());
  }
  return response;
}

export function lazyGot(load: Loader): Got {
  let loading: Promise<Got> | undefined;
  const once: Loader = () => (loading ??= load());
  const client = ((url: unknown, options?: unknown) => later(once, (got) => (got as unknown as (u: unknown, o?: unknown) => Started)(url, options))) as unknown as Record<string, unknown>;
  for (const method of METHODS) {
    client[method] = (url: unknown, options?: unknown) => later(once, (got) => (got[method] as unknown as (u: unknown, o?: unknown) => Started)(url, options));
  }
  client["extend"] = (...options: unknown[]) => lazyGot(async () => (await once()).extend(...(options as Parameters<Got["extend"]>)));
  return new Proxy(client, {
    get(target, key) {
      if (key in target || typeof key === "symbol" || key === "then") return target[key as string];
      throw new Error(`ticket's lazy got client has no "${key}" (src/http/lazy-got.ts)`);
    },
  }) as unknown as Got;
}
