/*
 * Unit tests of lib/xlsx/labels: the label table read back, and a bad
 * table returned as an error (status and "file:line: message"), never
 * an exit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "xlsx/celltype.h"
#include "xlsx/labels.h"
#include "../errfile.h"

static void
test_good(void **state)
{
	struct vawg_err e;
	const char *p = errfile("good.csv", "csv_name,label,kind,definition,"
	    "direction,target,range,source\n"
	    "Repeat rate,,rate,Repeats.,up,0.3,0.28..0.40,MARAC export\n"
	    "charges,Charges,count,,,,,\n");
	struct labels *l = labels_read(p, &e);
	const struct label *r;

	(void)state;
	assert_non_null(l);
	assert_int_equal(e.code, 0);
	r = labels_find(l, "Repeat rate");
	assert_non_null(r);
	assert_int_equal(r->force, CT_FORCE_PERCENT);
	assert_int_equal(r->direction, 1);
	assert_true(r->has_target && r->has_range);
	assert_true(r->lo == 0.28 && r->hi == 0.40);
	assert_string_equal(r->source, "MARAC export");
	assert_true(labels_has_source(l));
	/* A measure by borough takes its measure's entry. */
	assert_ptr_equal(labels_find_measure(l, "Repeat rate: North"), r);
	assert_null(labels_find_measure(l, "Cases: North"));
	labels_free(l);
}

static void
check_bad(const char *name, const char *text, int code, const char *msg)
{
	struct vawg_err e;
	const char *p = errfile(name, text);
	char want[512];

	assert_null(labels_read(p, &e));
	assert_int_equal(e.code, code);
	snprintf(want, sizeof(want), "%s:%s", p, msg);
	assert_string_equal(e.msg, want);
}

static void
test_bad(void **state)
{
	struct vawg_err e;

	(void)state;
	check_bad("kind.csv", "csv_name,kind\nx,lots\n", 65,
	    "2: column kind: not a known kind");
	check_bad("dir.csv", "csv_name,direction\nx,sideways\n", 65,
	    "2: column direction: not up or down");
	check_bad("target.csv", "csv_name,target\nx,high\n", 65,
	    "2: column target: not a number");
	check_bad("range.csv", "csv_name,range\nx,0.4..0.28\n", 65,
	    "2: column range: expected LOW..HIGH");
	check_bad("range2.csv", "csv_name,range\nok,1..2\nx,0.28\n", 65,
	    "3: column range: expected LOW..HIGH");
	check_bad("noname.csv", "label,kind\nx,count\n", 65,
	    "1: no column csv_name");
	check_bad("empty.csv", "", 65, "1: empty label table");
	/* A table that cannot be opened: 66, said by the reader. */
	assert_null(labels_read("/nonexistent/labels.csv", &e));
	assert_int_equal(e.code, 66);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
