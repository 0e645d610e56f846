// `aep-gitops emulator`: runs the local Flow Service + IMS emulator until SIGINT/SIGTERM.
// The first stdout line is exactly `aep-gitops emulator listening on <url>` (other tools wait for it).
import path from "node:path";
import { parseArgs } from "node:util";
import type { Command } from "../command.js";
import { loadConfigFile, startEmulator, type EmulatorConfig } from "../../emulator/index.js";

const HELP = `usage: aep-gitops emulator [--port N] [--host 127.0.0.1] [--state FILE] [--config FILE]

Runs a local emulator of Adobe's Flow Service, IMS and segment definitions APIs.

options:
  --port N        port to listen on; 0 (default) picks a free port
  --host HOST     interface to bind (default 127.0.0.1)
  --state FILE    load the store from FILE at start and save it after every change
  --config FILE   JSON or YAML emulator config (org, sandboxes, clients, faults, …)

Default clients: demo-client / demo-secret, ui-editor / ui-secret (edits stamped as Adobe's UI).
Stop with Ctrl-C (SIGINT) or SIGTERM. See docs/emulator.md.
`;

export const emulatorCommand: Command = async (argv, io) => {
  let values: { port?: string; host?: string; state?: string; config?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        state: { type: "string" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`aep-gitops emulator: ${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`aep-gitops emulator: --port must be an integer 0..65535, got '${values.port}'\n`);
    return 1;
  }
  let config: Partial<EmulatorConfig> = {};
  let running: Awaited<ReturnType<typeof startEmulator>>;
  try {
    if (values.config) config = await loadConfigFile(path.resolve(io.cwd, values.config));
    running = await startEmulator({
      port,
      host: values.host ?? "127.0.0.1",
      statePath: values.state ? path.resolve(io.cwd, values.state) : undefined,
      config,
    });
  } catch (error) {
    io.stderr.write(`aep-gitops emulator: ${(error as Error).message}\n`);
    return 1;
  }
  // Signals are the one thing CliContext does not carry; a long-running server has to listen for them.
  // The handlers go in before the first line is printed: a caller may signal as soon as it reads it.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  io.stdout.write(`aep-gitops emulator listening on ${running.url}\n`);
  await stopped;
  await running.close();
  io.stderr.write("aep-gitops emulator stopped\n");
  return 0;
};
