/*
 * Unit tests of lib/persons/persondb's errors: the functions return a
 * status and a message (struct vawg_err) and the process goes on.  Files
 * that are not a persons database, a damaged one, one of a later
 * version, a bad index of the earlier CSV form, a folder that cannot be
 * written; and an export that sees one state of the index while another
 * connection commits in the middle of it.  Messages are the ones the
 * command prints after "vawg-dedupe: ", written out by hand.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "core/err.h"
#include "persons/linkage.h"
#include "persons/persondb.h"

#define TMPDIR_NAME "test_persondb_err"
#include "../tmpdir.h"

static const char *
path(const char *name)
{
	static char buf[128];

	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void
write_text(const char *p, const char *text)
{
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* pdb_open(p) fails with code and the message want (%s: the path). */
static void
open_fails(const char *p, int code, const char *want)
{
	struct vawg_err e;
	char msg[1024];

	memset(&e, 0, sizeof e);
	assert_null(pdb_open(p, &e));
	assert_int_equal(e.code, code);
	snprintf(msg, sizeof msg, want, p, p);
	assert_string_equal(e.msg, msg);
}

/* A database made by SQLite with sql run in it. */
static void
make_db(const char *p, const char *sql)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

static void
test_not_ours(void **state)
{
	char sql[160], want[96];

	(void)state;
	write_text(path("text.db"), "hello\n");
	open_fails(path("text.db"), 65, "%s: not a persons database");
	write_text(path("old.db"), "person_id,merged_into,surname\n"
	    "P0000001,,LEE\n");
	open_fails(path("old.db"), 65, "%s: a persons index of the earlier "
	    "CSV form: import it once with --index persons.db --index-import "
	    "%s");
	make_db(path("other.db"), "CREATE TABLE t(x)");
	open_fails(path("other.db"), 65, "%s: not a persons database (an "
	    "SQLite database of another application)");
	/* 0x56415747 is 1447122759; the version after this one's. */
	snprintf(sql, sizeof sql, "CREATE TABLE meta(key, value);"
	    "PRAGMA application_id=1447122759; PRAGMA user_version=%d",
	    PDB_VERSION + 1);
	make_db(path("later.db"), sql);
	snprintf(want, sizeof want, "%%s: a persons database of a later "
	    "version (%d)", PDB_VERSION + 1);
	open_fails(path("later.db"), 65, want);
	open_fails(path("no/such/folder.db"), 73, "%s: No such file or "
	    "directory");
}

/* A persons database of n records, one person each (P0000001 ...). */
static void
make_index(const char *p, size_t n)
{
	struct lk_set *own = lk_set_new(), *s;
	struct lk_person q;
	struct pdb *d;
	struct vawg_err e;
	size_t i, nfixed, merges;
	uint32_t *cl = calloc(n, sizeof *cl);
	double *best = calloc(n, sizeof *best);
	const char **ids = calloc(n, sizeof *ids);
	char name[32];

	for (i = 0; i < n; i++) {
		lk_person_clear(&q);
		snprintf(name, sizeof name, "Name%zu", i);
		lk_person_set(&q, LK_SURNAME, name, strlen(name));
		lk_person_set(&q, LK_FORENAME, "Ann", 3);
		lk_set_add(own, &q);
		cl[i] = (uint32_t)i;
		best[i] = 0.0 / 0.0;
	}
	lk_set_finish(own);
	assert_non_null(d = pdb_open(p, &e));
	assert_int_equal(pdb_begin(d, &e), 0);
	s = pdb_link_set(d, own, NULL, &nfixed, &e);
	assert_ptr_equal(s, own);
	assert_int_equal(pdb_assign(d, s, nfixed, cl, best, "victim", ids,
	    &merges, &e), 0);
	assert_int_equal(pdb_commit(d, &e), 0);
	pdb_close(d);
	lk_set_free(own);
	free(cl);
	free(best);
	free(ids);
}

/* A damaged database: 65 from the call that reads it, not an exit. */
static void
test_damaged(void **state)
{
	struct lk_set *own = lk_set_new();
	struct lk_person q;
	struct pdb *d;
	struct vawg_err e;
	size_t nfixed = 9;
	FILE *fp;
	char junk[4096];

	(void)state;
	make_index(path("damaged.db"), 2000);
	/* Every page after the first four overwritten. */
	memset(junk, 0x5a, sizeof junk);
	fp = fopen(path("damaged.db"), "r+");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 4 * 4096, SEEK_SET), 0);
	while (fwrite(junk, 1, sizeof junk, fp) == sizeof junk &&
	    ftell(fp) < 400 * 4096)
		;
	assert_int_equal(fclose(fp), 0);
	lk_person_clear(&q);
	lk_person_set(&q, LK_SURNAME, "Name7", 5);
	lk_person_set(&q, LK_FORENAME, "Ann", 3);
	lk_set_add(own, &q);
	lk_set_finish(own);
	memset(&e, 0, sizeof e);
	d = pdb_open(path("damaged.db"), &e);
	if (d) {
		if (pdb_begin(d, &e) == 0)
			assert_null(pdb_link_set(d, own, NULL, &nfixed, &e));
		assert_int_equal(nfixed, 0);
		pdb_close(d);
	}
	assert_int_equal(e.code, 65);
	assert_non_null(strstr(e.msg, ": damaged persons database ("));
	assert_memory_equal(e.msg, path("damaged.db"),
	    strlen(path("damaged.db")));
	lk_set_free(own);
}

/* A bad index of the earlier CSV form: 65 with its line. */
static void
test_bad_import(void **state)
{
	struct pdb *d;
	struct vawg_err e;
	size_t n = 9;
	char want[256];

	(void)state;
	write_text(path("bad.csv"), "person_id,merged_into,surname\n"
	    "P0000001,,LEE\nX12,,SMITH\n");
	assert_non_null(d = pdb_open(path("import.db"), &e));
	assert_int_equal(pdb_import_csv(d, path("bad.csv"), &n, &e), 65);
	snprintf(want, sizeof want, "%s:3: bad person_id", path("bad.csv"));
	assert_string_equal(e.msg, want);
	assert_int_equal(n, 0);
	/* The database does nothing more, and says so again. */
	memset(&e, 0, sizeof e);
	assert_int_equal(pdb_begin(d, &e), 65);
	assert_string_equal(e.msg, want);
	pdb_close(d);
	write_text(path("cols.csv"), "id,surname\n1,LEE\n");
	assert_non_null(d = pdb_open(path("import2.db"), &e));
	assert_int_equal(pdb_import_csv(d, path("cols.csv"), &n, &e), 65);
	snprintf(want, sizeof want, "%s:1: not a persons index (person_id, "
	    "merged_into columns)", path("cols.csv"));
	assert_string_equal(e.msg, want);
	pdb_close(d);
}

/*
 * The export's stream: at its first write (the rows of the records
 * already read in part), another connection merges P0000002 into
 * P0000001 and commits.
 */
struct sink {
	int done;
	char *text;
	size_t n;
};

static ssize_t
merge_on_write(void *cookie, const char *buf, size_t n)
{
	struct sink *k = cookie;

	k->text = realloc(k->text, k->n + n + 1);
	assert_non_null(k->text);
	memcpy(k->text + k->n, buf, n);
	k->n += n;
	k->text[k->n] = '\0';
	if (!k->done) {
		k->done = 1;
		make_db(path("export.db"), "BEGIN IMMEDIATE;"
		    "INSERT INTO merges(merged, into_id, at) VALUES(2, 1, 'x');"
		    "UPDATE persons SET merged_into = 1 WHERE id = 2;"
		    "UPDATE records SET person = 1 WHERE person = 2; COMMIT");
	}
	return (ssize_t)n;
}

/* The export reads one state of the index: no merge seen half-way. */
static void
test_export_snapshot(void **state)
{
	cookie_io_functions_t io = { NULL, merge_on_write, NULL, NULL };
	struct pdb *d;
	struct vawg_err e;
	FILE *fp;
	struct sink k = { 0, NULL, 0 };
	char v[64];
	sqlite3 *h;
	sqlite3_stmt *st;

	(void)state;
	/* More than the writer's 64 KiB buffer of records. */
	make_index(path("export.db"), 6000);
	assert_non_null(d = pdb_open(path("export.db"), &e));
	fp = fopencookie(&k, "w", io);
	assert_non_null(fp);
	setvbuf(fp, NULL, _IONBF, 0);
	assert_int_equal(pdb_export_csv(d, fp, "export.csv", &e), 0);
	fclose(fp);
	assert_int_equal(k.done, 1);
	pdb_close(d);
	/* The state before the merge: P0000002's record under its own id
	   and no merge line (one without the other is no state at all). */
	assert_non_null(k.text);
	assert_non_null(strstr(k.text, "\nP0000002,,"));
	assert_null(strstr(k.text, "\nP0000002,P0000001,"));
	free(k.text);
	/* The merge did land. */
	assert_int_equal(sqlite3_open(path("export.db"), &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT current_id FROM "
	    "person_ids WHERE id = 'P0000002'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(v, sizeof v, "%s", sqlite3_column_text(st, 0));
	assert_string_equal(v, "P0000001");
	sqlite3_finalize(st);
	sqlite3_close(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_ours),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_bad_import),
		cmocka_unit_test(test_export_snapshot),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
