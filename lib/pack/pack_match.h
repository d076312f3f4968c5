/*
 * Finding the people of MARAC cases in the records of one source.
 *
 * The known people (the victims and perpetrators on a case list) are
 * given first; then the persons named in the source's records are added
 * one by one; then, for each known person, pm_find() gives the
 * candidates among those records, with the reason.
 *
 * Rules:
 *   1. Both sides carry a person id (from vawg-dedupe's persons index):
 *      the ids decide, equal is a confirmed match (basis "id"),
 *      different is no match at all.
 *   2. Otherwise the probabilistic linkage (a date of birth in 1900 or
 *      before is a placeholder, compared as missing) of lib/linkage (the same
 *      blocking, comparison levels and built-in model as vawg-dedupe):
 *      a candidate whose match weight is at least the threshold is
 *      confirmed, one below it but within the grey zone is possible (to
 *      be checked by a person, never counted); the basis lists the
 *      fields that agreed and how ("forename:exact+dob:swap").
 *
 * Memory: the known people, the candidates, and lib/linkage's set of
 * the source's record persons (about 40 bytes a person plus each
 * distinct value once), freed by pm_reset().
 */
#ifndef VAWG_PACK_MATCH_H
#define VAWG_PACK_MATCH_H

#include <stddef.h>

/* A person as written: NUL-terminated fields, "" (or NULL) = unknown. */
struct pm_person {
	const char *forename, *surname, *dob, *pnc, *postcode, *sex, *id;
};

enum pm_status {
	PM_CONFIRMED,
	PM_POSSIBLE,
	PM_WEAK			/* below the grey zone, above the floor of
				   pm_set_floor(): for corroboration only */
};

struct pm_match {
	size_t who;		/* the known person, 0 .. nknown - 1 */
	size_t rec;		/* the record person, from pm_add() */
	enum pm_status status;
	int has_weight;		/* 0 for the id rule */
	double weight;		/* match weight in bits when has_weight */
	char basis[96];		/* which fields agreed, e.g. "id" */
};

/*
 * Default weights in bits: a candidate at or above PM_THRESHOLD (even
 * odds, as vawg-dedupe links) is confirmed; one less than PM_GREY below
 * it is possible.
 */
#define PM_THRESHOLD 0.0
#define PM_GREY 4.0

struct pm;

/*
 * A matcher for the nknown known people (fields are copied).  A known
 * person with no id and not enough to compare (lk_person_ok()) can never
 * be found; pm_findable() says so.
 */
struct pm *pm_new(const struct pm_person *known, size_t nknown);

/*
 * Sets the confirmed threshold and the lower bound of possible matches
 * (weights in bits; possible is lowered to threshold when above it), and
 * the floor to the latter.
 */
void pm_set_threshold(struct pm *m, double threshold, double possible);

/*
 * Sets the floor: candidates below the possible bound but at least floor
 * are given too, as PM_WEAK, for other evidence to decide (a floor at or
 * above the possible bound gives none; the default).
 */
void pm_set_floor(struct pm *m, double floor);

/* Frees the matcher. */
void pm_free(struct pm *m);

/* 1 when known person who can be found by some rule, else 0. */
int pm_findable(const struct pm *m, size_t who);

/*
 * Adds the person named in a record; returns its index, from 0 in order
 * of adding (add an empty person to keep a stride: it matches nothing).
 */
size_t pm_add(struct pm *m, const struct pm_person *rec);

/* Ends the adding; pm_find() may be called from now on. */
void pm_finish(struct pm *m);

/*
 * Candidates for known person who among the added records: returns
 * their number and sets *out to them, confirmed first, then possible,
 * then weak, each by record,
 * valid until pm_reset() or pm_free().  A record appears at most once.
 */
size_t pm_find(struct pm *m, size_t who, const struct pm_match **out);

/*
 * Compares known person who with added record person rec whether or not
 * blocking brought them together: 1 with *out set (its status by the
 * thresholds, PM_WEAK below the possible bound whatever the floor), 0
 * when they cannot be compared (nothing to compare, or ids decide).
 */
int pm_score(struct pm *m, size_t who, size_t rec, struct pm_match *out);

/* Forgets the added records (and candidates), for the next source. */
void pm_reset(struct pm *m);

#endif
