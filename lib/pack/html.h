/*
 * Writing self-contained HTML pages: escaping every value, and the
 * frame of a printable page (inline styles for screen and A4 print, no
 * external assets, no scripts).
 */
#ifndef VAWG_HTML_H
#define VAWG_HTML_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes n bytes of s to fp as HTML text, safe both between tags and
 * inside a double- or single-quoted attribute: & < > " ' become
 * character references, control characters other than tab, LF and CR
 * and every byte that is not part of well-formed UTF-8 become U+FFFD.
 * Errors are left on fp's error flag.
 */
void html_escape(FILE *fp, const char *s, size_t n);

/* html_escape() of a NUL-terminated string; NULL writes nothing. */
void html_puts(FILE *fp, const char *s);

/*
 * Writes the start of a page up to and including <body>: doctype, UTF-8,
 * the escaped title, and the style sheet (A4 portrait, tables that break
 * between rows, headings kept with what follows).
 */
void html_begin(FILE *fp, const char *title);

/*
 * html_begin(), and a printed page carries marking (a protective
 * marking such as OFFICIAL-SENSITIVE; NULL: none) at its top, the title
 * and "Page x of y" at its foot.
 */
void html_begin_marked(FILE *fp, const char *title, const char *marking);

/* Writes </body></html> and a final newline. */
void html_end(FILE *fp);

#endif
