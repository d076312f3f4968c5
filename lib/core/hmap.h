/*
 * A hash map from byte strings to one pointer-sized value, and a string
 * arena.  Keys are copied once into the map's arena; lookups hash the key
 * once.  Memory grows with the number of distinct keys.
 */
#ifndef VAWG_HMAP_H
#define VAWG_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap;

/* 64-bit hash of n bytes. */
uint64_t hash_bytes(const void *p, size_t n);

/* A new empty map. */
struct hmap *hmap_new(void);

/* Frees the map, its keys and its arena (not what values point to). */
void hmap_free(struct hmap *h);

/*
 * Finds key; when absent and create is non-zero, adds it with value 0
 * and sets *created (when not NULL).  Returns a pointer to the value
 * slot, valid until the next insertion, or NULL when absent and not
 * created.
 */
uintptr_t *hmap_slot(struct hmap *h, const char *key, size_t len, int create,
    int *created);

/*
 * hmap_slot() of a key whose hash_bytes() is hv.  hmap_prefetch(h, hv)
 * first asks for the key's place in the table, so that the lookups of
 * several keys overlap their waits for memory.
 */
uintptr_t *hmap_slot_hash(struct hmap *h, const char *key, size_t len,
    uint64_t hv, int create, int *created);
void hmap_prefetch(const struct hmap *h, uint64_t hv);

/* Number of keys. */
size_t hmap_count(const struct hmap *h);

/*
 * Iterates: *it starts at 0; returns 1 and sets key, len and value for
 * each entry in insertion order, then 0.
 */
int hmap_next(const struct hmap *h, size_t *it, const char **key, size_t *len,
    uintptr_t *value);

/*
 * Copies n bytes plus a NUL into the map's arena and returns the copy;
 * it lives as long as the map.
 */
char *hmap_strdup(struct hmap *h, const char *s, size_t n);

#endif
