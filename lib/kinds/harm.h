/*
 * The crime-harm table: days of imprisonment at the sentencing starting
 * point for each Home Office offence code, in the manner of the
 * Cambridge Crime Harm Index.  A harm table is a CSV file with at least
 * the columns offence_code and harm_days (others, such as a source
 * column, are ignored); a row with offence_code "*" gives the harm of
 * every code the table does not list.  Codes are normalised the way
 * lib/classify normalises them ("4.1", " 4/1 " and "4/1" are one code;
 * "19c" is "19C").
 *
 * A built-in table (harm_default_csv) holds the Home Office subgroup
 * medians of the Cambridge index's 2026 update for each VAWG-relevant
 * code; its provenance is in each row's source column and in
 * vawg-rank(1).  data/harm.csv is the same table as a file.
 */
#ifndef VAWG_HARM_H
#define VAWG_HARM_H

#include <stddef.h>

struct harm;
struct vawg_err;

/* The built-in table, as CSV text. */
extern const char harm_default_csv[];

/*
 * Loads a harm table from path, or the built-in one when path is NULL.
 * On a bad table returns NULL with e set to 65 (EX_DATAERR) and
 * "file:line: message", or to 66 (EX_NOINPUT) and the system's message
 * when the file cannot be opened.  Bad tables: no offence_code or
 * harm_days column, a harm_days that is not a number of days from 0 to
 * 100000, an empty or repeated code.  The result is freed with
 * harm_free().
 */
struct harm *harm_load(const char *path, struct vawg_err *e);

/* Frees a table (NULL is fine). */
void harm_free(struct harm *h);

/*
 * Harm days of an offence code as written in the data (normalised
 * here).  Returns 1 when the table lists the code; 0 when it does not,
 * and then *days is the "*" row's value, or 0 when there is none.
 */
int harm_lookup(const struct harm *h, const char *code, size_t len,
    double *days);

/* Number of codes listed (the "*" row not counted). */
size_t harm_count(const struct harm *h);

/* 1 when the table has a "*" row for codes it does not list. */
int harm_has_default(const struct harm *h);

#endif
