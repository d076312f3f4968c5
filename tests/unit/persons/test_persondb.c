/*
 * Unit tests of lib/persondb: blocking keys the same in every set, ids
 * kept and new ids from the counter, only records sharing keys fetched,
 * merges logged and resolved by the person_ids view, an index of the
 * earlier CSV form imported with its ids (a very large one costing
 * nothing), runs started together on one new index all waiting for
 * each other and landing in it.  Expected values are worked out by hand
 * and read back with SQLite directly.
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

#define TMPDIR_NAME "test_persondb"
#include "../tmpdir.h"

static struct lk_person
person(const char *spec)
{
	struct lk_person p;
	char buf[512], *tok, *save = NULL, *eq;
	int f;

	lk_person_clear(&p);
	snprintf(buf, sizeof buf, "%s", spec);
	for (tok = strtok_r(buf, ";", &save); tok;
	    tok = strtok_r(NULL, ";", &save)) {
		eq = strchr(tok, '=');
		assert_non_null(eq);
		*eq = '\0';
		for (f = 0; f < LK_NFIELDS; f++)
			if (strcmp(tok, lk_field_names[f]) == 0)
				break;
		assert_true(f < LK_NFIELDS);
		lk_person_set(&p, (enum lk_field)f, eq + 1, strlen(eq + 1));
	}
	return p;
}

static struct lk_set *
set_of(const char *const *spec, size_t n)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p;
	size_t i;

	for (i = 0; i < n; i++) {
		p = person(spec[i]);
		lk_set_add(s, &p);
	}
	lk_set_finish(s);
	return s;
}

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

/*
 * One run: link spec[] against the database at db with the default
 * model and threshold; the ids of the run's records go to ids[].
 * Returns the merges and sets *fetched to the records fetched.
 */
static int known_on;	/* link_run() marks identifying records */

static size_t
link_run(const char *db, const char *const *spec, size_t n, char ids[][24],
    size_t *fetched, double threshold)
{
	struct lk_set *own = set_of(spec, n), *s;
	unsigned char ident[64];
	struct pdb *d = pdb_open(db, NULL);
	struct lk_model mo;
	struct lk_pair *pairs;
	size_t np, nfixed, i, merges, total;
	uint32_t *cl;
	double *best;
	const char **idp;

	lk_model_default(&mo);
	assert_true(n <= sizeof ident);
	for (i = 0; i < n; i++)
		ident[i] = lk_score(&mo, own, i, i, NULL) >= threshold;
	assert_int_equal(pdb_begin(d, NULL), 0);
	s = pdb_link_set(d, own, known_on ? ident : NULL, &nfixed, NULL);
	total = lk_set_count(s);
	pairs = lk_pairs(s, &mo, -10, &np, NULL, NULL, NULL);
	cl = calloc(total, sizeof *cl);
	best = calloc(total, sizeof *best);
	idp = calloc(total, sizeof *idp);
	lk_cluster(s, &mo, pairs, np, threshold, -12, cl, best);
	assert_int_equal(pdb_assign(d, s, nfixed, cl, best, "suspect", idp,
	    &merges, NULL), 0);
	assert_int_equal(pdb_commit(d, NULL), 0);
	for (i = 0; i < n; i++)
		snprintf(ids[i], 24, "%s", idp[nfixed + i]);
	*fetched = nfixed;
	pdb_close(d);
	free(pairs);
	free(cl);
	free(best);
	free(idp);
	if (s != own)
		lk_set_free(s);
	lk_set_free(own);
	return merges;
}

/* Keys depend on the values only, not on the set or the record's place. */
static void
test_block_keys(void **state)
{
	static const char *const a[] = {
		"forename=Jon;surname=Smith;dob=1985-02-01;postcode=SQ1 1AA",
	};
	static const char *const b[] = {
		"forename=Ann;surname=Lee;dob=1970-01-01",
		"forename=JON;surname=SMITH;dob=01/02/1985;postcode=sq11aa",
		"forename=Jon;surname=Smith",
	};
	struct lk_set *s = set_of(a, 1), *t = set_of(b, 3);
	uint64_t ka[LK_NRULES], kb[LK_NRULES], kc[LK_NRULES], wa, wb;
	int r, nonzero = 0, fewer = 0;

	(void)state;
	lk_block_keys(s, 0, ka, &wa);
	lk_block_keys(t, 1, kb, &wb);
	lk_block_keys(t, 2, kc, NULL);
	for (r = 0; r < LK_NRULES; r++) {
		assert_true(ka[r] == kb[r]);
		nonzero += ka[r] != 0;
		fewer += kc[r] != 0;
	}
	assert_true(wa == wb);
	/* DOB, surname code + initial, forename + surname initial,
	   forename code + month, surname code + year, postcode + initial,
	   postcode, the two names' codes, the two names' first letters. */
	assert_int_equal(nonzero, 9);
	/* Without DOB and postcode: the four name keys. */
	assert_int_equal(fewer, 4);
	lk_set_free(s);
	lk_set_free(t);
}

/* Ids kept, new ids from the counter, only related records fetched. */
static void
test_ids(void **state)
{
	static const char *const run1[] = {
		"forename=Jon;surname=Smith;dob=1985-02-01;pnc=1985/0001234J",
		"forename=John;surname=Smith;dob=1985-02-01;pnc=1985/0001234J",
		"forename=Sarah;surname=Okonkwo;dob=1990-07-15;sex=F",
	};
	static const char *const run2[] = {
		"forename=Zeb;surname=Quartermaine;dob=1961-05-05",
		"forename=Jon;surname=Smith;dob=1985-02-01;pnc=1985/0001234J",
	};
	char ids[3][24], v[64];
	size_t fetched;
	const char *db = path("ids.db");

	(void)state;
	assert_int_equal(link_run(db, run1, 3, ids, &fetched, 0), 0);
	assert_int_equal(fetched, 0);
	/* The records' indexes, made at the end of the first run. */
	sql_text(db, "SELECT group_concat(name) FROM (SELECT name FROM "
	    "sqlite_master WHERE type = 'index' AND tbl_name = 'records' "
	    "ORDER BY name)", v, sizeof v);
	assert_string_equal(v, "records_person,records_vhash");
	assert_string_equal(ids[0], "P0000001");
	assert_string_equal(ids[1], "P0000001");
	assert_string_equal(ids[2], "P0000002");
	/* Seen last long ago as victims: a run sees P0000001 again. */
	sql_text(db, "UPDATE runs SET at = '2000-01-01T00:00:00Z', "
	    "role = 'victim'", v, sizeof v);
	assert_int_equal(link_run(db, run2, 2, ids, &fetched, 0), 0);
	sql_text(db, "SELECT group_concat(person_id || ' ' || role || ' ' || "
	    "(last_seen > '2020'), ', ') FROM (SELECT * FROM person_seen "
	    "ORDER BY person_id)", v, sizeof v);
	assert_string_equal(v, "P0000001 suspect 1, P0000002 victim 0, "
	    "P0000003 suspect 1");
	/* A run each, and a row of seen for each person. */
	sql_text(db, "SELECT count(*) || ' ' || (SELECT count(*) FROM seen) "
	    "FROM runs", v, sizeof v);
	assert_string_equal(v, "2 3");
	assert_string_equal(ids[0], "P0000003");
	assert_string_equal(ids[1], "P0000001");
	/* The two Smith records; Sarah Okonkwo shares no key. */
	assert_int_equal(fetched, 2);
	sql_text(db, "SELECT count(*) FROM person_records WHERE "
	    "person_id = 'P0000001'", v, sizeof v);
	assert_string_equal(v, "2");	/* the same record is kept once */
	sql_text(db, "SELECT value FROM meta WHERE key = 'next_id'", v,
	    sizeof v);
	assert_string_equal(v, "4");
}

/*
 * A record read again, as it is (an earlier month's record in this
 * month's full extract), keeps its person and is not linked again: two
 * persons kept apart at a high threshold stay apart when one's record
 * comes again in a run that links freely, and no record is fetched (its
 * person is read with its copy).  Linked afresh (not marked
 * identifying), it joins them.
 */
static void
test_read_again(void **state)
{
	static const char *const run1[] = {
		"forename=Ann;surname=Lee;dob=1970-03-14;postcode=LS1 4AB",
		"forename=Anne;surname=Lee;dob=1970-03-14",
	};
	char ids[2][24], v[64], db[128], db2[128];
	size_t fetched;

	(void)state;
	snprintf(db, sizeof db, "%s", path("again.db"));
	snprintf(db2, sizeof db2, "%s", path("again2.db"));
	link_run(db, run1, 2, ids, &fetched, 50);
	assert_string_equal(ids[0], "P0000001");
	assert_string_equal(ids[1], "P0000002");
	known_on = 1;
	assert_int_equal(link_run(db, run1, 1, ids, &fetched, -10), 0);
	known_on = 0;
	assert_int_equal(fetched, 0);
	assert_string_equal(ids[0], "P0000001");
	sql_text(db, "SELECT count(*) FROM records", v, sizeof v);
	assert_string_equal(v, "2");
	/* Not marked: compared with both, and the two are joined. */
	link_run(db2, run1, 2, ids, &fetched, 50);
	assert_int_not_equal(link_run(db2, run1, 1, ids, &fetched, -10), 0);
	assert_int_equal(fetched, 2);
	sql_text(db2, "SELECT merged_id || '>' || into_id FROM merge_log", v,
	    sizeof v);
	assert_string_equal(v, "P0000002>P0000001");
}

/* Ann Lee (date of birth) and Anne Lee (PNC ID), linked apart. */
static const char *const lees[] = {
	"forename=Ann;surname=Lee;dob=1970-03-14",
	"forename=Anne;surname=Lee;pnc=1990/0012345M",
};

static void
lees_apart(const char *db)
{
	char ids[2][24];
	size_t fetched;

	link_run(db, lees, 2, ids, &fetched, 50);
	assert_string_equal(ids[0], "P0000001");
	assert_string_equal(ids[1], "P0000002");
}

/*
 * A record held already whose person a new record merges into another
 * takes the surviving id: Anne Lee (PNC ID) comes again, as she is,
 * beside a record carrying both Ann Lee's date of birth and that PNC ID.
 */
static void
test_held_merged(void **state)
{
	static const char *const run2[] = {
		"forename=Anne;surname=Lee;pnc=1990/0012345M",
		"forename=Ann;surname=Lee;dob=1970-03-14;pnc=1990/0012345M",
	};
	char ids[2][24], v[64];
	size_t fetched;
	const char *db = path("heldmerge.db");

	(void)state;
	lees_apart(db);
	known_on = 1;
	assert_int_equal(link_run(db, run2, 2, ids, &fetched, -10), 1);
	known_on = 0;
	assert_string_equal(ids[0], "P0000001");
	assert_string_equal(ids[1], "P0000001");
	sql_text(db, "SELECT merged_id || '>' || into_id FROM merge_log", v,
	    sizeof v);
	assert_string_equal(v, "P0000002>P0000001");
	/* The held record is not written again. */
	sql_text(db, "SELECT count(*) FROM records WHERE pnc IS NOT NULL"
	    " AND dob IS NULL", v, sizeof v);
	assert_string_equal(v, "1");
}

/*
 * A run that writes as many records as the database holds (the second
 * role of a first full run) finds the variants held under the same
 * person all at once, not one by one: the same records linked afresh
 * are not written again, a new one is, and the records' indexes are
 * there afterwards.
 */
static void
test_many_at_once(void **state)
{
	static const char *const run1[] = {
		"forename=Olu;surname=Adeyemi;dob=1988-08-08;postcode=LS6 2AB",
		"forename=Ann;surname=Lee;dob=1970-03-14;pnc=1990/0012345M",
		"forename=Zeb;surname=Quartermaine;dob=1961-05-05",
	};
	static const char *const run2[] = {
		"forename=Olu;surname=Adeyemi;dob=1988-08-08;postcode=LS6 2AB",
		"forename=Ann;surname=Lee;dob=1970-03-14;pnc=1990/0012345M",
		"forename=Zeb;surname=Quartermaine;dob=1961-05-05",
		"forename=Priya;surname=Shah;dob=1993-11-30;postcode=BD7 1AA",
	};
	char ids[4][24], v[64];
	size_t fetched;
	const char *db = path("many.db");

	(void)state;
	link_run(db, run1, 3, ids, &fetched, 10);
	assert_string_equal(ids[2], "P0000003");
	/* Not marked as held: each is compared with its copy and linked
	   (the default model's prior is for a town: link freely). */
	assert_int_equal(link_run(db, run2, 4, ids, &fetched, -10), 0);
	assert_int_equal(fetched, 3);
	assert_string_equal(ids[0], "P0000001");
	assert_string_equal(ids[1], "P0000002");
	assert_string_equal(ids[2], "P0000003");
	assert_string_equal(ids[3], "P0000004");
	sql_text(db, "SELECT count(*) FROM records", v, sizeof v);
	assert_string_equal(v, "4");
	sql_text(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	    " AND name IN ('records_person', 'records_vhash')", v, sizeof v);
	assert_string_equal(v, "2");
}

/* Distinct forenames for made-up records: a letter pair and a suffix. */
static void
made_up(char *buf, size_t sz, int i, int month)
{
	static const char *const tail[] = { "ra", "lo", "mi", "ven" };

	snprintf(buf, sz, "forename=K%c%c%s;surname=Smith;dob=1985-%02d-%02d",
	    'a' + i % 26, 'a' + (i / 26) % 26, tail[i % 4], month,
	    1 + i % 28);
}

static void
link_made_up(const char *db, int from, int n, int month, char ids[][24],
    size_t *fetched)
{
	char buf[64][96];
	const char *spec[64];
	int i;

	assert_true(n <= 64);
	for (i = 0; i < n; i++) {
		made_up(buf[i], sizeof buf[i], from + i, month);
		spec[i] = buf[i];
	}
	link_run(db, spec, (size_t)n, ids, fetched, 10);
}

/* The entries of both block tables, and as meta counts them. */
static void
block_counts(const char *db, long *main_n, long *new_n)
{
	char v[64], w[64];

	sql_text(db, "SELECT count(*) FROM blocks", v, sizeof v);
	sql_text(db, "SELECT value FROM meta WHERE key = 'blocks'", w,
	    sizeof w);
	assert_string_equal(v, w);
	*main_n = atol(v);
	sql_text(db, "SELECT count(*) FROM blocks_new", v, sizeof v);
	sql_text(db, "SELECT value FROM meta WHERE key = 'blocks_new'", w,
	    sizeof w);
	assert_string_equal(v, w);
	*new_n = atol(v);
}

static void
copy_db(const char *from, const char *to, const char *sql)
{
	sqlite3 *h;
	char cmd[512];

	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(sqlite3_open(to, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

/*
 * A run of a few records among many writes their blocking keys to
 * blocks_new, and the next run finds them there as it would in blocks:
 * 64 Smiths born in 1985 (blocks of all 64 under surname and year and
 * under surname and initial, searched by windows) in blocks; three more
 * in blocks_new; then three records sharing only those two blocks with
 * them, beside them in block order, linked against the database as it is,
 * against a copy with blocks_new moved into blocks (the same ids and
 * records fetched) and against one with blocks_new emptied (fewer
 * fetched).  A run that leaves blocks_new an eighth of blocks or more
 * moves it into blocks.
 */
static void
test_recent_blocks(void **state)
{
	char ids[64][24], a[3][24], m[3][24], v[64], db[128], db2[128];
	char db3[128];
	size_t fa, fm, fd;
	long b0, n0, b1, n1;
	int i;

	(void)state;
	snprintf(db, sizeof db, "%s", path("recent.db"));
	snprintf(db2, sizeof db2, "%s", path("recent-merged.db"));
	snprintf(db3, sizeof db3, "%s", path("recent-empty.db"));
	link_made_up(db, 0, 64, 3, ids, &fa);
	block_counts(db, &b0, &n0);
	assert_true(b0 > 64 * 3);
	assert_int_equal(n0, 0);
	link_made_up(db, 100, 3, 6, ids, &fa);
	block_counts(db, &b1, &n1);
	assert_int_equal(b1, b0);
	assert_true(n1 >= 3 * 3);
	copy_db(db, db2, "INSERT INTO blocks SELECT * FROM blocks_new;"
	    "DELETE FROM blocks_new; UPDATE meta SET value = (SELECT count(*)"
	    " FROM blocks) WHERE key = 'blocks'; UPDATE meta SET value = 0"
	    " WHERE key = 'blocks_new'");
	copy_db(db, db3, "DELETE FROM blocks_new; UPDATE meta SET value = 0"
	    " WHERE key = 'blocks_new'");
	/* Beside the three in the block order (the same first letters),
	   sharing with them only the two large blocks (surname with
	   initial, surname with year): found through the windows. */
	{
		char buf[3][96];
		const char *spec[3];

		for (i = 0; i < 3; i++) {
			snprintf(buf[i], sizeof buf[i], "forename=K%c%cpqst;"
			    "surname=Smith;dob=1985-11-%02d", 'a' + (100 + i) %
			    26, 'a' + (100 + i) / 26 % 26, 1 + i);
			spec[i] = buf[i];
		}
		link_run(db, spec, 3, a, &fa, 10);
		link_run(db2, spec, 3, m, &fm, 10);
		link_run(db3, spec, 3, ids, &fd, 10);
	}
	assert_int_equal(fa, fm);
	assert_true(fd < fa);
	for (i = 0; i < 3; i++)
		assert_string_equal(a[i], m[i]);
	/* Fifteen more: blocks_new past an eighth of blocks, merged. */
	link_made_up(db, 300, 15, 9, ids, &fa);
	block_counts(db, &b1, &n1);
	assert_int_equal(n1, 0);
	sql_text(db, "SELECT count(DISTINCT rid) FROM blocks", v, sizeof v);
	assert_int_equal(atol(v), 64 + 3 + 3 + 15);
}

/* Two persons known apart, then a record that is both: one merge. */
static void
test_merge(void **state)
{
	static const char *const run2[] = {
		"forename=Ann;surname=Lee;dob=1970-03-14;pnc=1990/0012345M",
	};
	char ids[2][24], v[64];
	size_t fetched;
	const char *db = path("merge.db");

	(void)state;
	lees_apart(db);
	/* The default model's prior is for a town: link more freely. */
	assert_int_equal(link_run(db, run2, 1, ids, &fetched, -10), 1);
	assert_string_equal(ids[0], "P0000001");
	sql_text(db, "SELECT current_id FROM person_ids WHERE id = 'P0000002'",
	    v, sizeof v);
	assert_string_equal(v, "P0000001");
	sql_text(db, "SELECT merged_id || '>' || into_id || ' ' || role FROM "
	    "merge_log", v, sizeof v);
	assert_string_equal(v, "P0000002>P0000001 suspect");
	sql_text(db, "SELECT count(*) FROM records WHERE person = 2", v,
	    sizeof v);
	assert_string_equal(v, "0");
}

/* The earlier CSV form: ids and merges kept, the counter after them. */
static void
test_import(void **state)
{
	static const char *const run[] = {
		"forename=Olu;surname=Adeyemi;dob=1988-08-08",
		"forename=Ann;surname=Lee;dob=1970-03-14;sex=F",
	};
	char csv[128], db[128], ids[2][24], v[64];
	FILE *fp;
	struct pdb *d;
	size_t fetched, np;

	(void)state;
	snprintf(csv, sizeof csv, "%s", path("old.csv"));
	fp = fopen(csv, "w");
	assert_non_null(fp);
	fputs("person_id,merged_into,forename,surname,dob,sex\n"
	    "P0000042,,ANN,LEE,1970-03-14,F\n"
	    "P3000000000,,ZEB,QUARTERMAINE,1961-05-05,M\n"
	    "P0000007,P0000042,,,,\n", fp);
	fclose(fp);
	snprintf(db, sizeof db, "%s", path("import.db"));
	d = pdb_open(db, NULL);
	assert_int_equal(pdb_import_csv(d, csv, &np, NULL), 0);
	assert_int_equal(np, 3);
	pdb_close(d);
	sql_text(db, "SELECT current_id FROM person_ids WHERE id = 'P0000007'",
	    v, sizeof v);
	assert_string_equal(v, "P0000042");
	link_run(db, run, 2, ids, &fetched, 0);
	assert_string_equal(ids[0], "P3000000001");
	assert_string_equal(ids[1], "P0000042");
}

/* Runs one tiny link of record k in a child; its exit status. */
static pid_t
child_run(const char *db, int k, const int *gate)
{
	static const char *const who[] = { "Adeyemi", "Brennan", "Chowdhury",
		"Dimitrov", "Evans", "Fitzgerald", "Gallagher", "Hussain" };
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char spec[128], ids[1][24], c;
		const char *sp[1] = { spec };
		size_t fetched;

		snprintf(spec, sizeof spec, "forename=Sam;surname=%s;"
		    "dob=19%02d-03-04", who[k % 8], 50 + k % 8);
		/* Wait at the gate: every child starts at once. */
		if (gate) {
			close(gate[1]);
			if (read(gate[0], &c, 1) < 0)
				_exit(99);
		}
		link_run(db, sp, 1, ids, &fetched, 0);
		_exit(0);
	}
	return pid;
}

static int
exit_status(pid_t pid)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * A run that opens a new index while another is making it a WAL
 * database waits for it (SQLite's busy handler does not wait there):
 * here a connection holds the write lock of the new file for a while.
 */
static void
test_open_waits(void **state)
{
	const char *db = path("busy.db");
	char v[64];
	sqlite3 *h;
	FILE *fp;
	pid_t pid;
	int gate[2];

	(void)state;
	fp = fopen(db, "w");
	assert_non_null(fp);
	fclose(fp);
	/* The child first (no connection of ours in its copy of SQLite's
	   lock tables), held at the gate until the lock is taken. */
	assert_int_equal(pipe(gate), 0);
	pid = child_run(db, 0, gate);
	close(gate[0]);
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	close(gate[1]);
	usleep(300000);
	assert_int_equal(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(exit_status(pid), 0);
	sql_text(db, "SELECT count(*) FROM person_records", v, sizeof v);
	assert_string_equal(v, "1");
	sql_text(db, "PRAGMA journal_mode", v, sizeof v);
	assert_string_equal(v, "wal");
}

/*
 * Eight runs started at once on one new index, again and again: every
 * one waits for the others and lands in it (eight persons, eight ids).
 */
static void
test_runs_at_once(void **state)
{
	const char *db = path("many.db");
	char v[64], wal[160], shm[160];
	int loop, k, gate[2], fails = 0;
	pid_t pid[8];

	(void)state;
	snprintf(wal, sizeof wal, "%s-wal", db);
	snprintf(shm, sizeof shm, "%s-shm", db);
	for (loop = 0; loop < 25; loop++) {
		unlink(db);
		unlink(wal);
		unlink(shm);
		assert_int_equal(pipe(gate), 0);
		for (k = 0; k < 8; k++)
			pid[k] = child_run(db, k, gate);
		close(gate[0]);
		close(gate[1]);		/* opens the gate */
		for (k = 0; k < 8; k++)
			fails += exit_status(pid[k]) != 0;
		assert_int_equal(fails, 0);
		sql_text(db, "SELECT count(DISTINCT person) || ' ' || count(*) "
		    "FROM records", v, sizeof v);
		assert_string_equal(v, "8 8");
		sql_text(db, "SELECT value FROM meta WHERE key = 'next_id'", v,
		    sizeof v);
		assert_string_equal(v, "9");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_block_keys),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_read_again),
		cmocka_unit_test(test_many_at_once),
		cmocka_unit_test(test_held_merged),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_recent_blocks),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_open_waits),
		cmocka_unit_test(test_runs_at_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
