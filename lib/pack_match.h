/*
 * Finding the people of MARAC cases in source records.
 *
 * A small set of known people (the victims and perpetrators on a case
 * list) is indexed once; each person named in a streamed record is then
 * looked up, giving every known person it may be, with the reason.
 * Memory grows with the known people, never with the records.
 *
 * Rules, in order:
 *   1. Both sides carry a person id (from vawg-dedupe's persons index):
 *      the ids decide, equal is a confirmed match ("id"), different is
 *      no match at all.
 *   2. Otherwise the record is compared field by field: PNC ID equal
 *      (normalised: letters and digits, upper case) is a confirmed
 *      match ("pnc"); forename, surname and date of birth all equal
 *      after normalisation (letters only, upper case; ISO date) is a
 *      confirmed match ("name+dob") unless both sides carry PNC IDs that
 *      differ, which makes it a possible match ("name+dob;pnc_differs")
 *      for a person to check, never counted.
 */
#ifndef VAWG_PACK_MATCH_H
#define VAWG_PACK_MATCH_H

#include <stddef.h>

/* A person as written in a record: NUL-terminated fields, "" = unknown. */
struct pm_person {
	const char *forename, *surname, *dob, *pnc, *postcode, *sex, *id;
};

enum pm_status {
	PM_CONFIRMED,
	PM_POSSIBLE
};

struct pm_match {
	size_t who;		/* index returned by pm_add() */
	enum pm_status status;
	int has_weight;		/* 0 when the rule gives no weight (ids) */
	double weight;		/* log2 likelihood ratio when has_weight */
	char basis[96];		/* which fields agreed, e.g. "pnc" */
};

struct pm;

/* A new, empty set of known people. */
struct pm *pm_new(void);

/* Frees the set. */
void pm_free(struct pm *m);

/*
 * Adds a known person (fields are copied) and returns its index, from 0
 * in order of adding.  A person with no id, no PNC ID and not all of
 * forename, surname and date of birth can never be found; pm_findable()
 * says so.
 */
size_t pm_add(struct pm *m, const struct pm_person *p);

/* 1 when person who can be found by some rule, else 0. */
int pm_findable(const struct pm *m, size_t who);

/*
 * Looks up the person named in a record.  Returns the number of known
 * people it may be and sets *out to an array of that many matches,
 * confirmed ones first, valid until the next call.  Each known person
 * appears at most once.
 */
size_t pm_find(struct pm *m, const struct pm_person *rec,
    const struct pm_match **out);

/*
 * Normalises a name into buf (size bytes): ASCII letters upper-cased,
 * everything else but UTF-8 letters' bytes dropped (spaces, hyphens,
 * apostrophes, dots, digits).  Returns the length.
 */
size_t pm_norm_name(const char *s, char *buf, size_t size);

/* Normalises a PNC ID into buf: letters upper-cased, digits kept, the
 * rest dropped.  Returns the length. */
size_t pm_norm_pnc(const char *s, char *buf, size_t size);

#endif
