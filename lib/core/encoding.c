/*
 * iconv(3) is asked once for what each byte 0x80-0xFF means, and the
 * answers kept in a table: calling iconv on every line of a million-row
 * export would cost more than the rest of the ingest.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/encoding.h"

struct enc_conv {
	enum enc e;
	unsigned char map[128][4];	/* UTF-8 of byte 0x80+i; [3] = length */
	char *buf;
	size_t bufsz;
	unsigned long converted, refused;
};

int
enc_parse(const char *name, enum enc *e)
{
	static const struct { const char *name; enum enc e; } t[] = {
		{ "auto", ENC_AUTO }, { "utf-8", ENC_UTF8 }, { "utf8", ENC_UTF8 },
		{ "cp1252", ENC_CP1252 }, { "windows-1252", ENC_CP1252 },
		{ "latin1", ENC_LATIN1 }, { "iso-8859-1", ENC_LATIN1 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcasecmp(name, t[i].name) == 0) {
			*e = t[i].e;
			return 0;
		}
	return -1;
}

const char *
enc_name(enum enc e)
{
	switch (e) {
	case ENC_AUTO:
		return "auto";
	case ENC_UTF8:
		return "utf-8";
	case ENC_CP1252:
		return "cp1252";
	case ENC_LATIN1:
		return "latin1";
	}
	return "?";
}

/*
 * Fills c->map from iconv; bytes it refuses get length 0.  Returns 0,
 * or 70 with err set when iconv does not know from.
 */
static int
build_map(struct enc_conv *c, const char *from, struct vawg_err *err)
{
	iconv_t cd;
	int i;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return err_set(err, EX_SOFTWARE, "iconv cannot convert from %s",
		    from);
	for (i = 0; i < 128; i++) {
		char in = (char)(0x80 + i), out[4];
		char *ip = &in, *op = out;
		size_t il = 1, ol = sizeof(out);

		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0) {
			c->map[i][3] = 0;
			continue;
		}
		memcpy(c->map[i], out, (size_t)(op - out));
		c->map[i][3] = (unsigned char)(op - out);
	}
	iconv_close(cd);
	return 0;
}

struct enc_conv *
enc_new(enum enc e, struct vawg_err *err)
{
	struct enc_conv *c = xcalloc(1, sizeof(*c));
	int rc = 0;

	c->e = e;
	if (e == ENC_LATIN1)
		rc = build_map(c, "ISO-8859-1", err);
	else if (e != ENC_UTF8)
		rc = build_map(c, "CP1252", err);
	if (rc != 0) {
		free(c);
		return NULL;
	}
	return c;
}

void
enc_free(struct enc_conv *c)
{
	if (c == NULL)
		return;
	free(c->buf);
	free(c);
}

static int
convert(struct enc_conv *c, const char *in, size_t len, const char **out,
    size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i, k = 0;

	if (c->bufsz < len * 3 + 1) {
		c->bufsz = len * 3 + 64;
		c->buf = xrealloc(c->buf, c->bufsz);
	}
	for (i = 0; i < len; i++) {
		if (p[i] < 0x80) {
			c->buf[k++] = (char)p[i];
			continue;
		}
		if (c->map[p[i] - 0x80][3] == 0) {
			c->refused++;
			return -1;
		}
		memcpy(c->buf + k, c->map[p[i] - 0x80], c->map[p[i] - 0x80][3]);
		k += c->map[p[i] - 0x80][3];
	}
	c->converted++;
	*out = c->buf;
	*outlen = k;
	return 0;
}

int
enc_filter(void *ctx, const char *in, size_t len, const char **out,
    size_t *outlen)
{
	struct enc_conv *c = ctx;

	if (c->e == ENC_AUTO || c->e == ENC_UTF8) {
		if (utf8_valid(in, len)) {
			*out = in;
			*outlen = len;
			return 0;
		}
		if (c->e == ENC_UTF8) {
			c->refused++;
			return -1;
		}
	} else {
		size_t i;

		/* Plain ASCII needs no copy. */
		for (i = 0; i < len; i++)
			if ((unsigned char)in[i] >= 0x80)
				break;
		if (i == len) {
			*out = in;
			*outlen = len;
			return 0;
		}
	}
	return convert(c, in, len, out, outlen);
}

unsigned long
enc_converted(const struct enc_conv *c)
{
	return c->converted;
}

unsigned long
enc_refused(const struct enc_conv *c)
{
	return c->refused;
}
