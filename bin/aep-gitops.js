#!/usr/bin/env node
// The published entry point: runs the bundled CLI (built by `npm install` through the prepare script).
import module from "node:module";

// Node 22.1 and later keep V8's compiled code between runs (in the OS temp folder; NODE_DISABLE_COMPILE_CACHE=1
// turns it off): about 15 ms of every start. Node 20 has no such cache, and this is then a no-op.
module.enableCompileCache?.();
await import("../dist/cli/index.js");
