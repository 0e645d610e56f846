#!/usr/bin/env node
// The published entry point: runs the bundled CLI, dist/cli/index.cjs (built into the tarball by the
// prepack script, and by a clone's `npm install` through postprepare: package.json, docs/releasing.md).
// CommonJS, as bin/package.json says: an ECMAScript-module entry costs ~5 ms more.
"use strict";
const path = require("node:path");
const nodeModule = require("node:module");

const bundle = path.join(__dirname, "../dist/cli/index.cjs");
if (nodeModule.enableCompileCache) {
  // Node 22.1 and later keep V8's compiled code between runs themselves (in the OS temp folder;
  // NODE_DISABLE_COMPILE_CACHE=1 turns it off).
  nodeModule.enableCompileCache();
  require(bundle);
} else {
  // Node 20: the same, by hand (bin/code-cache.js says how and where).
  require("./code-cache.js").runCached(bundle);
}
