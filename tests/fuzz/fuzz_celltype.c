/*
 * libFuzzer harness: the XLSX cell typing (lib/celltype).  The input is
 * a force byte, a column name line, then values one a line.  Checks:
 * nothing that begins with '=' or '@' is ever written as a number, a
 * value written as a number is one, formula-like text gets the text
 * format "@", widths stay within their limit, and the UTF-8 repair
 * (lib/utf8) gives valid UTF-8 within its stated room.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx/celltype.h"
#include "core/utf8.h"

static void
check_value(const struct ct_coldef *d, const char *s, size_t n)
{
	struct ct_value v;
	struct ct_cell cell;
	enum ct_kind k;
	enum ct_how how;
	char *fixed;
	size_t len, w;
	int trunc;

	k = ct_classify(s, n, &v);
	if (k >= CT_NKINDS)
		abort();
	if ((k == CT_INTEGER || k == CT_DECIMAL || k == CT_PERCENT ||
	    k == CT_DATE || k == CT_DATETIME || k == CT_MONTH) &&
	    !isfinite(v.num))
		abort();
	how = ct_cell(d, s, n, &cell);
	if (how == CT_WRITE_NUMBER) {
		if (n > 0 && (s[0] == '=' || s[0] == '@' || s[0] == '\t' ||
		    s[0] == '\r'))
			abort();
		if (k == CT_TEXT || k == CT_EMPTY || !isfinite(cell.num))
			abort();
	}
	if (how == CT_WRITE_TEXT && ct_formula_like(s, n) &&
	    (cell.format == NULL || strcmp(cell.format, "@") != 0))
		abort();
	if (how == CT_WRITE_BLANK && k != CT_EMPTY)
		abort();
	w = ct_width(s, n, 50);
	if (w > 50 || w > n)
		abort();
	if (utf8_valid_prefix(s, n) > n)
		abort();
	if ((fixed = malloc(3 * n + 1)) == NULL)
		return;
	len = utf8_fix(s, n, fixed, 40, &trunc);
	/* 40 characters, wide ones two columns each. */
	if (len > 3 * n || fixed[len] != '\0' ||
	    utf8_valid_prefix(fixed, len) != len || ct_width(fixed, len,
	    1000) > 80)
		abort();
	free(fixed);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size, *nl;
	char name[64];
	struct ct_col col;
	struct ct_coldef def;
	enum ct_force force;
	size_t nlen;
	const char *p;

	if (size == 0)
		return 0;
	force = (enum ct_force)(data[0] % 3);
	s++;
	nl = memchr(s, '\n', (size_t)(end - s));
	nlen = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
	if (nlen >= sizeof(name))
		nlen = sizeof(name) - 1;
	memcpy(name, s, nlen);
	name[nlen] = '\0';
	(void)ct_name_hint(name);
	ct_col_init(&col, name, force);
	p = nl != NULL ? nl + 1 : end;
	/* First pass: the evidence; second: every value written. */
	for (s = p; s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		ct_col_add(&col, s, (size_t)(nl - s));
		if (nl == end)
			break;
	}
	def = ct_col_decide(&col);
	(void)ct_col_format(&def);
	if (def.type == CT_COL_DECIMAL &&
	    (def.decimals < 1 || def.decimals > CT_MAX_DECIMALS))
		abort();
	for (s = p; s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		check_value(&def, s, (size_t)(nl - s));
		if (nl == end)
			break;
	}
	return 0;
}
