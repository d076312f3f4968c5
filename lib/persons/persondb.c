/*
 * The persons database of vawg-dedupe: see persondb.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/csvio.h"
#include "core/err.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "core/task.h"
#include "persons/linkage.h"
#include "core/outfile.h"
#include "persons/persondb.h"

#define BUSY_MS (3600 * 1000)	/* wait for another run: an hour */
/* Wider than lk_pairs() blocks a set (13 records, 6 a side): a record
   of the index meets other months' records too.  On the scale-30
   benchmark's orders, each read again without its postcode, 13 and 6
   lost 31 of the 38,654 links to the earlier record that 24 and 10 keep,
   as the earlier 128 and 32 did. */
#define BLOCK_ALL 24		/* blocks up to this size: fetched whole */
/* A key held by so few records of the database is a rare value, worth
   weighing a record on alone: FEBRL 3 of names, date of birth and town
   linked in two halves, a run each, F1 0.9765 needing two keys shared,
   0.9832 with blocks of up to 2 alone, 0.9851 with 4 and 8 (a single
   run: 0.9871); on the Met-sized year a month's MARAC victims compare
   38,643 pairs instead of 38,332, in the same time. */
#define BLOCK_ALONE 4
#define WINDOW_SIDE 10		/* larger: this many neighbours a side */
#define ID_SZ 24
#define BLK_BATCH (1u << 20)	/* block keys written in one sorted batch */
#define STR_(x) #x
#define STR(x) STR_(x)

struct pdb {
	sqlite3 *db;
	char *path;
	int in_tx;
	int64_t next_id;
	uint64_t nrecords;
	uint64_t nonnull[LK_NFIELDS];
	int64_t *cand;		/* person of each resolved record */
	int64_t *held;		/* each record of the run held already
				   (pdb_link_set()): its person, else 0;
				   not linked again, not written */
	size_t nheld;
	size_t ncand;
	char *idtext;
	char now[32];
	/* Writing records. */
	sqlite3_stmt *ins_rec, *has_rec, *ins_block;
	int64_t nblocks[2];	/* entries of blocks and of blocks_new */
	int blk_new;		/* the run writes its keys to blocks_new */
	struct hmap *variants;	/* person + vhash written in this run */
	struct hmap *freq;	/* field + value -> index in freqn */
	uint64_t *freqn;
	size_t nfreq, cfreq;
	struct blk { int64_t key, wkey, rid; } *blk;
	size_t nblk, cblk;
	int check_existing;	/* look each record up before writing it */
	unsigned char *dup;	/* else: each record of the set that the
				   database holds under its person */
	struct vawg_err err;	/* the first error; later calls do nothing */
	/* pdb_row_keys(): the run's rows named by a key column. */
	char *rk_col, *rk_role;
	const char *const *rk_key;	/* record i's row key, or NULL */
	int64_t *rk_vh;		/* record i's variant hash */
	unsigned char *rk_use;	/* record i's key and variant one in the run */
	struct rowkey *rk_ord;	/* the records with a key, in key order */
	size_t nrk, nrk_ord;
	unsigned char *byrow;	/* record i held through its row */
	int64_t rk_src;		/* the run's source, 0 when new */
	/* pdb_link_find(): what pdb_link_set() then completes. */
	int found;
	unsigned char *byvar;	/* record i held by its variant, until
				   pdb_link_set() weighs it */
	struct task ckpt;	/* the checkpoint after a commit */
};

/* A record of the run with a row key, for ordering by key and variant. */
struct rowkey {
	const char *key;
	int64_t vh;
	size_t i;
};

/*
 * The blocking keys of the records written by runs of a few records, in
 * a table of their own beside blocks: a run's keys go in among few
 * others, not spread over every page of the large table (which a run of
 * 38,000 records rewrote nearly whole); merged into blocks when a run
 * leaves it an eighth of blocks' size (merge_blocks()).
 */
#define BLOCKS_NEW \
    "CREATE TABLE blocks_new(key INTEGER NOT NULL, wkey INTEGER NOT NULL," \
    " rid INTEGER NOT NULL, PRIMARY KEY(key, wkey, rid)) WITHOUT ROWID;"
#define BLOCKS_MERGE_AT 8	/* blocks_new merged at 1/8 of blocks */

/*
 * When each person was last seen, and in what role: the run (one role's
 * link) in a table of runs, the person's last run in a narrow table of
 * its own, so that a run that sees a million persons again rewrites a
 * few megabytes, not the persons table; the view person_seen joins them.
 */
#define SEEN \
    "CREATE TABLE runs(run INTEGER PRIMARY KEY, at TEXT NOT NULL," \
    " role TEXT);" \
    "CREATE TABLE seen(person INTEGER PRIMARY KEY, run INTEGER NOT NULL);" \
    "CREATE VIEW person_seen AS SELECT p.pid AS person_id, p.created," \
    " coalesce(r.at, p.created) AS last_seen, r.role FROM persons p" \
    " LEFT JOIN seen s ON s.person = p.id" \
    " LEFT JOIN runs r ON r.run = s.run;"

/*
 * The rows named by a key column (vawg-dedupe --row-key; a crime's
 * reference): each source (the key column and role) once, and under it
 * each row's key with its record's variant hash and person, so that the
 * same row read again with the same person data is its person's again,
 * even when those data alone are too thin to be taken as held (a name
 * and nothing else: a namesake's record would be the same).  person may
 * have been merged since (persons.merged_into says into whom).
 */
#define ROWS \
    "CREATE TABLE sources(source INTEGER PRIMARY KEY," \
    " key_column TEXT NOT NULL, role TEXT NOT NULL," \
    " UNIQUE(key_column, role));" \
    "CREATE TABLE source_rows(source INTEGER NOT NULL, key TEXT NOT NULL," \
    " vhash INTEGER NOT NULL, person INTEGER NOT NULL," \
    " PRIMARY KEY(source, key, vhash)) WITHOUT ROWID;" \
    "CREATE VIEW person_rows AS SELECT coalesce(c.pid, p.pid) AS person_id," \
    " s.key_column, r.key, s.role FROM source_rows r" \
    " JOIN sources s ON s.source = r.source" \
    " JOIN persons p ON p.id = r.person" \
    " LEFT JOIN persons c ON c.id = p.merged_into;"

static const char schema[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "CREATE TABLE persons(id INTEGER PRIMARY KEY, pid TEXT NOT NULL UNIQUE,"
    " created TEXT NOT NULL, merged_into INTEGER);"
    SEEN
    ROWS
    "CREATE INDEX persons_merged ON persons(merged_into)"
    " WHERE merged_into IS NOT NULL;"
    "CREATE TABLE records(rid INTEGER PRIMARY KEY, person INTEGER NOT NULL,"
    " vhash INTEGER NOT NULL, role TEXT, seen TEXT NOT NULL,"
    " forename TEXT, surname TEXT, dob TEXT, pnc TEXT, postcode TEXT,"
    " address TEXT, town TEXT, phone TEXT, email TEXT, sex TEXT,"
    " cro TEXT, nino TEXT, other_id TEXT);"
    "CREATE INDEX records_person ON records(person);"
    "CREATE INDEX records_vhash ON records(vhash);"
    "CREATE TABLE blocks(key INTEGER NOT NULL, wkey INTEGER NOT NULL,"
    " rid INTEGER NOT NULL, PRIMARY KEY(key, wkey, rid)) WITHOUT ROWID;"
    BLOCKS_NEW
    "CREATE TABLE freq(field TEXT NOT NULL, value TEXT NOT NULL,"
    " n INTEGER NOT NULL, PRIMARY KEY(field, value)) WITHOUT ROWID;"
    "CREATE TABLE merges(merged INTEGER NOT NULL, into_id INTEGER NOT NULL,"
    " at TEXT NOT NULL, weight REAL, role TEXT);"
    "CREATE INDEX merges_merged ON merges(merged);"
    "CREATE TABLE model(field TEXT NOT NULL, level TEXT NOT NULL, m REAL,"
    " u REAL, weight REAL, updated TEXT, PRIMARY KEY(field, level))"
    " WITHOUT ROWID;"
    "CREATE VIEW person_ids AS SELECT p.pid AS id,"
    " coalesce(s.pid, p.pid) AS current_id FROM persons p"
    " LEFT JOIN persons s ON s.id = p.merged_into;"
    "CREATE VIEW person_records AS SELECT p.pid AS person_id, r.role,"
    " r.seen, r.forename, r.surname, r.dob, r.pnc, r.postcode, r.address,"
    " r.town, r.phone, r.email, r.sex, r.cro, r.nino, r.other_id"
    " FROM records r JOIN persons p ON p.id = r.person;"
    "CREATE VIEW merge_log AS SELECT a.pid AS merged_id, b.pid AS into_id,"
    " coalesce(c.pid, b.pid) AS current_id, m.at, m.weight, m.role"
    " FROM merges m JOIN persons a ON a.id = m.merged"
    " JOIN persons b ON b.id = m.into_id"
    " LEFT JOIN persons c ON c.id = a.merged_into ORDER BY m.rowid;";

static const char rec_cols[] = "forename, surname, dob, pnc, postcode, "
    "address, town, phone, email, sex, cro, nino, other_id";

/* The open database, closed (rolled back) by diag_fatal(). */
static struct pdb *open_db;

static void
close_on_fatal(void)
{
	if (open_db && open_db->db) {
		if (open_db->in_tx)
			sqlite3_exec(open_db->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close_v2(open_db->db);
		open_db->db = NULL;
	}
}

/*
 * Records the first error of the run: SQLite status rc while doing what.
 * Every later query of db then does nothing (step() returns no row), so
 * the caller's loops end and the public function returns the error.
 */
static void
die(struct pdb *db, int rc, const char *what)
{
	int st;

	if (db->err.code)
		return;

	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_FORMAT:
	case SQLITE_SCHEMA:
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
		st = EX_DATAERR;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st = EX_TEMPFAIL;
		break;
	case SQLITE_CANTOPEN:
		st = EX_NOINPUT;
		break;
	case SQLITE_NOMEM:
		st = EX_OSERR;
		break;
	default:
		st = EX_IOERR;
	}
	if (st == EX_DATAERR)
		err_set(&db->err, st, "%s: damaged persons database (%s: %s)",
		    db->path, what, sqlite3_errstr(rc));
	else
		err_set(&db->err, st, "%s: %s: %s", db->path, what, db->db ?
		    sqlite3_errmsg(db->db) : sqlite3_errstr(rc));
}

/* Copies db's error to e; returns its code (0: none). */
static int
status(const struct pdb *db, struct vawg_err *e)
{
	if (e && db->err.code)
		*e = db->err;
	return db->err.code;
}

static void
exec(struct pdb *db, const char *sql)
{
	int rc;

	if (db->err.code)
		return;
	rc = sqlite3_exec(db->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		die(db, rc, "query");
}

static sqlite3_stmt *
prep(struct pdb *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (db->err.code)
		return NULL;
	rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		die(db, rc, "query");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Steps st: 1 for a row, 0 when done. */
static int
step(struct pdb *db, sqlite3_stmt *st)
{
	int rc;

	if (db->err.code || !st)
		return 0;
	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		die(db, rc, "query");
	return 0;
}

/*
 * Steps st, run outside a transaction, waiting for another run as the
 * busy handler would.  SQLite returns SQLITE_BUSY at once, without
 * calling the handler, when a lock is taken on top of a read lock: the
 * change of a new database to WAL mode does so, and two runs that start
 * together on a new index both make it.  Gives up after BUSY_MS.
 */
static int
step_wait(struct pdb *db, sqlite3_stmt *st)
{
	long waited = 0, ms = 1;
	int rc;

	if (db->err.code || !st)
		return 0;
	while (((rc = sqlite3_step(st)) & 0xff) == SQLITE_BUSY) {
		sqlite3_reset(st);
		if (waited >= BUSY_MS)
			break;
		usleep((useconds_t)ms * 1000);
		waited += ms;
		if (ms < 64)
			ms *= 2;
	}
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		die(db, rc, "query");
	return 0;
}

static void
run(struct pdb *db, sqlite3_stmt *st)
{
	step(db, st);
	sqlite3_reset(st);
}

/* An integer from a one-value query (def when no row or NULL). */
static int64_t
query_int(struct pdb *db, const char *sql, int64_t def)
{
	sqlite3_stmt *st = prep(db, sql);
	int64_t v = def;

	if (step(db, st) && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int64_t
meta_get(struct pdb *db, const char *key, int64_t def)
{
	sqlite3_stmt *st = prep(db, "SELECT value FROM meta WHERE key = ?1");
	int64_t v = def;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (step(db, st))
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
meta_set(struct pdb *db, const char *key, int64_t v)
{
	sqlite3_stmt *st = prep(db, "INSERT INTO meta(key, value) "
	    "VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, v);
	run(db, st);
	sqlite3_finalize(st);
}

static void
format_id(char *buf, int64_t id)
{
	snprintf(buf, ID_SZ, "P%07lld", (long long)id);
}

static uint32_t
be(const unsigned char *p, int n)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/*
 * One look at the file: 0 when it is empty or looks like an SQLite
 * database of the right size, else the message; sets e (and returns
 * "") for a file that cannot be read or is not a database at all.
 */
static const char *
look_at(const char *path, struct vawg_err *e)
{
	unsigned char h[100];
	char wal[4096];
	struct stat sb, sb2, wb;
	FILE *fp;
	size_t n;
	uint32_t psz, pages;
	int nowal;

	/* The WAL first: a checkpoint that ends meanwhile shows as a
	   change of size below. */
	snprintf(wal, sizeof wal, "%s-wal", path);
	nowal = stat(wal, &wb) != 0 || wb.st_size == 0;
	if (!(fp = fopen(path, "rb"))) {
		err_sys(e, EX_NOINPUT, "%s", path);
		return "";
	}
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fclose(fp);
		err_set(e, EX_NOINPUT, "%s: not a regular file", path);
		return "";
	}
	n = fread(h, 1, sizeof h, fp);
	if (fstat(fileno(fp), &sb2) != 0)
		sb2.st_size = -1;
	fclose(fp);
	if (sb2.st_size != sb.st_size)
		return "changing";
	if (n == 0)
		return NULL;
	if (n < sizeof h || memcmp(h, "SQLite format 3", 16) != 0) {
		size_t k = n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

		if (n - k >= 9 && memcmp(h + k, "person_id", 9) == 0)
			err_set(e, EX_DATAERR, "%s: a persons index of the "
			    "earlier CSV form: import it once with --index "
			    "persons.db --index-import %s", path, path);
		else
			err_set(e, EX_DATAERR, "%s: not a persons database",
			    path);
		return "";
	}
	psz = be(h + 16, 2);
	if (psz == 1)
		psz = 65536;
	pages = be(h + 28, 4);
	if (psz < 512 || (psz & (psz - 1)) || sb.st_size % psz != 0)
		return "size";
	/* The page count is valid when the change counters agree; a WAL
	   file may hold pages not yet copied back. */
	if (be(h + 24, 4) == be(h + 92, 4) && pages &&
	    (uint64_t)sb.st_size < (uint64_t)pages * psz && nowal)
		return "truncated";
	return NULL;
}

/*
 * Checks the file before SQLite opens it; 65 when it is not a database
 * or is damaged.  Another run may be copying pages into it (a
 * checkpoint): a damaged look is looked at again for a second.
 */
static int
check_file(const char *path, struct vawg_err *e)
{
	const char *why = NULL;
	int i;

	for (i = 0; i < 20;) {
		if (!(why = look_at(path, e)))
			return 0;
		if (!*why)
			return e->code;
		/* A file still being written is waited for. */
		if (strcmp(why, "changing") != 0)
			i++;
		usleep(50000);
	}
	return err_set(e, EX_DATAERR, "%s: damaged persons database (%s)",
	    path, why);
}

/* Creates the file at path (mode 0600 or --mode) unless it is there. */
static int
create_file(const char *path, struct vawg_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0) {
		/* The mode of every created file (--mode), umask aside. */
		if (fchmod(fd, (mode_t)out_getmode()) != 0) {
			err_sys(e, EX_CANTCREAT, "%s", path);
			close(fd);
			return e->code;
		}
		close(fd);
	} else if (errno != EEXIST)
		return err_sys(e, EX_CANTCREAT, "%s", path);
	return 0;
}

struct pdb *
pdb_open(const char *path, struct vawg_err *e)
{
	struct pdb *db = xcalloc(1, sizeof *db);
	int rc;
	int64_t app, ver, tables;
	sqlite3_stmt *st;

	db->path = xstrdup(path);
	if (create_file(path, &db->err) || check_file(path, &db->err))
		goto fail;
	/* One thread uses the connection: no mutex round each call. */
	rc = sqlite3_open_v2(path, &db->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		die(db, rc, "open");
		goto fail;
	}
	if (!open_db)
		diag_onfatal(close_on_fatal);
	open_db = db;
	sqlite3_busy_timeout(db->db, BUSY_MS);
	sqlite3_extended_result_codes(db->db, 0);
	/* One statement, one snapshot: a run creating the schema meanwhile
	   is seen whole or not at all. */
	st = prep(db, "SELECT (SELECT application_id FROM "
	    "pragma_application_id), (SELECT user_version FROM "
	    "pragma_user_version), (SELECT count(*) FROM sqlite_master)");
	app = ver = tables = 0;
	if (step_wait(db, st)) {
		app = sqlite3_column_int64(st, 0);
		ver = sqlite3_column_int64(st, 1);
		tables = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (app == 0 && ver == 0 && tables == 0)
		;		/* new */
	else if (app != PDB_APPLICATION_ID)
		err_set(&db->err, EX_DATAERR, "%s: not a persons database (an "
		    "SQLite database of another application)", path);
	else if (ver > PDB_VERSION)
		err_set(&db->err, EX_DATAERR, "%s: a persons database of a "
		    "later version (%lld)", path, (long long)ver);
	/* Only now, the file known to be ours: WAL mode (kept in it). */
	st = prep(db, "PRAGMA journal_mode=WAL");
	step_wait(db, st);
	sqlite3_finalize(st);
	exec(db, "PRAGMA synchronous=NORMAL");
	/* Checkpoints beside the run, after its commit (checkpoint_work()). */
	exec(db, "PRAGMA wal_autocheckpoint=0");
	/* A small page cache: a larger one held memory and saved no time
	   (the fetch reads records in rid order). */
	exec(db, "PRAGMA cache_size=-8192");
	exec(db, "PRAGMA temp_store=MEMORY");
	if (!db->err.code)
		return db;
fail:
	status(db, e);
	pdb_close(db);
	return NULL;
}

static void
free_writer(struct pdb *db)
{
	sqlite3_finalize(db->ins_rec);
	sqlite3_finalize(db->has_rec);
	sqlite3_finalize(db->ins_block);
	db->ins_rec = db->has_rec = db->ins_block = NULL;
	if (db->variants)
		hmap_free(db->variants);
	if (db->freq)
		hmap_free(db->freq);
	db->variants = db->freq = NULL;
	free(db->freqn);
	free(db->blk);
	free(db->dup);
	db->freqn = NULL;
	db->blk = NULL;
	db->dup = NULL;
	db->nfreq = db->cfreq = db->nblk = db->cblk = 0;
}

static void free_found(struct pdb *db);

/* What pdb_row_keys() set, gone (a run's rows are written). */
static void
free_rows(struct pdb *db)
{
	free(db->rk_col);
	free(db->rk_role);
	free(db->rk_vh);
	free(db->rk_use);
	free(db->rk_ord);
	free(db->byrow);
	db->rk_col = db->rk_role = NULL;
	db->rk_key = NULL;
	db->rk_vh = NULL;
	db->rk_use = db->byrow = NULL;
	db->rk_ord = NULL;
	db->nrk = db->nrk_ord = 0;
	db->rk_src = 0;
}

void
pdb_close(struct pdb *db)
{
	if (!db)
		return;
	task_wait(&db->ckpt);
	free_writer(db);
	free_rows(db);
	free_found(db);
	if (db->in_tx)
		sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db->db);
	if (open_db == db)
		open_db = NULL;
	free(db->cand);
	free(db->held);
	free(db->idtext);
	free(db->path);
	free(db);
}

#define MIGRATE_BATCH 65536	/* records re-keyed at a time */

/*
 * Every record's blocking keys under rules first to end - 1, into
 * blocks (a key already there is kept).
 */
static void
rekey_all(struct pdb *db, int first, int end)
{
	sqlite3_stmt *get, *ins;
	struct lk_person p;
	struct lk_set *s;
	int64_t last = 0, *rid = xreallocarray(NULL, MIGRATE_BATCH,
	    sizeof *rid);
	size_t n, i;
	int f, r;
	char sql[256];

	snprintf(sql, sizeof sql, "SELECT rid, %s FROM records WHERE rid > ?1 "
	    "ORDER BY rid LIMIT %d", rec_cols, MIGRATE_BATCH);
	get = prep(db, sql);
	ins = prep(db, "INSERT OR IGNORE INTO blocks(key, wkey, rid) "
	    "VALUES(?1, ?2, ?3)");
	do {
		s = lk_set_new();
		sqlite3_bind_int64(get, 1, last);
		for (n = 0; step(db, get); n++) {
			lk_person_clear(&p);
			for (f = 0; f < LK_NFIELDS; f++) {
				const unsigned char *v = sqlite3_column_text(
				    get, f + 1);

				if (v)
					lk_person_set(&p, (enum lk_field)f,
					    (const char *)v, (size_t)
					    sqlite3_column_bytes(get, f + 1));
			}
			rid[n] = last = sqlite3_column_int64(get, 0);
			lk_set_add(s, &p);
		}
		sqlite3_reset(get);
		for (i = 0; i < n; i++) {
			uint64_t keys[LK_NRULES], wk;

			lk_block_keys(s, i, keys, &wk);
			for (r = first; r < end; r++) {
				if (!keys[r])
					continue;
				sqlite3_bind_int64(ins, 1, (int64_t)keys[r]);
				sqlite3_bind_int64(ins, 2, (int64_t)(wk >> 1));
				sqlite3_bind_int64(ins, 3, rid[i]);
				run(db, ins);
			}
		}
		lk_set_free(s);
	} while (n == MIGRATE_BATCH);
	sqlite3_finalize(get);
	sqlite3_finalize(ins);
	free(rid);
}

/*
 * Version 1 to 2, inside the run's transaction: the identifier columns,
 * the view that shows them, and every record's blocking keys under the
 * rules added since.
 */
static void
migrate_v1(struct pdb *db)
{
	exec(db, "ALTER TABLE records ADD COLUMN cro TEXT;"
	    "ALTER TABLE records ADD COLUMN nino TEXT;"
	    "ALTER TABLE records ADD COLUMN other_id TEXT;"
	    "DROP VIEW person_records;"
	    "CREATE VIEW person_records AS SELECT p.pid AS person_id, r.role,"
	    " r.seen, r.forename, r.surname, r.dob, r.pnc, r.postcode,"
	    " r.address, r.town, r.phone, r.email, r.sex, r.cro, r.nino,"
	    " r.other_id FROM records r JOIN persons p ON p.id = r.person;");
	rekey_all(db, 0, LK_NRULES_V5);	/* the later rules': migrate_v5() */
	exec(db, "PRAGMA user_version=2");
}

/* Version 2 to 3: the table of recent blocking keys, and the counts. */
static void
migrate_v2(struct pdb *db)
{
	exec(db, BLOCKS_NEW "PRAGMA user_version=3");
	meta_set(db, "blocks", query_int(db, "SELECT count(*) FROM blocks",
	    0));
	meta_set(db, "blocks_new", 0);
}

/*
 * Version 3 to 4: each person's last_seen and role move from the persons
 * table to runs and seen (a run for each time and role they held).
 */
static void
migrate_v3(struct pdb *db)
{
	exec(db, SEEN
	    "INSERT INTO runs(at, role) SELECT last_seen, role FROM persons"
	    " GROUP BY last_seen, role ORDER BY last_seen, role;"
	    "CREATE TEMP TABLE run_of(at TEXT, role TEXT, run INTEGER,"
	    " UNIQUE(at, role));"
	    "INSERT INTO run_of SELECT at, role, run FROM runs;"
	    "INSERT INTO seen(person, run) SELECT p.id, (SELECT o.run FROM"
	    " run_of o WHERE o.at = p.last_seen AND o.role IS p.role)"
	    " FROM persons p ORDER BY p.id;"
	    "DROP TABLE run_of;"
	    "ALTER TABLE persons DROP COLUMN last_seen;"
	    "ALTER TABLE persons DROP COLUMN role;"
	    "PRAGMA user_version=4");
}

/* Version 4 to 5: the rows named by a key column. */
static void
migrate_v4(struct pdb *db)
{
	exec(db, ROWS "PRAGMA user_version=5");
}

/*
 * Version 5 to 6: every record's keys under the two rules added since
 * (a town with the forename's sound; the names' first letters), merged
 * into blocks with those of blocks_new, and the count of blocks kept.
 */
static void
migrate_v5(struct pdb *db)
{
	rekey_all(db, LK_NRULES_V5, LK_NRULES);
	exec(db, "INSERT OR IGNORE INTO blocks SELECT * FROM blocks_new;"
	    "DELETE FROM blocks_new;");
	meta_set(db, "blocks", query_int(db, "SELECT count(*) FROM blocks",
	    0));
	meta_set(db, "blocks_new", 0);
	exec(db, "PRAGMA user_version=6");
}

int
pdb_begin(struct pdb *db, struct vawg_err *e)
{
	int rc, f;
	char key[64];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(db->now, sizeof db->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (db->err.code)
		return status(db, e);
	rc = sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		die(db, rc, "cannot take the write lock");
		return status(db, e);
	}
	db->in_tx = 1;
	if (query_int(db, "PRAGMA user_version", 0) == 0) {
		char pragma[128];

		if (query_int(db, "SELECT count(*) FROM sqlite_master", 0)) {
			err_set(&db->err, EX_DATAERR, "%s: not a persons "
			    "database", db->path);
			return status(db, e);
		}
		exec(db, schema);
		snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d;"
		    "PRAGMA user_version=%d", PDB_APPLICATION_ID, PDB_VERSION);
		exec(db, pragma);
		meta_set(db, "next_id", 1);
		meta_set(db, "records", 0);
		meta_set(db, "blocks", 0);
		meta_set(db, "blocks_new", 0);
	}
	if (query_int(db, "PRAGMA user_version", 0) == 1)
		migrate_v1(db);
	if (query_int(db, "PRAGMA user_version", 0) == 2)
		migrate_v2(db);
	if (query_int(db, "PRAGMA user_version", 0) == 3)
		migrate_v3(db);
	if (query_int(db, "PRAGMA user_version", 0) == 4)
		migrate_v4(db);
	if (query_int(db, "PRAGMA user_version", 0) == 5)
		migrate_v5(db);
	db->nblocks[0] = meta_get(db, "blocks", 0);
	db->nblocks[1] = meta_get(db, "blocks_new", 0);
	db->next_id = meta_get(db, "next_id", 1);
	db->nrecords = (uint64_t)meta_get(db, "records", 0);
	for (f = 0; f < LK_NFIELDS; f++) {
		snprintf(key, sizeof key, "nonnull.%s", lk_field_names[f]);
		db->nonnull[f] = (uint64_t)meta_get(db, key, 0);
	}
	return status(db, e);
}

/*
 * The checkpoint (the committed pages copied from the WAL into the
 * database, then both synced) on a connection of its own, beside what
 * the run does next (its output written, its next role linked); waited
 * for by pdb_close().  The run's own connection never checkpoints on a
 * commit (wal_autocheckpoint 0): a checkpoint that cannot start, or
 * stops short, leaves the rest to the next one, or to the last
 * connection's close, as SQLite does.
 */
static void *
checkpoint_work(void *arg)
{
	struct pdb *db = arg;
	sqlite3 *h;

	if (sqlite3_open_v2(db->path, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(h, BUSY_MS);
		sqlite3_exec(h, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL,
		    NULL);
	}
	sqlite3_close(h);
	return NULL;
}

int
pdb_commit(struct pdb *db, struct vawg_err *e)
{
	int rc;

	if (db->err.code)
		return status(db, e);

	/* Test hook: die as if killed with the run's changes written but
	   not committed. */
	if (getenv("VAWG_PERSONDB_TEST_KILL"))
		raise(SIGKILL);
	rc = sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		die(db, rc, "commit");
	else {
		db->in_tx = 0;
		task_wait(&db->ckpt);
		task_start(&db->ckpt, checkpoint_work, db);
	}
	return status(db, e);
}

uint64_t
pdb_nrecords(struct pdb *db)
{
	return db->nrecords;
}

/* Candidate search. */

static uint64_t variant_hash(const struct lk_person *p);

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

struct i64v {
	int64_t *v;
	size_t n, cap;
};

static void
push(struct i64v *a, int64_t x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 1024;
		a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	a->v[a->n++] = x;
}

/* The term-frequency fields of the default model. */
static void
tf_fields(int *tf)
{
	struct lk_model mo;
	int f;

	lk_model_default(&mo);
	for (f = 0; f < LK_NFIELDS; f++)
		tf[f] = mo.tf[f];
}

/*
 * One distinct key of the run: its block (n rids at off in the cache),
 * or n -1 when it is large; then its entries (wkey, rid) in block order
 * at woff when wn >= 0, read once for the run's records in it.
 */
struct kent {
	int64_t key;
	size_t off, woff;
	long n, wn;
	size_t users;		/* the run's records with this key */
};

/*
 * The database records one record of the run meets in its blocks, each
 * with the rules it shares (a bit each): an open-addressing table kept
 * at most half full, emptied through the list of its used slots.
 */
struct hits {
	int64_t *rid;
	uint32_t *rules;
	size_t *used;
	size_t cap, nused;
};

static void
hits_grow(struct hits *t, size_t want)
{
	size_t cap = t->cap ? t->cap : 1024;

	while (cap < 2 * want)
		cap *= 2;
	if (cap == t->cap)
		return;
	free(t->rid);
	free(t->rules);
	free(t->used);
	t->cap = cap;
	t->rid = xreallocarray(NULL, cap, sizeof *t->rid);
	t->rules = xcalloc(cap, sizeof *t->rules);
	t->used = xreallocarray(NULL, cap, sizeof *t->used);
	t->nused = 0;
}

static void
hits_add(struct hits *t, int64_t rid, int rule)
{
	size_t i = (size_t)(((uint64_t)rid * 0x9e3779b97f4a7c15ULL) >> 32) &
	    (t->cap - 1);

	while (t->rules[i] && t->rid[i] != rid)
		i = (i + 1) & (t->cap - 1);
	if (!t->rules[i]) {
		t->rid[i] = rid;
		t->used[t->nused++] = i;
	}
	t->rules[i] |= 1u << rule;
}

/*
 * The run's blocking keys: ke, sorted and unique, with their users; of,
 * for each record and rule, the index of its key in ke (NO_KEY: none);
 * wk, each record's window key.
 */
struct runkeys {
	struct kent *ke;
	size_t nk;
	uint32_t *of;
	int64_t *wk;
};

#define NO_KEY UINT32_MAX

struct kpos {
	int64_t key;
	uint32_t pos;		/* record * LK_NRULES + rule */
};

static int
cmp_kpos(const void *a, const void *b)
{
	const struct kpos *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static void
run_keys(const struct lk_set *own, const int64_t *known, struct runkeys *rk)
{
	size_t n = lk_set_count(own), i, k, nk = 0;
	struct kpos *kp = xreallocarray(NULL, n ? n * LK_NRULES : 1,
	    sizeof *kp);
	int r;

	rk->of = xreallocarray(NULL, n ? n * LK_NRULES : 1, sizeof *rk->of);
	rk->wk = xreallocarray(NULL, n ? n : 1, sizeof *rk->wk);
	for (i = 0; i < n; i++) {
		uint64_t keys[LK_NRULES], wk;

		for (r = 0; r < LK_NRULES; r++)
			rk->of[i * LK_NRULES + (size_t)r] = NO_KEY;
		rk->wk[i] = 0;
		if (known[i])
			continue;	/* held: not linked again */
		lk_block_keys(own, i, keys, &wk);
		rk->wk[i] = (int64_t)(wk >> 1);
		for (r = 0; r < LK_NRULES; r++) {
			if (keys[r]) {
				kp[nk].key = (int64_t)keys[r];
				kp[nk++].pos = (uint32_t)(i * LK_NRULES +
				    (size_t)r);
			}
		}
	}
	if (nk > 1)
		qsort(kp, nk, sizeof *kp, cmp_kpos);
	rk->ke = xreallocarray(NULL, nk ? nk : 1, sizeof *rk->ke);
	for (i = k = 0; i < nk; i++) {
		if (i == 0 || kp[i].key != rk->ke[k - 1].key) {
			memset(&rk->ke[k], 0, sizeof rk->ke[k]);
			rk->ke[k].key = kp[i].key;
			rk->ke[k++].wn = -1;
		}
		rk->ke[k - 1].users++;
		rk->of[kp[i].pos] = (uint32_t)(k - 1);
	}
	rk->nk = k;
	free(kp);
}

/* Block entries in block order (wkey, then rid). */
struct went {
	int64_t wkey, rid;
};

struct blocks {
	struct i64v cache;		/* rids of the small blocks */
	struct went *w;			/* entries of the large ones read */
	size_t nw, cw;
};

/* The rows (wkey, rid) of st, in order, after b's entries. */
static void
read_entries(struct pdb *db, sqlite3_stmt *st, struct blocks *b)
{
	while (step(db, st)) {
		if (b->nw == b->cw) {
			b->cw = b->cw ? b->cw * 2 : 4096;
			b->w = xreallocarray(b->w, b->cw, sizeof *b->w);
		}
		b->w[b->nw].wkey = sqlite3_column_int64(st, 0);
		b->w[b->nw++].rid = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
}

/* The first of the n entries w at window key wk or above. */
static size_t
first_at(const struct went *w, size_t n, int64_t wk)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w[mid].wkey < wk)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Reads the run's blocks: a small one whole; a large one whole too when
 * the run's records in it would read as many entries through their
 * windows (each reads 2 * WINDOW_SIDE), so that their windows are cut
 * from memory, the same entries query_windows() gives.  (Reading 64
 * entries of a block with one user cost more than its two queries.)
 */
static void
read_blocks(struct pdb *db, struct kent *ke, size_t nk, struct blocks *b)
{
	sqlite3_stmt *st = prep(db, "SELECT wkey, rid FROM blocks WHERE "
	    "key = ?1 UNION ALL SELECT wkey, rid FROM blocks_new WHERE "
	    "key = ?1 ORDER BY 1, 2 LIMIT ?2");
	size_t i, j, before;

	for (i = 0; i < nk; i++) {
		/* Entries wanted at most: a small block's, or the windows'
		   of the run's records in a large one. */
		long limit = (long)ke[i].users * 2 * WINDOW_SIDE, got;

		if (limit < BLOCK_ALL)
			limit = BLOCK_ALL;

		before = b->nw;
		sqlite3_bind_int64(st, 1, ke[i].key);
		sqlite3_bind_int64(st, 2, limit + 1);
		read_entries(db, st, b);
		got = (long)(b->nw - before);
		ke[i].off = b->cache.n;
		ke[i].n = -1;
		if (got <= BLOCK_ALL) {
			/* Small: its rids. */
			for (j = before; j < b->nw; j++)
				push(&b->cache, b->w[j].rid);
			ke[i].n = got;
			b->nw = before;
		} else if (got > limit) {
			b->nw = before;		/* larger: the queries */
		} else {
			ke[i].woff = before;
			ke[i].wn = got;
		}
	}
	sqlite3_finalize(st);
}

/*
 * The neighbours of window key wk in the large block e, read whole:
 * WINDOW_SIDE entries from wk on and WINDOW_SIDE before it, in block
 * order, into tmp.
 */
static void
window(const struct kent *e, const struct blocks *b, int64_t wk,
    struct i64v *tmp)
{
	const struct went *w = b->w + e->woff;
	size_t lo = first_at(w, (size_t)e->wn, wk), i;

	for (i = lo; i < (size_t)e->wn && i < lo + WINDOW_SIDE; i++)
		push(tmp, w[i].rid);
	for (i = lo; i > 0 && i > lo - (lo < WINDOW_SIDE ? lo :
	    WINDOW_SIDE); i--)
		push(tmp, w[i - 1].rid);
}

/*
 * A window to query in a large block too large to read whole: the
 * record of the run and the rule it is for, its neighbours' rids at off
 * (n of them) in the results.
 */
struct wreq {
	int64_t key, wk;
	uint32_t rec, rule;
	size_t off, n;
};

static int
cmp_wreq_block(const void *a, const void *b)
{
	const struct wreq *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->wk < y->wk ? -1 : x->wk > y->wk;
}

static int
cmp_wreq_rec(const void *a, const void *b)
{
	const struct wreq *x = a, *y = b;

	if (x->rec != y->rec)
		return x->rec < y->rec ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/*
 * One side of a window: the WINDOW_SIDE entries of st's rows (blocks',
 * from wk up, or down from below it) and of the block's entries in
 * blocks_new (nw, in block order; lo the first at wk or above), nearest
 * first, their rids into res: what one query of both tables gives.
 */
static void
window_side(struct pdb *db, sqlite3_stmt *st, const struct went *nw,
    size_t nn, size_t lo, int up, struct i64v *res)
{
	struct went m[WINDOW_SIDE];
	size_t nm = 0, i = 0, k;
	size_t j = lo;		/* next of nw: j up, j - 1 down */

	while (step(db, st)) {
		m[nm].rid = sqlite3_column_int64(st, 0);
		m[nm++].wkey = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	for (k = 0; k < WINDOW_SIDE; k++) {
		const struct went *x = i < nm ? &m[i] : NULL;
		const struct went *y = up ? (j < nn ? &nw[j] : NULL) :
		    (j > 0 ? &nw[j - 1] : NULL);
		int take_y;

		if (!x && !y)
			break;
		if (!x || !y)
			take_y = !x;
		else if (x->wkey != y->wkey)
			take_y = up ? y->wkey < x->wkey : y->wkey > x->wkey;
		else
			take_y = up ? y->rid < x->rid : y->rid > x->rid;
		if (take_y) {
			push(res, y->rid);
			j = up ? j + 1 : j - 1;
		} else
			push(res, m[i++].rid);
	}
}

/* The entries of block key in blocks_new, in block order, into *nw. */
static void
read_new_block(struct pdb *db, sqlite3_stmt *st, int64_t key,
    struct blocks *nw)
{
	nw->nw = 0;
	sqlite3_bind_int64(st, 1, key);
	read_entries(db, st, nw);
}

/*
 * The windows of the run's records in the large blocks not read whole,
 * queried in block order (neighbouring queries read neighbouring pages,
 * which the page cache then holds), their rids into res.  The entries in
 * blocks_new are read once a block and merged in.  Returns the requests
 * in record and rule order; *nreq is their number.
 */
static struct wreq *
query_windows(struct pdb *db, size_t n, const struct runkeys *rk,
    struct i64v *res, size_t *nreq)
{
	size_t i, k = 0, cap = 0, lo;
	struct wreq *q = NULL;
	struct blocks nw = { { NULL, 0, 0 }, NULL, 0, 0 };
	sqlite3_stmt *up, *down, *bn;
	int r;

	for (i = 0; i < n; i++) {
		for (r = 0; r < LK_NRULES; r++) {
			uint32_t x = rk->of[i * LK_NRULES + (size_t)r];
			const struct kent *e = x == NO_KEY ? NULL : &rk->ke[x];

			if (!e || e->n >= 0 || e->wn >= 0)
				continue;
			if (k == cap) {
				cap = cap ? cap * 2 : 1024;
				q = xreallocarray(q, cap, sizeof *q);
			}
			q[k].key = e->key;
			q[k].wk = rk->wk[i];
			q[k].rec = (uint32_t)i;
			q[k++].rule = (uint32_t)r;
		}
	}
	if (k > 1)
		qsort(q, k, sizeof *q, cmp_wreq_block);
	/* In block order, ties in rid order (as the primary key holds
	   them). */
	up = prep(db, "SELECT rid, wkey FROM blocks WHERE key = ?1 AND "
	    "wkey >= ?2 ORDER BY wkey, rid LIMIT " STR(WINDOW_SIDE));
	down = prep(db, "SELECT rid, wkey FROM blocks WHERE key = ?1 AND "
	    "wkey < ?2 ORDER BY wkey DESC, rid DESC LIMIT " STR(WINDOW_SIDE));
	bn = prep(db, "SELECT wkey, rid FROM blocks_new WHERE key = ?1 "
	    "ORDER BY wkey, rid");
	for (i = 0; i < k; i++) {
		if (db->nblocks[1] && (i == 0 || q[i].key != q[i - 1].key))
			read_new_block(db, bn, q[i].key, &nw);
		lo = first_at(nw.w, nw.nw, q[i].wk);
		q[i].off = res->n;
		sqlite3_bind_int64(up, 1, q[i].key);
		sqlite3_bind_int64(up, 2, q[i].wk);
		window_side(db, up, nw.w, nw.nw, lo, 1, res);
		sqlite3_bind_int64(down, 1, q[i].key);
		sqlite3_bind_int64(down, 2, q[i].wk);
		window_side(db, down, nw.w, nw.nw, lo, 0, res);
		q[i].n = res->n - q[i].off;
	}
	sqlite3_finalize(up);
	sqlite3_finalize(down);
	sqlite3_finalize(bn);
	free(nw.w);
	if (k > 1)
		qsort(q, k, sizeof *q, cmp_wreq_rec);
	*nreq = k;
	return q;
}

/* Pairs of a database record and a record of the run. */
struct cpair {
	int64_t rid;
	uint32_t own;
};

struct cpv {
	struct cpair *v;
	size_t n, cap;
};

static void
cpush(struct cpv *a, int64_t rid, uint32_t own)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 1024;
		a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	a->v[a->n].rid = rid;
	a->v[a->n++].own = own;
}

static int
cmp_cpair(const void *a, const void *b)
{
	const struct cpair *x = a, *y = b;

	if (x->rid != y->rid)
		return x->rid < y->rid ? -1 : 1;
	return x->own < y->own ? -1 : x->own > y->own;
}

/* A record of own sought by its variant hash (find_known()). */
struct vq {
	int64_t vh, rid;
	size_t i;
};

static int
cmp_vq(const void *a, const void *b)
{
	const struct vq *x = a, *y = b;

	return x->vh < y->vh ? -1 : x->vh > y->vh;
}

static int
cmp_vq_rid(const void *a, const void *b)
{
	const struct vq *x = a, *y = b;

	return x->rid < y->rid ? -1 : x->rid > y->rid;
}

/*
 * Calls hit(x, rid, ctx) for each q[x] (k of them, in hash order) and
 * each record rid of the database whose variant hash is q[x].vh.  Few
 * are each sought in the index; many (an eighth of the records or more)
 * are found by reading the index through once, beside them.
 */
static void
variant_rows(struct pdb *db, const struct vq *q, size_t k,
    void (*hit)(size_t, int64_t, void *), void *ctx)
{
	sqlite3_stmt *st;
	size_t i, j, x;
	int more = 1, scan = (uint64_t)k * 8 >= db->nrecords;

	st = prep(db, scan ? "SELECT vhash, rid FROM records ORDER BY vhash" :
	    "SELECT vhash, rid FROM records WHERE vhash = ?1");
	if (scan)
		more = step(db, st);
	for (i = 0; i < k; i = j) {
		for (j = i; j < k && q[j].vh == q[i].vh; j++)
			;
		if (!scan) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, q[i].vh);
			more = step(db, st);
		}
		while (scan && more && sqlite3_column_int64(st, 0) < q[i].vh)
			more = step(db, st);
		while (more && sqlite3_column_int64(st, 0) == q[i].vh) {
			for (x = i; x < j; x++)
				hit(x, sqlite3_column_int64(st, 1), ctx);
			more = step(db, st);
		}
	}
	sqlite3_finalize(st);
}

/* The one record of q[x]'s variant in q[x].rid; -1 when two or more. */
static void
one_rid(size_t x, int64_t rid, void *ctx)
{
	struct vq *q = ctx;

	q[x].rid = q[x].rid ? -1 : rid;
}

#define FETCH_GAP 32	/* rows stepped over rather than sought again */

/*
 * Steps st (SELECT rid, ... FROM records WHERE rid >= ?1 ORDER BY rid)
 * over the records rids (n, sorted, a rid maybe more than once), calling
 * take(db, st, x, ctx) for rids[x] when found (a record gone from the
 * database is left out).  It seeks a record, and steps on to the next
 * one wanted when it is near (a step costs a fraction of a seek), else
 * seeks again.
 */
static void
walk_rids(struct pdb *db, sqlite3_stmt *st, const int64_t *rids,
    size_t stride, size_t n,
    void (*take)(struct pdb *, sqlite3_stmt *, size_t, void *), void *ctx)
{
	size_t i = 0;
	int seek = 1;

#define RID(x) (*(const int64_t *)(const void *)((const char *)rids + \
    (x) * stride))
	while (i < n) {
		int64_t cur;

		if (seek) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, RID(i));
			seek = 0;
		}
		if (!step(db, st))
			break;
		cur = sqlite3_column_int64(st, 0);
		while (i < n && RID(i) < cur)
			i++;		/* gone: not there */
		while (i < n && RID(i) == cur)
			take(db, st, i++, ctx);
		if (i < n && RID(i) - cur > FETCH_GAP)
			seek = 1;
	}
#undef RID
}

/*
 * Merge-joins n items of the run, in the order of st's rows, with st's
 * rows: bind(st, k, ctx) binds st to begin at item k's place, cmp(st,
 * k, ctx) orders st's row against item k, hit(st, k, ctx) takes item k
 * found.  A row near the last is stepped to, one further on sought
 * (as walk_rids() does).
 */
struct walk {
	void (*bind)(sqlite3_stmt *, size_t, void *);
	int (*cmp)(sqlite3_stmt *, size_t, void *);
	void (*hit)(sqlite3_stmt *, size_t, void *);
	void *ctx;
};

static void
walk_sorted(struct pdb *db, sqlite3_stmt *st, size_t n, const struct walk *w)
{
	size_t k = 0, gap = 0;
	int more = 0, seek = 1, c;

	while (k < n) {
		if (seek) {
			sqlite3_reset(st);
			w->bind(st, k, w->ctx);
			more = step(db, st);
			seek = 0;
			gap = 0;
		}
		if (!more)
			break;
		if ((c = w->cmp(st, k, w->ctx)) < 0) {
			if (gap++ < FETCH_GAP)
				more = step(db, st);
			else
				seek = 1;
			continue;
		}
		if (c == 0)
			w->hit(st, k, w->ctx);
		k++;
		gap = 0;
	}
	sqlite3_reset(st);
}

struct persons_of {
	const struct vq *q;
	int64_t *person;
};

static void
take_person(struct pdb *db, sqlite3_stmt *st, size_t x, void *ctx)
{
	struct persons_of *po = ctx;

	(void)db;
	po->person[po->q[x].i] = sqlite3_column_int64(st, 1);
}

/*
 * The records of own not held yet (person[i] 0) that the database holds
 * as they are (the same normalised fields: a record of an earlier month
 * read again), in one record: person[i] set to that record's person.  A
 * variant held by two records is not known: it is linked afresh.
 */
static void
find_known(struct pdb *db, const struct lk_set *own, int64_t *person)
{
	size_t n = lk_set_count(own), i, j, k = 0;
	struct vq *q = xreallocarray(NULL, n ? n : 1, sizeof *q);
	struct persons_of po;
	sqlite3_stmt *st;

	for (i = 0; i < n; i++) {
		struct lk_person p;

		if (person[i])
			continue;
		lk_set_get(own, i, &p);
		q[k].vh = (int64_t)variant_hash(&p);
		q[k].rid = 0;
		q[k++].i = i;
	}
	/* In hash order: each page of the index read once; then their
	   persons in record order. */
	if (k > 1)
		qsort(q, k, sizeof *q, cmp_vq);
	variant_rows(db, q, k, one_rid, q);
	for (i = j = 0; i < k; i++)
		if (q[i].rid > 0)
			q[j++] = q[i];
	if (j > 1)
		qsort(q, j, sizeof *q, cmp_vq_rid);
	st = prep(db, "SELECT rid, person FROM records WHERE rid >= ?1"
	    " ORDER BY rid");
	po.q = q;
	po.person = person;
	walk_rids(db, st, &q[0].rid, sizeof *q, j, take_person, &po);
	sqlite3_finalize(st);
	free(q);
}

/*
 * The database records worth comparing with a record of own: those in
 * its blocks (in a large block, its neighbours in block order) that
 * share two blocking keys with it (its one key when it has only one),
 * one that alone says much (PNC ID, phone, email), or one held by at
 * most BLOCK_ALONE records (a rare value).  A pair that shares one
 * common key only (a date of birth forty others have, and nothing else)
 * is not fetched: its fields could hardly outweigh the prior.  Appends
 * the pairs (rid, record of own) to out.
 */
static void
find_candidates(struct pdb *db, const struct lk_set *own,
    const int64_t *known, struct cpv *out)
{
	size_t n = lk_set_count(own), i, j, m, nq, qi = 0;
	struct runkeys rk;
	struct kent *e[LK_NRULES];
	struct blocks b = { { NULL, 0, 0 }, NULL, 0, 0 };
	struct i64v tmp = { NULL, 0, 0 }, res = { NULL, 0, 0 };
	struct hits t = { NULL, NULL, NULL, 0, 0 };
	struct wreq *q;
	uint32_t strong = 0, alone;
	int r, need;

	for (r = 0; r < LK_NRULES; r++)
		if (lk_rule_strong(r))
			strong |= 1u << r;
	run_keys(own, known, &rk);
	read_blocks(db, rk.ke, rk.nk, &b);
	q = query_windows(db, n, &rk, &res, &nq);
	for (i = 0; i < n; i++) {
		if (known[i])
			continue;	/* held already: not linked again */
		/* Its blocks, and room for all they hold. */
		alone = strong;
		for (r = need = 0, m = 0; r < LK_NRULES; r++) {
			uint32_t x = rk.of[i * LK_NRULES + (size_t)r];

			e[r] = NULL;
			if (x == NO_KEY)
				continue;
			need++;
			e[r] = &rk.ke[x];
			m += e[r]->n < 0 ? 2 * WINDOW_SIDE : (size_t)e[r]->n;
			if (e[r]->n >= 0 && e[r]->n <= BLOCK_ALONE)
				alone |= 1u << r;
		}
		if (need > 2)
			need = 2;
		hits_grow(&t, m);
		for (r = 0; r < LK_NRULES; r++) {
			const int64_t *v;

			if (!e[r] || e[r]->n == 0)
				continue;
			if (e[r]->n >= 0) {
				v = b.cache.v + e[r]->off;
				m = (size_t)e[r]->n;
			} else if (e[r]->wn >= 0) {
				/* A large block read: the neighbours only. */
				tmp.n = 0;
				window(e[r], &b, rk.wk[i], &tmp);
				v = tmp.v;
				m = tmp.n;
			} else {
				/* One not read: its neighbours queried. */
				while (qi < nq && (q[qi].rec < i ||
				    (q[qi].rec == i && q[qi].rule < (uint32_t)r)))
					qi++;
				if (qi == nq || q[qi].rec != i ||
				    q[qi].rule != (uint32_t)r)
					continue;
				v = res.v + q[qi].off;
				m = q[qi].n;
			}
			for (j = 0; j < m; j++)
				hits_add(&t, v[j], r);
		}
		/* Two rules shared (one when it has one), a strong one, or
		   one of a rare value. */
		for (j = 0; j < t.nused; j++) {
			size_t x = t.used[j];

			if ((t.rules[x] & alone) ||
			    __builtin_popcount(t.rules[x]) >= need)
				cpush(out, t.rid[x], (uint32_t)i);
			t.rules[x] = 0;
		}
		t.nused = 0;
	}
	free(q);
	free(res.v);
	free(rk.ke);
	free(rk.of);
	free(rk.wk);
	free(b.cache.v);
	free(b.w);
	free(tmp.v);
	free(t.rid);
	free(t.rules);
	free(t.used);
}

/*
 * Sets field f of p to v (n bytes), a value stored normalised: as it
 * is, as lk_set_get() does, without normalising it again (a normalised
 * value is its own normal form; doing it again cost a third of a link
 * step's time).
 */
static void
set_stored(struct lk_person *p, enum lk_field f, const char *v, size_t n)
{
	if (n == 0 || n > 255 || (size_t)p->used + n + 2 > LK_PERSON_BUF)
		return;
	p->off[f] = (uint16_t)(p->used + 1);
	p->len[f] = (uint16_t)n;
	memcpy(p->buf + p->off[f], v, n);
	p->buf[p->off[f] + n] = '\0';
	p->used = (uint16_t)(p->used + n + 1);
}

struct fetch {
	struct lk_set *c;
	struct i64v *got;
};

/* Record row st as a person of c, its person in db->cand. */
static void
take_record(struct pdb *db, sqlite3_stmt *st, size_t x, void *ctx)
{
	struct lk_set *c = ((struct fetch *)ctx)->c;
	struct i64v *got = ((struct fetch *)ctx)->got;
	struct lk_person p;
	int f;

	lk_person_clear(&p);
	for (f = 0; f < LK_NFIELDS; f++) {
		const unsigned char *v = sqlite3_column_text(st, f + 2);

		if (v)
			set_stored(&p, (enum lk_field)f, (const char *)v,
			    (size_t)sqlite3_column_bytes(st, f + 2));
	}
	(void)x;
	db->cand[db->ncand++] = sqlite3_column_int64(st, 1);
	push(got, sqlite3_column_int64(st, 0));
	lk_set_add(c, &p);
}

/*
 * Adds the records rids (sorted, distinct) to c, in that order, their
 * persons in db->cand and their rids in got (a record gone from the
 * database is left out), read in one pass (walk_rids()).
 */
static void
fetch_records(struct pdb *db, const struct i64v *rids, struct lk_set *c,
    struct i64v *got)
{
	struct fetch f = { c, got };
	sqlite3_stmt *get;
	char sql[256];

	free(db->cand);
	db->cand = xreallocarray(NULL, rids->n ? rids->n : 1,
	    sizeof *db->cand);
	db->ncand = 0;
	snprintf(sql, sizeof sql, "SELECT rid, person, %s FROM records "
	    "WHERE rid >= ?1 ORDER BY rid", rec_cols);
	get = prep(db, sql);
	walk_rids(db, get, rids->v, sizeof *rids->v, rids->n, take_record, &f);
	sqlite3_finalize(get);
}

/* The id of the run's source (pdb_row_keys()), made when create; 0
   when it has none. */
static int64_t
source_id(struct pdb *db, int create)
{
	sqlite3_stmt *st;
	int64_t id = 0;

	if (create) {
		st = prep(db, "INSERT OR IGNORE INTO sources(key_column, role)"
		    " VALUES(?1, ?2)");
		sqlite3_bind_text(st, 1, db->rk_col, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, db->rk_role, -1, SQLITE_STATIC);
		run(db, st);
		sqlite3_finalize(st);
	}
	st = prep(db, "SELECT source FROM sources WHERE key_column = ?1"
	    " AND role = ?2");
	sqlite3_bind_text(st, 1, db->rk_col, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, db->rk_role, -1, SQLITE_STATIC);
	if (step(db, st))
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static int
cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an > bn) - (an < bn);
}

/* A value of a set's field, ordered as SQLite orders text: by bytes,
   then length. */
struct sval {
	const char *s;
	size_t n;
};

static int
cmp_sval(const void *a, const void *b)
{
	const struct sval *p = a, *q = b;

	return cmp_bytes(p->s, p->n, q->s, q->n);
}

/*
 * Each value of field f in c counted over the database (freq) and the
 * run's records (own): the freq table read in value order beside the
 * set's values (fq: SELECT value, n FROM freq WHERE field = ?1 AND
 * value >= ?2 ORDER BY value), a value near the last stepped to, one
 * further on sought.
 */
struct fwalk {
	const char *field;
	struct sval *ord;
	uint64_t *dbn;
};

static void
freq_bind(sqlite3_stmt *st, size_t k, void *ctx)
{
	struct fwalk *fw = ctx;

	sqlite3_bind_text(st, 1, fw->field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, fw->ord[k].s, (int)fw->ord[k].n,
	    SQLITE_STATIC);
}

static int
freq_cmp(sqlite3_stmt *st, size_t k, void *ctx)
{
	struct fwalk *fw = ctx;
	const char *v = (const char *)sqlite3_column_text(st, 0);

	return cmp_bytes(v ? v : "", (size_t)sqlite3_column_bytes(st, 0),
	    fw->ord[k].s, fw->ord[k].n);
}

static void
freq_hit(sqlite3_stmt *st, size_t k, void *ctx)
{
	struct fwalk *fw = ctx;

	fw->dbn[k] = (uint64_t)sqlite3_column_int64(st, 1);
}

static void
field_freq(struct pdb *db, sqlite3_stmt *fq, struct lk_set *c,
    const struct lk_set *own, enum lk_field f)
{
	size_t nv = 0, x, k, vl;
	struct sval *ord = NULL;
	const char *v;
	struct fwalk fw;
	struct walk w = { freq_bind, freq_cmp, freq_hit, &fw };

	for (x = 1; lk_set_value(c, f, x, &v, &vl); x++) {
		if (nv % 4096 == 0)
			ord = xreallocarray(ord, nv + 4096, sizeof *ord);
		ord[nv++] = (struct sval){ v, vl };
	}
	if (nv > 1)
		qsort(ord, nv, sizeof *ord, cmp_sval);
	fw.field = lk_field_names[f];
	fw.ord = ord;
	fw.dbn = xcalloc(nv + 1, sizeof *fw.dbn);
	walk_sorted(db, fq, nv, &w);
	for (k = 0; k < nv; k++) {
		uint64_t cnt = fw.dbn[k];

		cnt += (uint64_t)llround(lk_set_tf(own, f, ord[k].s, ord[k].n) *
		    (double)lk_set_nonnull(own, f));
		lk_set_freq(c, f, ord[k].s, ord[k].n, cnt ? cnt : 1);
	}
	free(ord);
	free(fw.dbn);
}

/* What pdb_link_find() keeps for pdb_link_set(), gone. */
static void
free_found(struct pdb *db)
{
	free(db->byvar);
	db->byvar = NULL;
	db->found = 0;
}

void
pdb_link_find(struct pdb *db, const struct lk_set *own)
{
	size_t n = lk_set_count(own), i;

	free_found(db);
	db->found = 1;
	if (db->err.code || db->nrecords == 0)
		return;
	/* Held by their rows already (pdb_row_keys()), or none. */
	if (!db->byrow || db->nheld != n) {
		free(db->held);
		db->held = xcalloc(n ? n : 1, sizeof *db->held);
		db->nheld = n;
	}
	db->byvar = xcalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++)
		db->byvar[i] = db->held[i] != 0;
	find_known(db, own, db->held);
	for (i = 0; i < n; i++)
		db->byvar[i] = !db->byvar[i] && db->held[i] != 0;
}

int
pdb_by_variant(const struct pdb *db, size_t i)
{
	return db->byvar && i < db->nheld && db->byvar[i];
}

struct lk_set *
pdb_link_set(struct pdb *db, const struct lk_set *own,
    const unsigned char *ident, size_t *nfixed, struct vawg_err *e)
{
	size_t n = lk_set_count(own), i, k;
	struct i64v rids = { NULL, 0, 0 }, got = { NULL, 0, 0 };
	struct cpv pairs = { NULL, 0, 0 };
	sqlite3_stmt *fq;
	struct lk_set *c;
	int tf[LK_NFIELDS], f;

	*nfixed = 0;
	if (status(db, e))
		return NULL;
	if (db->nrecords == 0) {
		free_found(db);
		return (struct lk_set *)own;
	}
	if (!db->found)
		pdb_link_find(db, own);
	/* Held by their variants but too thin to be: linked as new. */
	for (i = 0; i < n; i++)
		if (db->byvar[i] && !(ident && ident[i]))
			db->held[i] = 0;
	free_found(db);
	find_candidates(db, own, db->held, &pairs);
	if (pairs.n > 1)
		qsort(pairs.v, pairs.n, sizeof *pairs.v, cmp_cpair);
	for (i = 0; i < pairs.n; i++)
		if (i == 0 || pairs.v[i].rid != pairs.v[i - 1].rid)
			push(&rids, pairs.v[i].rid);
	c = lk_set_new();
	fetch_records(db, &rids, c, &got);
	free(rids.v);
	lk_set_fix(c);
	*nfixed = db->ncand;
	lk_set_append(c, own);
	/* Each run record is compared with its own candidates only. */
	for (i = k = 0; i < pairs.n; i++) {
		while (k < got.n && got.v[k] < pairs.v[i].rid)
			k++;
		if (k < got.n && got.v[k] == pairs.v[i].rid)
			lk_set_cand(c, (uint32_t)k,
			    (uint32_t)(*nfixed + pairs.v[i].own));
	}
	for (i = 0; i < n; i++)
		if (db->held[i])
			lk_set_known(c, (uint32_t)(*nfixed + i));
	free(pairs.v);
	free(got.v);
	/* Term frequencies over the whole database and the run. */
	tf_fields(tf);
	fq = prep(db, "SELECT value, n FROM freq WHERE field = ?1 AND"
	    " value >= ?2 ORDER BY value");
	for (f = 0; f < LK_NFIELDS; f++)
		if (tf[f])
			field_freq(db, fq, c, own, (enum lk_field)f);
	sqlite3_finalize(fq);
	for (f = 0; f < LK_NFIELDS; f++)
		if (tf[f])
			lk_set_freq_total(c, (enum lk_field)f, db->nonnull[f] +
			    lk_set_nonnull(own, (enum lk_field)f));
	lk_set_finish(c);
	if (status(db, e)) {
		lk_set_free(c);
		*nfixed = 0;
		return NULL;
	}
	return c;
}

int
pdb_held(const struct pdb *db, size_t i)
{
	return db->held && i < db->nheld && db->held[i] != 0;
}

void
pdb_unhold(struct pdb *db, size_t i)
{
	if (i < db->nheld && !(db->byrow && db->byrow[i]))
		db->held[i] = 0;
}

/*
 * Orders a row of source_rows (key k of kn bytes, variant vh) against
 * the run's row o, as SQLite orders the table's key: by key (bytes,
 * then length), then variant hash.
 */
static int
cmp_stored_row(const char *k, size_t kn, int64_t vh, const struct rowkey *o)
{
	int c = cmp_bytes(k, kn, o->key, strlen(o->key));

	if (c == 0)
		c = (vh > o->vh) - (vh < o->vh);
	return c;
}

/* The persons merged into others: merged id -> surviving id. */
static struct hmap *
merged_persons(struct pdb *db, struct i64v *into)
{
	struct hmap *m = hmap_new();
	sqlite3_stmt *st = prep(db, "SELECT id, merged_into FROM persons"
	    " WHERE merged_into IS NOT NULL");

	while (step(db, st)) {
		int64_t id = sqlite3_column_int64(st, 0);

		push(into, sqlite3_column_int64(st, 1));
		*hmap_slot(m, (const char *)&id, sizeof id, 1, NULL) = into->n;
	}
	sqlite3_finalize(st);
	return m;
}

/* rows_known()'s walk: the database, and the merged persons. */
struct rwalk {
	struct pdb *db;
	struct hmap *merged;
	struct i64v into;
};

static void
row_bind(sqlite3_stmt *st, size_t k, void *ctx)
{
	struct pdb *db = ((struct rwalk *)ctx)->db;

	sqlite3_bind_int64(st, 1, db->rk_src);
	sqlite3_bind_text(st, 2, db->rk_ord[k].key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, db->rk_ord[k].vh);
}

static int
row_cmp(sqlite3_stmt *st, size_t k, void *ctx)
{
	struct pdb *db = ((struct rwalk *)ctx)->db;
	const char *key = (const char *)sqlite3_column_text(st, 0);

	return cmp_stored_row(key ? key : "", (size_t)sqlite3_column_bytes(st,
	    0), sqlite3_column_int64(st, 1), &db->rk_ord[k]);
}

static void
row_hit(sqlite3_stmt *st, size_t k, void *ctx)
{
	struct rwalk *rw = ctx;
	struct pdb *db = rw->db;
	size_t i = db->rk_ord[k].i;
	int64_t person = sqlite3_column_int64(st, 2);
	uintptr_t *sl = hmap_slot(rw->merged, (const char *)&person,
	    sizeof person, 0, NULL);

	if (!db->rk_use[i])
		return;		/* twice in the run: known by neither */
	db->held[i] = sl ? rw->into.v[*sl - 1] : person;
	db->byrow[i] = 1;
}

/*
 * The run's rows that the database knows with the same variant (the
 * same key under the source, the same person data): held under the
 * row's person, or the one it was merged into (byrow); the source's rows
 * read in key order beside the run's (walk_sorted()).
 */
static void
rows_known(struct pdb *db)
{
	sqlite3_stmt *st = prep(db, "SELECT key, vhash, person FROM"
	    " source_rows WHERE source = ?1 AND (key, vhash) >= (?2, ?3)"
	    " ORDER BY key, vhash");
	struct rwalk rw = { db, NULL, { NULL, 0, 0 } };
	struct walk w = { row_bind, row_cmp, row_hit, &rw };

	rw.merged = merged_persons(db, &rw.into);
	walk_sorted(db, st, db->nrk_ord, &w);
	sqlite3_finalize(st);
	hmap_free(rw.merged);
	free(rw.into.v);
}

/* Orders rows by key, then variant hash. */
static int
cmp_rowkey(const void *a, const void *b)
{
	const struct rowkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->vh < y->vh ? -1 : x->vh > y->vh;
}

void
pdb_row_keys(struct pdb *db, const struct lk_set *own,
    const char *key_column, const char *role, const char *const *keys)
{
	size_t n = lk_set_count(own), i, j;
	struct rowkey *o;

	free_rows(db);
	db->rk_col = xstrdup(key_column);
	db->rk_role = xstrdup(role);
	db->rk_key = keys;
	db->nrk = n;
	db->rk_vh = xreallocarray(NULL, n ? n : 1, sizeof *db->rk_vh);
	db->rk_use = xcalloc(n ? n : 1, 1);
	o = db->rk_ord = xreallocarray(NULL, n ? n : 1, sizeof *o);
	for (i = j = 0; i < n; i++) {
		struct lk_person p;

		if (!keys[i] || !keys[i][0])
			continue;
		lk_set_get(own, i, &p);
		db->rk_vh[i] = (int64_t)variant_hash(&p);
		o[j++] = (struct rowkey){ keys[i], db->rk_vh[i], i };
	}
	db->nrk_ord = j;
	/* A key and variant twice in the run (two rows of one key with
	   the same person data) say nothing of which person is whose:
	   neither is used. */
	qsort(o, j, sizeof *o, cmp_rowkey);
	for (i = 0; i < j; i++)
		db->rk_use[o[i].i] = !(i > 0 && cmp_rowkey(&o[i - 1],
		    &o[i]) == 0) && !(i + 1 < j && cmp_rowkey(&o[i],
		    &o[i + 1]) == 0);
	free(db->held);
	db->held = xcalloc(n ? n : 1, sizeof *db->held);
	db->nheld = n;
	db->byrow = xcalloc(n ? n : 1, 1);
	if (db->nrecords > 0 && (db->rk_src = source_id(db, 0)) != 0)
		rows_known(db);
}

/*
 * The rows of the run's records not held (new, or read again but not
 * known by their row), each under its person (final[cl[i]]), in key
 * order; in the first run of its source (its key column and role), the
 * rows of every record, held by its variant or not, so that a row read
 * first when another row's copy of its record was held already is known
 * too.
 */
static void
write_source_rows(struct pdb *db, size_t nfixed, const uint32_t *cl,
    const int64_t *final)
{
	sqlite3_stmt *st = NULL;
	size_t k, i;
	int64_t src = 0;

	for (k = 0; k < db->nrk_ord; k++) {
		i = db->rk_ord[k].i;
		if (!db->rk_use[i] || cl[nfixed + i] == UINT32_MAX ||
		    (pdb_held(db, i) && db->rk_src != 0))
			continue;
		if (!st) {
			src = source_id(db, 1);
			st = prep(db, "INSERT INTO source_rows(source, key,"
			    " vhash, person) VALUES(?1, ?2, ?3, ?4)"
			    " ON CONFLICT(source, key, vhash)"
			    " DO UPDATE SET person = excluded.person");
		}
		sqlite3_bind_int64(st, 1, src);
		sqlite3_bind_text(st, 2, db->rk_key[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, db->rk_vh[i]);
		sqlite3_bind_int64(st, 4, final[cl[nfixed + i]]);
		run(db, st);
	}
	sqlite3_finalize(st);
}

void
pdb_scale_prior(struct lk_model *mo, size_t n_own, uint64_t n_total)
{
	double m, all, prior;

	if (n_own < 2 || n_total <= n_own || mo->prior_matches <= 0)
		return;
	m = mo->prior_matches * (double)n_total / (double)n_own;
	all = (double)n_total * (double)(n_total - 1) / 2;
	if (all > m) {
		mo->prior_matches = m;
		prior = log2(m / (all - m));
		if (prior < mo->prior)
			mo->prior = prior;
	}
}

/* Writing records. */

static void
writer_init(struct pdb *db, int check_existing)
{
	char sql[512];

	snprintf(sql, sizeof sql, "INSERT INTO records(person, vhash, role, "
	    "seen, %s) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12, ?13, ?14, ?15, ?16, ?17)", rec_cols);
	db->ins_rec = prep(db, sql);
	db->has_rec = prep(db, "SELECT 1 FROM records WHERE vhash = ?1 AND "
	    "person = ?2 LIMIT 1");
	/* A run of a few records among many: its keys to blocks_new. */
	db->blk_new = check_existing;
	db->ins_block = prep(db, check_existing ?
	    "INSERT OR IGNORE INTO blocks_new(key, wkey, rid) VALUES(?1, ?2, ?3)" :
	    "INSERT OR IGNORE INTO blocks(key, wkey, rid) VALUES(?1, ?2, ?3)");
	db->variants = hmap_new();
	db->freq = hmap_new();
	db->check_existing = check_existing;
	/* Into an empty database, or many records at once (see
	   bulk_existing()), the records' indexes are made once at the end
	   (sorted: a third of the cost of keeping them). */
	if (!check_existing)
		exec(db, "DROP INDEX IF EXISTS records_person;"
		    "DROP INDEX IF EXISTS records_vhash");
}

static int
cmp_blk(const void *a, const void *b)
{
	const struct blk *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->wkey != y->wkey)
		return x->wkey < y->wkey ? -1 : 1;
	return x->rid < y->rid ? -1 : x->rid > y->rid;
}

static void
flush_blocks(struct pdb *db)
{
	size_t i;

	if (db->nblk > 1)
		qsort(db->blk, db->nblk, sizeof *db->blk, cmp_blk);
	for (i = 0; i < db->nblk; i++) {
		sqlite3_bind_int64(db->ins_block, 1, db->blk[i].key);
		sqlite3_bind_int64(db->ins_block, 2, db->blk[i].wkey);
		sqlite3_bind_int64(db->ins_block, 3, db->blk[i].rid);
		run(db, db->ins_block);
		db->nblocks[db->blk_new] += sqlite3_changes(db->db);
	}
	db->nblk = 0;
}

/*
 * blocks_new into blocks, when it has grown to an eighth of blocks: the
 * run that makes it so rewrites blocks (every page, as each run of new
 * records did when all keys went there), once in some months.
 */
static void
merge_blocks(struct pdb *db)
{
	if (db->nblocks[1] == 0 ||
	    db->nblocks[1] * BLOCKS_MERGE_AT < db->nblocks[0])
		return;
	exec(db, "INSERT OR IGNORE INTO blocks(key, wkey, rid) SELECT key, "
	    "wkey, rid FROM blocks_new; DELETE FROM blocks_new");
	db->nblocks[0] += db->nblocks[1];
	db->nblocks[1] = 0;
}

static uint64_t
variant_hash(const struct lk_person *p)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *v;
	size_t n, i;
	int f;

	for (f = 0; f < LK_NFIELDS; f++) {
		v = lk_person_get(p, (enum lk_field)f, &n);
		for (i = 0; i < n; i++) {
			h ^= (unsigned char)v[i];
			h *= 0x100000001b3ULL;
		}
		h ^= 0x1f;
		h *= 0x100000001b3ULL;
	}
	return h & 0x7fffffffffffffffULL;
}

/* Record i of s as a record of person id, unless it is there already. */
static void
write_record(struct pdb *db, const struct lk_set *s, size_t i, int64_t id,
    const char *role)
{
	struct lk_person p;
	uint64_t keys[LK_NRULES], wk;
	int64_t vh, rid, kb[2];
	int f, r, created;
	size_t n;
	const char *v;

	lk_set_get(s, i, &p);
	vh = (int64_t)variant_hash(&p);
	kb[0] = id;
	kb[1] = vh;
	hmap_slot(db->variants, (const char *)kb, sizeof kb, 1, &created);
	if (!created)
		return;
	if (db->dup && db->dup[i])
		return;
	if (db->check_existing) {
		int has;

		sqlite3_bind_int64(db->has_rec, 1, vh);
		sqlite3_bind_int64(db->has_rec, 2, id);
		has = step(db, db->has_rec);
		sqlite3_reset(db->has_rec);
		if (has)
			return;
	}
	sqlite3_bind_int64(db->ins_rec, 1, id);
	sqlite3_bind_int64(db->ins_rec, 2, vh);
	if (role)
		sqlite3_bind_text(db->ins_rec, 3, role, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(db->ins_rec, 3);
	sqlite3_bind_text(db->ins_rec, 4, db->now, -1, SQLITE_STATIC);
	for (f = 0; f < LK_NFIELDS; f++) {
		v = lk_person_get(&p, (enum lk_field)f, &n);
		if (n)
			sqlite3_bind_text(db->ins_rec, 5 + f, v, (int)n,
			    SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(db->ins_rec, 5 + f);
	}
	run(db, db->ins_rec);
	rid = sqlite3_last_insert_rowid(db->db);
	db->nrecords++;
	lk_block_keys(s, i, keys, &wk);
	/* A batch of BLK_BATCH keys at most: written before it would
	   grow past that (a doubled array held twice the memory). */
	if (db->nblk + LK_NRULES > BLK_BATCH)
		flush_blocks(db);
	for (r = 0; r < LK_NRULES; r++) {
		if (!keys[r])
			continue;
		if (db->nblk == db->cblk) {
			db->cblk = db->cblk ? db->cblk * 2 : 4096;
			if (db->cblk > BLK_BATCH)
				db->cblk = BLK_BATCH;
			db->blk = xreallocarray(db->blk, db->cblk,
			    sizeof *db->blk);
		}
		db->blk[db->nblk].key = (int64_t)keys[r];
		db->blk[db->nblk].wkey = (int64_t)(wk >> 1);
		db->blk[db->nblk].rid = rid;
		db->nblk++;
	}
	for (f = 0; f < LK_NFIELDS; f++) {
		char key[LK_PERSON_BUF + 4];
		uintptr_t *slot;

		v = lk_person_get(&p, (enum lk_field)f, &n);
		if (n == 0)
			continue;
		db->nonnull[f]++;
		key[0] = (char)('a' + f);
		memcpy(key + 1, v, n);
		slot = hmap_slot(db->freq, key, n + 1, 1, &created);
		if (created) {
			if (db->nfreq == db->cfreq) {
				db->cfreq = db->cfreq ? db->cfreq * 2 : 1024;
				db->freqn = xreallocarray(db->freqn, db->cfreq,
				    sizeof *db->freqn);
			}
			db->freqn[db->nfreq] = 0;
			*slot = db->nfreq++;
		}
		db->freqn[*slot]++;
	}
}

/* Writes what writer_init() .. write_record() gathered. */
static void
writer_finish(struct pdb *db)
{
	sqlite3_stmt *st;
	char key[64];
	const char *k;
	size_t it = 0, len;
	uintptr_t v;
	int f, tf[LK_NFIELDS];

	flush_blocks(db);
	merge_blocks(db);
	meta_set(db, "blocks", db->nblocks[0]);
	meta_set(db, "blocks_new", db->nblocks[1]);
	tf_fields(tf);
	st = prep(db, "INSERT INTO freq(field, value, n) VALUES(?1, ?2, ?3)"
	    " ON CONFLICT(field, value) DO UPDATE SET n = n + ?3");
	while (hmap_next(db->freq, &it, &k, &len, &v)) {
		f = k[0] - 'a';
		if (!tf[f])
			continue;
		sqlite3_bind_text(st, 1, lk_field_names[f], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, k + 1, (int)len - 1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (int64_t)db->freqn[v]);
		run(db, st);
	}
	sqlite3_finalize(st);
	for (f = 0; f < LK_NFIELDS; f++) {
		snprintf(key, sizeof key, "nonnull.%s", lk_field_names[f]);
		meta_set(db, key, (int64_t)db->nonnull[f]);
	}
	meta_set(db, "records", (int64_t)db->nrecords);
	meta_set(db, "next_id", db->next_id);
	if (!db->check_existing)
		exec(db, "CREATE INDEX IF NOT EXISTS records_person ON "
		    "records(person); CREATE INDEX IF NOT EXISTS records_vhash"
		    " ON records(vhash)");
	free_writer(db);
}

/* Assigning ids. */

#define TOUCH_CHUNK 1024	/* persons' last run set by one statement */

/* The persons the run saw, new or seen before: the run (its time and
   role), each person's last. */
static void
touch_persons(struct pdb *db, struct i64v *ids, const char *role)
{
	sqlite3_stmt *st;
	size_t i = 0, len, k, cap = TOUCH_CHUNK * 24 + 2;
	char *list;
	int64_t runid;

	if (ids->n == 0)
		return;
	st = prep(db, "INSERT INTO runs(at, role) VALUES(?1, ?2)");
	sqlite3_bind_text(st, 1, db->now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	run(db, st);
	sqlite3_finalize(st);
	runid = sqlite3_last_insert_rowid(db->db);
	st = prep(db, "INSERT OR REPLACE INTO seen(person, run) SELECT value,"
	    " ?1 FROM json_each(?2)");
	list = xmalloc(cap);
	/* In id order, each once: each page of the table written once;
	   one statement for each TOUCH_CHUNK ids (a JSON array), not one
	   for each id. */
	if (ids->n > 1)
		qsort(ids->v, ids->n, sizeof *ids->v, cmp_i64);
	while (i < ids->n) {
		len = 0;
		list[len++] = '[';
		for (k = 0; i < ids->n && k < TOUCH_CHUNK; i++) {
			if (i > 0 && ids->v[i] == ids->v[i - 1])
				continue;
			len += (size_t)snprintf(list + len, cap - len, "%s%lld",
			    k++ ? "," : "", (long long)ids->v[i]);
		}
		list[len++] = ']';
		sqlite3_bind_int64(st, 1, runid);
		sqlite3_bind_text(st, 2, list, (int)len, SQLITE_STATIC);
		run(db, st);
	}
	sqlite3_finalize(st);
	free(list);
	free(ids->v);
	ids->v = NULL;
	ids->n = ids->cap = 0;
}

/* Union-find over person ids (slots of an hmap). */
struct uf {
	struct hmap *map;
	int64_t *id;
	size_t *par;
	double *w;
	size_t n, cap;
};

static size_t
uf_slot(struct uf *u, int64_t id)
{
	int created;
	uintptr_t *s = hmap_slot(u->map, (const char *)&id, sizeof id, 1,
	    &created);

	if (created) {
		if (u->n == u->cap) {
			u->cap = u->cap ? u->cap * 2 : 256;
			u->id = xreallocarray(u->id, u->cap, sizeof *u->id);
			u->par = xreallocarray(u->par, u->cap, sizeof *u->par);
			u->w = xreallocarray(u->w, u->cap, sizeof *u->w);
		}
		u->id[u->n] = id;
		u->par[u->n] = u->n;
		u->w[u->n] = NAN;
		*s = u->n++;
	}
	return (size_t)*s;
}

static size_t
uf_find(struct uf *u, size_t x)
{
	while (u->par[x] != x) {
		u->par[x] = u->par[u->par[x]];
		x = u->par[x];
	}
	return x;
}

static void
uf_join(struct uf *u, size_t a, size_t b)
{
	a = uf_find(u, a);
	b = uf_find(u, b);
	if (a == b)
		return;
	/* The smaller (older) id is the root. */
	if (u->id[b] < u->id[a]) {
		size_t t = a;

		a = b;
		b = t;
	}
	u->par[b] = a;
}

/*
 * Joins the database's persons that fall in one group of cl (those of
 * its resolved records and of its run records held already; slot[c]: a
 * person of group c, SIZE_MAX when it has none), each join's evidence
 * the group's strongest link.
 */
static void
join_groups(struct pdb *db, size_t n, size_t nfixed, const uint32_t *cl,
    const double *best, struct uf *u, size_t *slot)
{
	double *wmax = xreallocarray(NULL, n ? n : 1, sizeof *wmax);
	size_t i;

	for (i = 0; i < n; i++) {
		slot[i] = SIZE_MAX;
		wmax[i] = NAN;
	}
	for (i = 0; i < n; i++) {
		uint32_t c = cl[i];

		if (c == UINT32_MAX || isnan(best[i]))
			continue;
		if (isnan(wmax[c]) || best[i] > wmax[c])
			wmax[c] = best[i];
	}
	for (i = 0; i < n; i++) {
		uint32_t c = cl[i];
		size_t x;

		if (c == UINT32_MAX)
			continue;
		if (i < nfixed)
			x = uf_slot(u, db->cand[i]);
		else if (pdb_held(db, i - nfixed))
			x = uf_slot(u, db->held[i - nfixed]);
		else
			continue;
		if (slot[c] == SIZE_MAX)
			slot[c] = x;
		else if (uf_find(u, slot[c]) != uf_find(u, x)) {
			uf_join(u, slot[c], x);
			/* Evidence: the group's strongest link. */
			if (!isnan(wmax[c])) {
				if (isnan(u->w[x]) || wmax[c] > u->w[x])
					u->w[x] = wmax[c];
				if (isnan(u->w[slot[c]]) ||
				    wmax[c] > u->w[slot[c]])
					u->w[slot[c]] = wmax[c];
			}
		}
	}
	free(wmax);
}

/* Records every id of u that is not its class's root as merged into
   the root; returns how many. */
static size_t
write_merges(struct pdb *db, struct uf *u, const char *role)
{
	sqlite3_stmt *ins_merge, *upd_p, *upd_r;
	size_t i, merges = 0;

	ins_merge = prep(db, "INSERT INTO merges(merged, into_id, at, weight, "
	    "role) VALUES(?1, ?2, ?3, ?4, ?5)");
	upd_p = prep(db, "UPDATE persons SET merged_into = ?1 WHERE id = ?2 "
	    "OR merged_into = ?2");
	upd_r = prep(db, "UPDATE records SET person = ?1 WHERE person = ?2");
	for (i = 0; i < u->n; i++) {
		size_t root = uf_find(u, i);

		if (root == i)
			continue;
		sqlite3_bind_int64(ins_merge, 1, u->id[i]);
		sqlite3_bind_int64(ins_merge, 2, u->id[root]);
		sqlite3_bind_text(ins_merge, 3, db->now, -1, SQLITE_STATIC);
		if (isnan(u->w[i]))
			sqlite3_bind_null(ins_merge, 4);
		else
			sqlite3_bind_double(ins_merge, 4,
			    round(u->w[i] * 100) / 100);
		sqlite3_bind_text(ins_merge, 5, role, -1, SQLITE_STATIC);
		run(db, ins_merge);
		sqlite3_bind_int64(upd_p, 1, u->id[root]);
		sqlite3_bind_int64(upd_p, 2, u->id[i]);
		run(db, upd_p);
		sqlite3_bind_int64(upd_r, 1, u->id[root]);
		sqlite3_bind_int64(upd_r, 2, u->id[i]);
		run(db, upd_r);
		merges++;
	}
	sqlite3_finalize(ins_merge);
	sqlite3_finalize(upd_p);
	sqlite3_finalize(upd_r);
	return merges;
}

/*
 * Each group's id (final[c] for the group's first record c, its text in
 * db->idtext): the surviving id of its database persons, else a new one
 * from the counter, written as a new person.
 */
static void
group_ids(struct pdb *db, size_t n, const uint32_t *cl, struct uf *u,
    const size_t *slot, int64_t *final)
{
	sqlite3_stmt *ins_p = prep(db, "INSERT INTO persons(id, pid, created) "
	    "VALUES(?1, ?2, ?3)");
	char pid[ID_SZ];
	size_t i;

	free(db->idtext);
	db->idtext = xcalloc(n ? n : 1, ID_SZ);
	for (i = 0; i < n; i++) {
		uint32_t c = cl[i];

		final[i] = 0;
		if (c != i || c == UINT32_MAX)
			continue;
		if (slot[c] != SIZE_MAX) {
			final[i] = u->id[uf_find(u, slot[c])];
		} else {
			final[i] = db->next_id++;
			format_id(pid, final[i]);
			sqlite3_bind_int64(ins_p, 1, final[i]);
			sqlite3_bind_text(ins_p, 2, pid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins_p, 3, db->now, -1,
			    SQLITE_STATIC);
			run(db, ins_p);
		}
		format_id(db->idtext + i * ID_SZ, final[i]);
	}
	sqlite3_finalize(ins_p);
}

/* bulk_existing()'s search: the records to write, in hash order. */
struct dupq {
	const struct vq *q;
	const uint32_t *cl;	/* the group of each record ... */
	const int64_t *final;	/* ... and the person it is written under */
	struct i64v pair;	/* (rid, q) of each record of a variant */
	unsigned char *dup;
};

static void
same_variant(size_t x, int64_t rid, void *ctx)
{
	struct dupq *d = ctx;

	push(&d->pair, rid);
	push(&d->pair, (int64_t)x);
}

static int
cmp_pair_rid(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

static void
same_person(struct pdb *db, sqlite3_stmt *st, size_t x, void *ctx)
{
	struct dupq *d = ctx;
	size_t r = d->q[d->pair.v[2 * x + 1]].i;

	(void)db;
	if (sqlite3_column_int64(st, 1) == d->final[d->cl[r]])
		d->dup[r] = 1;
}

/*
 * Before a run writes many records (a quarter of the database's or
 * more: the second role of a first full run), which of them the database
 * holds already under the same person, into db->dup, found through
 * variant_rows() and read in record order, not sought one by one; the
 * records' indexes are then made again at the end, as into an empty
 * database.  Returns 1 when so, else 0 (each is looked up as written).
 */
static int
bulk_existing(struct pdb *db, const struct lk_set *s, size_t nfixed,
    const uint32_t *cl, const int64_t *final)
{
	size_t n = lk_set_count(s), i, k = 0;
	struct dupq d = { NULL, cl, final, { NULL, 0, 0 }, NULL };
	struct vq *q;
	sqlite3_stmt *st;

	for (i = nfixed; i < n; i++)
		k += cl[i] != UINT32_MAX && !pdb_held(db, i - nfixed);
	if (db->nrecords == 0 || (uint64_t)k * 4 < db->nrecords)
		return 0;
	q = xreallocarray(NULL, k ? k : 1, sizeof *q);
	for (i = nfixed, k = 0; i < n; i++) {
		struct lk_person p;

		if (cl[i] == UINT32_MAX || pdb_held(db, i - nfixed))
			continue;
		lk_set_get(s, i, &p);
		q[k].vh = (int64_t)variant_hash(&p);
		q[k++].i = i;
	}
	if (k > 1)
		qsort(q, k, sizeof *q, cmp_vq);
	d.q = q;
	d.dup = xcalloc(n ? n : 1, 1);
	variant_rows(db, q, k, same_variant, &d);
	if (d.pair.n > 2)
		qsort(d.pair.v, d.pair.n / 2, 2 * sizeof *d.pair.v,
		    cmp_pair_rid);
	st = prep(db, "SELECT rid, person FROM records WHERE rid >= ?1"
	    " ORDER BY rid");
	walk_rids(db, st, d.pair.v, 2 * sizeof *d.pair.v, d.pair.n / 2,
	    same_person, &d);
	sqlite3_finalize(st);
	free(q);
	free(d.pair.v);
	db->dup = d.dup;
	return 1;
}

int
pdb_assign(struct pdb *db, const struct lk_set *s, size_t nfixed,
    const uint32_t *cl, const double *best, const char *role,
    const char **ids, size_t *nmerges, struct vawg_err *e)
{
	size_t n = lk_set_count(s), i, merges;
	size_t *slot = xreallocarray(NULL, n ? n : 1, sizeof *slot);
	int64_t *final = xreallocarray(NULL, n ? n : 1, sizeof *final);
	struct uf u = { hmap_new(), NULL, NULL, NULL, 0, 0 };
	struct i64v touched = { NULL, 0, 0 };
	int bulk;

	/* The database's persons in each group, joined; the merges. */
	join_groups(db, n, nfixed, cl, best, &u, slot);
	merges = write_merges(db, &u, role);
	/* Ids: the surviving id of the group, else a new one. */
	group_ids(db, n, cl, &u, slot, final);
	bulk = bulk_existing(db, s, nfixed, cl, final);
	writer_init(db, db->nrecords > 0 && !bulk);
	for (i = 0; i < n; i++) {
		uint32_t c = cl[i];

		if (c == UINT32_MAX) {
			ids[i] = NULL;
			continue;
		}
		ids[i] = db->idtext + (size_t)c * ID_SZ;
		if (i < nfixed)
			continue;
		push(&touched, final[c]);
		if (!pdb_held(db, i - nfixed))
			write_record(db, s, i, final[c], role);
	}
	touch_persons(db, &touched, role);
	write_source_rows(db, nfixed, cl, final);
	free_rows(db);
	writer_finish(db);
	hmap_free(u.map);
	free(u.id);
	free(u.par);
	free(u.w);
	free(slot);
	free(final);
	*nmerges = merges;
	return status(db, e);
}

int
pdb_save_model(struct pdb *db, const struct lk_model *mo, const int *used,
    struct vawg_err *e)
{
	sqlite3_stmt *st = prep(db, "INSERT OR REPLACE INTO model(field, "
	    "level, m, u, weight, updated) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
	int f, l;

	exec(db, "DELETE FROM model");
	for (f = 0; f < LK_NFIELDS; f++) {
		if (!used[f])
			continue;
		for (l = 0; l < lk_nlevels((enum lk_field)f); l++) {
			sqlite3_bind_text(st, 1, lk_field_names[f], -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(st, 2, lk_level_name((enum lk_field)f,
			    l), -1, SQLITE_STATIC);
			sqlite3_bind_double(st, 3, mo->m[f][l]);
			sqlite3_bind_double(st, 4, mo->u[f][l]);
			sqlite3_bind_double(st, 5, mo->w[f][l]);
			sqlite3_bind_text(st, 6, db->now, -1, SQLITE_STATIC);
			run(db, st);
		}
	}
	sqlite3_bind_text(st, 1, "prior", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "", -1, SQLITE_STATIC);
	sqlite3_bind_null(st, 3);
	sqlite3_bind_null(st, 4);
	sqlite3_bind_double(st, 5, mo->prior);
	sqlite3_bind_text(st, 6, db->now, -1, SQLITE_STATIC);
	run(db, st);
	sqlite3_finalize(st);
	return status(db, e);
}

/* The earlier CSV form. */

static int
parse_id(const char *s, size_t n, int64_t *id)
{
	int64_t v = 0;
	size_t i;

	if (n < 2 || n > 13 || s[0] != 'P')
		return -1;
	for (i = 1; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v == 0)
		return -1;
	*id = v;
	return 0;
}

/*
 * The imported merges (mfrom.v[i] into mto.v[i]; to: id -> i + 1), each
 * resolved to its surviving id.
 */
static void
import_merges(struct pdb *db, const struct i64v *mfrom,
    const struct i64v *mto, struct hmap *to)
{
	sqlite3_stmt *ins_m, *upd;
	size_t i;

	ins_m = prep(db, "INSERT INTO merges(merged, into_id, at, role) "
	    "VALUES(?1, ?2, ?3, 'import')");
	upd = prep(db, "UPDATE persons SET merged_into = ?1 WHERE id = ?2");
	for (i = 0; i < mfrom->n; i++) {
		int64_t cur = mto->v[i];
		int hops = 0;
		uintptr_t *sl;

		while ((sl = hmap_slot(to, (const char *)&cur, sizeof cur, 0,
		    NULL)) && hops++ < 64 && mto->v[*sl - 1] != cur)
			cur = mto->v[*sl - 1];
		sqlite3_bind_int64(ins_m, 1, mfrom->v[i]);
		sqlite3_bind_int64(ins_m, 2, mto->v[i]);
		sqlite3_bind_text(ins_m, 3, db->now, -1, SQLITE_STATIC);
		run(db, ins_m);
		if (cur != mfrom->v[i]) {
			sqlite3_bind_int64(upd, 1, cur);
			sqlite3_bind_int64(upd, 2, mfrom->v[i]);
			run(db, upd);
		}
	}
	sqlite3_finalize(ins_m);
	sqlite3_finalize(upd);
}

/* What an index of the earlier CSV form holds. */
struct import {
	struct lk_set *s;		/* the persons' records */
	struct i64v recid;		/* each record's person */
	struct i64v mfrom, mto;		/* merges */
	struct i64v all;		/* every id named */
	struct hmap *to;		/* merged id -> its index in mto + 1 */
	int64_t maxid;
};

/* One row of the index: a merge or a person's record. */
static int
import_row(struct import *im, struct csvr *r, const char *path, int cid,
    int cmerge, const int *fc, struct vawg_err *e)
{
	struct lk_person p;
	int64_t id, into;
	int f;

	if (csvr_recerr(r) != CSVR_OK || parse_id(csvr_field(r, (size_t)cid),
	    csvr_fieldlen(r, (size_t)cid), &id) < 0)
		return err_at(e, EX_DATAERR, path, csvr_line(r),
		    "bad person_id");
	if (id > im->maxid)
		im->maxid = id;
	push(&im->all, id);
	if (csvr_fieldlen(r, (size_t)cmerge)) {
		if (parse_id(csvr_field(r, (size_t)cmerge),
		    csvr_fieldlen(r, (size_t)cmerge), &into) < 0)
			return err_at(e, EX_DATAERR, path, csvr_line(r),
			    "bad merged_into");
		if (into > im->maxid)
			im->maxid = into;
		push(&im->all, into);
		push(&im->mfrom, id);
		push(&im->mto, into);
		*hmap_slot(im->to, (const char *)&id, sizeof id, 1, NULL) =
		    im->mto.n;
		return 0;
	}
	lk_person_clear(&p);
	for (f = 0; f < LK_NFIELDS; f++)
		if (fc[f] >= 0)
			lk_person_set(&p, (enum lk_field)f,
			    csvr_field(r, (size_t)fc[f]),
			    csvr_fieldlen(r, (size_t)fc[f]));
	if (lk_person_ok(&p)) {
		lk_set_add(im->s, &p);
		push(&im->recid, id);
	}
	return 0;
}

/* Reads the index of the earlier CSV form at path into im. */
static int
import_read(struct import *im, const char *path, struct vawg_err *e)
{
	struct csvr *r = csvr_open(path, NULL);
	int cid, cmerge, fc[LK_NFIELDS], f, st;

	if (!r)
		return err_sys(e, EX_NOINPUT, "%s", path);
	st = csvr_header(r);
	cid = st == CSVR_RECORD ? csvr_col(r, "person_id") : -1;
	cmerge = st == CSVR_RECORD ? csvr_col(r, "merged_into") : -1;
	if (cid < 0 || cmerge < 0) {
		csvr_close(r);
		return err_at(e, EX_DATAERR, path, 1, "not a persons index "
		    "(person_id, merged_into columns)");
	}
	for (f = 0; f < LK_NFIELDS; f++)
		fc[f] = csvr_col(r, lk_field_names[f]);
	while ((st = csvr_next(r)) == CSVR_RECORD)
		if (import_row(im, r, path, cid, cmerge, fc, e)) {
			csvr_close(r);
			return e->code;
		}
	if (st == CSVR_ERROR)
		err_at(e, EX_DATAERR, path, csvr_error_line(r), "%s",
		    csvr_error(r));
	csvr_close(r);
	return e->code;
}

/* Writes im into db, in the transaction taken. */
static size_t
import_write(struct pdb *db, struct import *im)
{
	sqlite3_stmt *ins_p;
	char pid[ID_SZ];
	size_t i, k, persons = 0;

	if (im->all.n > 1)
		qsort(im->all.v, im->all.n, sizeof *im->all.v, cmp_i64);
	ins_p = prep(db, "INSERT INTO persons(id, pid, created) "
	    "VALUES(?1, ?2, ?3)");
	for (i = 0; i < im->all.n && !db->err.code; i++) {
		if (i && im->all.v[i] == im->all.v[i - 1])
			continue;
		format_id(pid, im->all.v[i]);
		sqlite3_bind_int64(ins_p, 1, im->all.v[i]);
		sqlite3_bind_text(ins_p, 2, pid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins_p, 3, db->now, -1, SQLITE_STATIC);
		run(db, ins_p);
		persons++;
	}
	sqlite3_finalize(ins_p);
	import_merges(db, &im->mfrom, &im->mto, im->to);
	writer_init(db, 0);
	for (k = 0; k < im->recid.n && !db->err.code; k++)
		write_record(db, im->s, k, im->recid.v[k], NULL);
	if (im->maxid >= db->next_id)
		db->next_id = im->maxid + 1;
	writer_finish(db);
	return persons;
}

int
pdb_import_csv(struct pdb *db, const char *path, size_t *npersons,
    struct vawg_err *e)
{
	struct import im;

	*npersons = 0;
	if (status(db, e))
		return db->err.code;
	memset(&im, 0, sizeof im);
	im.s = lk_set_new();
	im.to = hmap_new();
	if (import_read(&im, path, &db->err) == 0 &&
	    pdb_begin(db, NULL) == 0) {
		if (query_int(db, "SELECT count(*) FROM persons", 0) != 0)
			err_set(&db->err, EX_DATAERR, "%s: already holds "
			    "persons: an index is imported into a new database "
			    "only", db->path);
		else
			*npersons = import_write(db, &im);
		pdb_commit(db, NULL);
	}
	free(im.recid.v);
	free(im.mfrom.v);
	free(im.mto.v);
	free(im.all.v);
	hmap_free(im.to);
	lk_set_free(im.s);
	return status(db, e);
}

/* Rows of st, every column as text, to w. */
static void
write_rows(struct pdb *db, sqlite3_stmt *st, struct csvw *w)
{
	int i, nc = sqlite3_column_count(st);

	while (step(db, st)) {
		for (i = 0; i < nc; i++) {
			const unsigned char *v = sqlite3_column_text(st, i);

			csvw_field(w, v ? (const char *)v : "", v ? (size_t)
			    sqlite3_column_bytes(st, i) : 0);
		}
		csvw_end(w);
	}
}

int
pdb_export_csv(struct pdb *db, FILE *fp, const char *name,
    struct vawg_err *e)
{
	struct csvw *w = csvw_new(fp, ',');
	sqlite3_stmt *st;
	char sql[512];
	int f;

	csvw_str(w, "person_id");
	csvw_str(w, "merged_into");
	for (f = 0; f < LK_NFIELDS; f++)
		csvw_str(w, lk_field_names[f]);
	csvw_end(w);
	/* One read transaction: the records and the merges of one state
	   of the index, whatever another run commits meanwhile. */
	exec(db, "BEGIN");
	if (query_int(db, "PRAGMA user_version", 0) == 0)
		goto done;
	snprintf(sql, sizeof sql, "SELECT p.pid, '', %s FROM records r JOIN "
	    "persons p ON p.id = r.person ORDER BY r.person, r.rid", rec_cols);
	st = prep(db, sql);
	write_rows(db, st, w);
	sqlite3_finalize(st);
	st = prep(db, "SELECT merged_id, into_id, '', '', '', '', '', '', '', "
	    "'', '', '', '', '', '' FROM merge_log");
	write_rows(db, st, w);
	sqlite3_finalize(st);
done:
	if (!sqlite3_get_autocommit(db->db))
		sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL);
	if (csvw_free(w) < 0 && !db->err.code)
		err_set(&db->err, EX_IOERR, "%s: write error", name);
	return status(db, e);
}

int
pdb_write_log(struct pdb *db, FILE *fp, const char *name,
    struct vawg_err *e)
{
	struct csvw *w = csvw_new(fp, ',');
	sqlite3_stmt *st;
	static const char *const h[] = { "merged_id", "into_id", "current_id",
		"at", "weight", "role" };
	size_t i;

	for (i = 0; i < sizeof h / sizeof *h; i++)
		csvw_str(w, h[i]);
	csvw_end(w);
	if (query_int(db, "PRAGMA user_version", 0) == 0)
		goto done;
	st = prep(db, "SELECT merged_id, into_id, current_id, at, "
	    "CASE WHEN weight IS NULL THEN '' ELSE printf('%.2f', weight) END,"
	    " role FROM merge_log");
	write_rows(db, st, w);
	sqlite3_finalize(st);
done:
	if (csvw_free(w) < 0 && !db->err.code)
		err_set(&db->err, EX_IOERR, "%s: write error", name);
	return status(db, e);
}
