// The command table, in the order `aep-gitops --help` lists them. Each command lives in its own file
// under commands/ and declares its arguments, options, exit codes and environment there.
import type { CommandSpec } from "./command.js";
import { applyCommand } from "./commands/apply.js";
import { completionCommand } from "./commands/completion.js";
import { demoCommand } from "./commands/demo.js";
import { doctorCommand } from "./commands/doctor.js";
import { driftCommand } from "./commands/drift.js";
import { emulatorCommand } from "./commands/emulator.js";
import { importCommand } from "./commands/import.js";
import { planCommand } from "./commands/plan.js";
import { previewCommand } from "./commands/preview.js";
import { showCommand } from "./commands/show.js";
import { statusCommand } from "./commands/status.js";
import { unlockCommand } from "./commands/unlock.js";
import { validateCommand } from "./commands/validate.js";

export const COMMANDS: readonly CommandSpec[] = [
  validateCommand,
  planCommand,
  previewCommand,
  applyCommand,
  showCommand,
  driftCommand,
  statusCommand,
  importCommand,
  unlockCommand,
  doctorCommand,
  emulatorCommand,
  demoCommand,
  completionCommand(() => COMMANDS),
];
