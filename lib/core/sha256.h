/*
 * SHA-256 (FIPS 180-4), incremental, for recording which inputs a run
 * read (the audit line of vawg-marac-pack).  No allocation; a context
 * lives on the stack.
 */
#ifndef VAWG_SHA256_H
#define VAWG_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32		/* digest bytes */
#define SHA256_HEXLEN 64	/* digest as lower-case hex, without NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes;	/* message length so far */
	unsigned char buf[64];	/* partial block */
	size_t nbuf;
};

/* Starts a new digest. */
void sha256_init(struct sha256 *c);

/* Adds n bytes of message. */
void sha256_update(struct sha256 *c, const void *p, size_t n);

/* Ends the message and writes the 32-byte digest; c must be re-initialised
 * before reuse. */
void sha256_final(struct sha256 *c, unsigned char out[SHA256_LEN]);

/* Ends the message and writes the digest as 64 lower-case hex digits and
 * a NUL into hex (at least SHA256_HEXLEN + 1 bytes). */
void sha256_final_hex(struct sha256 *c, char *hex);

#endif
