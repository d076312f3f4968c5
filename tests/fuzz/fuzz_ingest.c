/*
 * libFuzzer harness: a whole ingest record, as vawg-ingest reads it
 * (its library has no single entry point): the CSV reader with the
 * encoding filter, the header matched to a record kind, and every
 * mapped field cleaned by its column type (dates, names, PNC IDs,
 * postcodes, blanks).  The first byte picks the kind and the encoding.
 * Every cleaned value must fit the buffer the header promises is
 * enough, and a converted line must be valid UTF-8.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds/schema.h"
#include "core/csvio.h"
#include "core/dateparse.h"
#include "core/dates.h"
#include "core/encoding.h"
#include "kinds/ident.h"
#include "persons/normalize.h"

static const char *const kinds[] = { "crime", "wanted", "order", "marac",
    "disclosure", "engagement", "population" };

static struct enc_conv *convs[4];

static void
clean(enum colmap_type t, const char *s, size_t n,
    const struct dateparse_opts *dopts)
{
	char out[64], title[NORM_TITLE_SIZE], *buf;
	int32_t day;
	size_t len;

	switch (t) {
	case COL_DATE:
	case COL_DATE_AHEAD:
		if (dateparse(dopts, s, n, &day) == DATEPARSE_OK) {
			date_format(day, out);
			if (strlen(out) != 10)
				abort();
		}
		break;
	case COL_PNC:
		if (ident_pnc(s, n, 2026, out) == IDENT_OK &&
		    strlen(out) != IDENT_PNC_SIZE - 1)
			abort();
		break;
	case COL_POSTCODE:
		if (ident_postcode(s, n, out) == IDENT_OK &&
		    strlen(out) >= IDENT_POSTCODE_SIZE)
			abort();
		break;
	case COL_NAME:
	default:
		if ((buf = malloc(n + 1)) == NULL)
			return;
		len = t == COL_NAME ? norm_name(s, n, buf, title) :
		    norm_space(s, n, buf);
		if (len > n || buf[len] != '\0')
			abort();
		free(buf);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvr_opts o = { .max_field = 4096, .max_record = 65536 };
	const struct colmap_kind *k;
	struct dateparse_opts dopts;
	struct enc_conv *conv;
	struct colmap m;
	const char **names;
	char err[1024];
	struct csvr *r;
	size_t i, nc;
	FILE *in;

	if (size == 0)
		return 0;
	k = colmap_kind(kinds[data[0] % 7]);
	/* Converters are made once: iconv builds their tables. */
	if (convs[(data[0] >> 3) % 4] == NULL)
		convs[(data[0] >> 3) % 4] = enc_new((enum enc)((data[0] >> 3) %
		    4));
	conv = convs[(data[0] >> 3) % 4];
	o.filter = enc_filter;
	o.filter_ctx = conv;
	dopts.order = data[0] & 0x80 ? DATEPARSE_MDY : DATEPARSE_DMY;
	dopts.as_of = date_from_ymd(2026, 10, 31);
	if ((in = fmemopen((void *)(data + 1), size - 1, "r")) == NULL)
		return 0;
	r = csvr_fdopen(in, "fuzz", &o);
	if (k != NULL && csvr_header(r) == CSVR_RECORD) {
		nc = csvr_ncols(r);
		names = malloc((nc ? nc : 1) * sizeof(*names));
		for (i = 0; i < nc; i++)
			names[i] = csvr_colname(r, i);
		if (colmap_match(k, NULL, names, nc, &m, err,
		    sizeof(err)) == 0) {
			while (csvr_next(r) == CSVR_RECORD) {
				if (csvr_recerr(r) != CSVR_OK)
					continue;
				for (i = 0; i < k->ncols; i++) {
					int c = m.src[i];

					if (c < 0)
						continue;
					clean(k->cols[i].type,
					    csvr_field(r, (size_t)c),
					    csvr_fieldlen(r, (size_t)c),
					    &dopts);
				}
				for (i = 0; i < csvr_nfields(r); i++)
					if (!utf8_valid(csvr_field(r, i),
					    csvr_fieldlen(r, i)))
						abort();
			}
			colmap_free(&m);
		} else if (err[0] == '\0') {
			abort();
		}
		free(names);
	}
	csvr_close(r);
	fclose(in);
	return 0;
}
