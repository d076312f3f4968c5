/*
 * libFuzzer harness: PNC ID, CRO number and postcode validators
 * (lib/ident), and a user crime-reference pattern.  Whatever is
 * accepted must be in canonical form, fit its buffer, and be accepted
 * again unchanged (canonical forms are fixed points).  The first line
 * of the input is also compiled as a pattern and matched against the
 * rest.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kinds/ident.h"

/* Fills a buffer with a marker so that a write past the NUL shows. */
#define GUARD 0x5A

static void
fixed_point(int (*fn)(const char *, size_t, char *), const char *s,
    size_t n, size_t bufsz)
{
	char out[64], again[64];
	size_t len;

	memset(out, GUARD, sizeof(out));
	if (fn(s, n, out) != IDENT_OK)
		return;
	len = strnlen(out, sizeof(out));
	if (len >= bufsz || (unsigned char)out[bufsz] != GUARD)
		abort();
	if (fn(out, len, again) != IDENT_OK || strcmp(out, again) != 0)
		abort();
}

static int
pnc_2026(const char *s, size_t n, char *out)
{
	return ident_pnc(s, n, 2026, out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nl;
	char out[64], re[256], err[200];
	struct ident_pattern *p;
	char *copy;
	size_t relen;

	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(copy, s, size);
	fixed_point(pnc_2026, copy, size, IDENT_PNC_SIZE);
	fixed_point(ident_cro, copy, size, IDENT_CRO_SIZE);
	fixed_point(ident_postcode, copy, size, IDENT_POSTCODE_SIZE);
	if (ident_pnc(copy, size, 2026, out) == IDENT_OK) {
		/* The check letter is the one the algorithm gives. */
		int yy = (out[2] - '0') * 10 + (out[3] - '0');
		if (ident_pnc_check(yy, strtol(out + 5, NULL, 10)) != out[12])
			abort();
	}
	nl = memchr(copy, '\n', size);
	relen = nl != NULL ? (size_t)(nl - copy) : 0;
	if (nl != NULL && relen < sizeof(re) && memchr(copy, '\0', relen) ==
	    NULL) {
		memcpy(re, copy, relen);
		re[relen] = '\0';
		err[0] = '\0';
		if ((p = ident_pattern_new(re, err, sizeof(err))) != NULL) {
			(void)ident_pattern_match(p, nl + 1,
			    size - relen - 1);
			ident_pattern_free(p);
		} else if (err[0] == '\0') {
			abort();
		}
	}
	free(copy);
	return 0;
}
