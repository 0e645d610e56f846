# aep-gitops completion for bash, written by 'aep-gitops completion bash' from its command definitions.
# Install: aep-gitops completion bash > ~/.local/share/bash-completion/completions/aep-gitops
#      or: echo 'source <(aep-gitops completion bash)' >> ~/.bashrc

# COMPREPLY from compgen, one reply a line: a file name with spaces stays one reply.
_aep_gitops_reply() {
  local reply
  COMPREPLY=()
  while IFS= read -r reply; do COMPREPLY+=("$reply"); done < <(compgen "$@")
}

_aep_gitops() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" command="" i
  COMPREPLY=()
  # --format=json: bash splits the word at "=", so the option is the word before it.
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" ]]; then
    prev="${COMP_WORDS[COMP_CWORD-2]}"
  fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ ${COMP_WORDS[i]} != -* ]]; then
      command="${COMP_WORDS[i]}"
      break
    fi
  done
  case "$command" in
    "")
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--version --help" -- "$cur"
      else
        _aep_gitops_reply -W "validate plan preview apply show drift status import unlock doctor emulator demo completion help version" -- "$cur"
      fi
      ;;
    validate)
      case "$prev" in
        -f|--format)
          _aep_gitops_reply -W "text json" -- "$cur"
          return
          ;;
        -c|--config)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
        -s|--sandbox)
          return
          ;;
      esac
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--format --config --sandbox --cache --no-color --help" -- "$cur"
      else
        compopt -o filenames 2>/dev/null
        _aep_gitops_reply -f -- "$cur"
      fi
      ;;
    plan)
      case "$prev" in
        -c|--config|--trace|-o|--out)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
        -s|--sandbox|-d|--destination)
          return
          ;;
        -f|--format)
          _aep_gitops_reply -W "text json markdown" -- "$cur"
          return
          ;;
        --secrets)
          _aep_gitops_reply -W "required optional" -- "$cur"
          return
          ;;
      esac
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--config --sandbox --emulator --trace --destination --format --verbose --prune --force --allow-empty --strict --secrets --detailed-exitcode --out --no-color --help" -- "$cur"
      else
        compopt -o filenames 2>/dev/null
        _aep_gitops_reply -d -- "$cur"
      fi
      ;;
    preview)
      case "$prev" in
        -c|--config|--trace)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
        -s|--sandbox|-d|--destination)
          return
          ;;
        -f|--format)
          _aep_gitops_reply -W "text json" -- "$cur"
          return
          ;;
      esac
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--config --sandbox --emulator --trace --destination --format --no-color --help" -- "$cur"
      else
        compopt -o filenames 2>/dev/null
        _aep_gitops_reply -d -- "$cur"
      fi
      ;;
    apply)
      case "$prev" in
        -c|--config|--trace)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
        -s|--sandbox|-d|--destination|--expect-checksum)
          return
          ;;
        -f|--format)
          _aep_gitops_reply -W "text json markdown jsonl" -- "$cur"
          return
          ;;
      esac
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--config --sandbox --emulator --trace --destination --yes --expect-checksum --format --verbose --prune --force --allow-empty --strict --no-color --help" -- "$cur"
      else
        compopt -o filenames 2>/dev/null
        _aep_gitops_reply -f -- "$cur"
      fi
      ;;
    show)
      case "$prev" in
        -f|--format)
          _aep_gitops_reply -W "text json markdown" -- "$cur"
          return
          ;;
      esac
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--format --verbose --no-color --help" -- "$cur"
      else
        compopt -o filenames 2>/dev/null
        _aep_gitops_reply -f -- "$cur"
      fi
      ;;
    drift)
      case "$prev" in
        -c|--config|--trace)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
        -s|--sandbox|-d|--destination)
          return
          ;;
        -f|--format)
          _aep_gitops_reply -W "text json markdown" -- "$cur"
          return
          ;;
        --secrets)
          _aep_gitops_reply -W "required optional" -- "$cur"
          return
          ;;
      esac
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--config --sandbox --emulator --trace --destination --format --secrets --write --no-color --help" -- "$cur"
      else
        compopt -o filenames 2>/dev/null
        _aep_gitops_reply -d -- "$cur"
      fi
      ;;
    status)
      case "$prev" in
        -c|--config|--trace)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
        -s|--sandbox|-d|--destination)
          return
          ;;
        -f|--format)
          _aep_gitops_reply -W "text json markdown" -- "$cur"
          return
          ;;
      esac
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--config --sandbox --emulator --trace --format --destination --no-color --help" -- "$cur"
      else
        compopt -o filenames 2>/dev/null
        _aep_gitops_reply -d -- "$cur"
      fi
      ;;
    import)
      case "$prev" in
        -s|--sandbox|--match)
          return
          ;;
        -o|--out|--trace)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
      esac
      _aep_gitops_reply -W "--sandbox --out --match --force --emulator --trace --no-color --help" -- "$cur"
      ;;
    unlock)
      case "$prev" in
        -s|--sandbox|--run)
          return
          ;;
        --trace)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
      esac
      _aep_gitops_reply -W "--sandbox --run --yes --emulator --trace --no-color --help" -- "$cur"
      ;;
    doctor)
      case "$prev" in
        -s|--sandbox)
          return
          ;;
        -c|--config|--trace)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
        -f|--format)
          _aep_gitops_reply -W "text json markdown" -- "$cur"
          return
          ;;
      esac
      _aep_gitops_reply -W "--sandbox --config --format --emulator --trace --no-color --help" -- "$cur"
      ;;
    emulator)
      case "$prev" in
        --port|--host)
          return
          ;;
        --state|-c|--config)
          compopt -o filenames 2>/dev/null
          _aep_gitops_reply -f -- "$cur"
          return
          ;;
      esac
      _aep_gitops_reply -W "--port --host --state --config --no-color --help" -- "$cur"
      ;;
    demo)
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--no-color --help" -- "$cur"
      else
        compopt -o filenames 2>/dev/null
        _aep_gitops_reply -d -- "$cur"
      fi
      ;;
    completion)
      if [[ $cur == -* ]]; then
        _aep_gitops_reply -W "--no-color --help" -- "$cur"
      else
        _aep_gitops_reply -W "bash zsh fish" -- "$cur"
      fi
      ;;
    help)
      _aep_gitops_reply -W "validate plan preview apply show drift status import unlock doctor emulator demo completion help version" -- "$cur"
      ;;
    version)
      ;;
  esac
}

complete -F _aep_gitops aep-gitops
