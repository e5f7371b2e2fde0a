// Start-up costs of libraries, taken out at bundling time (scripts/build.mjs uses the plugin below).
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root, and a path with forward slashes (scripts/build.mjs uses both too). */
export const root = fileURLToPath(new URL("../..", import.meta.url));
export const posix = (p) => p.split(sep).join("/");

/**
 * Start-up costs of libraries, taken out at bundling time (measured with scripts/import-costs.mjs
 * and a CPU profile of `ticket list --json`). Each is work a library does when it is loaded that
 * a run may never need; here it is done on first use instead, with the same objects and results:
 * - string-width and wrap-ansi each build an Intl.Segmenter (the first one loads ICU's
 *   break-iterator data), and string-width holds a /\p{RGI_Emoji}/v literal, which V8 checks when
 *   it parses the file by building that set of emoji strings. `list --json` measures no string.
 * - got loads http2-wrapper (and with it node's http2) for its http2 option, which ticket leaves
 *   off; and http2-wrapper, once loaded, creates a TLS socket to reach node's JSStreamSocket class,
 *   and with it a TLS context: node's root certificates. @sindresorhus/is (got's) builds two
 *   Intl.ListFormat for the text of a failed assertion.
 * - zod's classic API re-exports every locale (half of zod's bytes) as z.locales; ticket uses only
 *   the English messages zod registers itself, so z.locales holds just `en`.
 * A text not found (a new version of the library) is a build warning, and that file is bundled as is.
 */
const DEFERRED = [
  {
    files: ["string-width/index.js", "wrap-ansi/index.js"],
    find: "const segmenter = new Intl.Segmenter();",
    replace: "let lazySegmenter; const segmenter = { segment: (text) => (lazySegmenter ??= new Intl.Segmenter()).segment(text) };",
  },
  {
    files: ["string-width/index.js"],
    find: String.raw`const rgiEmojiRegex = /^\p{RGI_Emoji}$/v;`,
    replace: String.raw`let lazyRgiEmoji; const rgiEmojiRegex = { test: (text) => (lazyRgiEmoji ??= new RegExp("^\\p{RGI_Emoji}$", "v")).test(text) };`,
  },
  {
    // got uses http2-wrapper only with its `http2` option (options.js: http2wrapper.globalAgent and
    // http2wrapper.auto), which ticket leaves off: loading it (and node's http2) waits for that.
    files: ["got/dist/source/core/options.js"],
    find: "import http2wrapper from 'http2-wrapper';",
    replace: "const http2wrapper = { get globalAgent() { return require('http2-wrapper').globalAgent; }, get auto() { return require('http2-wrapper').auto; } };",
  },
  {
    // @sindresorhus/is (got's) builds two Intl.ListFormat for the text of a failed assertion.
    files: ["@sindresorhus/is/distribution/index.js"],
    find: "const andFormatter = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });\nconst orFormatter = new Intl.ListFormat('en', { style: 'long', type: 'disjunction' });",
    replace:
      "let lazyAnd, lazyOr; const andFormatter = { format: (list) => (lazyAnd ??= new Intl.ListFormat('en', { style: 'long', type: 'conjunction' })).format(list) }; const orFormatter = { format: (list) => (lazyOr ??= new Intl.ListFormat('en', { style: 'long', type: 'disjunction' })).format(list) };",
  },
  {
    // Used only as `new JSStreamSocket(stream)` (proxies/h1-over-h2.js, h2-over-hx.js).
    files: ["http2-wrapper/source/utils/js-stream-socket.js"],
    find: "const JSStreamSocket = (new tls.TLSSocket(new stream.PassThrough()))._handle._parentWrap.constructor;",
    replace:
      "let lazyJSStreamSocket; function JSStreamSocket(...args) { lazyJSStreamSocket ??= (new tls.TLSSocket(new stream.PassThrough()))._handle._parentWrap.constructor; return new lazyJSStreamSocket(...args); }",
  },
  {
    // got's cache option (cacheable-request, with keyv, normalize-url, http-cache-semantics and
    // node's crypto), which ticket never sets: loaded on the first request that sets it.
    files: ["got/dist/source/core/index.js"],
    find: "import CacheableRequest, { CacheError as CacheableCacheError, } from 'cacheable-request';",
    replace: "let lazyCacheable; const loadCacheableRequest = () => (lazyCacheable ??= require('cacheable-request'));",
  },
  {
    files: ["got/dist/source/core/index.js"],
    find: "const cacheableRequest = new CacheableRequest(",
    replace: "const cacheableRequest = new (loadCacheableRequest().default)(",
  },
  {
    // Nothing can be a CacheError of a library that was never loaded.
    files: ["got/dist/source/core/index.js"],
    find: "if (error instanceof CacheableCacheError) {",
    replace: "if (lazyCacheable !== undefined && error instanceof lazyCacheable.CacheError) {",
  },
  {
    // got's dnsCache option (cacheable-lookup, with node's dns), which ticket never sets.
    files: ["got/dist/source/core/options.js"],
    find: "import CacheableLookup from 'cacheable-lookup';",
    replace: "const CacheableLookup = function (...args) { return new (require('cacheable-lookup').default)(...args); };",
  },
  {
    // node's tls and https, for https URLs only (options.js: https.request, and tls.checkServerIdentity
    // as the default of its https option): loaded by the first https request. A loopback simulator is http.
    files: ["got/dist/source/core/options.js"],
    find: "import { checkServerIdentity } from 'node:tls';",
    replace: "const checkServerIdentity = (...args) => require('node:tls').checkServerIdentity(...args);",
  },
  {
    files: ["got/dist/source/core/options.js"],
    find: "import https from 'node:https';",
    replace: "const https = { get request() { return require('node:https').request; } };",
  },
  {
    // node's zlib, for compressed answers only: loaded by the first one.
    files: ["decompress-response/index.js"],
    find: "import zlib from 'node:zlib';",
    replace:
      "let lazyZlib; const loadZlib = () => (lazyZlib ??= require('node:zlib')); const zlib = { createZstdDecompress: (...a) => loadZlib().createZstdDecompress(...a), createBrotliDecompress: (...a) => loadZlib().createBrotliDecompress(...a), createInflateRaw: (...a) => loadZlib().createInflateRaw(...a), createUnzip: (...a) => loadZlib().createUnzip(...a) };",
  },
  {
    files: ["decompress-response/index.js"],
    find: "const supportsZstd = typeof zlib.createZstdDecompress === 'function';",
    replace: "const supportsZstd = () => typeof loadZlib().createZstdDecompress === 'function';",
  },
  {
    // Asked only of a zstd answer, so that an uncompressed one loads no zlib.
    files: ["decompress-response/index.js"],
    find: "if (supportsZstd) {",
    replace: "if (contentEncoding === 'zstd' && supportsZstd()) {",
  },
  {
    // commander spawns only for executable subcommands, which ticket has none of.
    files: ["commander/lib/command.js"],
    find: "const childProcess = require('node:child_process');",
    replace: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  },
];
const DEFERRED_FILES = [...new Set(DEFERRED.flatMap((d) => d.files))];
export const startupCosts = {
  name: "startup-costs",
  setup(b) {
    const escaped = DEFERRED_FILES.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\//g, "[\\\\/]")).join("|");
    b.onLoad({ filter: new RegExp(`[\\\\/]node_modules[\\\\/](${escaped})$`) }, (args) => {
      // Our own copies (node_modules/NAME/...); older ones nested under other packages (@inquirer's) do neither.
      const file = DEFERRED_FILES.find((f) => posix(relative(join(root, "node_modules"), args.path)) === f);
      if (!file) return undefined;
      let text = readFileSync(args.path, "utf8");
      const warnings = [];
      for (const d of DEFERRED.filter((x) => x.files.includes(file))) {
        if (text.includes(d.find)) text = text.replace(d.find, d.replace);
        else warnings.push({ text: `${args.path}: no "${d.find}" to defer (scripts/build.mjs)` });
      }
      return { contents: text, loader: "js", warnings };
    });
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "ticket-stub", pluginData: args.resolveDir } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "ticket-stub" }, (args) => ({ contents: 'export { default as en } from "../locales/en.js";', resolveDir: args.pluginData, loader: "js" }));
  },
};

