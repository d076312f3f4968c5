/*
 * Perpetrator ranking by recency, frequency and harm (RFH), with the
 * number of distinct victims and aggravators (breaching an order, being
 * wanted now).
 *
 * One accumulator per person id holds what the score needs; memory grows
 * with the number of distinct ids (and distinct person-victim pairs),
 * never with the number of crimes.  A score is a weighted sum of six
 * components, each shown on its own:
 *
 *   recency      w.recency * (window - days since last offence) / window
 *   frequency    w.frequency * offences in the window
 *   harm         w.harm_per_day * sum of harm days of those offences
 *   victims      w.victims * distinct victims of those offences
 *   order_breach w.order_breach * (1 if breaching an order, else 0)
 *   wanted       w.wanted * (1 if wanted now, else 0)
 *
 * The score is the sum, rounded to hundredths; persons are ordered by it,
 * highest first, and ties are broken by harm days (more first), last
 * offence date (later first), offences (more first), victims (more
 * first), then id (byte order, ascending), so the order is total and
 * does not depend on the order of the input.
 */
#ifndef VAWG_RANKSCORE_H
#define VAWG_RANKSCORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct rank_weights {
	double recency;
	double frequency;
	double harm_per_day;
	double victims;
	double order_breach;
	double wanted;
};

/* The built-in weights, as CSV text (columns weight,value). */
extern const char rank_weights_default_csv[];

/*
 * Loads weights from path (a CSV with columns weight and value; a weight
 * the file does not name keeps its default), or the defaults when path
 * is NULL.  Returns 0, or -1 with e set: "file:line: message" and 65
 * (unknown or repeated weight name, a value that is not a number from 0
 * to 1000000) or 66 (cannot open).  Nothing is printed.
 */
int rank_weights_load(const char *path, struct rank_weights *w,
    struct vawg_err *e);

/* Flags of a person. */
enum {
	RANK_ORDER_BREACH = 1,	/* respondent of an order with breaches */
	RANK_WANTED = 2,	/* wanted now */
	RANK_UNKNOWN_CODE = 4	/* an offence code not in the harm table */
};

enum { RANK_FORENAME, RANK_SURNAME, RANK_DOB, RANK_PNC, RANK_NTEXT };

struct rank_person {
	const char *id;		/* owned by the set */
	uint32_t idlen;
	uint32_t index;		/* creation order */
	uint32_t offences;	/* offences counted in the window */
	uint32_t da_offences;	/* of which flagged domestic abuse */
	uint32_t victims;	/* distinct victims of those offences */
	unsigned flags;
	double harm_days;	/* sum of their harm days */
	int32_t last_day;	/* latest offence date (day number) */
	/* The texts (forename, surname, dob, pnc), each NUL-terminated, one
	 * after another in one allocation; see rank_text(). */
	char *text;
	uint32_t textcap;
	uint32_t textoff[RANK_NTEXT];
	int32_t textday[RANK_NTEXT];	/* INT32_MIN: no value yet */
	long long score_c;	/* score in hundredths, from rank_score() */
};

/* Component names in rank_points() order: "recency", "frequency", ... */
extern const char *const rank_component[6];

struct rank_set;

/* A new empty set of persons. */
struct rank_set *rank_set_new(void);

/* Frees the set, its persons and their texts. */
void rank_set_free(struct rank_set *s);

/*
 * The person with this id, created (with nothing counted) when absent.
 * The pointer stays valid until rank_set_free().
 */
struct rank_person *rank_set_person(struct rank_set *s, const char *id,
    size_t len);

/* The person with this id, or NULL. */
struct rank_person *rank_set_find(struct rank_set *s, const char *id,
    size_t len);

/* Number of persons in the set. */
size_t rank_set_count(const struct rank_set *s);

/*
 * Counts one offence of p on day with harm days; da is 1 for a domestic
 * abuse offence.
 */
void rank_offence(struct rank_person *p, int32_t day, double harm, int da);

/*
 * Records that victim key (any bytes identifying the victim) was a
 * victim of p; increments p->victims the first time the pair is seen.
 * Pairs are kept as 64-bit hashes, so two different pairs are taken for
 * one with a chance of about n*n/2^65 for n pairs.  Returns 1 when new.
 */
int rank_victim(struct rank_set *s, struct rank_person *p, const char *key,
    size_t len);

/*
 * Offers a text value (forename, surname, dob or pnc) from a record of
 * day: an empty value is ignored; otherwise it replaces the kept value
 * when day is the same as or later than the kept value's day.
 */
void rank_text_offer(struct rank_person *p, int which, const char *v,
    size_t len, int32_t day);

/* A text of p (RANK_FORENAME ...): "" when none was offered. */
const char *rank_text(const struct rank_person *p, int which);

/*
 * The six components of p's score, in rank_component[] order, for
 * as_of and a window of window days (window > 0).
 */
void rank_points(const struct rank_person *p, const struct rank_weights *w,
    int32_t as_of, int window, double pts[6]);

/* Sets p->score_c: the sum of rank_points(), in hundredths, rounded. */
void rank_score(struct rank_person *p, const struct rank_weights *w,
    int32_t as_of, int window);

/*
 * Order of two scored persons: negative when a ranks above b, positive
 * when below, 0 only when a and b have the same id.
 */
int rank_cmp(const struct rank_person *a, const struct rank_person *b);

/*
 * Scores every person for whom keep(p, arg) is 1 (keep NULL: every
 * person with an offence), and returns the best n of them (all when n
 * is 0) in rank order in a new array the caller frees; *count is set to
 * its length.  Works in memory proportional to n (plus the set).
 */
struct rank_person **rank_top(struct rank_set *s, const struct rank_weights *w,
    int32_t as_of, int window, size_t n,
    int (*keep)(const struct rank_person *, void *), void *arg,
    size_t *count);

/*
 * Writes the arithmetic of p's score into buf (size n, NUL-terminated,
 * truncated when too small), e.g.
 * "recency 10 * (365 - 12) / 365 = 9.67; frequency 2 * 3 = 6.00; ...;
 * score 64.97".  Returns the length it needed.
 */
size_t rank_explain(const struct rank_person *p, const struct rank_weights *w,
    int32_t as_of, int window, char *buf, size_t n);

/* Writes the score (hundredths) as "64.97" into buf (at least 32 bytes). */
void rank_format_score(long long score_c, char *buf);

#endif
