/*
 * SHA-256 through Nettle (FIPS 180-4); the unit tests check it against
 * the NIST example vectors.
 */
#include "core/sha256.h"

void
sha256_begin(struct sha256 *c)
{
	sha256_init(&c->ctx);
}

void
sha256_add(struct sha256 *c, const void *p, size_t n)
{
	sha256_update(&c->ctx, n, p);
}

void
sha256_end(struct sha256 *c, unsigned char out[SHA256_LEN])
{
	sha256_digest(&c->ctx, SHA256_LEN, out);
}

void
sha256_end_hex(struct sha256 *c, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[SHA256_LEN];
	int i;

	sha256_end(c, d);
	for (i = 0; i < SHA256_LEN; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[SHA256_HEXLEN] = '\0';
}
