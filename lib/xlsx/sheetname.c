/*
 * Excel worksheet names.  Names are compared after Unicode case folding
 * (lib/utf8): Excel refuses two sheets whose names differ only in case,
 * in any script.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/hmap.h"
#include "xlsx/sheetname.h"
#include "core/utf8.h"

struct sheetnames {
	struct hmap *folded;	/* lower-case names in use */
	char **names;
	size_t n, cap;
};

static char *
fold(const char *s, size_t *len)
{
	size_t n = strlen(s), cap = 3 * n + 1, k;
	char *f = xmalloc(cap);

	/* Folding grows a character to three at most (ΐ). */
	while ((k = utf8_casefold(s, n, f, cap)) == (size_t)-1) {
		cap *= 2;
		f = xrealloc(f, cap);
	}
	*len = k;
	return f;
}

int
sheetnames_has(const struct sheetnames *s, const char *name)
{
	size_t n;
	char *f = fold(name, &n);
	int has = hmap_slot(s->folded, f, n, 0, NULL) != NULL;

	free(f);
	return has;
}

static void
take(struct sheetnames *s, const char *name)
{
	size_t n;
	char *f = fold(name, &n);

	hmap_slot(s->folded, f, n, 1, NULL);
	free(f);
}

struct sheetnames *
sheetnames_new(void)
{
	struct sheetnames *s = xcalloc(1, sizeof(*s));

	s->folded = hmap_new();
	/* Excel keeps this name for its change history. */
	take(s, "History");
	return s;
}

void
sheetnames_free(struct sheetnames *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	hmap_free(s->folded);
	free(s);
}

/* Byte length of the first max characters of s. */
static size_t
prefix_bytes(const char *s, size_t max)
{
	return utf8_prefix(s, strlen(s), max);
}

const char *
sheetnames_add(struct sheetnames *s, const char *want, int *changes)
{
	size_t len = strlen(want), i, blen;
	char *clean = xmalloc(3 * len + 1), *name;
	int ch = 0, trunc, k;

	utf8_fix(want, len, clean, (size_t)-1, &trunc);
	if (utf8_valid_prefix(want, len) != len)
		ch |= SHEETNAME_REPLACED;
	for (i = 0; clean[i] != '\0'; i++) {
		unsigned char c = (unsigned char)clean[i];

		if (c < 0x20 || strchr("[]:*?/\\", c) != NULL) {
			clean[i] = '_';
			ch |= SHEETNAME_REPLACED;
		}
	}
	len = i;
	if (len > 0 && clean[0] == '\'') {
		clean[0] = '_';
		ch |= SHEETNAME_REPLACED;
	}
	if (len == 0) {
		free(clean);
		clean = xstrdup("Sheet");
		ch |= SHEETNAME_EMPTY;
	}
	blen = prefix_bytes(clean, SHEETNAME_MAX);
	if (clean[blen] != '\0') {
		clean[blen] = '\0';
		ch |= SHEETNAME_TRUNCATED;
	}
	len = strlen(clean);
	if (clean[len - 1] == '\'') {
		clean[len - 1] = '_';
		ch |= SHEETNAME_REPLACED;
	}
	name = xmalloc(strlen(clean) + 32);
	strcpy(name, clean);
	for (k = 2; sheetnames_has(s, name); k++) {
		char suffix[24];
		int sl = snprintf(suffix, sizeof(suffix), " (%d)", k);

		blen = prefix_bytes(clean, SHEETNAME_MAX - (size_t)sl);
		memcpy(name, clean, blen);
		strcpy(name + blen, suffix);
		ch |= SHEETNAME_RENAMED;
	}
	free(clean);
	take(s, name);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->names = xreallocarray(s->names, s->cap, sizeof(*s->names));
	}
	s->names[s->n++] = name;
	if (changes != NULL)
		*changes = ch;
	return name;
}
