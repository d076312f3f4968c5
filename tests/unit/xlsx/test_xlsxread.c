/*
 * Unit tests of lib/xlsx/xlsxread: workbooks written by libxlsxwriter
 * (an independent writer) read back as CSV; number formats; date
 * serials checked against Python's datetime (1899-12-30 + serial days).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <xlsxwriter.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include "core/csvio.h"
#include "xlsx/xlsxread.h"

static void
test_sniff(void **state)
{
	static const unsigned char zip[] = { 'P', 'K', 3, 4, 20, 0 };
	static const unsigned char ole[] =
	    { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0 };

	(void)state;
	assert_int_equal(xlsx_sniff(zip, sizeof zip), XLSX_SNIFF_ZIP);
	assert_int_equal(xlsx_sniff(ole, sizeof ole), XLSX_SNIFF_OLE2);
	assert_int_equal(xlsx_sniff("crime_ref,", 10), XLSX_SNIFF_OTHER);
	assert_int_equal(xlsx_sniff("PK", 2), XLSX_SNIFF_OTHER);
}

static void
test_formats(void **state)
{
	(void)state;
	assert_int_equal(xlsx_format_is_date(14, NULL), 1);
	assert_int_equal(xlsx_format_is_date(22, NULL), 1);
	assert_int_equal(xlsx_format_is_date(20, NULL), 2);
	assert_int_equal(xlsx_format_is_date(46, NULL), 2);
	assert_int_equal(xlsx_format_is_date(0, NULL), 0);
	assert_int_equal(xlsx_format_is_date(49, NULL), 0);	/* @ text */
	assert_int_equal(xlsx_format_is_date(164, "dd/mm/yyyy"), 1);
	assert_int_equal(xlsx_format_is_date(164, "yyyy-mm-dd hh:mm"), 1);
	assert_int_equal(xlsx_format_is_date(164, "[$-809]dd mmmm yyyy"), 1);
	assert_int_equal(xlsx_format_is_date(164, "mmm"), 1);
	assert_int_equal(xlsx_format_is_date(164, "h:mm"), 2);
	assert_int_equal(xlsx_format_is_date(164, "[h]:mm:ss"), 2);
	assert_int_equal(xlsx_format_is_date(164, "0.00"), 0);
	assert_int_equal(xlsx_format_is_date(164, "General"), 0);
	assert_int_equal(xlsx_format_is_date(164, "[Red]#,##0.00"), 0);
	assert_int_equal(xlsx_format_is_date(164, "0.00E+00"), 0);
	assert_int_equal(xlsx_format_is_date(164, "0\" days\""), 0);
	assert_int_equal(xlsx_format_is_date(164, "@"), 0);
}

static void
test_serials(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(xlsx_serial_text(45019, 0, 0, buf), 0);
	assert_string_equal(buf, "2023-04-03");
	assert_int_equal(xlsx_serial_text(36525, 0, 0, buf), 0);
	assert_string_equal(buf, "1999-12-31");
	assert_int_equal(xlsx_serial_text(61, 0, 0, buf), 0);
	assert_string_equal(buf, "1900-03-01");
	/* Below 60 Excel counts from 1900-01-01 as day 1. */
	assert_int_equal(xlsx_serial_text(1, 0, 0, buf), 0);
	assert_string_equal(buf, "1900-01-01");
	assert_int_equal(xlsx_serial_text(59, 0, 0, buf), 0);
	assert_string_equal(buf, "1900-02-28");
	assert_int_equal(xlsx_serial_text(60, 0, 0, buf), -1);
	assert_int_equal(xlsx_serial_text(-1, 0, 0, buf), -1);
	/* 14:05 is 50700 s of 86400. */
	assert_int_equal(xlsx_serial_text(45020 + 50700.0 / 86400, 0, 0, buf),
	    0);
	assert_string_equal(buf, "2023-04-04T14:05:00");
	assert_int_equal(xlsx_serial_text(50700.0 / 86400, 0, 1, buf), 0);
	assert_string_equal(buf, "14:05:00");
	/* 1904 system: 43557 days after 1904-01-01. */
	assert_int_equal(xlsx_serial_text(43557, 1, 0, buf), 0);
	assert_string_equal(buf, "2023-04-03");
	/* Rounds to the second; 23:59:59.9 is the next day. */
	assert_int_equal(xlsx_serial_text(45019 + 86399.9 / 86400, 0, 0, buf),
	    0);
	assert_string_equal(buf, "2023-04-04");
}

static char dir[] = "/tmp/vawg-xlsxread-XXXXXX";

static char *
path_of(const char *name)
{
	static char p[256];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

/* Converts a workbook and returns the CSV text (static buffer). */
static const char *
convert(const char *name, const char *sheet, unsigned long header,
    int *rc, char *msg, size_t msgsize)
{
	static char text[4096];
	struct xlsx_opts o = { sheet, header };
	FILE *fp = tmpfile();
	size_t n;

	assert_non_null(fp);
	*rc = xlsx_to_csv(path_of(name), &o, fp, msg, msgsize, NULL);
	rewind(fp);
	n = fread(text, 1, sizeof text - 1, fp);
	text[n] = '\0';
	fclose(fp);
	return text;
}

static void
write_book(void)
{
	lxw_workbook *wb = workbook_new(path_of("export.xlsx"));
	lxw_worksheet *title = workbook_add_worksheet(wb, "Crimes");
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Orders");
	lxw_format *dmy = workbook_add_format(wb);
	lxw_format *hm = workbook_add_format(wb);
	lxw_datetime d1 = { 2023, 4, 3, 0, 0, 0 };
	lxw_datetime d2 = { 2023, 4, 4, 14, 5, 0 };

	format_set_num_format(dmy, "dd/mm/yyyy");
	format_set_num_format(hm, "dd/mm/yyyy hh:mm");
	/* A title block, a blank row, then the headings on row 3. */
	worksheet_write_string(title, 0, 0, "VAWG crimes, April", NULL);
	worksheet_merge_range(title, 0, 0, 0, 3, "VAWG crimes, April", NULL);
	worksheet_write_string(title, 2, 0, "Crime Ref", NULL);
	worksheet_write_string(title, 2, 1, "Offence", NULL);
	worksheet_write_string(title, 2, 2, "Recorded", NULL);
	worksheet_write_string(title, 2, 3, "Note", NULL);
	worksheet_write_string(title, 3, 0, "CR/1/23", NULL);
	worksheet_write_string(title, 3, 1, "019", NULL);
	worksheet_write_datetime(title, 3, 2, &d1, dmy);
	worksheet_write_string(title, 3, 3, "said \"no\", left", NULL);
	/* Row 5 absent; row 6 with a gap in column B and a number. */
	worksheet_write_string(title, 5, 0, "CR/2/23", NULL);
	worksheet_write_datetime(title, 5, 2, &d2, hm);
	worksheet_write_number(title, 5, 3, 2.5, NULL);
	worksheet_write_boolean(title, 6, 0, 1, NULL);
	worksheet_write_string(ws2, 0, 0, "order_ref", NULL);
	worksheet_write_string(ws2, 1, 0, "OR-007", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void
test_workbook(void **state)
{
	char msg[256];
	int rc;
	const char *t;

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_book();

	t = convert("export.xlsx", NULL, 3, &rc, msg, sizeof msg);
	assert_int_equal(rc, 0);
	assert_string_equal(t,
	    "\n\n"
	    "Crime Ref,Offence,Recorded,Note\n"
	    "CR/1/23,019,2023-04-03,\"said \"\"no\"\", left\"\n"
	    "\n"
	    "CR/2/23,,2023-04-04T14:05:00,2.5\n"
	    "TRUE,,,\n");

	/* Without --header-row the title is the header. */
	t = convert("export.xlsx", NULL, 0, &rc, msg, sizeof msg);
	assert_int_equal(rc, 0);
	assert_memory_equal(t, "\"VAWG crimes, April\"\n\n", 22);

	t = convert("export.xlsx", "Orders", 0, &rc, msg, sizeof msg);
	assert_int_equal(rc, 0);
	assert_string_equal(t, "order_ref\nOR-007\n");
	t = convert("export.xlsx", "2", 0, &rc, msg, sizeof msg);
	assert_string_equal(t, "order_ref\nOR-007\n");

	convert("export.xlsx", "Nope", 0, &rc, msg, sizeof msg);
	assert_int_equal(rc, 65);
	assert_non_null(strstr(msg, "no such sheet"));
	convert("export.xlsx", NULL, 40, &rc, msg, sizeof msg);
	assert_int_equal(rc, 65);
	assert_non_null(strstr(msg, "--header-row"));
}

/* Reads every record of r into one line per record, fields joined by |. */
static const char *
slurp(struct csvr *r)
{
	static char text[4096];
	size_t n = 0;

	assert_non_null(r);
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	for (size_t i = 0; i < csvr_ncols(r); i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%s%s",
		    i ? "|" : "", csvr_colname(r, i));
	n += (size_t)snprintf(text + n, sizeof text - n, "\n");
	while (csvr_next(r) == CSVR_RECORD) {
		for (size_t i = 0; i < csvr_nfields(r); i++)
			n += (size_t)snprintf(text + n, sizeof text - n,
			    "%s%s@%lu", i ? "|" : "", csvr_field(r, i),
			    csvr_line(r));
		n += (size_t)snprintf(text + n, sizeof text - n, "\n");
	}
	csvr_close(r);
	return text;
}

static void
test_csvr_open(void **state)
{
	struct xlsx_opts o = { "Crimes", 3 };
	struct csvr_opts semi = { .delim = ';' };
	char msg[256];
	int wb, st;
	FILE *fp;
	pid_t pid;

	(void)state;
	/* A workbook: the sheet's row numbers are the lines. */
	assert_string_equal(slurp(xlsx_csvr_open(path_of("export.xlsx"),
	    &semi, &o, &wb, &st, msg, sizeof msg)),
	    "Crime Ref|Offence|Recorded|Note\n"
	    "CR/1/23@4|019@4|2023-04-03@4|said \"no\", left@4\n"
	    "CR/2/23@6|@6|2023-04-04T14:05:00@6|2.5@6\n"
	    "TRUE@7|@7|@7|@7\n");
	assert_int_equal(wb, 1);

	/* CSV is read with the caller's options. */
	fp = fopen(path_of("in.csv"), "w");
	fputs("a;b\n1;2\n", fp);
	fclose(fp);
	assert_string_equal(slurp(xlsx_csvr_open(path_of("in.csv"), &semi,
	    &o, &wb, &st, msg, sizeof msg)), "a|b\n1@2|2@2\n");
	assert_int_equal(wb, 0);

	/* A FIFO: its first bytes are given back to the reader. */
	assert_int_equal(mkfifo(path_of("fifo"), 0600), 0);
	if ((pid = fork()) == 0) {
		fp = fopen(path_of("fifo"), "w");
		fputs("a;b\n3;4\n", fp);
		fclose(fp);
		_exit(0);
	}
	assert_string_equal(slurp(xlsx_csvr_open(path_of("fifo"), &semi,
	    &o, &wb, &st, msg, sizeof msg)), "a|b\n3@2|4@2\n");
	waitpid(pid, NULL, 0);
	assert_int_equal(wb, 0);

	/* A workbook through a FIFO. */
	if ((pid = fork()) == 0) {
		FILE *in = fopen(path_of("export.xlsx"), "rb");
		char buf[4096];
		size_t n;

		fp = fopen(path_of("fifo"), "w");
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			fwrite(buf, 1, n, fp);
		fclose(fp);
		fclose(in);
		_exit(0);
	}
	o.sheet = "Orders";
	o.header_row = 0;
	assert_string_equal(slurp(xlsx_csvr_open(path_of("fifo"), &semi,
	    &o, &wb, &st, msg, sizeof msg)), "order_ref\nOR-007@2\n");
	waitpid(pid, NULL, 0);
	assert_int_equal(wb, 1);

	assert_null(xlsx_csvr_open(path_of("none.csv"), &semi, &o, &wb, &st,
	    msg, sizeof msg));
	assert_int_equal(st, 66);
	unlink(path_of("fifo"));
	unlink(path_of("in.csv"));
}

static void
test_not_workbooks(void **state)
{
	static const unsigned char ole[] =
	    { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 };
	char msg[256];
	int rc;
	FILE *fp;

	(void)state;
	fp = fopen(path_of("old.xls"), "wb");
	fwrite(ole, 1, sizeof ole, fp);
	fclose(fp);
	convert("old.xls", NULL, 0, &rc, msg, sizeof msg);
	assert_int_equal(rc, 65);
	assert_non_null(strstr(msg, ".xls"));

	fp = fopen(path_of("cut.xlsx"), "wb");
	fwrite("PK\3\4 truncated", 1, 15, fp);
	fclose(fp);
	convert("cut.xlsx", NULL, 0, &rc, msg, sizeof msg);
	assert_int_equal(rc, 65);
	assert_non_null(strstr(msg, "not a zip"));

	convert("missing.xlsx", NULL, 0, &rc, msg, sizeof msg);
	assert_int_equal(rc, 66);

	unlink(path_of("old.xls"));
	unlink(path_of("cut.xlsx"));
	unlink(path_of("export.xlsx"));
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_serials),
		cmocka_unit_test(test_workbook),
		cmocka_unit_test(test_csvr_open),
		cmocka_unit_test(test_not_workbooks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
