/*
 * MARAC research packs: what was found on a case's people, and the
 * one-row summary of it that the conference reads first.
 *
 * A finding is one source record in which a case's victim or
 * perpetrator was found.  The summary is worked out from a case's
 * confirmed findings only; possible ones are counted, never summed in.
 *
 * Dates are day numbers (lib/dates.h); PACK_NODATE is an unknown date.
 * The reference date of a case is the day the pack is as of (--as-of,
 * or the meeting date).  Windows end on the reference date, included:
 *   lookback        (ref - N months, ref]; all history when N is 0
 *   last 3 months   (ref - 3 months, ref]
 *   the 9 before    (ref - 12 months, ref - 3 months]
 */
#ifndef VAWG_PACK_H
#define VAWG_PACK_H

#include <stddef.h>
#include <stdint.h>

#define PACK_NODATE INT32_MIN

enum pack_source {
	PACK_CRIME,
	PACK_ORDER,
	PACK_WANTED,
	PACK_DISCLOSURE,
	PACK_MARAC,
	PACK_ENGAGEMENT,
	PACK_NSOURCES
};

enum pack_subject {
	PACK_VICTIM,
	PACK_PERPETRATOR
};

/* Names used in output: "crime", "order" ...; "victim", "perpetrator". */
const char *pack_source_name(enum pack_source s);
const char *pack_subject_name(enum pack_subject s);

struct pack_case {
	const char *marac_ref;
	int32_t ref;		/* reference date, never PACK_NODATE */
	int32_t date;		/* this referral's date (referral, else
				   meeting date), PACK_NODATE if neither */
	int lookback_months;	/* 12, 24, or 0 for all history */
	enum pack_source self;	/* the source of the case's own record
				   (same reference: left out), as
				   PACK_MARAC; PACK_NSOURCES: none */
};

struct pack_finding {
	size_t case_idx;
	enum pack_subject subject;
	enum pack_source source;
	const char *role;	/* the person's role in the record */
	const char *record_ref;
	int32_t date;		/* crime: committed, else reported date;
				   order: granted, else applied; wanted:
				   wanted date; disclosure: received;
				   marac: referral, else meeting date;
				   engagement: date */
	const char *offence_group;	/* crime, wanted */
	const char *detail;	/* offence, order type, route, risk, type */
	const char *decision;	/* outcome group, order or disclosure
				   decision, wanted or arrested */
	int da;			/* 1 when da_flag is Y */
	int32_t until;		/* order: expiry; wanted: arrest date */
	long breaches;		/* order: breach count, -1 unknown */
	int possible;		/* a grey-zone candidate */
	int has_weight;
	double weight;
	const char *basis;
	const char *note;	/* set by pack_note() */
};

/* First day of the lookback, PACK_NODATE for all history. */
int32_t pack_lookback_from(const struct pack_case *c);

/*
 * 1 when a finding belongs in the case's pack: not dated after the
 * reference date, and, for crimes and engagements, dated within the
 * lookback.  Undated records are kept (nothing says they are out); a
 * record of this very case (its self source, same reference) is not.
 */
int pack_keep(const struct pack_case *c, const struct pack_finding *f);

/* 1 when an order finding is in force on day: granted, started on or
 * before day, and not expired before it (no expiry date: in force). */
int pack_order_in_force(const struct pack_finding *f, int32_t day);

/* 1 when a wanted finding is open on day: wanted on or before it and
 * not arrested by then. */
int pack_wanted_open(const struct pack_finding *f, int32_t day);

/*
 * Sets f->note to a short plain-English flag for the reader, or "":
 * "victim recorded as suspect", "in force", "still wanted", "possible
 * match: check before relying on it", "engagement at the person's
 * postcode".  The strings are static.
 */
void pack_note(const struct pack_case *c, struct pack_finding *f);

#define PACK_TYPES_MAX 128

struct pack_summary {
	int32_t as_of, lookback_from;
	unsigned victim_da_as_victim, victim_da_as_suspect;
	unsigned perpetrator_da_as_suspect, perpetrator_da_as_victim;
	unsigned da_last_3m, da_prev_9m;
	int escalating;		/* last 3 months' monthly rate above the
				   9 months' before */
	int32_t last_incident;	/* latest DA crime of either person */
	unsigned sexual_offences, stalking_harassment;
	unsigned orders_in_force;
	char order_types[PACK_TYPES_MAX];	/* "DVPO;SPO", sorted, unique */
	long order_breaches;	/* -1 when no order in force says */
	int32_t perpetrator_wanted_since, victim_wanted_since;
	unsigned clares_law_requests, clares_law_disclosures;
	unsigned previous_maracs, perpetrator_previous_maracs;
	int32_t last_marac;
	int repeat;
	unsigned confirmed, possible;
	unsigned violent_offences;	/* in the lookback: homicide,
					   violence, threats to kill */
	unsigned shared_records;	/* records of both people */
	int32_t received, deadline;	/* own date, and 28 days after */
	long days_left;		/* deadline - reference date */
	int decided;		/* set by the caller: a decision dated */
	unsigned victims;	/* set by the caller: distinct victims */
	char postcode[16];	/* set by the caller: last known */
};

/* Summary columns past the MARAC ones (pack_summary_value() indices). */
#define PACK_COL_RECEIVED 29
#define PACK_COL_DEADLINE 30
#define PACK_COL_DAYS_LEFT 31
#define PACK_COL_VICTIMS 32
#define PACK_COL_POSTCODE 33

/*
 * Works out the summary of case c from its n findings (those of other
 * cases and those pack_keep() refuses are skipped; the same record
 * found for both people counts once where the count is of records).
 */
void pack_summarise(const struct pack_case *c,
    const struct pack_finding *const *f, size_t n, struct pack_summary *s);

/* Number of summary columns of a MARAC pack (the first of them), and
 * the name of column i (any of them). */
size_t pack_summary_ncols(void);
const char *pack_summary_colname(size_t i);

/*
 * Writes the text of summary column i into buf (at least
 * PACK_TYPES_MAX bytes): counts in decimal, dates ISO, flags Y/N,
 * unknown empty.
 */
void pack_summary_value(const struct pack_summary *s, size_t i, char *buf);

#endif
