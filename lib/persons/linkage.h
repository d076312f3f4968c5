/*
 * Probabilistic record linkage of persons (Fellegi-Sunter).
 *
 * Use:
 *   1. Build person records: lk_cols_find() once per input header, then
 *      lk_person_from_csvr() per row (or lk_person_set() field by field).
 *      Values are normalised as they are set.
 *   2. Add them to a set (lk_set_add() returns each one's index), then
 *      lk_set_finish(): value frequencies and blocking keys.  No record
 *      may be added after that.
 *   3. A model: lk_model_default() gives sound m and u probabilities;
 *      lk_model_estimate() estimates u from random pairs of the set, m by
 *      expectation-maximisation on the blocked candidate pairs (falling
 *      back smoothly on the defaults when the data are few) and the prior
 *      odds that two records are the same person.
 *   4. lk_score() scores any two records: a total match weight and every
 *      field's contribution and comparison level.  lk_find() gives every
 *      record that matches one record (a MARAC victim against all
 *      crimes); lk_pairs() every candidate pair of the set above a bound;
 *      lk_cluster() groups records into persons.
 *
 * Match weights are in bits (log2 of a likelihood ratio).  A pair's
 * total is the prior weight plus the sum of its fields' weights, so a
 * total of 0 means even odds of being the same person, +10 about 1000 to
 * 1, -10 about 1 to 1000.  A missing value (on either side) weighs 0.
 *
 * Memory: a set holds about 64 bytes per record plus each distinct value
 * once; blocking keys are built and freed per call.  A set is read-only
 * after lk_set_finish(), so scoring may run in several threads.
 */
#ifndef VAWG_LINKAGE_H
#define VAWG_LINKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/csvio.h"

/* The fields compared, each from column ROLE_<name>. */
enum lk_field {
	LK_FORENAME,
	LK_SURNAME,
	LK_DOB,
	LK_PNC,
	LK_POSTCODE,
	LK_ADDRESS,
	LK_TOWN,
	LK_PHONE,
	LK_EMAIL,
	LK_SEX,
	LK_CRO,			/* CRO number */
	LK_NINO,		/* National Insurance number */
	LK_OTHER_ID,		/* any other person number (passport,
				   driving licence, a local system's id):
				   ROLE_other_id or --identifier COL */
	LK_NFIELDS
};

/* "forename", "surname", ..., "other_id" (the column suffixes). */
extern const char *const lk_field_names[LK_NFIELDS];

/*
 * Comparison levels of each field: 0 is "disagree", higher is closer,
 * the highest is exact agreement.  LK_NULL: a value is missing.
 */
#define LK_NLEVELS 7
#define LK_NULL (-1)

enum { LK_FN_ELSE, LK_FN_INITIAL, LK_FN_JW80, LK_FN_JW92, LK_FN_NICK,
	LK_FN_SWAP, LK_FN_EXACT };
				/* forename: first names; an initial agrees
				   with a name it begins; JW = Jaro-Winkler;
				   SWAP: forename and surname exchanged
				   (each equal to the other's other name) */
enum { LK_SN_ELSE, LK_SN_JW80, LK_SN_PART, LK_SN_JW92, LK_SN_PHON,
	LK_SN_SWAP, LK_SN_EXACT };
				/* surname: PART = one part of a double-
				   barrelled name; PHON = same NYSIIS code;
				   SWAP as for the forename */
enum { LK_DOB_ELSE, LK_DOB_VAGUE, LK_DOB_NEAR, LK_DOB_ONE, LK_DOB_TYPO,
	LK_DOB_SWAP, LK_DOB_EXACT };
				/* VAGUE: the same year where one date is
				   a placeholder (1 January, or 1 July, 15
				   June: the dates put for an unknown day);
				   NEAR: within 31 days; ONE: two of year,
				   month, day equal; TYPO: of those, one
				   digit wrong or the year one off (day
				   and month equal); SWAP: day and month
				   transposed.  Two equal placeholders are
				   VAGUE, not EXACT */
enum { LK_PNC_ELSE, LK_PNC_EXACT };	/* ELSE: two different PNC IDs */
enum { LK_PC_ELSE, LK_PC_DISTRICT, LK_PC_EDIT, LK_PC_EXACT };
				/* DISTRICT: same outward code ("SW1A");
				   EDIT: one or two characters edited */
enum { LK_AD_ELSE, LK_AD_FUZZY, LK_AD_EXACT };
				/* address, town: FUZZY = Jaro-Winkler
				   similarity of at least 0.9 */
enum { LK_PH_ELSE, LK_PH_ONE, LK_PH_EXACT };
				/* phone: ONE = one digit wrong or two
				   neighbours swapped */
enum { LK_EM_ELSE, LK_EM_EDIT, LK_EM_EXACT };
				/* email: EDIT = one or two characters
				   edited */
enum { LK_ID_ELSE, LK_ID_ONE, LK_ID_EXACT };
				/* cro, nino, other_id: ONE = one
				   character edited or two neighbours
				   swapped */
enum { LK_EQ_ELSE, LK_EQ_EXACT };	/* sex */

/* Number of levels of a field, and a level's name ("exact", "swap"). */
int lk_nlevels(enum lk_field f);
const char *lk_level_name(enum lk_field f, int level);

/*
 * A person as compared: each field normalised (names as strsim_norm(),
 * first forename only kept separately, DOB as YYYY-MM-DD, PNC ID as
 * YYYY/NNNNNNNL, postcode "AA9A 9AA", phone digits only, email lower
 * case, sex M or F).  A plain value: copy it by assignment.
 */
#define LK_PERSON_BUF 1024
struct lk_person {
	uint16_t off[LK_NFIELDS];
	uint16_t len[LK_NFIELDS];
	uint16_t used;
	char buf[LK_PERSON_BUF];
};

/* Empties p. */
void lk_person_clear(struct lk_person *p);

/*
 * Sets field f of p from raw text (n bytes), normalising it.  A value
 * that cannot be read (a DOB that is not a date, a PNC ID of the wrong
 * shape) is kept as missing.  Returns 0, or -1 when it was missing or
 * unreadable.
 */
int lk_person_set(struct lk_person *p, enum lk_field f, const char *s,
    size_t n);

/* Normalised value of field f ("" when missing); *len its length. */
const char *lk_person_get(const struct lk_person *p, enum lk_field f,
    size_t *len);

/*
 * 1 when p holds any person data at all (any field): such a record is a
 * person and gets an id, a singleton of its own when nothing links it.
 * A record with no person data (the role unknown) is not one.
 */
int lk_person_ok(const struct lk_person *p);

/* Columns of one role in a header. */
struct lk_cols {
	int col[LK_NFIELDS];	/* ROLE_forename ... or -1 */
	int name;		/* ROLE_name (full name) or -1 */
};

/*
 * Finds the ROLE_* columns of role in r's header.  Returns how many were
 * found (0: the role is not in this file).
 */
int lk_cols_find(struct lk_cols *c, const struct csvr *r, const char *role);

/*
 * Finds a person's columns written without a role (forename or "First
 * Name", surname, dob or "date_of_birth", town or "City" ...: the
 * spellings of kind_person_field()), the first of each field.  Returns
 * how many were found: 0 when none is a name, a date of birth, an
 * identifier, a phone or an email (a crime's postcode is no person's).
 */
int lk_cols_find_plain(struct lk_cols *c, const struct csvr *r);

/*
 * Builds p from the current record of r.  A surname holding "SMITH, J"
 * with no forename, or a ROLE_name column, is split into forename and
 * surname.
 */
void lk_person_from_csvr(struct lk_person *p, const struct lk_cols *c,
    const struct csvr *r);

/* A set of person records. */
struct lk_set;

struct lk_set *lk_set_new(void);
void lk_set_free(struct lk_set *s);

/* Adds a copy of p; returns its index (0, 1, ...).  Exits 71 on ENOMEM. */
size_t lk_set_add(struct lk_set *s, const struct lk_person *p);

/* Adds copies of every record of t, in order: as lk_set_add() of each
   would, at the cost of t's distinct values, not of its records. */
void lk_set_append(struct lk_set *s, const struct lk_set *t);

/* Number of records. */
size_t lk_set_count(const struct lk_set *s);

/* The normalised record i, as a person. */
void lk_set_get(const struct lk_set *s, size_t i, struct lk_person *p);

/*
 * The weight of an exact agreement on a value of a term-frequency field
 * (forename, surname, postcode, town) is the model's, for a set of few
 * records with the field, becoming the value's term frequency's as they
 * grow: n records with the field weigh as the model's own (200 by
 * default; 0: the term frequency alone, however few the records).  Call
 * before lk_set_finish().
 */
void lk_set_tf_records(struct lk_set *s, double n);

/* Freezes the set: value frequencies, blocking keys.  Call once. */
void lk_set_finish(struct lk_set *s);

/*
 * Marks every record added so far as already resolved (the persons of an
 * index, whose identities are known): lk_pairs() then compares only pairs
 * with at least one later record, so that linking a month's records
 * against a large index costs what the new records touch, not a whole
 * relinking of the index.  Measured on the synthetic data set, linking
 * every kind through one index: pairwise F1 across kinds 0.991 against
 * 0.992 when the index is relinked, at half the time on a large index.
 * Call before lk_set_finish().
 */
void lk_set_fix(struct lk_set *s);

/*
 * Gives the pairs of a resolved record and a later one worth comparing
 * (a persons index's candidates of each new record, found through the
 * same blocking rules in the index): once any is given, lk_pairs()
 * compares the later records with each other through the blocking
 * rules and with the resolved ones through these pairs only, so that it
 * costs what the new records touch.  fixed is below the lk_set_fix()
 * mark, rec at or above it.  Call before lk_pairs().
 */
void lk_set_cand(struct lk_set *s, uint32_t fixed, uint32_t rec);

/*
 * Marks record rec (added after lk_set_fix()) as known already (a
 * record the persons index holds as it is): lk_pairs() then compares it
 * through its lk_set_cand() pairs only, not with the other later
 * records.  Call before lk_pairs().
 */
void lk_set_known(struct lk_set *s, uint32_t rec);

/*
 * Share of the set's records holding value v (normalised) in field f,
 * from 0 to 1: what the term-frequency adjustment uses.
 */
double lk_set_tf(const struct lk_set *s, enum lk_field f, const char *v,
    size_t n);

/* The model: m and u per field and level, and the prior. */
enum lk_source { LK_SRC_DEFAULT, LK_SRC_DATA };
struct lk_model {
	double m[LK_NFIELDS][LK_NLEVELS];  /* P(level | same person) */
	double u[LK_NFIELDS][LK_NLEVELS];  /* P(level | different) */
	enum lk_source m_src[LK_NFIELDS], u_src[LK_NFIELDS];
	double m_pairs[LK_NFIELDS];	/* expected matching pairs behind m */
	int tf[LK_NFIELDS];		/* term-frequency adjust the exact
					   level (forename, surname,
					   postcode, town by default) */
	double tf_min;			/* smallest frequency used (1e-5) */
	double prior;			/* log2 odds that two records drawn
					   at random are one person */
	double prior_matches;		/* estimated matching pairs */
	int em_iterations;		/* iterations done by the last EM */
	double w[LK_NFIELDS][LK_NLEVELS];  /* log2(m / u): lk_model_update() */
	double wmax[LK_NFIELDS];	/* largest w below exact: the same */
	double lmtop[LK_NFIELDS];	/* log2 m of the exact level: the
					   same */
	double ltf_min;			/* log2(tf_min): the same */
};

/* Fills mo with the built-in defaults (u for a town-sized population). */
void lk_model_default(struct lk_model *mo);

/*
 * Recomputes mo->w from m and u (done by lk_model_default() and
 * lk_model_estimate(); call it after changing m or u by hand).
 */
void lk_model_update(struct lk_model *mo);

struct lk_est_opts {
	unsigned long u_samples;	/* random pairs for u (250000) */
	int max_iter;			/* EM iterations at most (50) */
	double strength;		/* weight of the default m, in
					   pairs, when data are few (20) */
	uint64_t seed;			/* random pairs' seed (1) */
	int threads;			/* 0: the machine's cores */
};
#define LK_EST_OPTS_DEFAULT { 250000, 50, 20.0, 1, 0 }

/*
 * Estimates mo from the finished set s: u from random pairs (exact-level
 * u from the value frequencies), m by EM on each blocking rule's pairs
 * (fields in a rule's key left out of that rule's estimate, as in
 * Splink), and the prior.  mo should hold defaults first; fields with no
 * data keep them.  opts may be NULL.  Runs in opts->threads threads (the
 * random pairs shared out in the generator's order, so that the model is
 * the same in any number); s is only read, so that the caller may read
 * it meanwhile.
 */
void lk_model_estimate(struct lk_model *mo, const struct lk_set *s,
    const struct lk_est_opts *opts);

/* One compared pair. */
struct lk_score {
	double total;			/* prior + sum of w */
	double w[LK_NFIELDS];		/* each field's contribution */
	signed char level[LK_NFIELDS];	/* level, or LK_NULL */
};

/*
 * The match probability of a weight w (bits): 1 / (1 + 2^-w), from 0 to
 * 1; and back, the weight of a probability p (0 < p < 1).
 */
double lk_probability(double w);
double lk_weight_of(double p);

/* Scores records a and b of s; returns sc->total.  sc may be NULL. */
double lk_score(const struct lk_model *mo, const struct lk_set *s,
    size_t a, size_t b, struct lk_score *sc);

/* The weight lk_pairs() gives the pair a, b of s. */
double lk_pair_weight(const struct lk_model *mo, const struct lk_set *s,
    size_t a, size_t b);

/*
 * Writes the basis of a score: the fields that agreed (at any level
 * above "disagree") with their level, "+" separated, e.g.
 * "forename:nickname+surname:exact+dob:swap"; "none" when nothing
 * agreed.  Returns the length (the text is cut to fit sz).
 */
size_t lk_basis(const struct lk_score *sc, char *buf, size_t sz);

/* One pair of records with its weight (a < b). */
struct lk_pair {
	uint32_t a, b;
	float w;
};

struct lk_stats {
	unsigned long long compared;	/* candidate pairs scored */
	unsigned long long kept;	/* at or above the bound */
	unsigned long long reached;	/* records sharing a blocking key
					   with another record */
	double seconds;
};

/*
 * Every candidate pair of the set (records sharing a blocking key:
 * PNC ID; DOB; surname code and forename initial; forename and surname
 * code; postcode and initials; phone; email; each pair once) whose
 * weight is at least min_w.  Large blocks are compared in a sorted
 * window so that the work grows linearly.  Returns a malloc'd array
 * sorted by (a, b) and sets *n; st may be NULL.  progress, when not
 * NULL, is called now and then with the share done (0 to 1).
 */
struct lk_pair *lk_pairs(const struct lk_set *s, const struct lk_model *mo,
    double min_w, size_t *n, struct lk_stats *st,
    void (*progress)(double done, void *ctx), void *ctx);

/*
 * Every record of s that may be the same person as record q (q itself
 * left out), by the same blocking, with weight at least min_w, best
 * first (pair.a is q, pair.b the match).  Returns a malloc'd array and
 * sets *n.  The first call builds and keeps the set's blocking index
 * (about 8 bytes per record and rule): make it before starting threads.
 * To match people from outside the set (a MARAC case's victim), add
 * them to the set before lk_set_finish() and query their indexes.
 */
struct lk_pair *lk_find(const struct lk_set *s, const struct lk_model *mo,
    size_t q, double min_w, size_t *n);

/*
 * Clusters: pairs at or above threshold are joined strongest first
 * (union-find), except that two clusters are not joined when for some
 * record of one and some record of the other the fields' contributions
 * against them add up to less than guard (a negative number of bits:
 * they are clearly different people, and a chain of weak links must not
 * join them).
 * Only up to 32 records per side are checked.  Writes to cl[i] the
 * cluster of record i (the smallest record index in it) and, when best
 * is not NULL, to best[i] the weight of the strongest link of i that was
 * used (NAN when none).  Returns the number of clusters.
 */
size_t lk_cluster(const struct lk_set *s, const struct lk_model *mo,
    const struct lk_pair *pairs, size_t npairs, double threshold,
    double guard, uint32_t *cl, double *best);

/*
 * Pairwise accuracy of a clustering against known identities: truth[i]
 * and cl[i] label record i (truth UINT32_MAX: unknown, left out).
 */
struct lk_eval {
	unsigned long long true_pairs, found_pairs, correct_pairs;
	unsigned long long reachable;	/* true pairs sharing a block */
	double precision, recall, f1, reach;
};
void lk_evaluate(const struct lk_set *s, const uint32_t *truth,
    const uint32_t *cl, struct lk_eval *ev);

/*
 * Blocking keys that are the same in every set (a persons database keeps
 * them): keys[r] is record i's key under rule r, 0 when it has none (the
 * rules of lk_pairs(), in that order), and *wkey (when not NULL) orders
 * records inside a large block as lk_pairs() does.
 */
#define LK_NRULES 18
#define LK_NRULES_V5 16		/* the rules a version 5 database keys */
void lk_block_keys(const struct lk_set *s, size_t i,
    uint64_t keys[LK_NRULES], uint64_t *wkey);

/* 1 when rule r's key alone is strong evidence (PNC ID, phone, email). */
int lk_rule_strong(int r);

/*
 * Value frequencies known from outside the set (the persons of an index
 * that are not in it), for the term-frequency adjustment: before
 * lk_set_finish(), lk_set_freq() sets the number of records holding value
 * v (normalised, n bytes) in field f, when the set has the value, and
 * lk_set_freq_total() the number of records with any value in f.
 * lk_set_nonnull() gives the latter.
 */
void lk_set_freq(struct lk_set *s, enum lk_field f, const char *v, size_t n,
    uint64_t count);
void lk_set_freq_total(struct lk_set *s, enum lk_field f, uint64_t nonnull);
uint64_t lk_set_nonnull(const struct lk_set *s, enum lk_field f);

/*
 * The set's distinct values of field f: value i (from 1) in *v, *n
 * bytes; returns 0 past the last.
 */
int lk_set_value(const struct lk_set *s, enum lk_field f, size_t i,
    const char **v, size_t *n);

#endif
