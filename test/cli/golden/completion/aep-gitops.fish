# aep-gitops completion for fish, written by 'aep-gitops completion fish' from its command definitions.
# Install: aep-gitops completion fish > ~/.config/fish/completions/aep-gitops.fish

# The command: the first word after aep-gitops that is no option.
function __aep_gitops_command
    for word in (commandline -opc)[2..-1]
        if not string match -q -- '-*' $word
            echo $word
            return 0
        end
    end
    return 1
end

function __aep_gitops_using -a name
    set -l command (__aep_gitops_command)
    test "$command" = "$name"
end

complete -c aep-gitops -f
complete -c aep-gitops -n 'not __aep_gitops_command' -s V -l version -d 'print the version'
complete -c aep-gitops -n 'not __aep_gitops_command' -s h -l help -d 'show this help'
complete -c aep-gitops -n 'not __aep_gitops_command' -a validate -d 'check destination YAML against the schemas and rules, offline'
complete -c aep-gitops -n 'not __aep_gitops_command' -a plan -d 'show what apply would change (reads only)'
complete -c aep-gitops -n 'not __aep_gitops_command' -a preview -d 'show one sample record per destination, as Kinesis or Event Hubs receive it'
complete -c aep-gitops -n 'not __aep_gitops_command' -a apply -d 'make the live destinations match the YAML (or apply a saved plan FILE)'
complete -c aep-gitops -n 'not __aep_gitops_command' -a show -d 'show a plan saved by \'plan --out FILE\' (reads only the file)'
complete -c aep-gitops -n 'not __aep_gitops_command' -a drift -d 'report changes made outside Git, with who made them (reads only)'
complete -c aep-gitops -n 'not __aep_gitops_command' -a status -d 'show whether data is flowing to each destination (reads only)'
complete -c aep-gitops -n 'not __aep_gitops_command' -a import -d 'write YAML for destinations that already exist in a sandbox'
complete -c aep-gitops -n 'not __aep_gitops_command' -a unlock -d 'release a sandbox lock left behind by an apply that is gone'
complete -c aep-gitops -n 'not __aep_gitops_command' -a doctor -d 'check the credentials, sandbox and permissions a run against Adobe needs'
complete -c aep-gitops -n 'not __aep_gitops_command' -a emulator -d 'run the local Flow Service emulator'
complete -c aep-gitops -n 'not __aep_gitops_command' -a demo -d 'a guided tour on the embedded emulator'
complete -c aep-gitops -n 'not __aep_gitops_command' -a completion -d 'print the shell completion script for bash, zsh or fish'
complete -c aep-gitops -n 'not __aep_gitops_command' -a help -d 'show the help of a command'
complete -c aep-gitops -n 'not __aep_gitops_command' -a version -d 'print the version'

complete -c aep-gitops -n '__aep_gitops_using validate' -s f -l format -x -a 'text json' -d 'output format'
complete -c aep-gitops -n '__aep_gitops_using validate' -s c -l config -r -F -d 'the tool config'
complete -c aep-gitops -n '__aep_gitops_using validate' -s s -l sandbox -x -d 'the sandbox to validate'
complete -c aep-gitops -n '__aep_gitops_using validate' -l cache -d 'take the checks of files unchanged since the last --cache run'
complete -c aep-gitops -n '__aep_gitops_using validate' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using validate' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using validate' -F

complete -c aep-gitops -n '__aep_gitops_using plan' -s c -l config -r -F -d 'the tool config'
complete -c aep-gitops -n '__aep_gitops_using plan' -s s -l sandbox -x -d 'only this sandbox'
complete -c aep-gitops -n '__aep_gitops_using plan' -l emulator -d 'run against the embedded Flow Service emulator'
complete -c aep-gitops -n '__aep_gitops_using plan' -l trace -r -F -d 'write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2'
complete -c aep-gitops -n '__aep_gitops_using plan' -s d -l destination -x -d 'only the destinations matching NAME: a YAML name, its ref, or a glob'
complete -c aep-gitops -n '__aep_gitops_using plan' -s f -l format -x -a 'text json markdown' -d 'output format'
complete -c aep-gitops -n '__aep_gitops_using plan' -s v -l verbose -d 'show every API call with its body'
complete -c aep-gitops -n '__aep_gitops_using plan' -l prune -d 'delete managed destinations and accounts whose YAML is gone'
complete -c aep-gitops -n '__aep_gitops_using plan' -l force -d 'go past the change threshold'
complete -c aep-gitops -n '__aep_gitops_using plan' -l allow-empty -d 'allow a plan when a sandbox has no YAML at all'
complete -c aep-gitops -n '__aep_gitops_using plan' -l strict -d 'Adobe\'s soft guardrails become errors'
complete -c aep-gitops -n '__aep_gitops_using plan' -l secrets -x -a 'required optional' -d 'optional: plan without the destination secrets'
complete -c aep-gitops -n '__aep_gitops_using plan' -l detailed-exitcode -d 'exit 2 when the plan has changes, as Terraform\'s flag does'
complete -c aep-gitops -n '__aep_gitops_using plan' -s o -l out -r -F -d 'save the plan for \'aep-gitops apply FILE\', which applies exactly it or refuses when anything it touches changed since'
complete -c aep-gitops -n '__aep_gitops_using plan' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using plan' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using plan' -a '(__fish_complete_directories)'

complete -c aep-gitops -n '__aep_gitops_using preview' -s c -l config -r -F -d 'the tool config'
complete -c aep-gitops -n '__aep_gitops_using preview' -s s -l sandbox -x -d 'only this sandbox'
complete -c aep-gitops -n '__aep_gitops_using preview' -l emulator -d 'run against the embedded Flow Service emulator'
complete -c aep-gitops -n '__aep_gitops_using preview' -l trace -r -F -d 'write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2'
complete -c aep-gitops -n '__aep_gitops_using preview' -s d -l destination -x -d 'only the destinations matching NAME: a YAML name, its ref, or a glob'
complete -c aep-gitops -n '__aep_gitops_using preview' -s f -l format -x -a 'text json' -d 'output format'
complete -c aep-gitops -n '__aep_gitops_using preview' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using preview' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using preview' -a '(__fish_complete_directories)'

complete -c aep-gitops -n '__aep_gitops_using apply' -s c -l config -r -F -d 'the tool config'
complete -c aep-gitops -n '__aep_gitops_using apply' -s s -l sandbox -x -d 'only this sandbox'
complete -c aep-gitops -n '__aep_gitops_using apply' -l emulator -d 'run against the embedded Flow Service emulator'
complete -c aep-gitops -n '__aep_gitops_using apply' -l trace -r -F -d 'write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2'
complete -c aep-gitops -n '__aep_gitops_using apply' -s d -l destination -x -d 'only the destinations matching NAME: a YAML name, its ref, or a glob'
complete -c aep-gitops -n '__aep_gitops_using apply' -s y -l yes -d 'apply without asking'
complete -c aep-gitops -n '__aep_gitops_using apply' -l expect-checksum -x -d 'refuse, with no write, unless the fresh plan has this checksum'
complete -c aep-gitops -n '__aep_gitops_using apply' -s f -l format -x -a 'text json markdown jsonl' -d 'output format'
complete -c aep-gitops -n '__aep_gitops_using apply' -s v -l verbose -d 'show every API call with its body'
complete -c aep-gitops -n '__aep_gitops_using apply' -l prune -d 'delete managed destinations and accounts whose YAML is gone'
complete -c aep-gitops -n '__aep_gitops_using apply' -l force -d 'go past the change threshold'
complete -c aep-gitops -n '__aep_gitops_using apply' -l allow-empty -d 'allow a plan when a sandbox has no YAML at all'
complete -c aep-gitops -n '__aep_gitops_using apply' -l strict -d 'Adobe\'s soft guardrails become errors'
complete -c aep-gitops -n '__aep_gitops_using apply' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using apply' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using apply' -F

complete -c aep-gitops -n '__aep_gitops_using show' -s f -l format -x -a 'text json markdown' -d 'output format'
complete -c aep-gitops -n '__aep_gitops_using show' -s v -l verbose -d 'show every API call the plan makes, with its body'
complete -c aep-gitops -n '__aep_gitops_using show' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using show' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using show' -F

complete -c aep-gitops -n '__aep_gitops_using drift' -s c -l config -r -F -d 'the tool config'
complete -c aep-gitops -n '__aep_gitops_using drift' -s s -l sandbox -x -d 'only this sandbox'
complete -c aep-gitops -n '__aep_gitops_using drift' -l emulator -d 'run against the embedded Flow Service emulator'
complete -c aep-gitops -n '__aep_gitops_using drift' -l trace -r -F -d 'write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2'
complete -c aep-gitops -n '__aep_gitops_using drift' -s d -l destination -x -d 'only the destinations matching NAME: a YAML name, its ref, or a glob'
complete -c aep-gitops -n '__aep_gitops_using drift' -s f -l format -x -a 'text json markdown' -d 'output format'
complete -c aep-gitops -n '__aep_gitops_using drift' -l secrets -x -a 'required optional' -d 'optional: plan without the destination secrets'
complete -c aep-gitops -n '__aep_gitops_using drift' -l write -d 'rewrite the YAML of what was changed outside Git so it describes Adobe\'s live state'
complete -c aep-gitops -n '__aep_gitops_using drift' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using drift' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using drift' -a '(__fish_complete_directories)'

complete -c aep-gitops -n '__aep_gitops_using status' -s c -l config -r -F -d 'the tool config'
complete -c aep-gitops -n '__aep_gitops_using status' -s s -l sandbox -x -d 'only this sandbox'
complete -c aep-gitops -n '__aep_gitops_using status' -l emulator -d 'run against the embedded Flow Service emulator'
complete -c aep-gitops -n '__aep_gitops_using status' -l trace -r -F -d 'write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2'
complete -c aep-gitops -n '__aep_gitops_using status' -s f -l format -x -a 'text json markdown' -d 'output format'
complete -c aep-gitops -n '__aep_gitops_using status' -s d -l destination -x -d 'only the destinations matching NAME: a YAML name, its ref, or a glob'
complete -c aep-gitops -n '__aep_gitops_using status' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using status' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using status' -a '(__fish_complete_directories)'

complete -c aep-gitops -n '__aep_gitops_using import' -s s -l sandbox -x -d 'the sandbox to import from'
complete -c aep-gitops -n '__aep_gitops_using import' -s o -l out -r -F -d 'the folder to write the YAML into'
complete -c aep-gitops -n '__aep_gitops_using import' -l match -x -d 'only destinations whose name matches GLOB'
complete -c aep-gitops -n '__aep_gitops_using import' -l force -d 'overwrite files that already exist'
complete -c aep-gitops -n '__aep_gitops_using import' -l emulator -d 'run against the embedded Flow Service emulator'
complete -c aep-gitops -n '__aep_gitops_using import' -l trace -r -F -d 'write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2'
complete -c aep-gitops -n '__aep_gitops_using import' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using import' -s h -l help -d 'show this help'

complete -c aep-gitops -n '__aep_gitops_using unlock' -s s -l sandbox -x -d 'the sandbox whose lock to release'
complete -c aep-gitops -n '__aep_gitops_using unlock' -l run -x -d 'release the lock only if this run holds it'
complete -c aep-gitops -n '__aep_gitops_using unlock' -s y -l yes -d 'release without asking'
complete -c aep-gitops -n '__aep_gitops_using unlock' -l emulator -d 'run against the embedded Flow Service emulator'
complete -c aep-gitops -n '__aep_gitops_using unlock' -l trace -r -F -d 'write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2'
complete -c aep-gitops -n '__aep_gitops_using unlock' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using unlock' -s h -l help -d 'show this help'

complete -c aep-gitops -n '__aep_gitops_using doctor' -s s -l sandbox -x -d 'the sandbox to check'
complete -c aep-gitops -n '__aep_gitops_using doctor' -s c -l config -r -F -d 'the tool config'
complete -c aep-gitops -n '__aep_gitops_using doctor' -s f -l format -x -a 'text json markdown' -d 'output format'
complete -c aep-gitops -n '__aep_gitops_using doctor' -l emulator -d 'run against the embedded Flow Service emulator'
complete -c aep-gitops -n '__aep_gitops_using doctor' -l trace -r -F -d 'write every request to Adobe and IMS, with its answer, to FILE as HAR 1.2'
complete -c aep-gitops -n '__aep_gitops_using doctor' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using doctor' -s h -l help -d 'show this help'

complete -c aep-gitops -n '__aep_gitops_using emulator' -l port -x -d 'port to listen on'
complete -c aep-gitops -n '__aep_gitops_using emulator' -l host -x -d 'interface to bind'
complete -c aep-gitops -n '__aep_gitops_using emulator' -l state -r -F -d 'load the store from FILE at start and save it after every change'
complete -c aep-gitops -n '__aep_gitops_using emulator' -s c -l config -r -F -d 'a JSON or YAML emulator config'
complete -c aep-gitops -n '__aep_gitops_using emulator' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using emulator' -s h -l help -d 'show this help'

complete -c aep-gitops -n '__aep_gitops_using demo' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using demo' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using demo' -a '(__fish_complete_directories)'

complete -c aep-gitops -n '__aep_gitops_using completion' -l no-color -d 'no ANSI colours'
complete -c aep-gitops -n '__aep_gitops_using completion' -s h -l help -d 'show this help'
complete -c aep-gitops -n '__aep_gitops_using completion' -a 'bash zsh fish'

complete -c aep-gitops -n '__aep_gitops_using help' -a 'validate plan preview apply show drift status import unlock doctor emulator demo completion help version'

