# zsh-complete.zsh: type a command line and <TAB> in an interactive zsh
# (under zpty) with completions/_meshsim, and print what the terminal
# then shows, escape sequences removed: the line completed, or the list
# of matches. Usage: zsh -f tests/help/zsh-complete.zsh 'meshsim ch'
zmodload zsh/zpty || exit 2
zpty -b z zsh -f -i
zpty -w z "PS1='>'; fpath=($PWD/completions \$fpath);" \
    "autoload -Uz compinit; compinit -u -D; unsetopt beep;" \
    "setopt nolistambiguous; echo RE''ADY"
# The echo's output, not the line typed: compinit has run.
zpty -r z line '*READY*'
zpty -w -n z "$1"$'\t'
# What the terminal shows, until it has been quiet for 0.3s after
# showing something (3s at most).
all= quiet=0
for i in {1..30}; do
	sleep 0.1
	got=0
	while zpty -r -t z chunk; do all+=$chunk; got=1; done
	if (( got )); then quiet=0; elif [[ $all == *$'\t'* || -n $all ]]; then
		(( ++quiet >= 3 )) && break
	fi
done
zpty -d z
print -r -- "$all" | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
