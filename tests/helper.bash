# Shared set-up for the end-to-end tests.
bats_require_minimum_version 1.5.0
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

TOP=${VAWG_TOP:-$(cd "$BATS_TEST_DIRNAME/.." && pwd)}
DATA="$TOP/tests/data"
PY=/usr/bin/python3

setup() {
	T=$BATS_TEST_TMPDIR
	cd "$T" || return 1
}

# file_mode FILE: prints the octal permission bits.
file_mode() {
	stat -c %a "$1"
}
