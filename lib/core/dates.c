/*
 * Day numbers from civil dates and back, after Howard Hinnant's
 * days_from_civil and civil_from_days: exact over the whole range,
 * no time zones, no library calls that roll over impossible dates.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/dates.h"

int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : dim[m - 1];
}

int
date_valid(int y, int m, int d)
{
	return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 &&
	    m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

int32_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse_iso(const char *s, size_t n, int32_t *day)
{
	int y, m, d;

	if (n < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d))
		return -1;
	if (n > 10) {
		int hh, mm, ss = 0;

		if ((s[10] != 'T' && s[10] != ' ') || (n != 16 && n != 19))
			return -1;
		if (s[13] != ':' || (hh = digits(s + 11, 2)) < 0 ||
		    (mm = digits(s + 14, 2)) < 0)
			return -1;
		if (n == 19 && (s[16] != ':' || (ss = digits(s + 17, 2)) < 0))
			return -1;
		if (hh > 23 || mm > 59 || ss > 59)
			return -1;
	}
	*day = date_from_ymd(y, m, d);
	return 0;
}

int
date_parse_month(const char *s, size_t n, int *y, int *m)
{
	if (n != 7 || s[4] != '-')
		return -1;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	if (*y < DATE_MIN_YEAR || *y > DATE_MAX_YEAR || *m < 1 || *m > 12)
		return -1;
	return 0;
}

/* Writes n decimal digits of v (0 <= v), zero-padded. */
static char *
put_digits(char *p, int v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

void
date_format_ymd(int y, int m, int d, char *buf)
{
	char *p = buf;

	if (y < 0)
		y = 0;
	p = put_digits(p, y % 10000, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p = '\0';
}

void
date_format(int32_t day, char *buf)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	date_format_ymd(y, m, d, buf);
}

int32_t
date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int32_t
date_add_months(int32_t day, int n)
{
	int y, m, d, idx, dim;

	date_to_ymd(day, &y, &m, &d);
	idx = y * 12 + (m - 1) + n;
	y = idx >= 0 ? idx / 12 : (idx - 11) / 12;
	m = idx - y * 12 + 1;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

int
date_month_index(int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y * 12 + (m - 1);
}

int
period_parse(const char *s, enum period *p)
{
	static const struct { const char *name; enum period p; } t[] = {
		{ "month", PERIOD_MONTH }, { "quarter", PERIOD_QUARTER },
		{ "fy", PERIOD_FY }, { "year", PERIOD_YEAR },
		{ "all", PERIOD_ALL },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(s, t[i].name) == 0) {
			*p = t[i].p;
			return 0;
		}
	return -1;
}

int32_t
period_start(enum period p, int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	switch (p) {
	case PERIOD_MONTH:
		return date_from_ymd(y, m, 1);
	case PERIOD_QUARTER:
		return date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1);
	case PERIOD_FY:
		return date_from_ymd(m >= 4 ? y : y - 1, 4, 1);
	case PERIOD_YEAR:
		return date_from_ymd(y, 1, 1);
	case PERIOD_ALL:
		break;
	}
	return date_from_ymd(DATE_MIN_YEAR, 1, 1);
}

int32_t
period_next(enum period p, int32_t day)
{
	int32_t s = period_start(p, day);

	switch (p) {
	case PERIOD_MONTH:
		return date_add_months(s, 1);
	case PERIOD_QUARTER:
		return date_add_months(s, 3);
	case PERIOD_FY:
	case PERIOD_YEAR:
		return date_add_months(s, 12);
	case PERIOD_ALL:
		break;
	}
	return date_from_ymd(DATE_MAX_YEAR + 1, 1, 1);
}

void
period_label(enum period p, int32_t day, char *buf)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	switch (p) {
	case PERIOD_MONTH:
		snprintf(buf, 16, "%04d-%02d", y, m);
		break;
	case PERIOD_QUARTER:
		buf = put_digits(buf, y < 0 ? 0 : y % 10000, 4);
		*buf++ = '-';
		*buf++ = 'Q';
		*buf++ = (char)('1' + (m - 1) / 3);
		*buf = '\0';
		break;
	case PERIOD_FY:
		if (m < 4)
			y--;
		if (y < 0)
			y = 0;
		buf = put_digits(buf, y % 10000, 4);
		*buf++ = '-';
		buf = put_digits(buf, (y + 1) % 100, 2);
		*buf = '\0';
		break;
	case PERIOD_YEAR:
		snprintf(buf, 16, "%04d", y);
		break;
	case PERIOD_ALL:
		snprintf(buf, 16, "all");
		break;
	}
}
