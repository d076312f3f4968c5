/*
 * Dates as source systems write them, to lib/dates day numbers.
 *
 * Accepted, with or without a time after the date (" 14:05",
 * "T14:05:09", " 2:05 PM", fractions of a second and a final "Z"; the
 * time is checked, then dropped):
 *   yyyy-mm-dd, yyyy/mm/dd, yyyymmdd
 *   dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, dd mm yyyy (day first by
 *     default; month first with DATEPARSE_MDY); the two separators must
 *     be the same
 *   dd-Mon-yyyy, dd Mon yyyy, d-MON-yy, dd Month yyyy (English month
 *     names or their first three letters, "Sept" too, any case)
 *   Excel serial day numbers: an integer from 61 (1900-03-01) to 99999,
 *     with an optional fraction for the time of day
 * A two-digit year yy is 20yy when yy is at most the last two digits of
 * the as-of year, 19yy otherwise.  An impossible date (31/02/2023, month
 * 13) is refused, never rolled over into the next month, and the order
 * of day and month is never guessed from the values.
 */
#ifndef VAWG_DATEPARSE_H
#define VAWG_DATEPARSE_H

#include <stddef.h>
#include <stdint.h>

enum dateparse_order {
	DATEPARSE_DMY = 0,	/* 03/04/2023 is 3 April 2023 */
	DATEPARSE_MDY,		/* 03/04/2023 is 4 March 2023 */
};

struct dateparse_opts {
	enum dateparse_order order;
	int32_t as_of;		/* latest acceptable day (lib/dates day) */
};

/* Results of dateparse(). */
enum dateparse_status {
	DATEPARSE_OK = 0,
	DATEPARSE_EMPTY = 1,	/* empty or blank: unknown, not an error */
	DATEPARSE_EFORMAT = -1,	/* not a date in any accepted form */
	DATEPARSE_EINVALID = -2,	/* date form, but no such day */
	DATEPARSE_EFUTURE = -3,	/* a real day after as_of (*day is set) */
};

/* Options with day-first order and as_of today. */
void dateparse_defaults(struct dateparse_opts *o);

/*
 * Parses n bytes at s (leading and trailing blanks ignored) and sets
 * *day.  Returns one of enum dateparse_status; *day is set only for
 * DATEPARSE_OK and DATEPARSE_EFUTURE.
 */
int dateparse(const struct dateparse_opts *o, const char *s, size_t n,
    int32_t *day);

/*
 * Like dateparse(), and when *day is set also writes it as "YYYY-MM-DD"
 * and a NUL into out (at least 11 bytes).
 */
int dateparse_iso(const struct dateparse_opts *o, const char *s, size_t n,
    int32_t *day, char *out);

/* A short description of a failed status, e.g. "impossible date". */
const char *dateparse_strerror(int status);

/*
 * Parses "dmy" or "mdy" into *order; returns 0, or -1 for anything
 * else.
 */
int dateparse_order_parse(const char *s, enum dateparse_order *order);

#endif
