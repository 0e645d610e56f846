// The bundle's entry point (bin/aep-gitops.js runs dist/cli/index.cjs): the only place that reads process.*.
import { runCli } from "./main.js";

// Node's process.env is a live view of the C++ environment: every read crosses into C++. The yaml
// parser reads process.env.LOG_TOKENS once per token, a large part of `validate`'s time on a large
// repository (bench/validate-results.md). A plain snapshot serves the same values faster; nothing in
// aep-gitops sets environment variables for itself.
process.env = { ...process.env };

// `aep-gitops plan | head`: a reader that stops reading is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });

// No top-level await: the bundle is CommonJS (scripts/build.mjs says why). runCli settles every error
// through the boundary, so the promise only ever resolves, to the exit code.
void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  // Read when a command asks (apply's consent prompt): Node builds the stdin stream on first access,
  // a cost at every start that most commands never use (bench/results.md, "Start-up, paired").
  get stdin() {
    return process.stdin;
  },
  // Listened to only while apply writes (src/app/interrupt.ts); otherwise the defaults stand.
  signals: process,
  exit: (code) => process.exit(code),
}).then((code) => {
  process.exitCode = code;
});
