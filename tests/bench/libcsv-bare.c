/*
 * Benchmark floor (not installed): a bare libcsv parse loop that does
 * nothing with the fields; the parser's own ceiling.
 *   libcsv-bare [file]
 */
#include <stdio.h>
#include <stdlib.h>

#include <csv.h>

static unsigned long nfields, nrecords;

static void
cb1(void *s, size_t len, void *data)
{
	(void)s; (void)len; (void)data;
	nfields++;
}

static void
cb2(int c, void *data)
{
	(void)c; (void)data;
	nrecords++;
}

int
main(int argc, char *argv[])
{
	static char buf[1 << 18];
	struct csv_parser p;
	FILE *fp = argc > 1 ? fopen(argv[1], "rb") : stdin;
	size_t n;

	if (fp == NULL || csv_init(&p, 0) != 0)
		return 66;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, n, cb1, cb2, NULL) != n)
			return 65;
	csv_fini(&p, cb1, cb2, NULL);
	csv_free(&p);
	printf("%lu records, %lu fields\n", nrecords, nfields);
	return 0;
}
