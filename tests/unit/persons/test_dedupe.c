/*
 * Unit tests of lib/persons/dedupe: key mode keeping the first, last and
 * latest row of each key with the others dropped byte for byte, rows
 * mapped from a second header's order, rejected rows counted and
 * written, a header with other columns refused (65); person mode giving
 * ids by group in record order, replacing an id column in place, and
 * fresh ids without a database.  Expected outputs are worked out by
 * hand from the inputs written here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/outfile.h"
#include "persons/dedupe.h"
#include "persons/linkage.h"

#define TMPDIR_NAME "test_dedupe"
#include "../tmpdir.h"

/* A path in the test's folder (four kept at a time). */
static const char *
path(const char *name)
{
	static char buf[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void
write_file(const char *p, const char *text)
{
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The whole file at p, in a static buffer. */
static const char *
read_file(const char *p)
{
	static char buf[8192];
	FILE *fp = fopen(p, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* The error of the last run(). */
static struct vawg_err last_err;

/* Runs dedupe() on the files named, writing out.csv; returns its status. */
static int
run(const struct dedupe_opts *o, const char *a, const char *b)
{
	char pa[128], pb[128];
	char *files[2] = { pa, pb };
	struct outfile *out = out_open(path("out.csv"), &last_err);

	snprintf(pa, sizeof pa, "%s", a ? path(a) : "");
	snprintf(pb, sizeof pb, "%s", b ? path(b) : "");
	memset(&last_err, 0, sizeof last_err);
	return out_close(out, dedupe(o, out, b ? 2 : 1, files, &last_err),
	    &last_err);
}

/* Ids 1 and 2 twice each, id 3 once; "when" decides --keep latest. */
static const char keys_csv[] =
    "id,name,when\n"
    "1,a,2020\n"
    "2,b,2021\n"
    "1,c,2022\n"
    "3,a,2019\n"
    "2,d,2020\n";

static void
test_keep_first(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;
	char drop[128];

	(void)state;
	write_file(path("keys.csv"), keys_csv);
	snprintf(drop, sizeof drop, "%s", path("drop.csv"));
	o.key = "id";
	o.dropped = drop;
	assert_int_equal(run(&o, "keys.csv", NULL), 0);
	assert_string_equal(read_file(path("out.csv")),
	    "id,name,when\n1,a,2020\n2,b,2021\n3,a,2019\n");
	assert_string_equal(read_file(drop),
	    "id,name,when\n1,c,2022\n2,d,2020\n");
}

static void
test_keep_last(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;
	char drop[128];

	(void)state;
	write_file(path("keys.csv"), keys_csv);
	snprintf(drop, sizeof drop, "%s", path("drop.csv"));
	o.key = "id";
	o.keep = DEDUPE_KEEP_LAST;
	o.dropped = drop;
	assert_int_equal(run(&o, "keys.csv", NULL), 0);
	/* The winners in input order: rows 3, 4 and 5. */
	assert_string_equal(read_file(path("out.csv")),
	    "id,name,when\n1,c,2022\n3,a,2019\n2,d,2020\n");
	assert_string_equal(read_file(drop),
	    "id,name,when\n1,a,2020\n2,b,2021\n");
}

static void
test_keep_latest(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;

	(void)state;
	/* Id 4: a tie, which the later row wins; "" is the smallest. */
	write_file(path("latest.csv"), "id,name,when\n"
	    "1,a,2020\n2,b,2021\n1,c,2022\n3,a,2019\n2,d,2020\n"
	    "4,e,2020\n4,f,2020\n5,g,2001\n5,h,\n");
	o.key = "id";
	o.keep = DEDUPE_KEEP_LATEST;
	o.keep_col = "when";
	assert_int_equal(run(&o, "latest.csv", NULL), 0);
	assert_string_equal(read_file(path("out.csv")),
	    "id,name,when\n2,b,2021\n1,c,2022\n3,a,2019\n4,f,2020\n"
	    "5,g,2001\n");
}

/*
 * Two key columns; a second input with its columns in another order is
 * written in the first's.
 */
static void
test_two_inputs(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;

	(void)state;
	write_file(path("a.csv"), "id,name,when\n1,a,2020\n1,b,2020\n");
	write_file(path("b.csv"), "when,name,id\n2021,a,1\n2020,a,1\n"
	    "2020,b,2\n");
	o.key = "id,name";
	assert_int_equal(run(&o, "a.csv", "b.csv"), 0);
	assert_string_equal(read_file(path("out.csv")),
	    "id,name,when\n1,a,2020\n1,b,2020\n2,b,2020\n");
	o.keep = DEDUPE_KEEP_LAST;
	assert_int_equal(run(&o, "a.csv", "b.csv"), 0);
	assert_string_equal(read_file(path("out.csv")),
	    "id,name,when\n1,b,2020\n1,a,2020\n2,b,2020\n");
}

/* A row with a field too many: rejected, written to --rejects, status 1. */
static void
test_rejects(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;
	char rej[128], want[256];
	const char *got;

	(void)state;
	write_file(path("bad.csv"), "id,name\n1,a\n2,b,extra\n1,c\n");
	snprintf(rej, sizeof rej, "%s", path("rej.csv"));
	o.key = "id";
	o.rejects = rej;
	assert_int_equal(run(&o, "bad.csv", NULL), 1);
	assert_string_equal(read_file(path("out.csv")), "id,name\n1,a\n");
	got = read_file(rej);
	snprintf(want, sizeof want, "id,name,reject_file,reject_line,"
	    "reject_reasons\n2,b,extra,%s,3,record: ", path("bad.csv"));
	assert_memory_equal(got, want, strlen(want));
	/* The reason, then the end of the one rejected row. */
	assert_ptr_equal(strchr(got + strlen(want), '\n'),
	    got + strlen(got) - 1);
	o.strict = 1;
	o.rejects = NULL;
	assert_int_equal(run(&o, "bad.csv", NULL), 65);
}

/* Exit status of f() run in a child process. */
static int
exit_of(void (*f)(void))
{
	pid_t pid = fork();
	int st;

	assert_true(pid >= 0);
	if (pid == 0) {
		freopen("/dev/null", "w", stderr);
		f();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void
other_header(void)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;

	write_file(path("c.csv"), "id,name,extra\n1,a,x\n");
	o.key = "id";
	_exit(run(&o, "a.csv", "c.csv"));
}

static void
no_key_column(void)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;

	o.key = "nope";
	_exit(run(&o, "a.csv", NULL));
}

static void
no_role_columns(void)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;

	o.role = "victim";
	_exit(run(&o, "a.csv", NULL));
}

/* Bad data exits 65 and leaves no output. */
static void
test_bad_data(void **state)
{
	(void)state;
	write_file(path("a.csv"), "id,name,when\n1,a,2020\n");
	unlink(path("out.csv"));
	assert_int_equal(exit_of(other_header), 65);
	assert_int_equal(exit_of(no_key_column), 65);
	assert_int_equal(exit_of(no_role_columns), 65);
	assert_int_equal(access(path("out.csv"), F_OK), -1);
}

/*
 * Person mode returns what stops it, without exiting: the file and line,
 * no value of a cell; no output is left.
 */
static void
test_person_errors(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;
	char want[256];

	(void)state;
	write_file(path("a.csv"), "id,name,when\n1,Ann Smith,2020\n");
	unlink(path("out.csv"));
	o.role = "victim";
	assert_int_equal(run(&o, "a.csv", NULL), 65);
	assert_int_equal(last_err.code, 65);
	snprintf(want, sizeof want, "%s:1: no victim_* columns", path("a.csv"));
	assert_string_equal(last_err.msg, want);
	assert_int_equal(access(path("out.csv"), F_OK), -1);
	write_file(path("b.csv"), "victim_surname,victim_dob\nSmith,1980-01-01\n");
	o.truth = "victim_true_id";
	assert_int_equal(run(&o, "b.csv", NULL), 65);
	snprintf(want, sizeof want, "%s:1: no column victim_true_id",
	    path("b.csv"));
	assert_string_equal(last_err.msg, want);
	assert_null(strstr(last_err.msg, "Smith"));
	assert_int_equal(access(path("out.csv"), F_OK), -1);
}

/*
 * Key mode's bad data is returned, not exited on: the status and the
 * message naming the file and line, no output left.
 */
static void
test_bad_data_returned(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;
	char want[256], dropped[160];

	(void)state;
	write_file(path("a.csv"), "id,name,when\n1,a,2020\n");
	write_file(path("c.csv"), "id,name,extra\n1,a,x\n");
	unlink(path("out.csv"));
	o.key = "id";
	assert_int_equal(run(&o, "a.csv", "c.csv"), 65);
	assert_int_equal(last_err.code, 65);
	/* c.csv has no "when", a.csv's column 3. */
	snprintf(want, sizeof want, "%s:1: header differs from the first "
	    "input's: no column named as its column 3", path("c.csv"));
	assert_string_equal(last_err.msg, want);
	o.key = "nope";
	assert_int_equal(run(&o, "a.csv", NULL), 65);
	snprintf(want, sizeof want, "%s:1: no column nope", path("a.csv"));
	assert_string_equal(last_err.msg, want);
	o.key = ",";
	assert_int_equal(run(&o, "a.csv", NULL), 64);
	assert_string_equal(last_err.msg, "--key: no column named");
	o.key = "id";
	snprintf(dropped, sizeof dropped, "%s", path("nodir/dropped.csv"));
	o.dropped = dropped;
	assert_int_equal(run(&o, "a.csv", NULL), 73);
	assert_int_equal(last_err.code, 73);
	assert_int_equal(access(path("out.csv"), F_OK), -1);
}

/*
 * Person mode: C1 and C3 are one man (same surname, DOB and PNC ID;
 * John and Jon), C2 someone else, C4 no person at all.  Ids go by group
 * in record order; a linked record gets its link's weight, the others
 * none.
 */
static void
test_person(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;
	char text[1024], *line[6], *save = NULL;
	const char *w1, *w3;
	char *p1, *p3;
	int n = 0;

	(void)state;
	write_file(path("people.csv"),
	    "crime_ref,suspect_forename,suspect_surname,suspect_dob,"
	    "suspect_pnc\n"
	    "C1,Jon,Smith,1985-02-01,1985/0001234J\n"
	    "C2,Sarah,Okonkwo,1990-07-15,\n"
	    "C3,John,Smith,1985-02-01,1985/0001234J\n"
	    "C4,,,,\n");
	o.role = "suspect";
	assert_int_equal(run(&o, "people.csv", NULL), 0);
	snprintf(text, sizeof text, "%s", read_file(path("out.csv")));
	for (line[n] = strtok_r(text, "\n", &save); line[n] && n < 5;
	    line[++n] = strtok_r(NULL, "\n", &save))
		;
	assert_int_equal(n, 5);
	assert_string_equal(line[0], "crime_ref,suspect_forename,"
	    "suspect_surname,suspect_dob,suspect_pnc,suspect_id,"
	    "suspect_match_weight,suspect_match_probability");
	assert_string_equal(line[2], "C2,Sarah,Okonkwo,1990-07-15,,P0000002,,");
	/* No person data at all: no person, no id. */
	assert_string_equal(line[4], "C4,,,,,,,");
	/* C1 and C3: one id, the same link's weight, well above even odds
	   (above 10 bits: a probability above 1 - 2^-10 = 0.99902). */
	p1 = strrchr(line[1], ',');
	p3 = strrchr(line[3], ',');
	assert_true(atof(p1 + 1) > 0.999 && atof(p1 + 1) <= 1);
	assert_string_equal(p1, p3);
	*p1 = *p3 = '\0';
	w1 = strrchr(line[1], ',') + 1;
	w3 = strrchr(line[3], ',') + 1;
	assert_true(strncmp(line[1], "C1,Jon,Smith,1985-02-01,1985/0001234J,"
	    "P0000001,", (size_t)(w1 - line[1])) == 0);
	assert_true(strncmp(line[3], "C3,John,Smith,1985-02-01,"
	    "1985/0001234J,P0000001,", (size_t)(w3 - line[3])) == 0);
	assert_string_equal(w1, w3);
	assert_true(atof(w1) > 10);
}

/* An input that has the id column already: it is replaced in place. */
static void
test_person_id_column(void **state)
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;

	(void)state;
	write_file(path("ids.csv"),
	    "suspect_id,suspect_surname,suspect_dob\n"
	    "OLD1,Quartermaine,1961-05-05\n"
	    "OLD2,Adeyemi,1988-08-08\n");
	o.role = "suspect";
	o.threshold = 5;
	assert_int_equal(run(&o, "ids.csv", NULL), 0);
	assert_string_equal(read_file(path("out.csv")),
	    "suspect_id,suspect_surname,suspect_dob,suspect_match_weight,"
	    "suspect_match_probability\n"
	    "P0000001,Quartermaine,1961-05-05,,\n"
	    "P0000002,Adeyemi,1988-08-08,,\n");
}

/* Without a database: P0000001 ... by group, in record order. */
static void
test_fresh_ids(void **state)
{
	static const uint32_t cl[] = { 0, 1, 0, UINT32_MAX, 1, 5 };
	struct lk_set *s = lk_set_new();
	struct lk_person p;
	const char *ids[6];
	char *text;
	size_t i;

	(void)state;
	lk_person_clear(&p);
	lk_person_set(&p, LK_SURNAME, "Lee", 3);
	for (i = 0; i < 6; i++)
		lk_set_add(s, &p);
	lk_set_finish(s);
	text = dedupe_fresh_ids(s, cl, ids);
	assert_string_equal(ids[0], "P0000001");
	assert_string_equal(ids[1], "P0000002");
	assert_string_equal(ids[2], "P0000001");
	assert_null(ids[3]);
	assert_string_equal(ids[4], "P0000002");
	assert_string_equal(ids[5], "P0000003");
	assert_ptr_equal(ids[0], ids[2]);
	free(text);
	lk_set_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keep_first),
		cmocka_unit_test(test_keep_last),
		cmocka_unit_test(test_keep_latest),
		cmocka_unit_test(test_two_inputs),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_bad_data),
		cmocka_unit_test(test_bad_data_returned),
		cmocka_unit_test(test_person_errors),
		cmocka_unit_test(test_person),
		cmocka_unit_test(test_person_id_column),
		cmocka_unit_test(test_fresh_ids),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
