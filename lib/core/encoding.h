/*
 * Text encodings of exports: UTF-8 checking, and CP1252 or Latin-1
 * converted to UTF-8, one line at a time, as a lib/csvio line filter
 * (csvr_opts.filter), so that the raw bytes kept for rejects stay the
 * original ones.
 *
 * The conversion table is built once with iconv(3) when the converter
 * is made; converting a line is then a table lookup per byte, into a
 * buffer that grows to the longest line and is reused.
 */
#ifndef VAWG_ENCODING_H
#define VAWG_ENCODING_H

#include <stddef.h>

#include "core/utf8.h"

enum enc {
	ENC_AUTO = 0,	/* UTF-8 lines pass; other lines are CP1252 */
	ENC_UTF8,	/* a line that is not UTF-8 is refused */
	ENC_CP1252,	/* every line is Windows-1252 */
	ENC_LATIN1,	/* every line is ISO-8859-1 */
};

/*
 * Parses an --encoding name: "auto", "utf-8" or "utf8", "cp1252" or
 * "windows-1252", "latin1" or "iso-8859-1" (any case).  Returns 0, or
 * -1 for any other name.
 */
int enc_parse(const char *name, enum enc *e);

/* The canonical name of e ("auto", "utf-8", "cp1252", "latin1"). */
const char *enc_name(enum enc e);

/* utf8_valid(), the UTF-8 check, is in lib/utf8. */

struct enc_conv;
struct vawg_err;

/*
 * A converter for e; free it with enc_free().  Returns NULL with err
 * set (70, "iconv cannot convert from CP1252") when iconv(3) does not
 * know CP1252 or ISO-8859-1.
 */
struct enc_conv *enc_new(enum enc e, struct vawg_err *err);
void enc_free(struct enc_conv *c);

/*
 * The csvr_filter_fn: ctx is a struct enc_conv.  Sets *out to the line
 * itself when it needs no change, or to the converter's buffer (valid
 * until the next call) holding the UTF-8 text.  Returns -1 when the line
 * cannot be read in the chosen encoding: not UTF-8 under ENC_UTF8, or a
 * byte CP1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) under
 * ENC_AUTO or ENC_CP1252.
 */
int enc_filter(void *ctx, const char *in, size_t len, const char **out,
    size_t *outlen);

/* Lines converted to UTF-8 so far, and lines refused. */
unsigned long enc_converted(const struct enc_conv *c);
unsigned long enc_refused(const struct enc_conv *c);

#endif
