// `aep-gitops emulator`: runs the local Flow Service + IMS emulator until SIGINT/SIGTERM.
// The first stdout line is exactly `aep-gitops emulator listening on <url>` (other tools wait for it).
import path from "node:path";
import type { CommandSpec } from "../command.js";
import type { EmulatorConfig } from "../../emulator/index.js";

export const emulatorCommand: CommandSpec = {
  name: "emulator",
  summary: "run the local Flow Service emulator",
  description: `Runs a local emulator of Adobe's Flow Service, IMS, Audiences, Sandbox Management and Schema Registry APIs
until SIGINT or SIGTERM. The first line on stdout is 'aep-gitops emulator listening on <url>'.
Default clients: demo-client / demo-secret, ui-editor / ui-secret (edits stamped as Adobe's UI).
See docs/emulator.md.`,
  options: [
    "port",
    { name: "host", description: "interface to bind (default 127.0.0.1)" },
    "state",
    {
      name: "config",
      description: "a JSON or YAML emulator config (org, sandboxes, clients, faults, …; docs/emulator.md)",
    },
  ],
  exitCodes: [
    [0, "stopped by SIGINT or SIGTERM"],
    [1, "it could not start (bad option, port in use, invalid config)"],
  ],
  env: [],
  nature: "is a local stand-in for Adobe, not a client of it",
  run: async (_args, values, io) => {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr.write(`aep-gitops emulator: --port must be an integer 0..65535, got '${values.port}'\n`);
      return 1;
    }
    // Loaded only here: no other command pays for the emulator's code at start-up.
    const { loadConfigFile, startEmulator } = await import("../../emulator/index.js");
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
  },
};
