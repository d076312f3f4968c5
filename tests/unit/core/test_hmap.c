/*
 * Unit tests of lib/hmap: insertion, lookup, growth, insertion order,
 * lookups with the hash given.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/hmap.h"

static void
test_basic(void **state)
{
	struct hmap *h = hmap_new();
	uintptr_t *v;
	int created;

	(void)state;
	v = hmap_slot(h, "SMITH", 5, 1, &created);
	assert_true(created);
	*v = 7;
	v = hmap_slot(h, "SMITH", 5, 1, &created);
	assert_false(created);
	assert_int_equal(*v, 7);
	assert_null(hmap_slot(h, "SMITHS", 6, 0, NULL));
	assert_null(hmap_slot(h, "SMIT", 4, 0, NULL));
	/* Keys are bytes: an embedded NUL is part of the key. */
	v = hmap_slot(h, "a\0b", 3, 1, &created);
	assert_true(created);
	assert_null(hmap_slot(h, "a", 1, 0, NULL));
	v = hmap_slot(h, "", 0, 1, &created);
	assert_true(created);
	assert_int_equal(hmap_count(h), 3);
	hmap_free(h);
}

static void
test_many(void **state)
{
	struct hmap *h = hmap_new();
	char key[32];
	size_t i, it = 0, n = 200000, len;
	const char *k;
	uintptr_t val;

	(void)state;
	for (i = 0; i < n; i++) {
		int len2 = snprintf(key, sizeof(key), "key-%zu", i);

		*hmap_slot(h, key, (size_t)len2, 1, NULL) = i;
	}
	assert_int_equal(hmap_count(h), n);
	for (i = 0; i < n; i += 997) {
		int len2 = snprintf(key, sizeof(key), "key-%zu", i);
		uintptr_t *v = hmap_slot(h, key, (size_t)len2, 0, NULL);

		assert_non_null(v);
		assert_int_equal(*v, i);
	}
	/* Iteration follows insertion order. */
	for (i = 0; hmap_next(h, &it, &k, &len, &val); i++) {
		snprintf(key, sizeof(key), "key-%zu", i);
		assert_string_equal(k, key);
		assert_int_equal(val, i);
	}
	assert_int_equal(i, n);
	hmap_free(h);
}

/* A key looked up with its hash given is the key hmap_slot() finds. */
static void
test_hash_given(void **state)
{
	struct hmap *h = hmap_new();
	char key[32];
	size_t i, n = 5000;
	int created, len;
	uint64_t hv;

	(void)state;
	for (i = 0; i < n; i++) {
		len = snprintf(key, sizeof(key), "v%zu", i);
		hv = hash_bytes(key, (size_t)len);
		hmap_prefetch(h, hv);
		if (i % 2)
			*hmap_slot_hash(h, key, (size_t)len, hv, 1, &created) =
			    i;
		else
			*hmap_slot(h, key, (size_t)len, 1, &created) = i;
		assert_true(created);
	}
	for (i = 0; i < n; i++) {
		len = snprintf(key, sizeof(key), "v%zu", i);
		hv = hash_bytes(key, (size_t)len);
		assert_int_equal(*hmap_slot(h, key, (size_t)len, 0, NULL), i);
		assert_int_equal(*hmap_slot_hash(h, key, (size_t)len, hv, 1,
		    &created), i);
		assert_false(created);
	}
	assert_null(hmap_slot_hash(h, "w", 1, hash_bytes("w", 1), 0, NULL));
	assert_int_equal(hmap_count(h), n);
	hmap_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_hash_given),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
