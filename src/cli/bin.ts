// The bundle's entry point (bin/aep-gitops.js imports dist/cli.js): the only place that reads process.*.
import { runCli } from "./main.js";

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
