/*
 * place: postcode districts and sectors, and times of day.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "place/place.h"

/* Length of the outward code of canonical postcode pc[0..n). */
static size_t
outward(const char *pc, size_t n)
{
	size_t i;

	for (i = 0; i < n && pc[i] != ' '; i++)
		if (!isalnum((unsigned char)pc[i]))
			return 0;
	return i >= 2 && i <= 4 && isalpha((unsigned char)pc[0]) ? i : 0;
}

size_t
place_pc_district(const char *pc, size_t n, char *out)
{
	size_t k = outward(pc, n);

	memcpy(out, pc, k);
	out[k] = '\0';
	return k;
}

size_t
place_pc_sector(const char *pc, size_t n, char *out)
{
	size_t k = outward(pc, n);

	if (k == 0 || k + 2 > n || pc[k] != ' ' ||
	    !isdigit((unsigned char)pc[k + 1])) {
		out[0] = '\0';
		return 0;
	}
	memcpy(out, pc, k + 2);
	out[k + 2] = '\0';
	return k + 2;
}

/* Reads up to two digits at s[*i]: the value, or -1. */
static int
two(const char *s, size_t n, size_t *i, int exact)
{
	int v = 0, k = 0;

	while (*i < n && k < 2 && isdigit((unsigned char)s[*i])) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k == 0 || (exact && k != 2) ? -1 : v;
}

/* The time at s[0..n) alone: minute of the day, or -1. */
static int
clock_time(const char *s, size_t n)
{
	size_t i = 0;
	int h, m, pm = -1;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n >= 2 && (strncasecmp(s + n - 2, "am", 2) == 0 ||
	    strncasecmp(s + n - 2, "pm", 2) == 0)) {
		pm = tolower((unsigned char)s[n - 2]) == 'p';
		n -= 2;
		while (n > 0 && s[n - 1] == ' ')
			n--;
	}
	if (n == 4 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	    isdigit((unsigned char)s[3])) {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[2] - '0') * 10 + (s[3] - '0');
		i = 4;
	} else {
		if ((h = two(s, n, &i, 0)) < 0 || i >= n ||
		    (s[i] != ':' && s[i] != '.'))
			return -1;
		i++;
		if ((m = two(s, n, &i, 1)) < 0)
			return -1;
		if (i < n && s[i] == ':') {
			i++;
			if (two(s, n, &i, 1) < 0)
				return -1;
			if (i < n && s[i] == '.')
				for (i++; i < n && isdigit((unsigned char)s[i]);)
					i++;
		}
	}
	if (i < n && (s[i] == 'Z' || s[i] == '+' || s[i] == '-'))
		i = n;		/* a zone: the local time is what is written */
	if (i != n || m > 59)
		return -1;
	if (pm >= 0) {
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + (pm ? 12 : 0);
	}
	if (h > 24 || (h == 24 && m > 0))
		return -1;
	return (h % 24) * 60 + m;
}

int
place_time(const char *s, size_t n)
{
	size_t i;

	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	/* A date-time: the part after 'T' or the first space. */
	for (i = 0; i < n; i++)
		if ((s[i] == 'T' || s[i] == ' ') && i >= 8) {
			s += i + 1;
			n -= i + 1;
			while (n > 0 && *s == ' ') {
				s++;
				n--;
			}
			break;
		}
	if (n == 0)
		return -1;
	return clock_time(s, n);
}

void
place_time_format(int m, char *buf)
{
	unsigned u = (unsigned)m % 1440;

	buf[0] = (char)('0' + u / 600);
	buf[1] = (char)('0' + u / 60 % 10);
	buf[2] = ':';
	buf[3] = (char)('0' + u % 60 / 10);
	buf[4] = (char)('0' + u % 10);
	buf[5] = '\0';
}
