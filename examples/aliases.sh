# ladder in your shell. Source this file from ~/.bashrc or ~/.zshrc:
#     . /path/to/ladder/examples/aliases.sh
# It defines short names for the commands you run every week, and a prompt helper.

alias lnext='ladder next'
alias ldone='ladder done'
alias lno='ladder done --outcome no'
alias lprog='ladder progress'
alias lls='ladder list'

# The next ask for a prompt: "[next: Ask a coworker a quick question] ", or nothing when there is
# none (ladder next -q exits 1) or the ladder file cannot be read (exit 2). Long asks are shortened.
# ladder shows control characters escaped; zsh would still read a % in the ask as a prompt escape
# (%F{red}...), so there each % is doubled to stay a plain %.
ladder_prompt() {
    local ask
    ask=$(ladder next -q 2>/dev/null) || return 0
    [ "${#ask}" -gt 40 ] && ask="${ask:0:39}…"
    [ -n "${ZSH_VERSION-}" ] && ask=${ask//\%/%%}
    printf '[next: %s] ' "$ask"
}

# Put it in your prompt:
#   bash:  PS1='$(ladder_prompt)'"$PS1"
#   zsh:   setopt PROMPT_SUBST; PROMPT='$(ladder_prompt)'"$PROMPT"
# Or elsewhere:
#   tmux status line:  set -g status-right '#(ladder next -q)'
#   on login (~/.profile):  ladder next -q >/dev/null && echo "Today's ask: $(ladder next -q)"
