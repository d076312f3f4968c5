# bash completion for the vawg tools: long options are read from each
# program's --help, so they follow the program; option arguments that are
# files complete as files, --kind and metric names as words.
_vawg_tools()
{
	local cur prev cmd opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[0]##*/}
	case $prev in
	--kind)
		COMPREPLY=($(compgen -W "crime wanted order marac disclosure engagement population" -- "$cur"))
		return ;;
	--period)
		COMPREPLY=($(compgen -W "month quarter fy year rolling12 all" -- "$cur"))
		return ;;
	--profile)
		COMPREPLY=($(compgen -W "police-uk-street police-uk-outcomes" -- "$cur"))
		return ;;
	--for)
		COMPREPLY=($(compgen -W "marac dvds spo nominal" -- "$cur"))
		return ;;
	--role)
		COMPREPLY=($(compgen -W "victim suspect person respondent protected perpetrator applicant subject" -- "$cur"))
		return ;;
	-o|--output|--rejects|--dropped|--pairs|--index|--map|--cases|--crimes|--orders|--wanted|--disclosures|--marac|--engagement|--findings|--summary|--audit|--population|--previous|--weights|--harm|--offences|--outcomes|--labels|--data|--geojson|--svg|--model|--index-export)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--html|--in|--out|--state|--all)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	esac
	if [ "$cmd" = vawg-stats ] && [ "$COMP_CWORD" -eq 1 ]; then
		# The metrics, as the usage line lists them.
		opts=$(vawg-stats --help 2>/dev/null | sed -n '1s/^usage: vawg-stats \([^ ]*\).*/\1/p' | tr '|' ' ')
		COMPREPLY=($(compgen -W "$opts headline" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		opts=$("$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _vawg_tools vawg-ingest vawg-dedupe vawg-stats vawg-rank \
	vawg-marac-pack vawg-pack vawg-xlsx vawg-synth monthly-report
