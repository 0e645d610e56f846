// The command table. Each command lives in its own file under commands/ and parses its own flags.
import type { Command } from "./command.js";
import { applyCommand } from "./commands/apply.js";
import { demoCommand } from "./commands/demo.js";
import { doctorCommand } from "./commands/doctor.js";
import { driftCommand } from "./commands/drift.js";
import { importCommand } from "./commands/import.js";
import { emulatorCommand } from "./commands/emulator.js";
import { planCommand } from "./commands/plan.js";
import { validateCommand } from "./commands/validate.js";

export const commands: Record<string, Command> = {
  validate: validateCommand,
  plan: planCommand,
  apply: applyCommand,
  drift: driftCommand,
  emulator: emulatorCommand,
  demo: demoCommand,
  import: importCommand,
  doctor: doctorCommand,
};

export function usage(): string {
  return `usage: aep-gitops <command> [options]

commands:
  validate [dir...]     check destination YAML against the schemas and rules (exit 0 valid, 1 invalid)
  plan [dir...]         show what apply would change (exit 0 no changes, 2 changes, 1 error)
  apply [dir...]        make the live destinations match the YAML
  drift [dir...]        report changes made outside Git, with who made them (exit 2 on drift)
  import                write YAML for destinations that already exist in a sandbox
  doctor                check the credentials, sandbox and permissions a run against Adobe needs
  emulator              run the local Flow Service emulator
  demo                  a guided tour on the embedded emulator

Run 'aep-gitops <command> --help' for a command's options.
`;
}
