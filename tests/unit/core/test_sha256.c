/*
 * Unit tests of lib/sha256: the FIPS 180-4 example messages (digests as
 * published by NIST), padding boundaries (digests from Python's hashlib),
 * and updates split at every point giving the same digest.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/sha256.h"

static void
hex_of(const void *p, size_t n, char *hex)
{
	struct sha256 c;

	sha256_begin(&c);
	sha256_add(&c, p, n);
	sha256_end_hex(&c, hex);
}

static void
test_nist(void **state)
{
	static const struct {
		const char *msg, *hex;
	} t[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char hex[SHA256_HEXLEN + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		hex_of(t[i].msg, strlen(t[i].msg), hex);
		assert_string_equal(hex, t[i].hex);
	}
}

static void
test_million_a(void **state)
{
	struct sha256 c;
	char hex[SHA256_HEXLEN + 1], a[1000];
	int i;

	(void)state;
	memset(a, 'a', sizeof(a));
	sha256_begin(&c);
	for (i = 0; i < 1000; i++)
		sha256_add(&c, a, sizeof(a));
	sha256_end_hex(&c, hex);
	assert_string_equal(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the 56-byte padding limit and the 64-byte block. */
static void
test_boundaries(void **state)
{
	static const struct {
		size_t n;
		const char *hex;
	} t[] = {
		{ 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
		{ 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
		{ 57, "ae14a2563ccf969d99aca69ce6bb74981f734bbf9f655f73b8f06db68cab5217" },
		{ 63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2" },
		{ 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
		{ 65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9" },
		{ 119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c" },
		{ 120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98" },
		{ 128, "24da1b81d0b16df6428eee73c69fcb2a93c76bc6df706f0c6670fe6bfe800464" },
	};
	char x[128], hex[SHA256_HEXLEN + 1];
	size_t i;

	(void)state;
	memset(x, 'x', sizeof(x));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		hex_of(x, t[i].n, hex);
		assert_string_equal(hex, t[i].hex);
	}
}

static void
test_split_updates(void **state)
{
	char msg[200], one[SHA256_HEXLEN + 1], two[SHA256_HEXLEN + 1];
	struct sha256 c;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (char)(i * 7 + 3);
	hex_of(msg, sizeof(msg), one);
	for (i = 0; i <= sizeof(msg); i++) {
		sha256_begin(&c);
		sha256_add(&c, msg, i);
		for (j = i; j < sizeof(msg); j += 13)
			sha256_add(&c, msg + j,
			    sizeof(msg) - j < 13 ? sizeof(msg) - j : 13);
		sha256_end_hex(&c, two);
		assert_string_equal(one, two);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nist),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_split_updates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
