/*
 * The persons database: person ids kept from run to run of vawg-dedupe,
 * in an SQLite file (WAL mode).
 *
 * Errors: each function that can fail takes a struct vawg_err, fills
 * it and returns its code (a sysexits value; 0 when all went well); the
 * caller prints it.  After an error the database does nothing more but
 * close (rolling back the run's transaction).  Only running out of
 * memory exits.
 *
 * Use, per run:
 *   1. pdb_open() checks the file before anything else: a file that is
 *      not ours, or is damaged, or is a persons index of the earlier CSV
 *      form, is 65 and is left as it was.
 *   2. Read the run's whole input into a set and estimate its model;
 *      then pdb_begin() takes the write lock (BEGIN IMMEDIATE; another
 *      run holding it is waited for), pdb_link_set() gives the set to
 *      link: the database's records that share blocking keys with the
 *      run's records, resolved, followed by the run's records; and
 *      pdb_scale_prior() sets the prior for the whole population.
 *   3. Link (lk_pairs(), lk_cluster()); pdb_assign() gives every group
 *      its id and writes what changed: new persons, new records, merges;
 *      pdb_commit().  Nothing is written until pdb_commit(): a run that
 *      dies leaves the database as it was.
 *
 * Schema (version 5; PRAGMA application_id 0x56415747, "VAWG"):
 *   persons(id, pid, created, merged_into)
 *   runs(run, at, role)         each role's link: its time
 *   seen(person, run)           each person's last run
 *   records(rid, person, vhash, role, seen, forename ... sex, cro,
 *           nino, other_id)
 *   blocks(key, wkey, rid)      blocking keys, indexed
 *   blocks_new(key, wkey, rid)  the keys of recent runs of few records,
 *                               merged into blocks at an eighth of it
 *   freq(field, value, n)       value counts for the term frequencies
 *   merges(merged, into_id, at, weight, role)
 *   model(field, level, m, u, weight, updated)
 *   meta(key, value)            next_id, records, nonnull.FIELD
 *   sources(source, key_column, role)   the rows named by a key column:
 *   source_rows(source, key, vhash, person)   each with its person
 * and the views person_ids (every id given, with its surviving id),
 * person_seen (when and in what role each was last seen), person_records,
 * person_rows (the rows of each person) and merge_log.  man/vawg-dedupe.1 documents them.
 */
#ifndef VAWG_PERSONDB_H
#define VAWG_PERSONDB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "persons/linkage.h"

#define PDB_APPLICATION_ID 0x56415747
#define PDB_VERSION 6

struct pdb;

/*
 * Opens the database at path, creating an empty file (mode 0600, or the
 * one set with out_setmode()) when there is none.  Returns NULL and
 * sets e: 65 when the file is not a persons database, is damaged or is
 * an index of the earlier CSV form; 66 or 73 when it cannot be opened or
 * created.
 */
struct pdb *pdb_open(const char *path, struct vawg_err *e);

/* Closes db (rolling back a transaction not committed). */
void pdb_close(struct pdb *db);

/*
 * Starts the run's one write transaction, waiting for another run that
 * holds it (up to an hour), and creates the schema in a new database.
 */
int pdb_begin(struct pdb *db, struct vawg_err *e);

/* Commits the transaction (74 when it cannot). */
int pdb_commit(struct pdb *db, struct vawg_err *e);

/* Person records in the database (before this run's). */
uint64_t pdb_nrecords(struct pdb *db);

/*
 * The set to link: the database's records that share two blocking keys
 * with a record of own (finished), or one strong key (PNC ID, phone,
 * email), looking in a large block at its neighbours only, marked
 * resolved with lk_set_fix(), then own's records in order (own's record
 * i is the set's record *nfixed + i), with the value frequencies of the
 * whole database.  Each record of own is given its own candidates
 * (lk_set_cand()), so that lk_pairs() compares it with those only, not
 * with the candidates of the run's other records.  A record of own held
 * by its row (pdb_row_keys()), or that ident marks as identifying (two
 * copies of it would be linked; ident may be NULL: none) and that the
 * database holds as it is, in one record, is held: it is given no
 * candidates and marked known
 * (lk_set_known()), and pdb_assign() gives it that record's person (see
 * pdb_held()): a record read again is not linked again.  Returns own
 * itself (*nfixed 0) when the database holds no records, NULL (e set) on
 * an error.  Call after pdb_begin().
 */
struct lk_set *pdb_link_set(struct pdb *db, const struct lk_set *own,
    const unsigned char *ident, size_t *nfixed, struct vawg_err *e);

/*
 * The first part of pdb_link_set(), which needs no model: the records of
 * own that the database holds as they are, in one record (pdb_held()
 * and pdb_by_variant() say so, until pdb_link_set() keeps those that
 * ident marks).  Optional: a caller may estimate its model meanwhile
 * (and weigh only those records), then call pdb_link_set() with the
 * same own.
 */
void pdb_link_find(struct pdb *db, const struct lk_set *own);
int pdb_by_variant(const struct pdb *db, size_t i);

/*
 * The row key of each record of own (keys[i], or NULL or "" for none;
 * kept, not copied, until pdb_assign()), of the column key_column, for
 * role: call after pdb_begin(), before pdb_link_set().  A record of own
 * whose row (the same key, for the same role, under the same column) the
 * database knows with the same variant (every field the same after
 * normalising) is held under that row's person (the one it was merged
 * into, if so), however little it says: the same row of the same person
 * data read again (pdb_held() says so from now on).  The run's rows are
 * looked up in key order, the source's rows read beside them.
 * pdb_assign() records the row of each record not held under its
 * person (in the first run of the key column and role: of every
 * record).  Two records of one key and variant in a run are neither held
 * nor recorded so.
 */
void pdb_row_keys(struct pdb *db, const struct lk_set *own,
    const char *key_column, const char *role, const char *const *keys);

/*
 * 1 when record i of own (pdb_link_set()) is held already, else 0.
 * pdb_unhold(): it is not, after all (the weight of its copy held falls
 * short of the threshold): a person of its own, unless linked.  A record
 * held through its row (pdb_row_keys()) stays held.
 */
int pdb_held(const struct pdb *db, size_t i);
void pdb_unhold(struct pdb *db, size_t i);

/*
 * Scales the prior of mo, estimated on n_own records, to linking them
 * against n_total records: the expected matches grow with the records,
 * the pairs with their square.  More records never make the prior
 * higher (a prior held down to the built-in one stays there).
 */
void pdb_scale_prior(struct lk_model *mo, size_t n_own, uint64_t n_total);

/*
 * Gives every group of s (cl from lk_cluster(); s and nfixed from
 * pdb_link_set()) its id: the surviving id of the database's persons in
 * it (those of its resolved records and of its run records held
 * already; the oldest; the others are recorded as merged into it, with the
 * group's strongest link weight from best[]), else a new id from the
 * database's counter.  Writes the new persons and records and the
 * merges.  ids[i] gets record i's id text (owned by db), or NULL when
 * cl[i] is UINT32_MAX.  role is recorded with the records.  Sets
 * *nmerges to the number of merges.
 */
int pdb_assign(struct pdb *db, const struct lk_set *s, size_t nfixed,
    const uint32_t *cl, const double *best, const char *role,
    const char **ids, size_t *nmerges, struct vawg_err *e);

/* Records the run's model (m, u and weights) in the model table. */
int pdb_save_model(struct pdb *db, const struct lk_model *mo,
    const int *used, struct vawg_err *e);

/*
 * Imports a persons index of the earlier CSV form (person_id,
 * merged_into, forename ... sex) into db, which must hold no persons:
 * ids and merges kept.  In its own transaction.  65 on a bad file, 66
 * when it cannot be read.  Sets *npersons to the persons imported.
 */
int pdb_import_csv(struct pdb *db, const char *path, size_t *npersons,
    struct vawg_err *e);

/*
 * Writes the earlier CSV form of the index to fp (name: its name in
 * messages), in one read transaction: one state of the index.
 */
int pdb_export_csv(struct pdb *db, FILE *fp, const char *name,
    struct vawg_err *e);

/*
 * Writes the merge log as CSV to fp: merged_id, into_id, current_id,
 * at, weight, role.
 */
int pdb_write_log(struct pdb *db, FILE *fp, const char *name,
    struct vawg_err *e);

#endif
