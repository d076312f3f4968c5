/*
 * Calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), ISO 8601 text, and reporting periods: month, calendar
 * quarter, financial year (April to March, "2023-24"), calendar year.
 */
#ifndef VAWG_DATES_H
#define VAWG_DATES_H

#include <stddef.h>
#include <stdint.h>

/* Years outside this range are refused by every parser. */
#define DATE_MIN_YEAR 1800
#define DATE_MAX_YEAR 2199

/* 1 when year is a leap year. */
int date_is_leap(int y);

/* Days in month m (1-12) of year y. */
int date_days_in_month(int y, int m);

/* 1 when y-m-d is a real date within the year range. */
int date_valid(int y, int m, int d);

/* Day number of a valid date. */
int32_t date_from_ymd(int y, int m, int d);

/* Year, month and day of a day number. */
void date_to_ymd(int32_t day, int *y, int *m, int *d);

/*
 * Parses "YYYY-MM-DD", optionally followed by 'T' or ' ' and a time
 * ("HH:MM" or "HH:MM:SS"), which is checked and ignored.  Returns 0 and
 * sets *day, or -1 when s is not such a date (an empty field is -1).
 */
int date_parse_iso(const char *s, size_t n, int32_t *day);

/* Parses "YYYY-MM" into *y and *m; returns 0 or -1. */
int date_parse_month(const char *s, size_t n, int *y, int *m);

/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void date_format(int32_t day, char *buf);

/*
 * The same of a year, month and day as they are (m 1-12, d 1-99: a 31
 * February is written, not moved to March).
 */
void date_format_ymd(int y, int m, int d, char *buf);

/* Today's local date as a day number. */
int32_t date_today(void);

/*
 * Adds n months (n may be negative), keeping the day of the month where
 * it exists and clamping it to the month's last day where it does not.
 */
int32_t date_add_months(int32_t day, int n);

/* Monotonic month number y*12+(m-1) of a day. */
int date_month_index(int32_t day);

enum period {
	PERIOD_MONTH,		/* 2023-04 */
	PERIOD_QUARTER,		/* 2023-Q2 (calendar quarters: Q2 = Apr-Jun) */
	PERIOD_FY,		/* 2023-24 (1 April 2023 to 31 March 2024) */
	PERIOD_YEAR,		/* 2023 */
	PERIOD_ALL		/* all */
};

/* Parses "month", "quarter", "fy", "year" or "all"; returns 0 or -1. */
int period_parse(const char *s, enum period *p);

/* First day of the period that contains day. */
int32_t period_start(enum period p, int32_t day);

/* First day of the next period after the one that contains day. */
int32_t period_next(enum period p, int32_t day);

/*
 * Writes the label of the period containing day into buf (at least 16
 * bytes): "2023-04", "2023-Q2", "2023-24", "2023" or "all".
 */
void period_label(enum period p, int32_t day, char *buf);

#endif
