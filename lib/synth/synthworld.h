/*
 * The synthetic world behind vawg-synth: one Basic Command Unit of two
 * boroughs with their wards, postcodes and LSOAs, and a pool of
 * synthetic persons, each derived on demand from the seed and a person
 * number (nothing is stored per person, so memory does not grow with
 * the pool or with rows).  Also the noise with which a source system
 * writes a person: typos, nicknames, initials, case and spacing, day
 * and month swapped, missing identifiers, changed surnames.
 *
 * Every name and place is fictional.
 */
#ifndef VAWG_SYNTHWORLD_H
#define VAWG_SYNTHWORLD_H

#include <stddef.h>
#include <stdint.h>

#include "synth/rng.h"

#define SW_BCU "NS"		/* the BCU's code */
#define SW_NBOROUGHS 2
#define SW_NWARDS 20		/* ten per borough */
#define SW_LSOA_PER_WARD 6

/* Person segments: the pool's numbers are split three ways. */
enum sw_segment {
	SW_SEG_OFFENDER,	/* mostly men; suspects, respondents, ... */
	SW_SEG_ADULT,		/* mostly women; victims, applicants, ... */
	SW_SEG_CHILD		/* victims of offences against children */
};

struct sw_ward {
	const char *name;
	int borough;		/* 0 or 1 */
	const char *district;	/* postcode outward code, e.g. "NF3" */
	double weight;		/* share of street incidents */
};

struct sw_world {
	uint64_t seed;
	uint64_t noffenders, nadults, nchildren;
	int32_t ref_day;	/* "today" for ages: the extraction date */
};

struct sw_person {
	uint64_t id;		/* person number: segment = id % 3 */
	char sex;		/* 'M' or 'F' */
	const char *forename;	/* UTF-8, as on a birth certificate */
	const char *nicks;	/* "Bob|Rob|Bobby" or NULL */
	const char *surname;
	const char *alt_surname;	/* a later or earlier surname, or NULL */
	int32_t dob;		/* day number */
	int pnc_year;		/* 0 when the person has no PNC ID */
	uint32_t pnc_serial;
	int ward;		/* home ward, -1 outside the BCU */
	char postcode[9];	/* "NF3 2AB" */
};

extern const char *const sw_borough[SW_NBOROUGHS];
extern const struct sw_ward sw_ward[SW_NWARDS];

/*
 * Fills w for a pool of about n persons (n >= 30): the pool's split
 * between segments is fixed.
 */
void sw_init(struct sw_world *w, uint64_t seed, uint64_t n, int32_t ref_day);

/* Person number of the i-th member of a segment (i below its size). */
uint64_t sw_member(const struct sw_world *w, enum sw_segment s, uint64_t i);

/* Size of a segment. */
uint64_t sw_segsize(const struct sw_world *w, enum sw_segment s);

/* Derives person id (always the same for the same world and id). */
void sw_person(const struct sw_world *w, uint64_t id, struct sw_person *p);

/* Check letter of a PNC ID from its year (any, the last two digits count)
 * and serial. */
char sw_pnc_check(int year, uint32_t serial);

/* "YYYY/NNNNNNNL" and a NUL into buf (at least 14 bytes); letter 0 means
 * the correct check letter. */
void sw_pnc_format(int year, uint32_t serial, char letter, char *buf);

/* A ward drawn by its weight (busier wards more often). */
int sw_pick_ward(struct rng *r);

/* A postcode in ward (or, with ward -1, outside the BCU) into buf. */
void sw_postcode(struct rng *r, int ward, char *buf);

/* LSOA code of a postcode written by sw_postcode(), into buf (>= 10). */
void sw_lsoa(const char *postcode, char *buf);

/* Ward of a postcode written by sw_postcode(), or -1. */
int sw_postcode_ward(const char *postcode);

/*
 * Noise.  Each writes a NUL-terminated string into buf (cap bytes,
 * at least 64) as one record of a source system would hold it, and
 * returns its length.  rate scales the chance of every kind of noise
 * (1 = the usual mix, 0 = the true value).
 */
size_t sw_noisy_forename(struct rng *r, const struct sw_person *p,
    double rate, char *buf, size_t cap);
size_t sw_noisy_surname(struct rng *r, const struct sw_person *p,
    double rate, char *buf, size_t cap);
/* DOB as YYYY-MM-DD, or "" when missing. */
size_t sw_noisy_dob(struct rng *r, const struct sw_person *p, double rate,
    char *buf);
/* PNC ID (long form) or "" when missing or the person has none. */
size_t sw_noisy_pnc(struct rng *r, const struct sw_person *p, double rate,
    char *buf);

/* Copies s without accents (Latin-1 letters to ASCII) into buf. */
size_t sw_unaccent(const char *s, char *buf, size_t cap);

#endif
