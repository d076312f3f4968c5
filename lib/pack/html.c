/*
 * HTML escaping and page frame.  Values come from police records and are
 * hostile as far as the page is concerned: everything goes through
 * html_escape(), which also refuses bytes a browser might read as
 * something other than the UTF-8 we declare.
 */
#include <stdio.h>
#include <string.h>

#include "pack/html.h"
#include "core/utf8.h"

#define REPLACEMENT "&#xFFFD;"

/*
 * Length of the well-formed UTF-8 character at s (at most n bytes) that
 * HTML text may hold, or 0: C1 controls and non-characters are not
 * allowed.
 */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	int32_t cp;
	size_t len = utf8_decode((const char *)s, n, &cp);

	if (len == 0 || (cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
		return 0;
	return len;
}

void
html_escape(FILE *fp, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0, k;

	while (i < n) {
		const char *rep = NULL;

		switch (p[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\t':
		case '\n':
		case '\r':
			break;
		default:
			if (p[i] < 0x20 || p[i] == 0x7f)
				rep = REPLACEMENT;
			else if (p[i] >= 0x80) {
				if ((k = utf8_len(p + i, n - i)) == 0)
					rep = REPLACEMENT;
				else {
					i += k;
					continue;
				}
			}
		}
		if (rep != NULL) {
			fwrite(s + start, 1, i - start, fp);
			fputs(rep, fp);
			start = i + 1;
		}
		i++;
	}
	fwrite(s + start, 1, n - start, fp);
}

void
html_puts(FILE *fp, const char *s)
{
	if (s != NULL)
		html_escape(fp, s, strlen(s));
}

static const char style[] =
    "body{font:10.5pt/1.35 \"DejaVu Sans\",Arial,sans-serif;color:#000;"
    "margin:1.5em auto;max-width:60em;padding:0 1em}\n"
    "h1{font-size:15pt;margin:0 0 .3em}\n"
    "h2{font-size:12pt;margin:1.2em 0 .3em;border-bottom:1px solid #444;"
    "page-break-after:avoid;break-after:avoid}\n"
    "table{border-collapse:collapse;width:100%;margin:.3em 0}\n"
    "th,td{border:1px solid #999;padding:.15em .35em;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#e8e8e8}\n"
    "table.kv{width:auto;page-break-inside:avoid;break-inside:avoid}\n"
    "table.kv th{font-weight:normal;white-space:nowrap}\n"
    "table.findings{font-size:9pt;table-layout:fixed}\n"
    "table.findings td,table.findings th{overflow-wrap:anywhere}\n"
    /* Column widths by what they hold, so that a reference or a decision
       is not broken inside a word: source, record, date, role, detail,
       decision, note, as recorded, match basis. */
    "table.findings th:nth-child(1){width:9%}"
    "table.findings th:nth-child(2){width:12%}"
    "table.findings th:nth-child(3){width:10%}"
    "table.findings th:nth-child(4){width:10%}"
    "table.findings th:nth-child(5){width:13%}"
    "table.findings th:nth-child(6){width:14%}"
    "table.findings th:nth-child(7){width:6%}"
    "table.findings th:nth-child(8){width:11%}"
    "table.findings th:nth-child(9){width:15%}\n"
    "td{overflow-wrap:break-word}\n"
    "td.basis{font-size:8.5pt}\n"
    "td.date{white-space:nowrap}\n"
    "table.chron{font-size:9pt}\n"
    "ul.flags{margin:.2em 0;padding-left:1.4em}\n"
    "ul.flags li{font-weight:bold}\n"
    "h3{font-size:10.5pt;margin:.8em 0 .2em;page-break-after:avoid;"
    "break-after:avoid}\n"
    "tr{page-break-inside:avoid;break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    ".marking{font-weight:bold;text-align:center;border:2px solid #000;"
    "padding:.2em;margin-bottom:.8em}\n"
    ".note{color:#333;font-size:9pt}\n"
    ".possible td{background:#fff6d5}\n"
    ".flag{font-weight:bold}\n"
    "@page{size:A4 portrait;margin:15mm 12mm}\n"
    "@media print{body{margin:0;max-width:none;padding:0;font-size:9.5pt}"
    "table.findings{font-size:8pt}td.basis{font-size:7.5pt}"
    "a{color:#000;text-decoration:none}"
    "th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/*
 * Writes s as the text of a CSS string: printable ASCII as it is, but
 * for the quote, the backslash and '<' (no "</style>" in the sheet);
 * every other byte is dropped.
 */
static void
css_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\' || ch == '<')
			fprintf(fp, "\\%x ", ch);
		else if (ch >= 0x20 && ch < 0x7f)
			fputc(ch, fp);
	}
	fputc('"', fp);
}

void
html_begin_marked(FILE *fp, const char *title, const char *marking)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"generator\" content=\"vawg-marac-pack\">\n<title>",
	    fp);
	html_puts(fp, title);
	fputs("</title>\n<style>\n", fp);
	fputs(style, fp);
	if (marking != NULL) {
		/* Printed: the marking at the top of every sheet, the page
		 * number at its foot. */
		fputs("@page{@top-center{content:", fp);
		css_string(fp, marking);
		fputs(";font:bold 9pt Arial,sans-serif}"
		    "@bottom-left{content:", fp);
		css_string(fp, title);
		fputs(";font:8pt Arial,sans-serif}"
		    "@bottom-right{content:\"Page \" counter(page) \" of \" "
		    "counter(pages);font:8pt Arial,sans-serif}}\n", fp);
	}
	fputs("</style>\n</head>\n<body>\n", fp);
}

void
html_begin(FILE *fp, const char *title)
{
	html_begin_marked(fp, title, NULL);
}

void
html_end(FILE *fp)
{
	fputs("</body>\n</html>\n", fp);
}
