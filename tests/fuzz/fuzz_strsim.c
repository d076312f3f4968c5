/*
 * libFuzzer harness: name comparisons (lib/strsim).  The input is two
 * names separated by a newline.  Normalised names are UTF-8 without
 * lower-case ASCII, single-spaced, and fit their buffer, and normalising
 * one again changes nothing; similarities lie in [0, 1], a name is wholly
 * like itself; NYSIIS codes are valid UTF-8 within STRSIM_PHON_MAX, A-Z
 * for a name in A-Z; a name is never a nickname of itself; splitting
 * fits its buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "persons/strsim.h"
#include "core/utf8.h"

static void
check_norm(const char *s, size_t n, char *out)
{
	char again[STRSIM_NAME_MAX];
	size_t len, i;

	len = strsim_norm(s, n, out, STRSIM_NAME_MAX);
	if (len >= STRSIM_NAME_MAX || out[len] != '\0' ||
	    !utf8_valid(out, len) || memchr(out, '\0', len) != NULL)
		abort();
	for (i = 0; i < len; i++)
		if ((out[i] >= 'a' && out[i] <= 'z') || (out[i] > 0 &&
		    out[i] < '0' && out[i] != ' '))
			abort();
	if (strsim_norm(out, len, again, sizeof again) != len ||
	    memcmp(out, again, len) != 0)
		abort();
	if (len > 0 && (out[0] == ' ' || out[len - 1] == ' ' ||
	    strstr(out, "  ") != NULL))
		abort();
}

static void
check_sim(double v)
{
	if (!(v >= 0.0 && v <= 1.0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nl;
	char a[STRSIM_NAME_MAX], b[STRSIM_NAME_MAX];
	char fore[STRSIM_NAME_MAX], sur[STRSIM_NAME_MAX];
	char pa[STRSIM_PHON_MAX], *copy;
	uint32_t groups[8];
	size_t na, nb, len, i, k;

	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(copy, s, size);
	nl = memchr(copy, '\n', size);
	na = nl != NULL ? (size_t)(nl - copy) : size;
	check_norm(copy, na, a);
	check_norm(nl != NULL ? nl + 1 : copy + size,
	    nl != NULL ? size - na - 1 : 0, b);
	na = strlen(a);
	nb = strlen(b);

	check_sim(strsim_jaro(a, na, b, nb));
	check_sim(strsim_jaro_winkler(a, na, b, nb));
	if (na > 0 && strsim_jaro_winkler(a, na, a, na) < 1.0 - 1e-9)
		abort();
	/* Raw bytes too: the comparisons must take any input. */
	check_sim(strsim_jaro_winkler(copy, size / 2, copy + size / 2,
	    size - size / 2));

	len = strsim_nysiis(a, na, pa);
	if (len >= STRSIM_PHON_MAX || pa[len] != '\0')
		abort();
	if (!utf8_valid(pa, len))
		abort();
	for (i = 0; i < na && (a[i] == ' ' || (a[i] >= 'A' && a[i] <= 'Z'));
	    i++)
		;
	for (k = 0; i == na && k < len; k++)
		if (pa[k] < 'A' || pa[k] > 'Z')
			abort();
	(void)strsim_nysiis(copy, size, pa);

	k = strsim_nick_groups(a, na, groups, 8);
	for (i = 1; i < k && i < 8; i++)
		if (groups[i] <= groups[i - 1])
			abort();
	if (strsim_nick_equiv(a, na, a, na) != 0)
		abort();
	(void)strsim_nick_equiv(a, na, b, nb);

	strsim_split_name(copy, size, fore, sur);
	if (memchr(fore, '\0', sizeof(fore)) == NULL ||
	    memchr(sur, '\0', sizeof(sur)) == NULL)
		abort();
	free(copy);
	return 0;
}
