/* File names from data values. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/hmap.h"
#include "pack/safename.h"

struct safenames {
	struct hmap *seen;	/* lower-cased names taken */
};

size_t
safename(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80 && (isalnum(c) || c == '-' || c == '_' ||
		    c == '.'))
			buf[n++] = (char)c;
		else
			buf[n++] = '_';
	}
	if (n == 0)
		buf[n++] = '_';
	if (buf[0] == '.' || buf[0] == '-')
		buf[0] = '_';
	buf[n] = '\0';
	return n;
}

static int
take(struct safenames *sn, const char *name, size_t n)
{
	char low[256];
	size_t i;
	int created;

	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	hmap_slot(sn->seen, low, n, 1, &created);
	return created;
}

struct safenames *
safenames_new(const char *const *reserved)
{
	struct safenames *sn = xmalloc(sizeof(*sn));

	sn->seen = hmap_new();
	for (; reserved != NULL && *reserved != NULL; reserved++)
		take(sn, *reserved, strlen(*reserved));
	return sn;
}

void
safenames_free(struct safenames *sn)
{
	if (sn == NULL)
		return;
	hmap_free(sn->seen);
	free(sn);
}

size_t
safename_unique(struct safenames *sn, const char *s, char *buf, size_t size)
{
	char suffix[24];
	size_t n = safename(s, buf, size), base = n, k;
	unsigned long i;

	for (i = 2; !take(sn, buf, n); i++) {
		k = (size_t)snprintf(suffix, sizeof(suffix), "-%lu", i);
		if (k + 1 >= size)
			return 0;	/* the buffer is too small */
		n = base + k + 1 > size ? size - 1 - k : base;
		memcpy(buf + n, suffix, k + 1);
		n += k;
	}
	return n;
}
