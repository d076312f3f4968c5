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
 *      the ids decide, equal is a confirmed match ("id"), different is
 *      no match at all.
 *   2. Otherwise: PNC ID equal (lib/ident canonical form) is a confirmed
 *      match ("pnc"); forename, surname and date of birth all equal
 *      after normalisation (letters only, upper case; the date as
 *      written) is a confirmed match ("name+dob") unless both sides
 *      carry PNC IDs that differ, which makes it a possible match
 *      ("name+dob;pnc_differs") for a person to check, never counted.
 *
 * Memory: the known people, and one entry per candidate found; records
 * are looked up as they are added and not kept.
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
	PM_POSSIBLE
};

struct pm_match {
	size_t who;		/* the known person, 0 .. nknown - 1 */
	size_t rec;		/* the record person, from pm_add() */
	enum pm_status status;
	int has_weight;		/* 0 when the rule gives no weight */
	double weight;		/* match weight in bits when has_weight */
	char basis[96];		/* which fields agreed, e.g. "pnc" */
};

struct pm;

/*
 * A matcher for the nknown known people (fields are copied).  A known
 * person with no id, no PNC ID and not all of forename, surname and
 * date of birth can never be found; pm_findable() says so.
 */
struct pm *pm_new(const struct pm_person *known, size_t nknown);

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
 * their number and sets *out to them, confirmed first then by record,
 * valid until pm_reset() or pm_free().  A record appears at most once.
 */
size_t pm_find(struct pm *m, size_t who, const struct pm_match **out);

/* Forgets the added records (and candidates), for the next source. */
void pm_reset(struct pm *m);

/*
 * Normalises a name into buf (size bytes): ASCII letters upper-cased,
 * bytes of UTF-8 letters kept, everything else dropped (spaces, hyphens,
 * apostrophes, dots, digits).  Returns the length.
 */
size_t pm_norm_name(const char *s, char *buf, size_t size);

/*
 * Normalises a PNC ID into buf (at least 14 bytes): the lib/ident
 * canonical long form when it reads as one, else its letters upper-cased
 * and digits.  Returns the length.
 */
size_t pm_norm_pnc(const char *s, char *buf, size_t size);

#endif
