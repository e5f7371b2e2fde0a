// The CLI bundle (issue 12 item 1): dist/cli.cjs, what bin/ticket.js runs, with its V8 code cache.
//
// Why one CommonJS file and not ES module chunks: node 20 compiles every ES module from its source
// on every run (a `ticket list --json` spent 21 ms of its 110 in compileSourceTextModule, and more
// compiling functions as they were first called), and it has no code cache for ES modules. A
// CommonJS file can be compiled by vm.Script with V8's code cache (bin/ticket.js), which skips
// that work. Lazy loading stays: esbuild wraps every module reached through import() in an init
// function that runs on first import, so `--help` still runs no provider, got or zod; only the
// text of the file is read and deserialized.
//
// Two libraries that only writes and prompts use, and that are most of the bytes, are bundles of
// their own beside it, required on first use: dist/lib/conf.cjs (conf with ajv; the config file is
// read without it, src/config/store.ts) and dist/lib/inquirer.cjs (@inquirer/prompts, with
// iconv-lite for its editor). html-to-text stays in node_modules (src/render/html.ts).
//
// The first line of dist/cli.cjs is `// ticket build <id>`, the id a hash of the rest; its code
// cache is dist/cli-<id>.cache. V8 checks a cache only against the length of its source, so a cache
// must never be read for another build of the same length: the id in the name sees to that.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Placeholder the id replaces after the build; same length, so the source map's lines and columns hold. */
const ID_LENGTH = 16;
const ID_PLACEHOLDER = "0".repeat(ID_LENGTH);
export const BUILD_LINE = `// ticket build ${ID_PLACEHOLDER}`;
export const BUILD_ID = /^\/\/ ticket build ([0-9a-f]{16})\n/;

/**
 * The libraries with a bundle of their own, by the name the sources import: the file, its entry
 * (what the bundle exports) and the module standing for it in dist/cli.cjs. conf's stand-in is an
 * ES module so that `(await import("conf")).default` is the class, as from the package.
 */
export const LIBS = {
  conf: { file: "lib/conf.cjs", entry: `export { default } from "conf";`, standIn: `const lib = require("./lib/conf.cjs"); export default lib.default;` },
  "@inquirer/prompts": { file: "lib/inquirer.cjs", entry: `export * from "@inquirer/prompts";`, standIn: `module.exports = require("./lib/inquirer.cjs");` },
};

/**
 * `import("conf")` in the CLI becomes a require of dist/lib/conf.cjs (relative to dist/cli.cjs): a
 * one-line CommonJS module stands for the library, so no import() is left in the bundle (vm.Script
 * has no loader for one).
 */
const libsApart = {
  name: "libs-apart",
  setup(b) {
    const names = Object.keys(LIBS).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
    b.onResolve({ filter: new RegExp(`^(${names.join("|")})$`) }, (args) => ({ path: args.path, namespace: "lib-apart" }));
    b.onLoad({ filter: /.*/, namespace: "lib-apart" }, (args) => ({ contents: LIBS[args.path].standIn, loader: "js" }));
    b.onResolve({ filter: /^\.\/lib\//, namespace: "lib-apart" }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * `import.meta.url` in a source module (3 of them: a package.json, a completion script, a
 * createRequire) means the URL the module had unbundled: dist/<path>.js. In one CommonJS file it
 * is computed from the file's folder and the module's path, so relative URLs keep their meaning.
 */
function importMetaUrl(root) {
  return {
    name: "import-meta-url",
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta.url")) return undefined;
        const unbundled = relative(join(root, "src"), args.path).split("\\").join("/").replace(/\.ts$/, ".js");
        const url = `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${JSON.stringify(unbundled)})).href`;
        return { contents: text.replaceAll("import.meta.url", url), loader: "ts" };
      });
    },
  };
}

/** The esbuild options of dist/cli.cjs, from the ES module options of the other bundles. */
export function cliOptions(common, root) {
  const { splitting: _s, chunkNames: _c, entryNames: _e, outbase: _o, banner: _b, plugins, ...rest } = common;
  return {
    ...rest,
    format: "cjs",
    banner: { js: BUILD_LINE },
    entryNames: "[name]",
    outExtension: { ".js": ".cjs" },
    plugins: [importMetaUrl(root), libsApart, ...plugins],
  };
}

/** The options of each library's own bundle. */
export function libOptions(common, root, outdir) {
  return Object.values(LIBS).map(({ file, entry }) => {
    const { splitting: _s, chunkNames: _c, entryNames: _e, outbase: _o, banner: _b, outdir: _d, ...rest } = common;
    return {
      ...rest,
      format: "cjs",
      banner: {},
      sourcemap: false,
      stdin: { contents: entry, resolveDir: root, loader: "js" },
      outfile: join(outdir, file),
    };
  });
}

/** Writes the build id into dist/cli.cjs (in the staging folder) and returns it. */
export function stampBuildId(file) {
  const text = readFileSync(file, "utf8");
  if (!text.startsWith(BUILD_LINE)) throw new Error(`${file} does not start with "${BUILD_LINE}"`);
  // bin/ticket.js reads the bundle as latin1, which is exact only for ASCII (esbuild's default charset).
  const wide = /[^\x00-\x7f]/.exec(text);
  if (wide) throw new Error(`${file} has a non-ASCII character at offset ${wide.index}: bin/ticket.js reads it as latin1; keep esbuild's charset "ascii"`);
  const id = createHash("sha256").update(text).digest("hex").slice(0, ID_LENGTH);
  writeFileSync(file, text.replace(ID_PLACEHOLDER, id));
  return id;
}

/** vm.Script, which runs dist/cli.cjs, has no loader for import(): a library only import() can load must be a bundle apart. */
export function checkNoDynamicImport(metafile) {
  const left = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === "dynamic-import").map((i) => i.path));
  if (left.length) throw new Error(`dist/cli.cjs would import() ${left.join(", ")} at run time; add it to LIBS in scripts/build/cli-bundle.mjs`);
}
