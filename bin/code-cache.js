// V8's code cache for the CLI bundle on Node 20, which has no compile cache of its own
// (module.enableCompileCache came in Node 22.1). Without one, V8 parses the bundle (1.3 MB: index.cjs,
// and handlers.cjs, which index.cjs requires when a command runs) and compiles
// every function it calls at every start: about half of what `aep-gitops validate` costs. With one, it
// deserializes the bytecode the last run left (bench/results.md, "Start-up").
//
// What it keeps, and where:
// - one cache file per command (`validate`, `plan`, …; everything else shares one), written after a
//   run that exited 0 and found no cache (or one V8 refused), so the cache holds the functions that
//   command really runs, and a failed or interrupted run leaves nothing; one part in it for each of the
//   bundle's files the command ran;
// - in `<os temp>/aep-gitops-code-cache-<uid>`, a folder of the user's own (mode 0700, checked before
//   use: bytecode read from a folder someone else can write to would run as their code);
// - keyed by the bundle's content hash (dist/cli/index.cjs.id, written by the build: V8 itself checks
//   only the source's length), Node's version and the CPU; other builds' caches (another install, an
//   older version) are left alone for a week, so two installs used in turn do not undo each other's,
//   and removed after that when a new cache is written;
// - NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off.
// Any failure here only costs the cache: the CLI then runs as a plain require() would run it.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const nodeModule = require("node:module");
const { Buffer } = require("node:buffer");

/**
 * `<os temp>/<name>-<uid>`, made if missing, or an error saying why it may not be used: it must be a
 * folder (not a link) of this user's own that no one else can write to. Also the folder of
 * `validate --cache` (src/app/check-cache-file.ts), so both caches are kept by one rule.
 */
function privateFolder(name) {
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  const dir = path.join(os.tmpdir(), `${name}-${uid ?? "user"}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)))
    throw new Error(`${dir} is not a folder of this user's own`);
  return dir;
}
exports.privateFolder = privateFolder;

/** The run's cache file, or undefined when there is no safe place for one (or an error: the same). */
function cacheFile(bundle) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const dir = privateFolder("aep-gitops-code-cache");
  const id = fs.readFileSync(`${bundle}.id`, "utf8").trim();
  if (!/^[0-9a-f]{16}$/.test(id)) return undefined;
  const command = /^[a-z]{1,20}$/.test(process.argv[2] ?? "") ? process.argv[2] : "other";
  return path.join(dir, `${id}-${process.version}-${process.arch}-${command}.v8`);
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The cache file holds one part per file of the bundle run (index.cjs, and handlers.cjs once a command
 * ran): its name, then V8's data, each after its length. Anything else (a torn or foreign file) is no
 * cache at all.
 */
function parse(data) {
  const parts = new Map();
  let at = 0;
  while (at < data.length) {
    if (at + 6 > data.length) return new Map();
    const nameLength = data.readUInt16LE(at);
    const dataLength = data.readUInt32LE(at + 2);
    at += 6;
    if (nameLength > 64 || at + nameLength + dataLength > data.length) return new Map();
    parts.set(
      data.toString("latin1", at, at + nameLength),
      data.subarray(at + nameLength, at + nameLength + dataLength),
    );
    at += nameLength + dataLength;
  }
  return parts;
}

function serialize(parts) {
  const chunks = [];
  for (const [name, data] of parts) {
    const head = Buffer.alloc(6);
    head.writeUInt16LE(name.length, 0);
    head.writeUInt32LE(data.length, 2);
    chunks.push(head, Buffer.from(name, "latin1"), data);
  }
  return Buffer.concat(chunks);
}

/** Written whole or not at all (parallel runs may race to write the same file), then old builds' go. */
function save(file, parts) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, serialize(parts), { mode: 0o600 });
    fs.renameSync(temporary, file);
    const id = path.basename(file).split("-")[0];
    for (const name of fs.readdirSync(path.dirname(file))) {
      const other = path.join(path.dirname(file), name);
      if (name.endsWith(".v8") && !name.startsWith(`${id}-`) && fs.statSync(other).mtimeMs < Date.now() - WEEK_MS)
        fs.rmSync(other, { force: true });
    }
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

exports.runCached = function runCached(bundle) {
  // Dynamic import() from a vm.Script needs this loader option (Node 20.?+); without it, no cache.
  const mainLoader = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  let file;
  let cached = new Map();
  try {
    file = mainLoader ? cacheFile(bundle) : undefined;
    if (file && fs.existsSync(file)) cached = parse(fs.readFileSync(file));
  } catch {
    file = undefined;
  }
  if (!file) return require(bundle);
  const folder = path.dirname(bundle);
  const scripts = new Map();
  const loaded = new Map();
  let stale = false;
  // The bundle's own require(): a file of the bundle's folder (`./handlers.cjs`) is run like the bundle,
  // with its part of the cache; anything else is Node's.
  const nodeRequire = nodeModule.createRequire(bundle);
  const bundleRequire = Object.assign(
    (id) => (/^\.\/[\w-]+\.cjs$/.test(id) ? run(path.join(folder, id)) : nodeRequire(id)),
    nodeRequire,
  );
  function run(source) {
    const name = path.basename(source);
    if (loaded.has(name)) return loaded.get(name).exports;
    const cachedData = cached.get(name);
    // latin1: the bundle is ASCII (the build's charset), and decoding it as such is a third of the cost.
    const script = new vm.Script(nodeModule.wrap(fs.readFileSync(source, "latin1")), {
      filename: source,
      cachedData,
      importModuleDynamically: mainLoader,
    });
    if (!cachedData || script.cachedDataRejected) stale = true;
    scripts.set(name, script);
    // What Node's CommonJS loader hands a module: exports, require, module, __filename, __dirname.
    const module = { exports: {}, filename: source, id: source, loaded: false };
    loaded.set(name, module);
    script.runInThisContext()(module.exports, bundleRequire, module, source, folder);
    module.loaded = true;
    return module.exports;
  }
  process.once("exit", (code) => {
    if (code !== 0 || !stale) return;
    const parts = new Map(cached);
    for (const [name, script] of scripts) parts.set(name, script.createCachedData());
    save(file, parts);
  });
  run(bundle);
};
