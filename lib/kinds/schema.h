/*
 * Record kinds, defined once for every program: each kind's canonical
 * columns (DESIGN.md), what type of value each holds, which are required,
 * the usual spellings source systems give them; its key column, key date,
 * period date and person roles; a user map file, and the matching of a
 * source header to all of these.  The value vocabularies of the typed
 * columns (Y/N, M/F, decisions ...) are in kinds/vocab.h.
 *
 * Header names are compared after folding: letters lower-cased, every
 * character that is not a letter or digit dropped ("Crime Ref.",
 * "CRIME_REF" and "crime ref" are all "crimeref").
 */
#ifndef VAWG_COLMAP_H
#define VAWG_COLMAP_H

#include <stddef.h>
#include <stdio.h>

/* What a canonical column holds, and so how vawg-ingest cleans it. */
enum col_type {
	COL_TEXT,		/* blanks trimmed and collapsed */
	COL_KEY,		/* the kind's reference: must not be empty */
	COL_DATE,		/* lib/dateparse, written YYYY-MM-DD */
	COL_DATE_AHEAD,		/* the same, but may be after --as-of (expiry) */
	COL_NAME,		/* lib/normalize norm_name() */
	COL_TITLE,		/* <role>_title: honorific (from the names too) */
	COL_PNC,		/* lib/ident PNC ID */
	COL_CRO,		/* lib/ident CRO number */
	COL_PHONE,		/* lib/ident UK phone number */
	COL_EMAIL,		/* lib/ident email address */
	COL_POSTCODE,		/* lib/ident postcode */
	COL_FLAG,		/* Y/N (yes, no, true, false, 1, 0) */
	COL_SEX,		/* M/F (male, female; unknown is empty) */
	COL_OFFENCE,		/* Home Office offence code */
	COL_OUTCOME,		/* Home Office outcome number */
	COL_COUNT,		/* whole number, 0 or more */
	COL_DASH,		/* whole number 0 to 27 */
	COL_YEAR,		/* four-digit year */
	COL_UPPER,		/* text, upper case (order types) */
	COL_SLUG,		/* lower snake_case ("Walk & Talk" walk_and_talk) */
	COL_ORDER_DECISION,	/* granted, refused, withdrawn, pending */
	COL_ROUTE,		/* ask, know */
	COL_CHANNEL,		/* portal, other */
	COL_DVDS_DECISION,	/* disclose, no_disclose, withdrawn, pending */
	COL_OFFENCE_GROUP,	/* derived from offence_code (lib/classify) */
	COL_VAWG,		/* derived from offence_code and da_flag */
	COL_OUTCOME_GROUP,	/* derived from outcome_code */
	COL_QUALITY,		/* quality_flags: column:reason;... (kept, added to) */
	COL_TIME,		/* time of day HH:MM (lib/place) */
	COL_LATITUDE,		/* WGS84 degrees north, in the UK */
	COL_LONGITUDE,		/* WGS84 degrees east, in the UK */
	COL_EASTING,		/* British National Grid metres */
	COL_NORTHING,		/* British National Grid metres */
	COL_PC_DISTRICT,	/* derived from postcode ("N22") */
	COL_PC_SECTOR,		/* derived from postcode ("N22 6") */
};

struct kind_col {
	const char *name;	/* canonical name, e.g. "victim_dob" */
	enum col_type type;
	int required;		/* the source must have it */
	const char *aliases;	/* '|'-separated spellings, or NULL */
};

#define KIND_MAXROLES 2

struct kind {
	const char *name;	/* "crime" */
	const struct kind_col *cols;	/* canonical, <role>_title, then
					   quality_flags */
	size_t ncols;
	const char *key;	/* the reference column ("crime_ref") */
	/*
	 * The kind's key date ("reported_date"): a value there that is not
	 * a usable date is a record fault, where a bad value in any other
	 * column is a field fault.
	 */
	const char *key_date;
	/*
	 * The date a record is counted by in periods (vawg-stats), or NULL
	 * when the kind's records are not events (population).  A MARAC
	 * case counts by its meeting, though its key date is the referral.
	 */
	const char *period_date;
	/* The person roles, in column order, NULL-terminated: the columns
	 * <role>_forename, <role>_surname ... */
	const char *roles[KIND_MAXROLES + 1];
	/* The roles the persons index links, in the order they are linked
	 * (a subset of roles), NULL-terminated. */
	const char *link[KIND_MAXROLES + 1];
};

/* The kinds, in this order, for tables of other modules that name one
 * (&kind_table[KIND_ORDER] is a constant). */
enum kind_id {
	KIND_CRIME, KIND_WANTED, KIND_ORDER, KIND_MARAC, KIND_DISCLOSURE,
	KIND_ENGAGEMENT, KIND_POPULATION, KIND_N
};
extern const struct kind kind_table[KIND_N];

/* The kind called name, or NULL. */
const struct kind *kind_find(const char *name);

/* The i-th kind (0 crime, 1 wanted ...), or NULL past the last. */
const struct kind *kind_at(size_t i);

/* Index of column name in kind k, or -1. */
int kind_index(const struct kind *k, const char *name);

/* Index of k's key date column, or -1 when it has none. */
int kind_key_date(const struct kind *k);

/*
 * The role of column i of kind k ("victim" for victim_dob), or NULL when
 * the column is not a person's; *field is then set to the field name
 * after the role and its underscore ("dob").
 */
const char *kind_role_of(const struct kind *k, size_t i, const char **field);

/*
 * The person field that a header name spells without a role: forename,
 * surname, dob, pnc, cro, nino, other_id, phone, email, postcode, sex,
 * title, address, town, or name for a full name ("First Name",
 * "date_of_birth", "City", "Full name"); NULL when it spells none.
 */
const char *kind_person_field(const char *name);

/* The name of a column type as --describe writes it ("date", "pnc"). */
const char *kind_type_name(enum col_type t);

/*
 * Writes the schema of k as CSV to fp: a header line, then one line per
 * canonical column: column,type,required,role,field,key,key_date,
 * period_date,link,values (see vawg-ingest(1) --describe).  Returns 0, or
 * -1 when a write fails.
 */
int kind_describe(const struct kind *k, FILE *fp);

/*
 * Folds a header name into out (outsz bytes, NUL-terminated, cut short
 * when longer); returns its length.
 */
size_t colmap_fold(const char *s, char *out, size_t outsz);

/*
 * Writes each column of k with its built-in spellings (the aliases and,
 * for person columns, every role word with every field word: "ip
 * forename", "victim first name" ...), one column a line, to fp.
 */
void colmap_print_aliases(const struct kind *k, FILE *fp);

/*
 * Reads a user map file: lines "canonical = Source Header", blank lines
 * and lines starting with '#' ignored, blanks around both sides trimmed.
 * The canonical name must be a column of k, named at most once.  Returns
 * NULL and a message naming the file and line in err on a bad file (or
 * when it cannot be read: errno is then non-zero).
 */
struct colmap_user;
struct colmap_user *colmap_user_load(const char *path,
    const struct kind *k, char *err, size_t errsz);
void colmap_user_free(struct colmap_user *u);

/* A header matched to a kind. */
struct colmap {
	const struct kind *kind;
	int *src;		/* per kind column: source index, or -1 */
	size_t *pass;		/* source columns passed through, in order */
	size_t npass;
	int *unnamed;		/* per source column: 1 when its name is empty */
	size_t nsrc;
};

/*
 * Matches the source header names[0..n) to kind k: first the user map
 * (exact name, then folded), then the built-in spellings.  Columns with
 * an empty name are neither mapped nor passed through (unnamed[i] is
 * set).  Returns 0, or -1 with a message in err when: two source columns
 * have the same name, two source columns match one canonical column, or
 * a required column is missing.  The message names columns by number
 * (from 1) and canonical name, never by their header text, which may be
 * a record's values when the header line is missing.  Free with
 * colmap_free().
 */
int colmap_match(const struct kind *k, const struct colmap_user *u,
    const char *const *names, size_t n, struct colmap *m, char *err,
    size_t errsz);
void colmap_free(struct colmap *m);

#endif
