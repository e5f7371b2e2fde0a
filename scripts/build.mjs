// Bundles src/ into dist/ with esbuild (issue 12 item 1): `npm run build` runs it after the typecheck.
//
// - dist/cli.cjs is what bin/ticket.js runs: one CommonJS file with the npm dependencies inside, each
//   module reached through import() (each command, provider, simulator, renderer, got, zod...)
//   wrapped to run on first import, and dist/cli-<id>.cache, V8's code cache of it, so a run
//   compiles next to nothing (scripts/build/cli-bundle.mjs says why, scripts/build/code-cache.mjs
//   how). conf and @inquirer/prompts are bundles of their own in dist/lib/, required on first use.
//   Not bundled: html-to-text, which src/render/html.ts loads synchronously with createRequire on
//   the first HTML body; it resolves from node_modules at run time.
// - dist/deps.js, dist/fs/lock.js, dist/program.js and dist/completions.js: an ES module bundle (with
//   chunks in dist/chunks/) for the tests and scripts that import those modules by path (createDeps
//   in a child process, the lock holder, scripts/gen-completions.mjs). The CLI never loads them.
// - dist/meta.json: esbuild's metafile (each output file and the src/ and node_modules inputs it holds).
// - dist/static.json: the version and every command's help text (scripts/static-answers.mjs), which
//   bin/ticket.js prints without loading the CLI.
// - Source maps are external (.map beside each file, sources not embedded); bin/ticket.js turns
//   them on for --verbose, so stack traces name src/ files and lines.
//
// Builds run while tests spawn dist/, and several builds may run at once. Nothing is written in
// place: esbuild writes into a staging folder beside dist/, files move into place by rename (chunk
// and cache names hold a hash, so a new build never changes a file an older cli.cjs uses), cli.cjs
// last. Files no build uses any more are removed once they are older than STALE_MS.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkNoDynamicImport, cliOptions, libOptions, stampBuildId } from "./build/cli-bundle.mjs";
import { trainCodeCache } from "./build/code-cache.mjs";
import { posix, root, startupCosts } from "./build/deferred.mjs";

const dist = join(root, "dist");
const STALE_MS = 15 * 60_000;
/** Staging folders are siblings of dist/ (same depth: the source maps' relative paths stay right; same disk: renames). */
const STAGING_PREFIX = ".dist-staging-";
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** Every command module (src/commands/NAME.ts) must have its loader in src/program.ts, or the bundle would lack it. */
function checkCommandLoaders() {
  const program = readFileSync(join(root, "src", "program.ts"), "utf8");
  const missing = readdirSync(join(root, "src", "commands"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .filter((name) => !program.includes(`import("./commands/${name}.js")`));
  if (missing.length) {
    const lines = missing.map((name) => `  ${JSON.stringify(name)}: () => import("./commands/${name}.js"),`).join("\n");
    throw new Error(`src/commands/ has command modules with no loader; add to COMMAND_MODULES in src/program.ts:\n${lines}`);
  }
}

/** Lets bundled CommonJS code (conf's and got's dependencies, proper-lockfile) require node's built-ins from ESM. */
const REQUIRE_BANNER = 'import { createRequire as __ticketCreateRequire } from "node:module"; const require = __ticketCreateRequire(import.meta.url);';

/**
 * `await import("proper-lockfile")` (src/fs/lock.ts): node gives a CommonJS package's named
 * exports to import(), esbuild's split chunks give only `default`. A dynamic import of a CommonJS
 * package is pointed at a small ES module that re-exports its names as well.
 */
const require = createRequire(import.meta.url);
function nearestPackageType(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) return JSON.parse(readFileSync(pj, "utf8")).type ?? "commonjs";
  }
  return "commonjs";
}
const cjsNamedExports = {
  name: "cjs-named-exports",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== "dynamic-import" || args.pluginData === "cjs-named-exports") return undefined;
      const resolved = await b.resolve(args.path, { kind: "import-statement", resolveDir: args.resolveDir, pluginData: "cjs-named-exports" });
      if (resolved.errors.length || resolved.external || !/\.c?js$/.test(resolved.path)) return undefined;
      if (!resolved.path.endsWith(".cjs") && nearestPackageType(resolved.path) === "module") return undefined;
      return { path: args.path, namespace: "cjs-named-exports", pluginData: { resolveDir: args.resolveDir, file: resolved.path } };
    });
    b.onLoad({ filter: /.*/, namespace: "cjs-named-exports" }, (args) => {
      const names = Object.keys(require(args.pluginData.file)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== "default");
      const contents = `import m from ${JSON.stringify(args.path)}; export default m; export const { ${names.join(", ")} } = m;`;
      return { contents, resolveDir: args.pluginData.resolveDir, loader: "js" };
    });
  },
};

/** The esbuild options of both bundles (scripts/import-costs.mjs bundles each library alone with them). */
export const common = {
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outbase: "src",
  entryNames: "[dir]/[name]",
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: "linked",
  sourcesContent: false,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  metafile: true,
  write: true,
  logLevel: "warning",
  banner: { js: REQUIRE_BANNER },
  // Build time, not run time: the version reads no package.json (version() in src/program.ts).
  define: { __TICKET_VERSION__: JSON.stringify(pkg.version) },
  // A synchronous require on first use (src/render/html.ts): resolved from node_modules at run time.
  external: ["html-to-text"],
  plugins: [startupCosts, cjsNamedExports],
};

/** Paths below dir, relative to it, skipping staging folders. */
function walk(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith(STAGING_PREFIX) ? [] : walk(full, base);
    return [relative(base, full)];
  });
}


async function main() {
  checkCommandLoaders();
  mkdirSync(dist, { recursive: true });
  const staging = join(root, `${STAGING_PREFIX}${process.pid}-${Date.now()}`);
  try {
    const cli = await build({ ...cliOptions(common, root), entryPoints: { cli: "src/main.ts" }, outdir: staging });
    checkNoDynamicImport(cli.metafile);
    const libs = await Promise.all(libOptions(common, root, staging).map((options) => build(options)));
    const id = stampBuildId(join(staging, "cli.cjs"));
    const support = await build({ ...common, entryPoints: ["src/deps.ts", "src/fs/lock.ts", "src/program.ts", "src/completions.ts"], outdir: staging });

    // Output paths relative to dist/ (with the .map files), and what each .js file holds.
    const files = [];
    const outputs = {};
    for (const [bundle, meta] of [["support", support.metafile], ["cli", cli.metafile], ...libs.map((l) => ["lib", l.metafile])]) {
      for (const [out, info] of Object.entries(meta.outputs)) {
        const file = posix(relative(staging, join(root, out)));
        files.push(file);
        if (file.endsWith(".map")) continue;
        outputs[file] = {
          bundle,
          ...(info.entryPoint ? { entryPoint: info.entryPoint } : {}),
          bytes: info.bytes,
          // Modules whose code is in the file (tree-shaken ones are listed with 0 bytes).
          inputs: Object.entries(info.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([input]) => input),
          imports: info.imports.filter((i) => !i.external).map((i) => ({ path: posix(relative(staging, join(root, i.path))), kind: i.kind })),
        };
      }
    }
    // Chunks and libraries first, then the other entries, cli.cjs last: an older one never sees a missing file.
    const order = (f) => (f.startsWith("chunks/") || f.startsWith("lib/") ? 0 : f === "cli.cjs" ? 3 : f === "cli.cjs.map" ? 2 : 1);
    const moves = [...new Set(files)].sort((a, b) => order(a) - order(b)).filter((f) => f !== "cli.cjs");

    for (const f of moves) {
      mkdirSync(dirname(join(dist, f)), { recursive: true });
      renameSync(join(staging, f), join(dist, f));
    }
    // Remove what no build uses any more, once no run can still be using it.
    const keep = new Set([...files, "meta.json", `cli-${id}.cache`]);
    const now = Date.now();
    for (const f of walk(dist)) {
      if (keep.has(posix(f))) continue;
      const full = join(dist, f);
      try {
        if (now - statSync(full).mtimeMs > STALE_MS) rmSync(full);
      } catch {
        // another build removed it
      }
    }
    // meta.json: this build's outputs, plus those of earlier builds whose files are still here
    // (a run of the previous main.js may be under way while a test reads it).
    const metaFile = join(dist, "meta.json");
    let previous = {};
    try {
      previous = JSON.parse(readFileSync(metaFile, "utf8")).outputs ?? {};
    } catch {
      // first build, or a tsc-era dist/
    }
    const merged = { ...Object.fromEntries(Object.entries(previous).filter(([f]) => existsSync(join(dist, f)))), ...outputs };

    const tmpMeta = join(staging, "meta.json");
    writeFileSync(tmpMeta, `${JSON.stringify({ version: pkg.version, outputs: merged })}\n`);
    renameSync(tmpMeta, metaFile);
    renameSync(join(staging, "cli.cjs"), join(dist, "cli.cjs"));
    const cache = await trainCodeCache(root, dist, staging, id);

    // Empty folders of the old layout, and staging folders a killed build left behind.
    for (const e of readdirSync(dist, { withFileTypes: true })) {
      const full = join(dist, e.name);
      try {
        if (e.isDirectory() && walk(full).length === 0) rmSync(full, { recursive: true });
      } catch {
        // in use by another build
      }
    }
    for (const e of readdirSync(root, { withFileTypes: true })) {
      const full = join(root, e.name);
      if (e.isDirectory() && e.name.startsWith(STAGING_PREFIX) && full !== staging && now - statSync(full).mtimeMs > STALE_MS) rmSync(full, { recursive: true, force: true });
    }
    // dist/static.json: the version and every help text, for bin/ticket.js's answers without the CLI.
    const answers = spawnSync(process.execPath, [join(root, "scripts", "static-answers.mjs")], { stdio: ["ignore", "ignore", "inherit"] });
    if (answers.status !== 0) throw new Error("scripts/static-answers.mjs failed");
    const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
    const cacheText = cache ? `code cache ${kb(statSync(join(dist, cache)).size)}` : "no code cache";
    console.log(`dist/cli.cjs ${kb(outputs["cli.cjs"].bytes)} (${cacheText}), ${Object.keys(outputs).filter((f) => f.startsWith("lib/")).length} libraries apart, version ${pkg.version}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    process.stderr.write(`build failed: ${err?.message ?? err}\n`);
    process.exitCode = 1;
  });
}
