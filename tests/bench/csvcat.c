/*
 * Benchmark program (not installed): reads CSV with lib/csvio and writes
 * it back with the writer, the CSV core's read-and-write throughput.
 *   csvcat [file]
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/csvio.h"
#include "core/diag.h"

int
main(int argc, char *argv[])
{
	struct csvr *r;
	struct csvw *w;
	int st;

	diag_setprog(argv[0]);
	if ((r = csvr_open(argc > 1 ? argv[1] : "-", NULL)) == NULL)
		diag_fatal(EX_NOINPUT, "cannot open input");
	w = csvw_new(stdout, ',');
	if (csvr_header(r) == CSVR_RECORD) {
		csvw_header_from(w, r);
		csvw_end(w);
		while ((st = csvr_next(r)) == CSVR_RECORD) {
			csvw_fields_from(w, r, csvr_nfields(r));
			csvw_end(w);
		}
		if (st == CSVR_ERROR)
			diag_fatal_at(EX_DATAERR, csvr_name(r),
			    csvr_error_line(r), "%s", csvr_error(r));
	}
	if (csvw_free(w) == -1)
		diag_fatal(EX_IOERR, "<stdout>: write error");
	csvr_close(r);
	return 0;
}
