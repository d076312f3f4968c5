/*
 * PNC and CRO check letters after the published Ministry of Justice
 * algorithm (mod 23 over a 23-letter alphabet without I, O and S);
 * postcodes with the UK government pattern through PCRE2.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/diag.h"
#include "kinds/ident.h"

static const char check_alpha[] = "ZABCDEFGHJKLMNPQRTUVWXY";

/* Longest input, spaces removed, worth looking at. */
#define SQUEEZE_MAX 32

/*
 * Copies s without blanks, upper-cased, to buf; returns its length, or
 * -1 when it is longer than SQUEEZE_MAX.
 */
static int
squeeze(const char *s, size_t n, char *buf)
{
	size_t i;
	int k = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t')
			continue;
		if (k == SQUEEZE_MAX)
			return -1;
		buf[k++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
	}
	buf[k] = '\0';
	return k;
}

static int
all_digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static long
to_long(const char *s, int n)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

char
ident_pnc_check(int yy, long serial)
{
	return check_alpha[((long long)yy * 10000000LL + serial) % 23];
}

static int
current_year(void)
{
	static int year;
	time_t t;
	struct tm tm;

	if (year == 0) {
		t = time(NULL);
		year = localtime_r(&t, &tm) != NULL ? tm.tm_year + 1900 : 2000;
	}
	return year;
}

int
ident_pnc(const char *s, size_t n, int this_year, char *out)
{
	char b[SQUEEZE_MAX + 1];
	const char *slash, *yp, *sp;
	int len, ylen, slen, year;
	long serial;
	char check;

	if ((len = squeeze(s, n, b)) < 3)
		return IDENT_EFORMAT;
	check = b[len - 1];
	if (check < 'A' || check > 'Z')
		return IDENT_EFORMAT;
	len--;
	slash = memchr(b, '/', (size_t)len);
	if (slash != NULL) {
		yp = b;
		ylen = (int)(slash - b);
		sp = slash + 1;
		slen = len - ylen - 1;
	} else if (len == 11) {
		yp = b;
		ylen = 4;
		sp = b + 4;
		slen = 7;
	} else {
		yp = b;
		ylen = 2;
		sp = b + 2;
		slen = len - 2;
	}
	if ((ylen != 2 && ylen != 4) || slen < 1 || slen > 7 ||
	    !all_digits(yp, ylen) || !all_digits(sp, slen))
		return IDENT_EFORMAT;
	serial = to_long(sp, slen);
	year = (int)to_long(yp, ylen);
	if (ylen == 2) {
		if (this_year == 0)
			this_year = current_year();
		year += year <= this_year % 100 ? 2000 : 1900;
	}
	if (ident_pnc_check(year % 100, serial) != check)
		return IDENT_ECHECK;
	/* By hand rather than snprintf(): this runs on every row. */
	for (len = 3; len >= 0; len--, year /= 10)
		out[len] = (char)('0' + year % 10);
	out[4] = '/';
	for (len = 11; len >= 5; len--, serial /= 10)
		out[len] = (char)('0' + serial % 10);
	out[12] = check;
	out[13] = '\0';
	return IDENT_OK;
}

char
ident_cro_check(int yy, const char *serial, size_t len)
{
	long long v = yy;
	size_t i;

	for (i = 0; i < len; i++)
		v = v * 10 + (serial[i] - '0');
	return check_alpha[v % 23];
}

int
ident_cro(const char *s, size_t n, char *out)
{
	char b[SQUEEZE_MAX + 1], pad[7];
	const char *slash;
	int len, slen, yy;
	char check;

	if ((len = squeeze(s, n, b)) < 5)
		return IDENT_EFORMAT;
	check = b[len - 1];
	if (check < 'A' || check > 'Z')
		return IDENT_EFORMAT;
	len--;
	if (b[0] == 'S' && b[1] == 'F') {
		/* SFYY/N{1,6} */
		if (len < 6 || b[4] != '/' || !all_digits(b + 2, 2))
			return IDENT_EFORMAT;
		slen = len - 5;
		if (slen < 1 || slen > 6 || !all_digits(b + 5, slen))
			return IDENT_EFORMAT;
		yy = (int)to_long(b + 2, 2);
		if (ident_cro_check(yy, b + 5, (size_t)slen) != check)
			return IDENT_ECHECK;
		snprintf(out, IDENT_CRO_SIZE, "SF%02d/%.*s%c", yy, slen, b + 5,
		    check);
		return IDENT_OK;
	}
	/* N{1,6}/YY */
	if ((slash = memchr(b, '/', (size_t)len)) == NULL)
		return IDENT_EFORMAT;
	slen = (int)(slash - b);
	if (slen < 1 || slen > 6 || len - slen - 1 != 2 ||
	    !all_digits(b, slen) || !all_digits(slash + 1, 2))
		return IDENT_EFORMAT;
	yy = (int)to_long(slash + 1, 2);
	snprintf(pad, sizeof(pad), "%06ld", to_long(b, slen));
	if (ident_cro_check(yy, pad, 6) != check)
		return IDENT_ECHECK;
	snprintf(out, IDENT_CRO_SIZE, "%s/%02d%c", pad, yy, check);
	return IDENT_OK;
}

int
ident_phone(const char *s, size_t n, char *out)
{
	char b[SQUEEZE_MAX + 1];
	size_t i, k = 0, skip = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t' || c == '-' || c == '(' || c == ')')
			continue;
		if (k == SQUEEZE_MAX)
			return IDENT_EFORMAT;
		b[k++] = c;
	}
	b[k] = '\0';
	if (k >= 3 && memcmp(b, "+44", 3) == 0)
		skip = 3;
	else if (k >= 4 && memcmp(b, "0044", 4) == 0)
		skip = 4;
	/* The national 0 comes back in place of the country code. */
	if (skip > 0 && b[skip] != '0')
		b[--skip] = '0';
	k -= skip;
	if (k < 10 || k > 11 || b[skip] != '0' || !all_digits(b + skip, (int)k))
		return IDENT_EFORMAT;
	memcpy(out, b + skip, k);
	out[k] = '\0';
	return IDENT_OK;
}

int
ident_email(const char *s, size_t n, char *out)
{
	size_t i, at = 0, nat = 0, dot = 0;

	while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == 0x7f)
			return IDENT_EFORMAT;
		if (c == '@') {
			at = i;
			nat++;
		}
	}
	if (nat != 1 || at == 0)
		return IDENT_EFORMAT;
	/* A dot inside the domain: after its first character, before its
	 * last. */
	for (i = at + 2; i + 1 < n; i++)
		if (s[i] == '.')
			dot = i;
	if (dot == 0)
		return IDENT_EFORMAT;
	for (i = 0; i < n; i++) {
		char c = s[i];

		out[i] = i > at && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	out[n] = '\0';
	return IDENT_OK;
}

struct ident_pattern {
	pcre2_code *re;
	pcre2_match_data *md;
};

static struct ident_pattern *
compile(const char *re, char *err, size_t errsz)
{
	struct ident_pattern *p;
	int ec;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[120];
	pcre2_code *code;

	code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
	    &ec, &off, NULL);
	if (code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errsz, "bad pattern at offset %zu: %s",
		    (size_t)off, (char *)msg);
		return NULL;
	}
	/* JIT is an optimisation: without it, matching still works. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	p = xmalloc(sizeof(*p));
	p->re = code;
	p->md = pcre2_match_data_create_from_pattern(code, NULL);
	if (p->md == NULL)
		diag_nomem();
	return p;
}

struct ident_pattern *
ident_pattern_new(const char *re, char *err, size_t errsz)
{
	return compile(re, err, errsz);
}

int
ident_pattern_match(struct ident_pattern *p, const char *s, size_t n)
{
	return pcre2_match(p->re, (PCRE2_SPTR)s, n, 0, 0, p->md, NULL) >= 0;
}

void
ident_pattern_free(struct ident_pattern *p)
{
	if (p == NULL)
		return;
	pcre2_match_data_free(p->md);
	pcre2_code_free(p->re);
	free(p);
}

/*
 * Cabinet Office bulk data transfer pattern, with the outer group that
 * many copies leave out (without it ^ and $ bind only to the first and
 * last alternatives).
 */
static const char postcode_re[] =
    "^(GIR 0A{2}|(([A-Z][0-9]{1,2})|([A-Z][A-HJ-Y][0-9]{1,2})|"
    "([A-Z][0-9][A-Z])|([A-Z][A-HJ-Y][0-9]?[A-Z])) [0-9][A-Z]{2})$";

static struct ident_pattern *postcode_pat;

static void
postcode_free(void)
{
	ident_pattern_free(postcode_pat);
	postcode_pat = NULL;
}

int
ident_postcode(const char *s, size_t n, char *out)
{
	char b[SQUEEZE_MAX + 1], err[160];
	int len;

	if ((len = squeeze(s, n, b)) < 5 || len > 7)
		return IDENT_EFORMAT;
	if (postcode_pat == NULL) {
		/* The pattern is fixed and compiled by the unit tests:
		 * only memory can fail it here. */
		if ((postcode_pat = compile(postcode_re, err,
		    sizeof(err))) == NULL)
			diag_nomem();
		atexit(postcode_free);
	}
	memcpy(out, b, (size_t)len - 3);
	out[len - 3] = ' ';
	memcpy(out + len - 2, b + len - 3, 3);
	out[len + 1] = '\0';
	if (!ident_pattern_match(postcode_pat, out, (size_t)len + 1))
		return IDENT_EFORMAT;
	return IDENT_OK;
}
