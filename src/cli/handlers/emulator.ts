// What `aep-gitops emulator` does (its declaration: commands/emulator.ts).
import { statSync } from "node:fs";
import path from "node:path";
import type { EmulatorConfig } from "../../emulator/index.js";
import { AppError } from "../../errors.js";
import type { CommandSpec } from "../command.js";

export const handle: CommandSpec["handle"] = async (_args, values, io) => {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`aep-gitops emulator: --port must be an integer 0..65535, got '${values.port}'\n`);
    return 1;
  }
  if (values.config) expectFile("--config", values.config, io.cwd, { mustExist: true });
  if (values.state) expectFile("--state", values.state, io.cwd, { mustExist: false });
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
};

/**
 * A path that names a file: a folder (or, for --config, nothing) is a usage error saying so, before the
 * emulator reads it and fails with the file system's EISDIR or ENOENT.
 */
function expectFile(flag: string, file: string, cwd: string, { mustExist }: { mustExist: boolean }): void {
  let folder: boolean;
  try {
    folder = statSync(path.resolve(cwd, file)).isDirectory();
  } catch {
    if (!mustExist) return;
    throw new AppError("usage", `${flag} ${file}: no such file`, {
      hint: "name the emulator's config file (JSON or YAML: org, sandboxes, clients, faults; docs/emulator.md)",
    });
  }
  if (folder)
    throw new AppError("usage", `${flag} ${file} is a folder: ${flag} names a file`, {
      hint:
        flag === "--config"
          ? "name the emulator's config file itself (JSON or YAML: org, sandboxes, clients, faults; docs/emulator.md)"
          : `name the file the emulator keeps its state in, e.g. ${path.join(file, "emulator-state.json")}`,
    });
}
