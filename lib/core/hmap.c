/*
 * Open-addressing hash map with linear probing.  Entries live in an array
 * in insertion order (so iteration is deterministic); the table holds
 * indexes into it with the high bits of the hash, so that most failed
 * probes are rejected without touching the key.
 */
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/hmap.h"

struct entry {
	const char *key;
	size_t len;
	uint64_t hash;
	uintptr_t value;
};

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

struct hmap {
	uint64_t *table;	/* 0 = empty, else the hash's high 32 bits,
				   then entry index + 1 */
	size_t mask;
	struct entry *ent;
	size_t n, cap;
	struct chunk *arena;
};

uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xFF51AFD7ED558CCDULL);
	uint64_t w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h ^= w * 0x87C37B91114253D5ULL;
		h = (h << 31 | h >> 33) * 0x4CF5AD432745937FULL;
		s += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, s, n);
	h ^= w * 0x87C37B91114253D5ULL;
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 33;
	return h;
}

struct hmap *
hmap_new(void)
{
	struct hmap *h = xcalloc(1, sizeof(*h));

	h->mask = 63;
	h->table = xcalloc(h->mask + 1, sizeof(*h->table));
	h->cap = 32;
	h->ent = xmalloc(h->cap * sizeof(*h->ent));
	return h;
}

void
hmap_free(struct hmap *h)
{
	struct chunk *c, *next;

	if (h == NULL)
		return;
	for (c = h->arena; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(h->table);
	free(h->ent);
	free(h);
}

char *
hmap_strdup(struct hmap *h, const char *s, size_t n)
{
	struct chunk *c = h->arena;
	char *p;

	if (c == NULL || c->size - c->used < n + 1) {
		size_t sz = n + 1 > 65536 ? n + 1 : 65536;

		c = xmalloc(sizeof(*c) + sz);
		c->next = h->arena;
		c->used = 0;
		c->size = sz;
		h->arena = c;
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

/* A table slot: the hash's high half, then entry index + 1. */
static uint64_t
slot_of(uint64_t hv, size_t i)
{
	return (hv & 0xFFFFFFFF00000000ULL) | (uint64_t)(i + 1);
}

static void
grow(struct hmap *h)
{
	size_t i, nmask = h->mask * 2 + 1;
	uint64_t *nt = xcalloc(nmask + 1, sizeof(*nt));

	for (i = 0; i < h->n; i++) {
		size_t j = h->ent[i].hash & nmask;

		while (nt[j] != 0)
			j = (j + 1) & nmask;
		nt[j] = slot_of(h->ent[i].hash, i);
	}
	free(h->table);
	h->table = nt;
	h->mask = nmask;
}

void
hmap_prefetch(const struct hmap *h, uint64_t hv)
{
#ifdef __GNUC__
	__builtin_prefetch(&h->table[hv & h->mask]);
#else
	(void)h;
	(void)hv;
#endif
}

uintptr_t *
hmap_slot(struct hmap *h, const char *key, size_t len, int create,
    int *created)
{
	return hmap_slot_hash(h, key, len, hash_bytes(key, len), create,
	    created);
}

uintptr_t *
hmap_slot_hash(struct hmap *h, const char *key, size_t len, uint64_t hv,
    int create, int *created)
{
	size_t j = hv & h->mask;
	struct entry *e;

	if (created != NULL)
		*created = 0;
	for (;;) {
		uint64_t t = h->table[j];

		if (t == 0)
			break;
		/* The entry is read only when the hash's high half agrees. */
		if ((t ^ hv) >> 32 == 0) {
			e = &h->ent[(uint32_t)t - 1];
			if (e->hash == hv && e->len == len &&
			    memcmp(e->key, key, len) == 0)
				return &e->value;
		}
		j = (j + 1) & h->mask;
	}
	if (!create)
		return NULL;
	/* Four thousand million keys: memory, by any other name. */
	if (h->n >= UINT32_MAX - 1)
		diag_nomem();
	if (h->n == h->cap) {
		h->cap *= 2;
		h->ent = xreallocarray(h->ent, h->cap, sizeof(*h->ent));
	}
	e = &h->ent[h->n];
	e->key = hmap_strdup(h, key, len);
	e->len = len;
	e->hash = hv;
	e->value = 0;
	h->table[j] = slot_of(hv, h->n++);
	if (created != NULL)
		*created = 1;
	if (h->n * 4 > (h->mask + 1) * 3) {
		grow(h);
	}
	return &h->ent[h->n - 1].value;
}

size_t
hmap_count(const struct hmap *h)
{
	return h->n;
}

int
hmap_next(const struct hmap *h, size_t *it, const char **key, size_t *len,
    uintptr_t *value)
{
	if (*it >= h->n)
		return 0;
	if (key != NULL)
		*key = h->ent[*it].key;
	if (len != NULL)
		*len = h->ent[*it].len;
	if (value != NULL)
		*value = h->ent[*it].value;
	(*it)++;
	return 1;
}
