/*
 * UTF-8 on libutf8proc.  utf8proc's tables give decomposition, case and
 * category; what it leaves to us is which marks a matching key drops,
 * which letters without a decomposition fold to a Latin base, and the
 * ASCII fast paths that keep the common case as cheap as it was.
 */
#include <string.h>

#include <utf8proc.h>

#include "core/utf8.h"

size_t
utf8_decode(const char *s, size_t n, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    n > 4 ? 4 : (utf8proc_ssize_t)n, &c);
	if (k <= 0) {
		*cp = UTF8_REPLACEMENT;
		return 0;
	}
	*cp = c;
	return (size_t)k;
}

size_t
utf8_encode(int32_t cp, char *out)
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/*
 * Length of the run of ASCII bytes at p[0..n), eight at a time: most
 * police data is ASCII and this is what keeps checking it cheap.
 */
static size_t
ascii_run(const unsigned char *p, size_t n)
{
	size_t i = 0;
	uint64_t w;

	while (n - i >= 8) {
		memcpy(&w, p + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
		i += 8;
	}
	while (i < n && p[i] < 0x80)
		i++;
	return i;
}

int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	int32_t cp;

	while (i < n) {
		i += ascii_run(p + i, n - i);
		if (i == n)
			break;
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0, k;
	int32_t cp;

	while (i < n) {
		if (s[i] == '\0' || (k = utf8_decode(s + i, n - i, &cp)) == 0)
			return i;
		i += k;
	}
	return n;
}

size_t
utf8_fix(const char *s, size_t n, char *out, size_t maxchars,
    int *truncated)
{
	size_t i = 0, o = 0, chars = 0, k;
	int32_t cp;

	*truncated = 0;
	while (i < n) {
		if (chars == maxchars) {
			*truncated = 1;
			break;
		}
		k = s[i] == '\0' ? 0 : utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			o += utf8_encode(UTF8_REPLACEMENT, out + o);
			i++;
		} else {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		}
		chars++;
	}
	out[o] = '\0';
	return o;
}

size_t
utf8_prefix(const char *s, size_t n, size_t maxchars)
{
	size_t i = 0, chars = 0, k;
	int32_t cp;

	while (i < n && chars < maxchars) {
		k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		chars++;
	}
	return i;
}

size_t
utf8_width(const char *s, size_t n, size_t limit)
{
	size_t i = 0, w = 0, k;
	int32_t cp;

	while (i < n && w < limit) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			w++;
			i++;
			continue;
		}
		w += cp < 0x80 ? 1 : (size_t)utf8proc_charwidth(cp);
		i += k;
	}
	return w < limit ? w : limit;
}

int32_t
utf8_upper(int32_t cp)
{
	return utf8proc_toupper(cp);
}

int32_t
utf8_lower(int32_t cp)
{
	return utf8proc_tolower(cp);
}

int32_t
utf8_title(int32_t cp)
{
	return utf8proc_totitle(cp);
}

int
utf8_is_letter(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return 1;
	default:
		return 0;
	}
}

int
utf8_is_space(int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Longest text the code point buffers below take, in characters. */
#define CP_MAX 1024

/* Encodes cp[0..c) into out (outsz bytes); (size_t)-1 when too long. */
static size_t
encode_all(const int32_t *cp, size_t c, char *out, size_t outsz)
{
	size_t i, o = 0;
	char b[4];
	size_t k;

	for (i = 0; i < c; i++) {
		k = utf8_encode(cp[i], b);
		if (o + k >= outsz)
			return (size_t)-1;
		memcpy(out + o, b, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

size_t
utf8_nfc(const char *s, size_t n, char *out, size_t outsz)
{
	int32_t cp[CP_MAX];
	utf8proc_ssize_t c;

	if (ascii_run((const unsigned char *)s, n) == n) {
		if (n >= outsz)
			return (size_t)-1;
		memcpy(out, s, n);
		out[n] = '\0';
		return n;
	}
	/* Canonical decomposition, reordered, then composed. */
	c = utf8proc_decompose((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)n, cp, CP_MAX, UTF8PROC_DECOMPOSE);
	if (c < 0 || c > CP_MAX)
		return (size_t)-1;
	c = utf8proc_normalize_utf32(cp, c, UTF8PROC_COMPOSE);
	if (c < 0)
		return (size_t)-1;
	return encode_all(cp, (size_t)c, out, outsz);
}

size_t
utf8_casefold(const char *s, size_t n, char *out, size_t outsz)
{
	utf8proc_int32_t d[32];
	size_t i = 0, o = 0, k;
	utf8proc_ssize_t m, j;
	int32_t cp;
	int bc = 0;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			if (o + 1 >= outsz)
				return (size_t)-1;
			out[o++] = s[i++];
			continue;
		}
		i += k;
		if (cp < 0x80) {
			if (o + 1 >= outsz)
				return (size_t)-1;
			out[o++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 :
			    cp);
			continue;
		}
		m = utf8proc_decompose_char(cp, d, 32, UTF8PROC_CASEFOLD, &bc);
		if (m < 0 || m > 32)
			return (size_t)-1;
		for (j = 0; j < m; j++) {
			char b[4];
			size_t bk = utf8_encode(d[j], b);

			if (o + bk >= outsz)
				return (size_t)-1;
			memcpy(out + o, b, bk);
			o += bk;
		}
	}
	out[o] = '\0';
	return o;
}

/* Matching keys. */

/* What a character contributes to a key. */
enum keep { K_SEP, K_DROP, K_KEEP };

/* Letters with no decomposition, after case folding, and their base. */
static const char *
special(int32_t cp)
{
	switch (cp) {
	case 0x00E6: return "AE";	/* æ */
	case 0x00F0: return "D";	/* ð */
	case 0x00F8: return "O";	/* ø */
	case 0x00FE: return "TH";	/* þ */
	case 0x0111: return "D";	/* đ */
	case 0x0127: return "H";	/* ħ */
	case 0x0131: return "I";	/* ı */
	case 0x0138: return "K";	/* ĸ */
	case 0x0142: return "L";	/* ł */
	case 0x014B: return "N";	/* ŋ */
	case 0x0153: return "OE";	/* œ */
	case 0x0167: return "T";	/* ŧ */
	case 0x0192: return "F";	/* ƒ */
	default: return NULL;
	}
}

/* Apostrophes, full stops and joiners: dropped inside a word. */
static int
dropped(int32_t cp)
{
	switch (cp) {
	case '\'': case '.': case '`':
	case 0x00B4:	/* acute accent */
	case 0x00B7:	/* middle dot (Catalan l·l) */
	case 0x02B9: case 0x02BA: case 0x02BB: case 0x02BC:
	case 0x0640:	/* Arabic tatweel */
	case 0x2018: case 0x2019: case 0x2032:
		return 1;
	default:
		return 0;
	}
}

/* Combining marks a key leaves out: accents and vowel points. */
static int
stripped_mark(int32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) ||
	    (cp >= 0x0483 && cp <= 0x0489) ||	/* Cyrillic titlo */
	    (cp >= 0x0591 && cp <= 0x05C7) ||	/* Hebrew points */
	    (cp >= 0x0610 && cp <= 0x061A) ||	/* Arabic */
	    (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
	    (cp >= 0x06D6 && cp <= 0x06ED) ||
	    (cp >= 0x08D3 && cp <= 0x08FF) ||
	    (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F);
}

static enum keep
classify(int32_t cp)
{
	if (dropped(cp))
		return K_DROP;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return K_KEEP;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return stripped_mark(cp) ? K_DROP : K_KEEP;
	case UTF8PROC_CATEGORY_CF:	/* soft hyphen, ZWJ, ZWNJ, BOM */
		return K_DROP;
	default:
		return K_SEP;
	}
}

/*
 * Writes the key's characters from cp[0..c) (words separated by one
 * space, none at either end) to out, cut at a word boundary when it
 * does not fit.
 */
static size_t
key_out(const int32_t *cp, size_t c, char *out, size_t outsz)
{
	size_t i, o = 0, lastsp = 0, k;
	char b[4];

	for (i = 0; i < c; i++) {
		k = utf8_encode(cp[i], b);
		if (o + k >= outsz) {
			if (lastsp > 0)
				o = lastsp;
			break;
		}
		if (cp[i] == ' ')
			lastsp = o;
		memcpy(out + o, b, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

/* utf8_key() for ASCII text: the same result, without utf8proc. */
static size_t
key_ascii(const char *s, size_t n, char *out, size_t outsz)
{
	size_t i, o = 0, lastsp = 0;
	int space = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 32);
		else if (c == '\'' || c == '.' || c == '`')
			continue;
		else if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
			space = o > 0;
			continue;
		}
		if (space) {
			if (o + 2 >= outsz)
				break;
			lastsp = o;
			out[o++] = ' ';
			space = 0;
		}
		if (o + 1 >= outsz) {
			if (lastsp > 0)
				o = lastsp;
			break;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return o;
}

size_t
utf8_key(const char *s, size_t n, char *out, size_t outsz)
{
	int32_t cp[CP_MAX + 128];
	utf8proc_int32_t d[32];
	size_t i = 0, c = 0, k, want;
	utf8proc_ssize_t m, j;
	const char *sp;
	int32_t u;
	int space = 0, bc = 0;

	if (ascii_run((const unsigned char *)s, n) == n)
		return key_ascii(s, n, out, outsz);
	/* Each character of the key is at least a byte of it. */
	want = outsz < CP_MAX ? outsz + 1 : CP_MAX;
	while (i < n && c < want) {
		k = utf8_decode(s + i, n - i, &u);
		if (k == 0) {
			i++;
			space = c > 0;
			continue;
		}
		i += k;
		if (dropped(u))
			continue;
		m = utf8proc_decompose_char(u, d, 32, UTF8PROC_DECOMPOSE |
		    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD, &bc);
		if (m < 0 || m > 32)
			m = 0;
		for (j = 0; j < m; j++) {
			switch (classify(d[j])) {
			case K_DROP:
				continue;
			case K_SEP:
				space = c > 0;
				continue;
			case K_KEEP:
				break;
			}
			if (space) {
				cp[c++] = ' ';
				space = 0;
			}
			if ((sp = special(d[j])) != NULL) {
				while (*sp)
					cp[c++] = *sp++;
				continue;
			}
			cp[c++] = utf8proc_toupper(d[j]);
		}
	}
	/* Marks that are kept rejoin their letter (Hangul, kana). */
	m = utf8proc_normalize_utf32(cp, (utf8proc_ssize_t)c,
	    UTF8PROC_COMPOSE);
	if (m >= 0)
		c = (size_t)m;
	return key_out(cp, c, out, outsz);
}
