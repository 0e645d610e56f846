// aep-gitops demo: a guided tour on the embedded emulator, from a fresh clone, in under 30 seconds.
// Every step runs the real commands (in-process, through the CLI's own error boundary) against a real
// HTTP emulator; the "person in Adobe's UI" step uses the product's own Flow Service client, signed in
// as the emulator's UI client, so what it changes is attributed to Adobe's UI.
import { lazyHandler, type CommandSpec } from "../command.js";
import { COLOR_ENV } from "../help.js";

export const demoCommand: CommandSpec = {
  name: "demo",
  args: "[dir]",
  summary: "a guided tour on the embedded emulator",
  description: `Starts the embedded Flow Service emulator and walks through validate → plan → apply → plan (no changes)
→ an edit in "Adobe's UI" → drift with attribution → apply to restore. Uses examples/destinations by default.
Nothing is sent to Adobe.`,
  options: [],
  exitCodes: [
    [0, "the tour ran to its end"],
    [1, "a step did not do what the tour expects"],
  ],
  env: [...COLOR_ENV],
  nature: "runs a guided tour on its own emulator",
  handle: lazyHandler(() => import("../handlers/demo.js")),
};
