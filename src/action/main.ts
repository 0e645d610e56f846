// Entry point of the bundled Action (dist/action/index.js, `runs.using: node24`): GitHub runs this
// file with the step's inputs and the runner's facts in the environment.
import { runAction } from "./run-action.js";

// A plain snapshot of the environment: see src/cli/bin.ts (the yaml parser reads it once per token).
process.env = { ...process.env };
const code = await runAction({
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  // A cancelled job: the runner sends SIGINT, then SIGTERM (src/app/interrupt.ts).
  signals: process,
  exit: (code) => process.exit(code),
});
process.exitCode = code;
// Lingering sockets or timers of an HTTP client must not keep a finished job running; unref'd, this
// timer does not delay a process that is done already.
setTimeout(() => process.exit(code), 2_000).unref();
