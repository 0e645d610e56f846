// `aep-gitops emulator`: runs the local Flow Service + IMS emulator until SIGINT/SIGTERM.
// The first stdout line is exactly `aep-gitops emulator listening on <url>` (other tools wait for it).
import { lazyHandler, type CommandSpec } from "../command.js";

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
  handle: lazyHandler(() => import("../handlers/emulator.js")),
};
