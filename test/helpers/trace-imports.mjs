// Loaded with `node --import`: records every module URL the process resolves into $TRACE_FILE.
//
// The CLI runs from a bundle (scripts/build.mjs): its module URLs are chunk files (dist/main.js,
// dist/chunks/list-HASH.js) that each hold many source modules. So each loaded file of dist/ is
// also written out as the modules it holds, read from dist/meta.json (esbuild's metafile):
// src/commands/list.ts as <dist>/commands/list.js (the path it had before bundling), an npm
// module as <root>/node_modules/got/... . A test can then ask "was got loaded?" or "was the
// comm100 provider loaded?" of a bundled run the same way as of an unbundled one.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync, readFileSync } from "node:fs";
    import { fileURLToPath, pathToFileURL } from "node:url";

    const metas = new Map();
    function outputsOf(distDir, fresh) {
      if (fresh || !metas.has(distDir)) {
        try {
          metas.set(distDir, JSON.parse(readFileSync(distDir + "meta.json", "utf8")).outputs ?? {});
        } catch {
          metas.set(distDir, {});
        }
      }
      return metas.get(distDir);
    }

    /** The source modules a bundled file holds, as URLs; [] for anything else. */
    function heldBy(url) {
      if (!url.startsWith("file:")) return [];
      const path = fileURLToPath(url);
      const at = path.lastIndexOf("/dist/");
      if (at < 0) return [];
      const root = path.slice(0, at + 1);
      const distDir = root + "dist/";
      const file = path.slice(distDir.length);
      const info = outputsOf(distDir, false)[file] ?? outputsOf(distDir, true)[file];
      if (!info) return [];
      return info.inputs.map((input) =>
        pathToFileURL(input.startsWith("src/") ? distDir + input.slice(4).replace(/\\.ts$/, ".js") : root + input).href,
      );
    }

    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      if (process.env.TRACE_FILE) appendFileSync(process.env.TRACE_FILE, [result.url, ...heldBy(result.url)].map((u) => u + "\\n").join(""));
      return result;
    }
  `)}`,
);
