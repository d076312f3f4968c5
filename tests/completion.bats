#!/usr/bin/env bats
# The bash completion (scripts/completion/vawg-tools.bash): vawg-stats'
# metrics as its usage line lists them, long options from each
# program's --help, file names after options that take a file.
load helper

complete_words() {
	# complete_words WORD...: the completions of the last word.
	source "$TOP/scripts/completion/vawg-tools.bash"
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	_vawg_tools
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

@test "completion: vawg-stats' first word is a metric from its usage line, or headline" {
	run -0 complete_words vawg-stats h
	assert_output "$(printf 'headline\nhotspots')"
	run -0 complete_words vawg-stats dvds
	assert_output "dvds-contact"
	run -0 complete_words vawg-stats comp
	assert_output "completeness"
}

@test "completion: long options from --help; after --data and --labels a file, even one named like an option" {
	run -0 complete_words vawg-xlsx --lab
	assert_output "--labels"
	touch -- -old.csv
	run -0 complete_words vawg-xlsx --data -
	assert_output -- "-old.csv"
	run -0 complete_words vawg-xlsx --labels -o
	assert_output -- "-old.csv"
}
