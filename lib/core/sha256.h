/*
 * SHA-256, incremental, for recording which inputs a run read (the
 * audit lines of the packs): Nettle's, which uses the processor's SHA
 * instructions where it has them.  No allocation; a context lives on
 * the stack.
 */
#ifndef VAWG_SHA256_H
#define VAWG_SHA256_H

#include <stddef.h>

#include <nettle/sha2.h>

#define SHA256_LEN 32		/* digest bytes */
#define SHA256_HEXLEN 64	/* digest as lower-case hex, without NUL */

struct sha256 {
	struct sha256_ctx ctx;
};

/* Starts a new digest. */
void sha256_begin(struct sha256 *c);

/* Adds n bytes of message. */
void sha256_add(struct sha256 *c, const void *p, size_t n);

/* Ends the message and writes the 32-byte digest; c must be begun again
 * before reuse. */
void sha256_end(struct sha256 *c, unsigned char out[SHA256_LEN]);

/* Ends the message and writes the digest as 64 lower-case hex digits and
 * a NUL into hex (at least SHA256_HEXLEN + 1 bytes). */
void sha256_end_hex(struct sha256 *c, char *hex);

#endif
