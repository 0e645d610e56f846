#compdef aep-gitops
# aep-gitops completion for zsh, written by 'aep-gitops completion zsh' from its command definitions.
# Install: mkdir -p ~/.zfunc && aep-gitops completion zsh > ~/.zfunc/_aep-gitops
#          and in ~/.zshrc, before compinit: fpath+=~/.zfunc

_aep-gitops() {
  local curcontext="$curcontext" state line ret=1
  typeset -A opt_args
  _arguments -C \
    '(- : *)'{-V,--version}'[print the version]' \
    '(- : *)'{-h,--help}'[show this help]' \
    ':command:->command' \
    '*:: :->argument' && ret=0
  case $state in
    (command)
      local -a commands
      commands=(
        'validate:check destination YAML against the schemas and rules, offline'
        'plan:show what apply would change (reads only)'
        'preview:show one sample record per destination, as Kinesis or Event Hubs receive it'
        'apply:make the live destinations match the YAML (or apply a saved plan FILE)'
        'show:show a plan saved by '\''plan --out FILE'\'' (reads only the file)'
        'drift:report changes made outside Git, with who made them (reads only)'
        'status:show whether data is flowing to each destination (reads only)'
        'import:write YAML for destinations that already exist in a sandbox'
        'unlock:release a sandbox lock left behind by an apply that is gone'
        'doctor:check the credentials, sandbox and permissions a run against Adobe needs'
        'emulator:run the local Flow Service emulator'
        'demo:a guided tour on the embedded emulator'
        'completion:print the shell completion script for bash, zsh or fish'
        'help:show the help of a command'
        'version:print the version'
      )
      _describe -t commands 'aep-gitops command' commands && ret=0
      ;;
    (argument)
      curcontext="${curcontext%:*:*}:aep-gitops-$words[1]:"
      case $words[1] in
        (validate)
          _arguments \
            '(-f --format)'{-f,--format=}'[output format]:format:(text json)' \
            '(-c --config)'{-c,--config=}'[the tool config]:file:_files' \
            '(-s --sandbox)'{-s,--sandbox=}'[the sandbox to validate]:name: ' \
            --cache'[take the checks of files unchanged since the last --cache run]' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            '*:path:_files' && ret=0
          ;;
        (plan)
          _arguments \
            '(-c --config)'{-c,--config=}'[the tool config]:file:_files' \
            '(-s --sandbox)'{-s,--sandbox=}'[only this sandbox]:name: ' \
            --emulator'[run against the embedded Flow Service emulator]' \
            --trace='[write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2]:file:_files' \
            '*'{-d,--destination=}'[only the destinations matching NAME: a YAML name, its ref, or a glob]:name: ' \
            '(-f --format)'{-f,--format=}'[output format]:format:(text json markdown)' \
            '(-v --verbose)'{-v,--verbose}'[show every API call with its body]' \
            --prune'[delete managed destinations and accounts whose YAML is gone]' \
            --force'[go past the change threshold]' \
            --allow-empty'[allow a plan when a sandbox has no YAML at all]' \
            --strict'[Adobe'\''s soft guardrails become errors]' \
            --secrets='[optional: plan without the destination secrets]:mode:(required optional)' \
            --detailed-exitcode'[exit 2 when the plan has changes, as Terraform'\''s flag does]' \
            '(-o --out)'{-o,--out=}'[save the plan for '\''aep-gitops apply FILE'\'', which applies exactly it or refuses when anything it touches changed since]:path:_files' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            '*:dir:_files -/' && ret=0
          ;;
        (preview)
          _arguments \
            '(-c --config)'{-c,--config=}'[the tool config]:file:_files' \
            '(-s --sandbox)'{-s,--sandbox=}'[only this sandbox]:name: ' \
            --emulator'[run against the embedded Flow Service emulator]' \
            --trace='[write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2]:file:_files' \
            '*'{-d,--destination=}'[only the destinations matching NAME: a YAML name, its ref, or a glob]:name: ' \
            '(-f --format)'{-f,--format=}'[output format]:format:(text json)' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            '*:dir:_files -/' && ret=0
          ;;
        (apply)
          _arguments \
            '(-c --config)'{-c,--config=}'[the tool config]:file:_files' \
            '(-s --sandbox)'{-s,--sandbox=}'[only this sandbox]:name: ' \
            --emulator'[run against the embedded Flow Service emulator]' \
            --trace='[write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2]:file:_files' \
            '*'{-d,--destination=}'[only the destinations matching NAME: a YAML name, its ref, or a glob]:name: ' \
            '(-y --yes)'{-y,--yes}'[apply without asking]' \
            --expect-checksum='[refuse, with no write, unless the fresh plan has this checksum]:sha: ' \
            '(-f --format)'{-f,--format=}'[output format]:format:(text json markdown jsonl)' \
            '(-v --verbose)'{-v,--verbose}'[show every API call with its body]' \
            --prune'[delete managed destinations and accounts whose YAML is gone]' \
            --force'[go past the change threshold]' \
            --allow-empty'[allow a plan when a sandbox has no YAML at all]' \
            --strict'[Adobe'\''s soft guardrails become errors]' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            '*:path:_files' && ret=0
          ;;
        (show)
          _arguments \
            '(-f --format)'{-f,--format=}'[output format]:format:(text json markdown)' \
            '(-v --verbose)'{-v,--verbose}'[show every API call the plan makes, with its body]' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            ':file:_files' && ret=0
          ;;
        (drift)
          _arguments \
            '(-c --config)'{-c,--config=}'[the tool config]:file:_files' \
            '(-s --sandbox)'{-s,--sandbox=}'[only this sandbox]:name: ' \
            --emulator'[run against the embedded Flow Service emulator]' \
            --trace='[write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2]:file:_files' \
            '*'{-d,--destination=}'[only the destinations matching NAME: a YAML name, its ref, or a glob]:name: ' \
            '(-f --format)'{-f,--format=}'[output format]:format:(text json markdown)' \
            --secrets='[optional: plan without the destination secrets]:mode:(required optional)' \
            --write'[rewrite the YAML of what was changed outside Git so it describes Adobe'\''s live state]' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            '*:dir:_files -/' && ret=0
          ;;
        (status)
          _arguments \
            '(-c --config)'{-c,--config=}'[the tool config]:file:_files' \
            '(-s --sandbox)'{-s,--sandbox=}'[only this sandbox]:name: ' \
            --emulator'[run against the embedded Flow Service emulator]' \
            --trace='[write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2]:file:_files' \
            '(-f --format)'{-f,--format=}'[output format]:format:(text json markdown)' \
            '*'{-d,--destination=}'[only the destinations matching NAME: a YAML name, its ref, or a glob]:name: ' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            '*:dir:_files -/' && ret=0
          ;;
        (import)
          _arguments \
            '(-s --sandbox)'{-s,--sandbox=}'[the sandbox to import from]:name: ' \
            '(-o --out)'{-o,--out=}'[the folder to write the YAML into]:path:_files' \
            --match='[only destinations whose name matches GLOB]:glob: ' \
            --force'[overwrite files that already exist]' \
            --emulator'[run against the embedded Flow Service emulator]' \
            --trace='[write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2]:file:_files' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' && ret=0
          ;;
        (unlock)
          _arguments \
            '(-s --sandbox)'{-s,--sandbox=}'[the sandbox whose lock to release]:name: ' \
            --run='[release the lock only if this run holds it]:id: ' \
            '(-y --yes)'{-y,--yes}'[release without asking]' \
            --emulator'[run against the embedded Flow Service emulator]' \
            --trace='[write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2]:file:_files' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' && ret=0
          ;;
        (doctor)
          _arguments \
            '(-s --sandbox)'{-s,--sandbox=}'[the sandbox to check]:name: ' \
            '(-c --config)'{-c,--config=}'[the tool config]:file:_files' \
            '(-f --format)'{-f,--format=}'[output format]:format:(text json markdown)' \
            --emulator'[run against the embedded Flow Service emulator]' \
            --trace='[write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2]:file:_files' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' && ret=0
          ;;
        (emulator)
          _arguments \
            --port='[port to listen on]:n: ' \
            --host='[interface to bind]:host: ' \
            --state='[load the store from FILE at start and save it after every change]:file:_files' \
            '(-c --config)'{-c,--config=}'[a JSON or YAML emulator config]:file:_files' \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' && ret=0
          ;;
        (demo)
          _arguments \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            '::dir:_files -/' && ret=0
          ;;
        (completion)
          _arguments \
            --no-color'[no ANSI colours]' \
            '(-h --help)'{-h,--help}'[show this help]' \
            ':shell:(bash zsh fish)' && ret=0
          ;;
        (help)
          _arguments \
            '::command:(validate plan preview apply show drift status import unlock doctor emulator demo completion help version)' && ret=0
          ;;
      esac
      ;;
  esac
  return ret
}

# Autoloaded from $fpath, this file is the function's body: complete now. Sourced: register it.
if [ "$funcstack[1]" = "_aep-gitops" ]; then
  _aep-gitops "$@"
else
  compdef _aep-gitops aep-gitops
fi
