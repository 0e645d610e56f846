// The fish completion script: one `complete` line per command and per option of each command, each
// with its description; files are offered only where a command or an option takes one.
import { plainWords, type CompletedOption, type CompletionModel, type Values } from "./model.js";

export function fishScript(model: CompletionModel): string {
  const lines = [
    "# aep-gitops completion for fish, written by 'aep-gitops completion fish' from its command definitions.",
    "# Install: aep-gitops completion fish > ~/.config/fish/completions/aep-gitops.fish",
    "",
    "# The command: the first word after aep-gitops that is no option.",
    "function __aep_gitops_command",
    "    for word in (commandline -opc)[2..-1]",
    "        if not string match -q -- '-*' $word",
    "            echo $word",
    "            return 0",
    "        end",
    "    end",
    "    return 1",
    "end",
    "",
    "function __aep_gitops_using -a name",
    "    set -l command (__aep_gitops_command)",
    '    test "$command" = "$name"',
    "end",
    "",
    "complete -c aep-gitops -f",
    ...model.globals.map((o) => optionLine("not __aep_gitops_command", o)),
    ...model.commands.map(
      (c) => `complete -c aep-gitops -n 'not __aep_gitops_command' -a ${c.name} -d ${quote(c.summary)}`,
    ),
  ];
  for (const command of model.commands) {
    const when = `__aep_gitops_using ${command.name}`;
    lines.push("", ...command.options.map((o) => optionLine(when, o)));
    const argument = command.argument ? argumentValues(command.argument.values) : "";
    if (argument) lines.push(`complete -c aep-gitops -n '${when}'${argument}`);
  }
  return `${lines.join("\n")}\n`;
}

function optionLine(when: string, option: CompletedOption): string {
  const short = option.short ? ` -s ${option.short.slice(1)}` : "";
  const value = option.value ? values(option.value.values) : "";
  return `complete -c aep-gitops -n '${when}'${short} -l ${option.long.slice(2)}${value} -d ${quote(option.description)}`;
}

/** An argument: files (-F), folders, or words; nothing for a value of the user's own. */
function argumentValues(values: Values): string {
  if (values === "files") return " -F";
  if (values === "dirs") return " -a '(__fish_complete_directories)'";
  return values === "free" ? "" : ` -a '${plainWords(values.words)}'`;
}

/** -r: the option takes a value; -F offers files, -x (no files) offers the words given, or nothing. */
function values(values: Values): string {
  if (values === "files") return " -r -F";
  if (values === "dirs") return " -x -a '(__fish_complete_directories)'";
  if (values === "free") return " -x";
  return ` -x -a '${plainWords(values.words)}'`;
}

function quote(text: string): string {
  return `'${text.replace(/[\\']/g, "\\$&")}'`;
}
