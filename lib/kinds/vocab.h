/*
 * The value vocabularies of the typed columns, as data: the words source
 * systems write for a flag, a sex, an order's or a disclosure's decision,
 * a DVDS route or channel, and the canonical value each means.  Words are
 * compared as slugs (vocab_slug(): "Order Made" is "order_made").
 */
#ifndef VAWG_VOCAB_H
#define VAWG_VOCAB_H

#include <stddef.h>

#include "kinds/schema.h"

struct vocab_word {
	const char *from;	/* a slug */
	const char *to;		/* its canonical value ("" for unknown) */
};

struct vocab {
	enum col_type type;
	const struct vocab_word *words;	/* ends with { NULL, NULL } */
	const char *values;	/* the canonical values, '|'-separated */
	/*
	 * A word not in the list: with other NULL, a field fault worded by
	 * problem ("not Y or N"); else the value other.
	 */
	const char *problem;
	const char *other;
};

/* The vocabulary of columns of type t, or NULL when t has none. */
const struct vocab *vocab_of(enum col_type t);

/* The canonical value of slug s in v, or NULL when s is not listed. */
const char *vocab_lookup(const struct vocab *v, const char *s);

/*
 * Lower snake_case of s[0..n) into out (room for 2 * n + 8 bytes):
 * letters lower-cased, other bytes from 0x80 kept, "&" is "and", runs of
 * anything else one "_", none at either end.  Returns the length.
 */
size_t vocab_slug(const char *s, size_t n, char *out);

#endif
