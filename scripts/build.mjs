// Bundles the CLI (dependencies stay in node_modules) and the GitHub Action (one self-contained file,
// as `runs.using: node24` requires). esbuild is fast enough to run before every test run.
import { build as esbuild } from "esbuild";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * `yaml` as its ECMAScript-module build (the one its package serves to browsers, free of Node APIs):
 * the bundler can then drop what aep-gitops never calls, and no CommonJS wrapper runs at start-up.
 */
const yamlAsEsm = {
  name: "yaml-as-esm",
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: path.join(root, "node_modules/yaml/browser/index.js") }));
  },
};

export async function build() {
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    sourcemap: "linked",
    logLevel: "warning",
    absWorkingDir: root,
    // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  };
  // Split at every dynamic import (each command's behaviour, the emulator, cosmiconfig…), so a process
  // loads the code of the command it runs and nothing else.
  rmSync(path.join(root, "dist/cli"), { recursive: true, force: true });
  await esbuild({
    ...common,
    // The reading worker is an entry of its own (dist/cli/read-worker.js): src/config/read-worker-start.ts
    // looks for it there, and it shares yaml and the checks' chunks with the commands.
    entryPoints: { index: "src/cli/bin.ts", "read-worker": "src/config/read-worker.ts" },
    outdir: "dist/cli",
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    // Less source for V8 to compile at every start: whitespace and syntax only, so names (and stack
    // traces through the source map) stay as written.
    minifyWhitespace: true,
    minifySyntax: true,
    external: ["typescript"],
    plugins: [yamlAsEsm],
  });
  if (existsSync(path.join(root, "src/action/main.ts"))) {
    // cosmiconfig can load TypeScript configs, which drags all of `typescript` (10 MB) into the bundle;
    // aep-gitops never searches for a .ts config, so that require() is never reached.
    await esbuild({
      ...common,
      entryPoints: ["src/action/main.ts"],
      outfile: "dist/action/index.js",
      sourcemap: false,
      external: ["typescript"],
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build();
}
