/*
 * libFuzzer harness: the CSV reader on arbitrary bytes, with a small
 * field limit so that the limits are exercised too, and every record
 * written back through the writer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvr_opts o = { .max_field = 256, .max_record = 4096 };
	FILE *in, *out;
	struct csvr *r;
	struct csvw *w;
	size_t rawlen;

	if (size == 0)
		return 0;
	/* The first byte picks the delimiter (or sniffing). */
	o.delim = "\0,;\t|"[data[0] % 5];
	if ((in = fmemopen((void *)(data + 1), size - 1, "r")) == NULL)
		return 0;
	out = fopen("/dev/null", "w");
	r = csvr_fdopen(in, "fuzz", &o);
	w = csvw_new(out, ',');
	if (csvr_header(r) == CSVR_RECORD) {
		csvw_header_from(w, r);
		csvw_end(w);
		while (csvr_next(r) == CSVR_RECORD) {
			if (csvr_raw(r, &rawlen) == NULL && rawlen > 0)
				abort();
			if (csvr_recerr(r) != CSVR_OK)
				continue;
			csvw_fields_from(w, r, csvr_nfields(r));
			csvw_end(w);
		}
	}
	csvw_free(w);
	csvr_close(r);
	fclose(in);
	fclose(out);
	return 0;
}
