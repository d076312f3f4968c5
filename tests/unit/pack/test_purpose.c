/*
 * Unit tests of lib/pack/purpose: the purposes by name, and each one's
 * table.  Expected values from the manual page (vawg-pack(1)).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pack/purpose.h"

static void
test_named(void **state)
{
	static const char *const names[] = {
		"marac", "dvds", "spo", "nominal"
	};
	size_t i;

	for (i = 0; i < 4; i++) {
		const struct pack_purpose *p = pack_purpose_named(names[i]);

		assert_non_null(p);
		assert_int_equal(p->id, (int)i);
		assert_string_equal(p->name, names[i]);
	}
	assert_null(pack_purpose_named("MARAC"));
	assert_null(pack_purpose_named(""));
	assert_string_equal(pack_purposes[PACK_FOR_DVDS].key, "dvds_ref");
	assert_string_equal(pack_purposes[PACK_FOR_SPO].role[1], "respondent");
	assert_null(pack_purposes[PACK_FOR_NOMINAL].key);
	assert_null(pack_purposes[PACK_FOR_NOMINAL].role[0]);
	assert_int_equal(pack_purposes[PACK_FOR_MARAC].lookback, 12);
	assert_int_equal(pack_purposes[PACK_FOR_DVDS].lookback, 0);
}

/* Every purpose's summary columns are summary columns, each once; the
 * MARAC ones are the 27 of vawg-marac-pack, in order. */
static void
test_columns(void **state)
{
	size_t i, j, k;

	for (i = 0; i < PACK_NFOR; i++) {
		const int *c = pack_purposes[i].cols;

		for (j = 0; c[j] >= 0; j++) {
			assert_non_null(pack_summary_colname((size_t)c[j]));
			for (k = 0; k < j; k++)
				assert_int_not_equal(c[k], c[j]);
		}
		assert_true(j > 10);
	}
	for (j = 0; j < pack_summary_ncols(); j++)
		assert_int_equal(pack_purposes[PACK_FOR_MARAC].cols[j], (int)j);
	assert_int_equal(pack_purposes[PACK_FOR_MARAC].cols[j], -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
