// Bundles the CLI (dependencies stay in node_modules) and the GitHub Action (one self-contained file,
// as `runs.using: node24` requires). esbuild is fast enough to run before every test run.
import { build as esbuild } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

const HANDLERS = "src/cli/handlers/";

/** The CLI's build options, common to both files. */
function cliOptions(rest) {
  return {
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    logLevel: "warning",
    absWorkingDir: root,
    sourcemap: "linked",
    metafile: true,
    // What the sources ask of import.meta, in a CommonJS bundle: its own URL (schemas and the examples
    // are found beside it), made when first asked (pathToFileURL costs every start ~1 ms otherwise).
    define: { "import.meta.url": "__aepBundle.url" },
    // "use strict" first, before anything else: the sources are ECMAScript modules, strict by definition,
    // and a directive anywhere but at the top of the file is no directive at all.
    banner: {
      js: `"use strict";const __aepBundle={get url(){return require("node:url").pathToFileURL(__filename).href}};${rest}`,
    },
    // Less source for V8 to compile at every start: whitespace and syntax only, so names (and stack
    // traces through the source map) stay as written.
    minifyWhitespace: true,
    minifySyntax: true,
    // Non-ASCII characters escaped: bin/code-cache.js reads the bundles as latin1, which is faster than UTF-8.
    charset: "ascii",
  };
}

/** A path esbuild resolved, as the metafile names inputs: relative to the root, with forward slashes. */
const inputName = (file) => path.relative(root, file).split(path.sep).join("/");

/**
 * index.cjs: the command line, each handler's import() turned into a require() of handlers.cjs, run
 * the first time a command runs. Every module index.cjs holds is handed to handlers.cjs through
 * `shared` (one instance of each: an AppError thrown by a handler is the boundary's AppError).
 */
function entryPlugin(shared) {
  return {
    name: "handlers-apart",
    setup(build) {
      build.onResolve({ filter: /\/handlers\// }, (args) => {
        if (args.kind !== "dynamic-import") return undefined;
        const file = inputName(path.resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")));
        return file.startsWith(HANDLERS) ? { path: file, namespace: "handler" } : undefined;
      });
      build.onResolve({ filter: /^aep:shared$/ }, () => ({ path: "shared", namespace: "aep" }));
      build.onResolve({ filter: /^\.\/handlers\.cjs$/ }, () => ({ path: "./handlers.cjs", external: true }));
      build.onLoad({ filter: /.*/, namespace: "handler" }, (args) => ({
        contents: `module.exports = require("./handlers.cjs").open(require("aep:shared"))[${JSON.stringify(args.path)}]();`,
        loader: "js",
        resolveDir: root,
      }));
      build.onLoad({ filter: /.*/, namespace: "aep" }, () => ({
        contents: `module.exports = {${[...shared].map((f) => `${JSON.stringify(f)}: () => require(${JSON.stringify(`./${f}`)})`).join(",")}};`,
        loader: "js",
        resolveDir: root,
      }));
    },
  };
}

/** handlers.cjs: every handler, and what they import but index.cjs holds taken from index.cjs. */
function restPlugin(shared) {
  return {
    name: "from-the-entry",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.inner || args.kind === "entry-point" || args.namespace !== "file") return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { inner: true },
        });
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== "file") return undefined;
        const file = inputName(resolved.path);
        return shared.has(file) ? { path: file, namespace: "shared" } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: "shared" }, (args) => ({
        contents: `module.exports = __aepShared[${JSON.stringify(args.path)}]();`,
        loader: "js",
      }));
    },
  };
}

async function cliBundles(staging) {
  const handlers = readdirSync(path.join(root, HANDLERS))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${HANDLERS}${f}`);
  // The entry's modules are known once it is built, and handing them over keeps all their exports:
  // built again until the set stands still.
  let shared = new Set();
  let entry;
  for (;;) {
    entry = await esbuild({
      ...cliOptions(""),
      entryPoints: ["src/cli/bin.ts"],
      outfile: `${staging}/index.cjs`,
      plugins: [entryPlugin(shared), yamlAsEsm, lazyChildProcess, awsSdkInstalled],
    });
    const inputs = new Set(Object.keys(entry.metafile.inputs).filter((f) => !f.includes(":")));
    if (inputs.size === shared.size && [...inputs].every((f) => shared.has(f))) break;
    shared = inputs;
  }
  const rest = await esbuild({
    ...cliOptions("let __aepShared;"),
    stdin: {
      contents: `export function open(shared) { __aepShared = shared; return {${handlers
        .map((f) => `${JSON.stringify(f)}: () => require(${JSON.stringify(`./${f}`)})`)
        .join(",")}}; }`,
      resolveDir: root,
      sourcefile: "handlers.cjs",
      loader: "js",
    },
    outfile: `${staging}/handlers.cjs`,
    plugins: [restPlugin(shared), yamlAsEsm, lazyChildProcess, awsSdkInstalled],
  });
  // No import() may run in the bundles: on Node 20 a function V8 takes from the code cache loses its
  // import callback, and every import() in it fails. Bundled modules' dynamic imports become plain
  // calls; one left for Node to resolve (a package outside the bundle, a builtin) would fail at run
  // time, so it fails the build.
  const leftForNode = [entry, rest]
    .flatMap((b) => Object.values(b.metafile.outputs))
    .flatMap((output) => output.imports)
    .filter((i) => i.kind === "dynamic-import" && i.external);
  if (leftForNode.length > 0)
    throw new Error(
      `the CLI bundle would import() at run time: ${leftForNode.map((i) => i.path).join(", ")}; require() it instead`,
    );
  // The code cache's key (bin/code-cache.js): V8 checks a cache against the source's length, not its
  // content, so a rebuilt bundle of the same length must not meet the old cache. One key for both.
  const hash = createHash("sha256");
  for (const file of ["index.cjs", "handlers.cjs"]) hash.update(readFileSync(path.join(root, staging, file)));
  writeFileSync(path.join(root, staging, "index.cjs.id"), hash.digest("hex").slice(0, 16));
}

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
  // The CLI is two CommonJS files: bin/aep-gitops.js hands them to V8's code cache (Node's own on 22.1
  // and later, bin/code-cache.js on Node 20), and a cached start skips parsing and compiling them, which
  // no split into ESM chunks can match: 60 ms → 30 ms of CPU for `validate` (bench/results.md,
  // "Start-up"). index.cjs is the command line (the command table, commander, the boundary, the
  // output); handlers.cjs is every command's handler and all it imports, required the first time a
  // command runs (cliBundles says how), so `--version`, help, completion and usage errors never read it.
  await cliBundles(staging);
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
