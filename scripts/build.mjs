// Bundles the CLI (dependencies stay in node_modules) and the GitHub Action (one self-contained file,
// as `runs.using: node24` requires). esbuild is fast enough to run before every test run.
import { build as esbuild } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * commander requires child_process at load, only to run executable subcommands, which aep-gitops has
 * none of; Node's child_process (and net beneath it) costs ~8 ms of every start. This hands commander
 * the same spawn, loaded when (if ever) it is called.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: "lazy-child-process", namespace: "lazy" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: 'module.exports = { spawn: (...args) => require("node:child_process").spawn(...args) };',
      loader: "js",
    }));
  },
};

/**
 * The AWS SDK (the stream checks, src/aep/kinesis.ts) stays in node_modules for the CLI: ~0.8 MB more
 * for every start to read, which only a plan or apply with the account's credentials uses. Its
 * import() becomes a require() of the installed package, run when (if ever) a check runs. The Action,
 * one self-contained file, bundles it instead, evaluated only on that same import().
 */
const awsSdkInstalled = {
  name: "aws-sdk-installed",
  setup(build) {
    build.onResolve({ filter: /^(@aws-sdk\/client-kinesis|@smithy\/node-http-handler)$/ }, (args) =>
      args.kind === "dynamic-import"
        ? { path: args.path, namespace: "installed" }
        : { path: args.path, external: true },
    );
    build.onLoad({ filter: /.*/, namespace: "installed" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
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
  // Built beside dist/cli and swapped in at the end: a CLI started while a build runs (a test, a second
  // terminal) finds the old bundle or the new one, never none.
  const staging = `dist/.cli-${process.pid}`;
  rmSync(path.join(root, staging), { recursive: true, force: true });
  // The CLI is one CommonJS file: bin/aep-gitops.js hands it to V8's code cache (Node's own on 22.1 and
  // later, bin/code-cache.js on Node 20), and a cached start skips parsing and compiling it, which no
  // split into chunks can match: 60 ms → 30 ms of CPU for `validate` (bench/results.md, "Start-up").
  // The command's behaviour and the emulator are still imported dynamically, so they are
  // only evaluated when a command needs them.
  const cli = await esbuild({
    ...common,
    format: "cjs",
    metafile: true,
    entryPoints: ["src/cli/bin.ts"],
    outfile: `${staging}/index.cjs`,
    // What the sources ask of import.meta, in a CommonJS bundle: its own URL (schemas and the examples
    // are found beside it).
    define: { "import.meta.url": "__aepBundleUrl" },
    // "use strict" first, before anything else: the sources are ECMAScript modules, strict by definition,
    // and a directive anywhere but at the top of the file is no directive at all.
    banner: { js: "\"use strict\";const __aepBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // Less source for V8 to compile at every start: whitespace and syntax only, so names (and stack
    // traces through the source map) stay as written.
    minifyWhitespace: true,
    minifySyntax: true,
    // Non-ASCII characters escaped: bin/code-cache.js reads the bundle as latin1, which is faster than UTF-8.
    charset: "ascii",
    plugins: [yamlAsEsm, lazyChildProcess, awsSdkInstalled],
  });
  // No import() may run in the bundle: on Node 20 a function V8 takes from the code cache loses its
  // import callback, and every import() in it fails. Bundled modules' dynamic imports become plain
  // calls; one left for Node to resolve (a package outside the bundle, a builtin) would fail at run
  // time, so it fails the build.
  const leftForNode = Object.values(cli.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((i) => i.kind === "dynamic-import" && i.external);
  if (leftForNode.length > 0)
    throw new Error(
      `the CLI bundle would import() at run time: ${leftForNode.map((i) => i.path).join(", ")}; require() it instead`,
    );
  // The code cache's key (bin/code-cache.js): V8 checks a cache against the source's length, not its
  // content, so a rebuilt bundle of the same length must not meet the old cache.
  const bundle = readFileSync(path.join(root, staging, "index.cjs"));
  writeFileSync(
    path.join(root, staging, "index.cjs.id"),
    createHash("sha256").update(bundle).digest("hex").slice(0, 16),
  );
  const old = path.join(root, `dist/.cli-old-${process.pid}`);
  if (existsSync(path.join(root, "dist/cli"))) renameSync(path.join(root, "dist/cli"), old);
  renameSync(path.join(root, staging), path.join(root, "dist/cli"));
  rmSync(old, { recursive: true, force: true });
  if (existsSync(path.join(root, "src/action/main.ts"))) {
    await esbuild({
      ...common,
      entryPoints: ["src/action/main.ts"],
      outfile: "dist/action/index.js",
      sourcemap: false,
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build();
}
