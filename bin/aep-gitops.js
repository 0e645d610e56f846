#!/usr/bin/env node
// The published entry point: runs the bundled CLI (built by `npm install` through the prepare script).
import "../dist/cli/index.js";
