// aep-gitops completion SHELL: the shell completion script, written from the command table the help
// shows. The table is handed in (commands.ts), since the table holds this command too.
import type { CommandSpec } from "../command.js";
import { COMPLETION_SHELLS } from "../completion/model.js";

export function completionCommand(commands: () => readonly CommandSpec[]): CommandSpec {
  return {
    name: "completion",
    args: "<shell>",
    argChoices: COMPLETION_SHELLS,
    summary: "print the shell completion script for bash, zsh or fish",
    description: `Prints a script that completes the commands, their options, option values (e.g. --format's) and file
and folder arguments, written from the same definitions as --help. Install it once:

  bash  aep-gitops completion bash > ~/.local/share/bash-completion/completions/aep-gitops
  zsh   aep-gitops completion zsh > ~/.zfunc/_aep-gitops  (with fpath+=~/.zfunc before compinit)
  fish  aep-gitops completion fish > ~/.config/fish/completions/aep-gitops.fish`,
    options: [],
    exitCodes: [
      [0, "printed"],
      [1, "a shell other than bash, zsh or fish, or a usage error"],
    ],
    env: [],
    nature: "prints a completion script",
    handle: async (args, _options, io) => (await import("../handlers/completion.js")).handle(args[0]!, commands(), io),
  };
}
