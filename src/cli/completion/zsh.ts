// The zsh completion script: `_arguments` for the program, then for the command typed, with every
// option's description, its value (choices, files, folders, or a message naming what to type) and the
// command's argument. It works autoloaded from $fpath (as `_aep-gitops`) and sourced alike.
import { plainWords, type CompletedCommand, type CompletedOption, type CompletionModel, type Values } from "./model.js";

export function zshScript(model: CompletionModel): string {
  const lines = [
    "#compdef aep-gitops",
    "# aep-gitops completion for zsh, written by 'aep-gitops completion zsh' from its command definitions.",
    "# Install: mkdir -p ~/.zfunc && aep-gitops completion zsh > ~/.zfunc/_aep-gitops",
    "#          and in ~/.zshrc, before compinit: fpath+=~/.zfunc",
    "",
    "_aep-gitops() {",
    '  local curcontext="$curcontext" state line ret=1',
    "  typeset -A opt_args",
    "  _arguments -C \\",
    ...model.globals.map((o) => `    ${optionSpec(o, "(- : *)")} \\`),
    "    ':command:->command' \\",
    "    '*:: :->argument' && ret=0",
    "  case $state in",
    "    (command)",
    "      local -a commands",
    "      commands=(",
    ...model.commands.map((c) => `        ${quote(`${c.name.replace(/:/g, "\\:")}:${c.summary}`)}`),
    "      )",
    "      _describe -t commands 'aep-gitops command' commands && ret=0",
    "      ;;",
    "    (argument)",
    '      curcontext="${curcontext%:*:*}:aep-gitops-$words[1]:"',
    "      case $words[1] in",
    ...model.commands.flatMap(commandCase),
    "      esac",
    "      ;;",
    "  esac",
    "  return ret",
    "}",
    "",
    "# Autoloaded from $fpath, this file is the function's body: complete now. Sourced: register it.",
    'if [ "$funcstack[1]" = "_aep-gitops" ]; then',
    '  _aep-gitops "$@"',
    "else",
    "  compdef _aep-gitops aep-gitops",
    "fi",
  ];
  return `${lines.join("\n")}\n`;
}

function commandCase(command: CompletedCommand): string[] {
  const specs = command.options.map((o) => optionSpec(o, o.short ? `(${o.short} ${o.long})` : ""));
  const argument = command.argument;
  if (argument) {
    const colons = argument.variadic ? "*:" : argument.required ? ":" : "::";
    specs.push(quote(`${colons}${argument.name}:${action(argument.values)}`));
  }
  if (specs.length === 0) return [];
  return [
    `        (${command.name})`,
    "          _arguments \\",
    ...specs.map((spec, i) => `            ${spec}${i < specs.length - 1 ? " \\" : " && ret=0"}`),
    "          ;;",
  ];
}

/**
 * `'(-c --config)'{-c,--config=}'[the tool config]:file:_files'`: the exclusion list, both forms, the
 * description, then the value. `--config=` takes `--config FILE` and `--config=FILE` alike.
 */
function optionSpec(option: CompletedOption, exclusion: string): string {
  const value = option.value ? `:${option.value.name}:${action(option.value.values)}` : "";
  const equals = option.value ? "=" : "";
  const prefix = option.repeatable ? "*" : exclusion;
  const described = `[${option.description.replace(/[\\[\]]/g, "\\$&")}]${value}`;
  const forms = option.short ? `{${option.short},${option.long}${equals}}` : `${option.long}${equals}`;
  return `${prefix ? quote(prefix) : ""}${forms}${quote(described)}`;
}

function action(values: Values): string {
  if (values === "free") return " ";
  if (values === "files") return "_files";
  if (values === "dirs") return "_files -/";
  return `(${plainWords(values.words)})`;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
