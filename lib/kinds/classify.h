/*
 * Classification tables: Home Office offence code to offence group and
 * VAWG flag, Home Office outcome number to outcome group, and the
 * police.uk open-data crime types and outcome categories to the same
 * groups.  The tables are data (CSV text): a built-in default, which
 * classify_load() can replace with a file of the same columns, and which
 * classify_dump() prints so that an analyst can start from it.
 */
#ifndef VAWG_CLASSIFY_H
#define VAWG_CLASSIFY_H

#include <stddef.h>
#include <stdio.h>

enum classify_table {
	CLASSIFY_OFFENCES,	/* code,offence_group,vawg,description */
	CLASSIFY_OUTCOMES,	/* code,outcome_group,description */
	CLASSIFY_UKP_CRIME,	/* crime_type,offence_group */
	CLASSIFY_UKP_OUTCOME,	/* category,outcome_group */
	CLASSIFY_NTABLES
};

struct offence_info {
	const char *code;	/* normalised, e.g. "19C", "4/1" */
	const char *group;	/* e.g. "rape" */
	const char *desc;
	int vawg;		/* 1 when the group is a VAWG offence group */
};

/*
 * Replaces a table with the CSV file at path (header row with the
 * columns above, by name).  Returns 0, or -1 with a message (naming the
 * file and line, never a value) in err.
 */
int classify_load(enum classify_table t, const char *path, char *err,
    size_t errsz);

/* Writes a table (built-in or loaded) as CSV; returns 0 or -1. */
int classify_dump(enum classify_table t, FILE *fp);

/*
 * Normalises an offence code into out (outsz bytes): spaces removed,
 * upper case, "." written "/" (ONS writes 4.1 where HOCR writes 4/1).
 * Returns the length, or 0 when it does not fit or is empty.
 */
size_t classify_norm_offence(const char *in, size_t n, char *out,
    size_t outsz);

/*
 * Normalises an outcome number: spaces removed, upper case, leading
 * zeros dropped ("01" is "1", "0" stays "0").  As classify_norm_offence.
 */
size_t classify_norm_outcome(const char *in, size_t n, char *out,
    size_t outsz);

/* The offence's entry, or NULL when the code is not in the table. */
const struct offence_info *classify_offence(const char *code, size_t n);

/*
 * Offence group of a code: its table group, "other" for a code not in
 * the table, "unknown" for an empty one.
 */
const char *classify_offence_group(const char *code, size_t n);

/*
 * The vawg flag: "Y" when the offence's group is a VAWG group or
 * da_flag is "Y"; "N" when the code is known (or not in the table) and
 * da_flag is not "Y"; "" (unknown) when the code is empty and da_flag is
 * not "Y".
 */
const char *classify_vawg(const char *code, size_t n, const char *da_flag);

/*
 * Outcome group of an outcome number: "pending" for empty or 0,
 * "unknown" for a number not in the table.
 */
const char *classify_outcome(const char *code, size_t n);

/* 1 when the outcome number is a charge or summons (1 or 1A). */
int classify_is_charge(const char *code, size_t n);

/* Offence group of a police.uk crime type, "other" when not listed. */
const char *classify_ukp_crime_type(const char *s, size_t n);

/*
 * Outcome group of a police.uk outcome category: "pending" when empty,
 * "unknown" when not listed.
 */
const char *classify_ukp_outcome(const char *s, size_t n);

/* 1 when group is one of the VAWG offence groups of the built-in table. */
int classify_is_vawg_group(const char *group);

#endif
