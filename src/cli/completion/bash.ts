// The bash completion script: one function that finds the command (the first word that is no option),
// then completes the value of the option before the cursor, an option, or the command's argument.
// Static, so a Tab costs no start of Node. Written for bash 3.2 and later (macOS has 3.2): no mapfile.
import { plainWords, type CompletedCommand, type CompletedOption, type CompletionModel, type Values } from "./model.js";

export function bashScript(model: CompletionModel): string {
  const lines = [
    "# aep-gitops completion for bash, written by 'aep-gitops completion bash' from its command definitions.",
    "# Install: aep-gitops completion bash > ~/.local/share/bash-completion/completions/aep-gitops",
    "#      or: echo 'source <(aep-gitops completion bash)' >> ~/.bashrc",
    "",
    "# COMPREPLY from compgen, one reply a line: a file name with spaces stays one reply.",
    "_aep_gitops_reply() {",
    "  local reply",
    "  COMPREPLY=()",
    '  while IFS= read -r reply; do COMPREPLY+=("$reply"); done < <(compgen "$@")',
    "}",
    "",
    "_aep_gitops() {",
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" command="" i',
    "  COMPREPLY=()",
    '  # --format=json: bash splits the word at "=", so the option is the word before it.',
    '  if [[ $cur == "=" ]]; then',
    '    cur=""',
    '  elif [[ $prev == "=" ]]; then',
    '    prev="${COMP_WORDS[COMP_CWORD-2]}"',
    "  fi",
    "  for ((i = 1; i < COMP_CWORD; i++)); do",
    "    if [[ ${COMP_WORDS[i]} != -* ]]; then",
    '      command="${COMP_WORDS[i]}"',
    "      break",
    "    fi",
    "  done",
    '  case "$command" in',
    '    "")',
    "      if [[ $cur == -* ]]; then",
    `        _aep_gitops_reply -W "${plainWords(model.globals.map((o) => o.long))}" -- "$cur"`,
    "      else",
    `        _aep_gitops_reply -W "${plainWords(model.commands.map((c) => c.name))}" -- "$cur"`,
    "      fi",
    "      ;;",
    ...model.commands.flatMap(commandCase),
    "  esac",
    "}",
    "",
    "complete -F _aep_gitops aep-gitops",
  ];
  return `${lines.join("\n")}\n`;
}

function commandCase(command: CompletedCommand): string[] {
  const lines = [`    ${command.name})`];
  // The options whose values complete alike share a branch: `-c|--config|--trace|-o|--out)`.
  const branches = new Map<string, string[]>();
  for (const option of command.options.filter((o) => o.value)) {
    const key = reply(option.value!.values, "          ").join("\n");
    branches.set(key, [...(branches.get(key) ?? []), ...[option.short, option.long].filter((f) => f !== undefined)]);
  }
  if (branches.size > 0) {
    lines.push('      case "$prev" in');
    for (const [replies, flags] of branches)
      lines.push(`        ${flags.join("|")})`, ...(replies ? [replies] : []), "          return", "          ;;");
    lines.push("      esac");
  }
  const options = `_aep_gitops_reply -W "${plainWords(command.options.map((o: CompletedOption) => o.long))}" -- "$cur"`;
  const argument = command.argument;
  if (!argument || argument.values === "free") {
    // Nothing to offer for the argument: the options, whatever is typed.
    if (command.options.length > 0) lines.push(`      ${options}`);
  } else if (command.options.length === 0) {
    lines.push(...reply(argument.values, "      "));
  } else {
    lines.push("      if [[ $cur == -* ]]; then", `        ${options}`, "      else");
    lines.push(...reply(argument.values, "        "), "      fi");
  }
  lines.push("      ;;");
  return lines;
}

/** The replies for a value: its words, files, folders, or none (a value of the user's own). */
function reply(values: Values, indent: string): string[] {
  if (values === "free") return [];
  if (values === "files" || values === "dirs")
    return [
      `${indent}compopt -o filenames 2>/dev/null`,
      `${indent}_aep_gitops_reply -${values === "files" ? "f" : "d"} -- "$cur"`,
    ];
  return [`${indent}_aep_gitops_reply -W "${plainWords(values.words)}" -- "$cur"`];
}
