/*
 * Unit tests of lib/persons/persondb beyond linking (test_persondb.c):
 * the prior scaled to the whole population, an empty database (no
 * records, the run's own set linked as it is, header-only exports), the
 * earlier CSV form imported and exported back unchanged, the model
 * table replaced by each run, the merge log, and files that are not a
 * persons database refused (65) and left as they were.  Expected values
 * are worked out by hand and read back with SQLite directly.
 */
#include <math.h>
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
#include <sqlite3.h>

#include "persons/linkage.h"
#include "persons/persondb.h"

#define TMPDIR_NAME "test_persondb_files"
#include "../tmpdir.h"

/* A path in the test's folder. */
static const char *
path(const char *name)
{
	static char buf[128];

	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

/* One text value from SQL run on the database at db. */
static void
sql_text(const char *db, const char *sql, char *out, size_t sz)
{
	sqlite3 *h;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sz, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* The whole file at p (at most sz - 1 bytes). */
static void
slurp(const char *p, char *buf, size_t sz)
{
	FILE *fp = fopen(p, "rb");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sz - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

/* What a pdb_export_csv() or pdb_write_log() call writes. */
static void
capture(struct pdb *d, int (*fn)(struct pdb *, FILE *, const char *,
    struct vawg_err *), char *buf, size_t sz)
{
	FILE *fp = fopen(path("capture.csv"), "w");

	assert_non_null(fp);
	assert_int_equal(fn(d, fp, "capture.csv", NULL), 0);
	assert_int_equal(fclose(fp), 0);
	slurp(path("capture.csv"), buf, sz);
}

/*
 * 10 expected matches among 100 records are 100 among 1000: the prior
 * becomes log2(100 / (499500 - 100)), 499500 being 1000 * 999 / 2.
 */
static void
test_scale_prior(void **state)
{
	struct lk_model mo;

	(void)state;
	lk_model_default(&mo);
	mo.prior_matches = 10;
	mo.prior = -1;
	pdb_scale_prior(&mo, 100, 1000);
	assert_true(fabs(mo.prior_matches - 100) < 1e-9);
	assert_true(fabs(mo.prior - log2(100.0 / 499400.0)) < 1e-9);
	/* Nothing to scale: one record, no more in total, no estimate. */
	mo.prior = -1;
	mo.prior_matches = 10;
	pdb_scale_prior(&mo, 1, 1000);
	pdb_scale_prior(&mo, 100, 100);
	assert_true(mo.prior == -1 && mo.prior_matches == 10);
	mo.prior_matches = 0;
	pdb_scale_prior(&mo, 100, 1000);
	assert_true(mo.prior == -1 && mo.prior_matches == 0);
}

static const char export_header[] = "person_id,merged_into,forename,"
    "surname,dob,pnc,postcode,address,town,phone,email,sex,cro,nino,"
    "other_id\n";

/* A new database: no records, the run's set linked as it is. */
static void
test_empty(void **state)
{
	struct lk_set *own = lk_set_new(), *s;
	struct lk_person p;
	struct pdb *d;
	size_t nfixed = 99;
	char buf[1024];

	(void)state;
	lk_person_clear(&p);
	lk_person_set(&p, LK_SURNAME, "Lee", 3);
	lk_set_add(own, &p);
	lk_set_finish(own);
	d = pdb_open(path("empty.db"), NULL);
	capture(d, pdb_export_csv, buf, sizeof buf);
	assert_string_equal(buf, export_header);
	capture(d, pdb_write_log, buf, sizeof buf);
	assert_string_equal(buf, "merged_id,into_id,current_id,at,weight,"
	    "role\n");
	assert_int_equal(pdb_begin(d, NULL), 0);
	assert_int_equal(pdb_nrecords(d), 0);
	s = pdb_link_set(d, own, NULL, &nfixed, NULL);
	assert_ptr_equal(s, own);
	assert_int_equal(nfixed, 0);
	assert_int_equal(pdb_commit(d, NULL), 0);
	pdb_close(d);
	sql_text(path("empty.db"), "PRAGMA application_id", buf, sizeof buf);
	assert_int_equal(atol(buf), PDB_APPLICATION_ID);
	lk_set_free(own);
}

/*
 * The earlier CSV form, imported, is exported as it was: its records by
 * person in file order, then its merges.  The PNC ID's check letter:
 * 800012345 mod 23 = 10, K.
 */
static void
test_export(void **state)
{
	static const char index[] = "person_id,merged_into,forename,surname,"
	    "dob,pnc,postcode,address,town,phone,email,sex\n"
	    "P0000042,,ANN,LEE,1970-01-01,,,,,,,F\n"
	    "P0000050,,ZEB,QUARTERMAINE,1961-05-05,1980/0012345K,,,,,,M\n"
	    "P0000007,P0000042,,,,,,,,,,\n";
	/* Exported with the identifier columns, empty. */
	static const char want[] = "person_id,merged_into,forename,surname,"
	    "dob,pnc,postcode,address,town,phone,email,sex,cro,nino,other_id\n"
	    "P0000042,,ANN,LEE,1970-01-01,,,,,,,F,,,\n"
	    "P0000050,,ZEB,QUARTERMAINE,1961-05-05,1980/0012345K,,,,,,M,,,\n"
	    "P0000007,P0000042,,,,,,,,,,,,,\n";
	char csv[128], buf[2048];
	struct pdb *d;
	FILE *fp;
	size_t n;

	(void)state;
	snprintf(csv, sizeof csv, "%s", path("index.csv"));
	fp = fopen(csv, "w");
	assert_non_null(fp);
	fputs(index, fp);
	fclose(fp);
	d = pdb_open(path("export.db"), NULL);
	assert_int_equal(pdb_import_csv(d, csv, &n, NULL), 0);
	assert_int_equal(n, 3);
	capture(d, pdb_export_csv, buf, sizeof buf);
	assert_string_equal(buf, want);
	pdb_close(d);
	sql_text(path("export.db"), "SELECT value FROM meta WHERE key = "
	    "'records'", buf, sizeof buf);
	assert_string_equal(buf, "2");
}

/* The model table holds the last run's model of the fields used. */
static void
test_model(void **state)
{
	struct lk_model mo;
	int used[LK_NFIELDS] = { 0 };
	struct pdb *d;
	char v[64], db[128];

	(void)state;
	snprintf(db, sizeof db, "%s", path("model.db"));
	lk_model_default(&mo);
	mo.prior = -17.25;
	used[LK_FORENAME] = used[LK_SURNAME] = 1;
	d = pdb_open(db, NULL);
	assert_int_equal(pdb_begin(d, NULL), 0);
	assert_int_equal(pdb_save_model(d, &mo, used, NULL), 0);
	assert_int_equal(pdb_commit(d, NULL), 0);
	pdb_close(d);
	/* Seven levels each, and the prior. */
	sql_text(db, "SELECT count(*) FROM model", v, sizeof v);
	assert_string_equal(v, "15");
	sql_text(db, "SELECT weight FROM model WHERE field = 'prior'", v,
	    sizeof v);
	assert_string_equal(v, "-17.25");
	sql_text(db, "SELECT count(*) FROM model WHERE field = 'prior' AND "
	    "m IS NULL AND u IS NULL", v, sizeof v);
	assert_string_equal(v, "1");
	sql_text(db, "SELECT m FROM model WHERE field = 'surname' AND "
	    "level = 'exact'", v, sizeof v);
	assert_true(fabs(atof(v) - mo.m[LK_SURNAME][LK_SN_EXACT]) < 1e-12);
	/* A second run's model replaces the first: DOB has seven levels
	   (typo among them). */
	used[LK_FORENAME] = used[LK_SURNAME] = 0;
	used[LK_DOB] = 1;
	d = pdb_open(db, NULL);
	assert_int_equal(pdb_begin(d, NULL), 0);
	assert_int_equal(pdb_save_model(d, &mo, used, NULL), 0);
	assert_int_equal(pdb_commit(d, NULL), 0);
	pdb_close(d);
	sql_text(db, "SELECT count(*) || ' ' || count(DISTINCT field) FROM "
	    "model", v, sizeof v);
	assert_string_equal(v, "8 2");
}

/* Two runs of one person each, then a record of both: the log says so. */
static void
test_log(void **state)
{
	static const char *const runs[][2] = {
		{ "Ann", "1970-03-14" }, { "Anne", NULL }, { "Ann", "1970-03-14" },
	};
	static const char *const pnc[] = { NULL, "1990/0012345M",
	    "1990/0012345M" };
	static const double threshold[] = { 50, 50, -10 };
	char buf[1024], want[256];
	int k;

	(void)state;
	for (k = 0; k < 3; k++) {
		struct lk_set *own = lk_set_new(), *s;
		struct lk_person p;
		struct lk_model mo;
		struct lk_pair *pairs;
		struct pdb *d = pdb_open(path("log.db"), NULL);
		size_t np, nfixed, n, merges;
		uint32_t *cl;
		double *best;
		const char **ids;

		lk_person_clear(&p);
		lk_person_set(&p, LK_FORENAME, runs[k][0], strlen(runs[k][0]));
		lk_person_set(&p, LK_SURNAME, "Lee", 3);
		if (runs[k][1])
			lk_person_set(&p, LK_DOB, runs[k][1], 10);
		if (pnc[k])
			lk_person_set(&p, LK_PNC, pnc[k], strlen(pnc[k]));
		lk_set_add(own, &p);
		lk_set_finish(own);
		lk_model_default(&mo);
		assert_int_equal(pdb_begin(d, NULL), 0);
		s = pdb_link_set(d, own, NULL, &nfixed, NULL);
		n = lk_set_count(s);
		pairs = lk_pairs(s, &mo, -10, &np, NULL, NULL, NULL);
		cl = calloc(n, sizeof *cl);
		best = calloc(n, sizeof *best);
		ids = calloc(n, sizeof *ids);
		lk_cluster(s, &mo, pairs, np, threshold[k], -12, cl, best);
		assert_int_equal(pdb_assign(d, s, nfixed, cl, best, "victim",
		    ids, &merges, NULL), 0);
		assert_int_equal(merges, k == 2);
		assert_int_equal(pdb_commit(d, NULL), 0);
		if (k == 2) {
			capture(d, pdb_write_log, buf, sizeof buf);
			/* The weight: the strongest link of the group. */
			snprintf(want, sizeof want, "merged_id,into_id,"
			    "current_id,at,weight,role\nP0000002,P0000001,"
			    "P0000001,");
			assert_memory_equal(buf, want, strlen(want));
			snprintf(want, sizeof want, ",%.2f,victim\n",
			    best[nfixed]);
			assert_string_equal(buf + strlen(buf) - strlen(want),
			    want);
		}
		pdb_close(d);
		free(pairs);
		free(cl);
		free(best);
		free(ids);
		if (s != own)
			lk_set_free(s);
		lk_set_free(own);
	}
}

/* Exit status of pdb_open(p) then pdb_begin() in a child process. */
static int
open_status(const char *p)
{
	pid_t pid = fork();
	int st;

	assert_true(pid >= 0);
	if (pid == 0) {
		struct pdb *d;
		struct vawg_err e;

		if (!freopen("/dev/null", "w", stderr))
			_exit(99);
		if (!(d = pdb_open(p, &e)))
			_exit(e.code);
		if (pdb_begin(d, &e) || pdb_commit(d, &e))
			_exit(e.code);
		pdb_close(d);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* Files that are not a persons database: 65, left byte for byte. */
static void
test_refused(void **state)
{
	static const char *const texts[] = {
		"hello\n",
		"person_id,merged_into,surname\nP0000001,,LEE\n",
	};
	char p[128], before[4096], after[4096];
	sqlite3 *h;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		FILE *fp;

		snprintf(p, sizeof p, "%s/text%zu.db", dir, i);
		fp = fopen(p, "w");
		assert_non_null(fp);
		fputs(texts[i], fp);
		fclose(fp);
		assert_int_equal(open_status(p), 65);
		slurp(p, after, sizeof after);
		assert_string_equal(after, texts[i]);
	}
	/* An SQLite database of something else. */
	snprintf(p, sizeof p, "%s", path("other.db"));
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x); INSERT INTO t "
	    "VALUES(1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	slurp(p, before, sizeof before);
	assert_int_equal(open_status(p), 65);
	sql_text(p, "SELECT count(*) FROM sqlite_master", after, sizeof after);
	assert_string_equal(after, "1");
	/* An empty file is a new database. */
	snprintf(p, sizeof p, "%s", path("zero.db"));
	fclose(fopen(p, "w"));
	assert_int_equal(open_status(p), 0);
	sql_text(p, "PRAGMA user_version", after, sizeof after);
	assert_int_equal(atoi(after), PDB_VERSION);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale_prior),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
