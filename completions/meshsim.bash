# meshsim.bash: bash completion of meshsim: written by 'meshsim help --bash'
# (tools/gen-help.sh); do not edit.
_meshsim()
{
	local cur prev cmd first=2 opts IFS=$'\n'
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	# --opt=value: bash splits it at the '=' (COMP_WORDBREAKS).
	if [ "$cur" = = ]; then
		cur=
	elif [ "$prev" = = ]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$(printf '%s\n' availability check diff export import merge report simulate suggest sweep help \
		    --help --version)" -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	case $cmd in
	import|help)
		if [ "$COMP_CWORD" -eq 2 ]; then
			if [ "$cmd" = import ]; then
				opts=$(printf '%s\n' compose harper harper-cluster-status harper-network harper-routes kubernetes nats nats-routez --help)
			else
				opts=$(printf '%s\n' availability check diff export import merge report simulate suggest sweep)
			fi
			COMPREPLY=($(compgen -W "$opts" -- "$cur"))
			return
		fi
		[ "$cmd" = import ] || return
		cmd="import ${COMP_WORDS[2]}"
		first=3
		;;
	esac
	# The value of an option: its fixed values, files, or nothing to offer.
	if [ "$COMP_CWORD" -gt "$first" ]; then
		case "$cmd $prev" in
		"availability --fail-below")
			return ;;
		"availability --format"|"availability -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' text json)" -- "$cur"))
			return ;;
		"availability --input-format"|"availability -i")
			COMPREPLY=($(compgen -W "$(printf '%s\n' auto json gml graphml edgelist ncol harper kubernetes compose nats)" -- "$cur"))
			return ;;
		"availability --jobs"|"availability -j")
			return ;;
		"availability --max-depth")
			return ;;
		"availability --max-input-size")
			return ;;
		"availability --max-name-length")
			return ;;
		"availability --max-nodes")
			return ;;
		"availability --max-routes")
			return ;;
		"availability --node-availability")
			return ;;
		"availability --output"|"availability -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"availability --seed")
			return ;;
		"availability --shard")
			return ;;
		"availability --trials")
			return ;;
		"check --apply")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"check --args")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"check --connectivity-limit")
			return ;;
		"check --down"|"check -d")
			return ;;
		"check --env")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"check --fail-on")
			COMPREPLY=($(compgen -W "$(printf '%s\n' never partition spof bridge)" -- "$cur"))
			return ;;
		"check --format"|"check -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' text json dot svg sarif)" -- "$cur"))
			return ;;
		"check --generation")
			COMPREPLY=($(compgen -W "$(printf '%s\n' nats replication)" -- "$cur"))
			return ;;
		"check --input-format"|"check -i")
			COMPREPLY=($(compgen -W "$(printf '%s\n' auto json gml graphml edgelist ncol harper kubernetes compose nats)" -- "$cur"))
			return ;;
		"check --inventory")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"check --max-depth")
			return ;;
		"check --max-input-size")
			return ;;
		"check --max-name-length")
			return ;;
		"check --max-nodes")
			return ;;
		"check --max-routes")
			return ;;
		"check --model")
			COMPREPLY=($(compgen -W "$(printf '%s\n' graph mesh replication)" -- "$cur"))
			return ;;
		"check --nats-args")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"check --output"|"check -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"diff --format"|"diff -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' text json markdown)" -- "$cur"))
			return ;;
		"diff --input-format"|"diff -i")
			COMPREPLY=($(compgen -W "$(printf '%s\n' auto json gml graphml edgelist ncol harper kubernetes compose nats)" -- "$cur"))
			return ;;
		"diff --max-depth")
			return ;;
		"diff --max-input-size")
			return ;;
		"diff --max-name-length")
			return ;;
		"diff --max-nodes")
			return ;;
		"diff --max-routes")
			return ;;
		"diff --output"|"diff -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"diff --seed")
			return ;;
		"diff --trials")
			return ;;
		"export --format"|"export -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' json graphml gml dot nats)" -- "$cur"))
			return ;;
		"export --input-format"|"export -i")
			COMPREPLY=($(compgen -W "$(printf '%s\n' auto json gml graphml edgelist ncol harper kubernetes compose nats)" -- "$cur"))
			return ;;
		"export --loopback")
			return ;;
		"export --max-depth")
			return ;;
		"export --max-input-size")
			return ;;
		"export --max-name-length")
			return ;;
		"export --max-nodes")
			return ;;
		"export --max-routes")
			return ;;
		"export --output"|"export -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import compose --max-depth")
			return ;;
		"import compose --max-input-size")
			return ;;
		"import compose --max-name-length")
			return ;;
		"import compose --max-nodes")
			return ;;
		"import compose --max-routes")
			return ;;
		"import compose --output"|"import compose -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper --args")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper --env")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper --generation")
			COMPREPLY=($(compgen -W "$(printf '%s\n' nats replication)" -- "$cur"))
			return ;;
		"import harper --inventory")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper --max-depth")
			return ;;
		"import harper --max-input-size")
			return ;;
		"import harper --max-name-length")
			return ;;
		"import harper --max-nodes")
			return ;;
		"import harper --max-routes")
			return ;;
		"import harper --output"|"import harper -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper-cluster-status --configured")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper-cluster-status --max-depth")
			return ;;
		"import harper-cluster-status --max-input-size")
			return ;;
		"import harper-cluster-status --max-name-length")
			return ;;
		"import harper-cluster-status --max-nodes")
			return ;;
		"import harper-cluster-status --max-routes")
			return ;;
		"import harper-cluster-status --output"|"import harper-cluster-status -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper-network --inventory")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper-network --max-depth")
			return ;;
		"import harper-network --max-input-size")
			return ;;
		"import harper-network --max-name-length")
			return ;;
		"import harper-network --max-nodes")
			return ;;
		"import harper-network --max-routes")
			return ;;
		"import harper-network --output"|"import harper-network -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper-routes --inventory")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import harper-routes --max-depth")
			return ;;
		"import harper-routes --max-input-size")
			return ;;
		"import harper-routes --max-name-length")
			return ;;
		"import harper-routes --max-nodes")
			return ;;
		"import harper-routes --max-routes")
			return ;;
		"import harper-routes --output"|"import harper-routes -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import kubernetes --max-depth")
			return ;;
		"import kubernetes --max-input-size")
			return ;;
		"import kubernetes --max-name-length")
			return ;;
		"import kubernetes --max-nodes")
			return ;;
		"import kubernetes --max-routes")
			return ;;
		"import kubernetes --output"|"import kubernetes -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import nats --inventory")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import nats --max-depth")
			return ;;
		"import nats --max-input-size")
			return ;;
		"import nats --max-name-length")
			return ;;
		"import nats --max-nodes")
			return ;;
		"import nats --max-routes")
			return ;;
		"import nats --nats-args")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import nats --output"|"import nats -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"import nats-routez --max-depth")
			return ;;
		"import nats-routez --max-input-size")
			return ;;
		"import nats-routez --max-name-length")
			return ;;
		"import nats-routez --max-nodes")
			return ;;
		"import nats-routez --max-routes")
			return ;;
		"import nats-routez --output"|"import nats-routez -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"merge --format"|"merge -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' text json)" -- "$cur"))
			return ;;
		"merge --output"|"merge -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"report --by"|"report -b")
			return ;;
		"report --down"|"report -d")
			return ;;
		"report --format"|"report -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' html md markdown)" -- "$cur"))
			return ;;
		"report --input-format"|"report -i")
			COMPREPLY=($(compgen -W "$(printf '%s\n' auto json gml graphml edgelist ncol harper kubernetes compose nats)" -- "$cur"))
			return ;;
		"report --max-depth")
			return ;;
		"report --max-input-size")
			return ;;
		"report --max-name-length")
			return ;;
		"report --max-nodes")
			return ;;
		"report --max-routes")
			return ;;
		"report --output"|"report -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"simulate --format"|"simulate -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' text json junit)" -- "$cur"))
			return ;;
		"simulate --max-depth")
			return ;;
		"simulate --max-input-size")
			return ;;
		"simulate --max-name-length")
			return ;;
		"simulate --max-nodes")
			return ;;
		"simulate --max-routes")
			return ;;
		"simulate --output"|"simulate -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"suggest --by"|"suggest -b")
			return ;;
		"suggest --format"|"suggest -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' text json)" -- "$cur"))
			return ;;
		"suggest --input-format"|"suggest -i")
			COMPREPLY=($(compgen -W "$(printf '%s\n' auto json gml graphml edgelist ncol harper kubernetes compose nats)" -- "$cur"))
			return ;;
		"suggest --max-depth")
			return ;;
		"suggest --max-input-size")
			return ;;
		"suggest --max-name-length")
			return ;;
		"suggest --max-nodes")
			return ;;
		"suggest --max-routes")
			return ;;
		"suggest --output"|"suggest -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"suggest --target"|"suggest -t")
			COMPREPLY=($(compgen -W "$(printf '%s\n' 2 3)" -- "$cur"))
			return ;;
		"sweep --by"|"sweep -b")
			return ;;
		"sweep --format"|"sweep -f")
			COMPREPLY=($(compgen -W "$(printf '%s\n' text json)" -- "$cur"))
			return ;;
		"sweep --input-format"|"sweep -i")
			COMPREPLY=($(compgen -W "$(printf '%s\n' auto json gml graphml edgelist ncol harper kubernetes compose nats)" -- "$cur"))
			return ;;
		"sweep --jobs"|"sweep -j")
			return ;;
		"sweep --k"|"sweep -k")
			return ;;
		"sweep --max-depth")
			return ;;
		"sweep --max-input-size")
			return ;;
		"sweep --max-name-length")
			return ;;
		"sweep --max-nodes")
			return ;;
		"sweep --max-routes")
			return ;;
		"sweep --model")
			COMPREPLY=($(compgen -W "$(printf '%s\n' graph mesh)" -- "$cur"))
			return ;;
		"sweep --output"|"sweep -o")
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		"sweep --shard")
			return ;;
		esac
	fi
	case $cmd in
	"availability")
		opts=$(printf '%s\n' --fail-below --force --format \
		    --help --input-format --jobs --max-depth \
		    --max-input-size --max-name-length --max-nodes --max-routes \
		    --node-availability --output --quiet --seed \
		    --shard --trials) ;;
	"check")
		opts=$(printf '%s\n' --apply --args --connectivity-limit \
		    --down --env --explain --fail-on \
		    --format --generation --help --input-format \
		    --inventory --max-depth --max-input-size --max-name-length \
		    --max-nodes --max-routes --model --nats-args \
		    --output --quiet) ;;
	"diff")
		opts=$(printf '%s\n' --format --help --input-format \
		    --max-depth --max-input-size --max-name-length --max-nodes \
		    --max-routes --output --quiet --seed \
		    --trials) ;;
	"export")
		opts=$(printf '%s\n' --format --help --input-format \
		    --loopback --max-depth --max-input-size --max-name-length \
		    --max-nodes --max-routes --output --quiet) ;;
	"import compose")
		opts=$(printf '%s\n' --help --max-depth --max-input-size \
		    --max-name-length --max-nodes --max-routes --output \
		    --quiet) ;;
	"import harper")
		opts=$(printf '%s\n' --args --env --generation \
		    --help --inventory --max-depth --max-input-size \
		    --max-name-length --max-nodes --max-routes --output \
		    --quiet) ;;
	"import harper-cluster-status")
		opts=$(printf '%s\n' --configured --fail-on-drift --help \
		    --max-depth --max-input-size --max-name-length --max-nodes \
		    --max-routes --output --quiet) ;;
	"import harper-network")
		opts=$(printf '%s\n' --fail-on-drift --help --inventory \
		    --max-depth --max-input-size --max-name-length --max-nodes \
		    --max-routes --output --quiet) ;;
	"import harper-routes")
		opts=$(printf '%s\n' --help --inventory --max-depth \
		    --max-input-size --max-name-length --max-nodes --max-routes \
		    --output --quiet) ;;
	"import kubernetes")
		opts=$(printf '%s\n' --help --max-depth --max-input-size \
		    --max-name-length --max-nodes --max-routes --output \
		    --quiet) ;;
	"import nats")
		opts=$(printf '%s\n' --help --inventory --max-depth \
		    --max-input-size --max-name-length --max-nodes --max-routes \
		    --nats-args --output --quiet) ;;
	"import nats-routez")
		opts=$(printf '%s\n' --fail-on-drift --help --max-depth \
		    --max-input-size --max-name-length --max-nodes --max-routes \
		    --output --quiet) ;;
	"merge")
		opts=$(printf '%s\n' --format --help --output \
		    --quiet) ;;
	"report")
		opts=$(printf '%s\n' --by --down --format \
		    --help --input-format --max-depth --max-input-size \
		    --max-name-length --max-nodes --max-routes --output \
		    --quiet) ;;
	"simulate")
		opts=$(printf '%s\n' --format --help --max-depth \
		    --max-input-size --max-name-length --max-nodes --max-routes \
		    --output --quiet) ;;
	"suggest")
		opts=$(printf '%s\n' --by --format --help \
		    --input-format --max-depth --max-input-size --max-name-length \
		    --max-nodes --max-routes --output --quiet \
		    --target) ;;
	"sweep")
		opts=$(printf '%s\n' --by --force --format \
		    --help --input-format --jobs --k \
		    --max-depth --max-input-size --max-name-length --max-nodes \
		    --max-routes --model --output --quiet \
		    --shard) ;;
	*)
		return ;;
	esac
	if [ "${cur#-}" != "$cur" ]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -o filenames -F _meshsim meshsim
