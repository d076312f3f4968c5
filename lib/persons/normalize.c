/*
 * Name clean-up.  Case mapping uses lib/utf8 (Unicode's tables) rather
 * than the C locale: the programs run in whatever locale cron gives
 * them, and towupper() in "C" maps nothing beyond ASCII.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "persons/normalize.h"
#include "core/utf8.h"

static int
is_blank(const unsigned char *p, size_t left, size_t *w)
{
	int32_t cp;

	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
		*w = 1;
		return 1;
	}
	if (*p >= 0x80 && (*w = utf8_decode((const char *)p, left, &cp)) > 0 &&
	    utf8_is_space(cp))
		return 1;
	return 0;
}

size_t
norm_space(const char *s, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k = 0, w;
	int gap = 0;

	while (i < n) {
		if (is_blank(p + i, n - i, &w)) {
			gap = k > 0;
			i += w;
			continue;
		}
		if (gap) {
			out[k++] = ' ';
			gap = 0;
		}
		out[k++] = (char)p[i++];
	}
	out[k] = '\0';
	return k;
}

const char *
norm_title(const char *s, size_t n)
{
	static const char *const titles[] = { "Mr", "Mrs", "Ms", "Miss",
	    "Mx", "Master", "Dr", "Prof", "Rev", "Sir", "Dame", "Lady",
	    "Lord" };
	size_t i;

	if (n > 0 && s[n - 1] == '.')
		n--;
	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (strlen(titles[i]) == n && strncasecmp(s, titles[i], n) == 0)
			return titles[i];
	if (n == 6 && strncasecmp(s, "doctor", 6) == 0)
		return "Dr";
	if (n == 9 && strncasecmp(s, "professor", 9) == 0)
		return "Prof";
	return NULL;
}

/*
 * Changes the case of the character at p (of width w bytes), in place:
 * upper non-zero makes it title (upper) case.  A character whose other
 * case is longer in UTF-8 (a handful of IPA letters) stays as it is,
 * so the name never grows.
 */
static void
set_case(unsigned char *p, size_t w, int upper)
{
	char b[4];
	int32_t cp, to;

	if (w == 1) {
		if (upper && p[0] >= 'a' && p[0] <= 'z')
			p[0] -= 32;
		else if (!upper && p[0] >= 'A' && p[0] <= 'Z')
			p[0] += 32;
		return;
	}
	if (utf8_decode((const char *)p, w, &cp) != w)
		return;
	to = upper ? utf8_title(cp) : utf8_lower(cp);
	if (to == cp || utf8_encode(to, b) != w)
		return;
	memcpy(p, b, w);
}

/* Width of the character at p (left > 0 bytes); 1 for a stray byte. */
static size_t
u8width(const unsigned char *p, size_t left)
{
	int32_t cp;
	size_t k = utf8_decode((const char *)p, left, &cp);

	return k ? k : 1;
}

static int
is_apostrophe(const unsigned char *p, size_t left)
{
	return *p == '\'' || (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    p[2] == 0x99);
}

static int
is_particle(const char *s, size_t n)
{
	static const char *const parts[] = { "van", "von", "de", "der", "den",
	    "da", "di", "du", "del", "della", "la", "le" };
	size_t i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strlen(parts[i]) == n && strncasecmp(s, parts[i], n) == 0)
			return 1;
	return 0;
}

/* Names beginning "Mac" that are not Mac + a capitalised name. */
static int
mac_exception(const char *s, size_t n)
{
	static const char *const ex[] = { "machin", "machado", "macias",
	    "mackie", "macklin", "mackey", "macey", "macon", "mace", "mack",
	    "machell", "mackrell", "macaulay", "machon", "macedo" };
	size_t i;

	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++)
		if (strlen(ex[i]) == n && strncasecmp(s, ex[i], n) == 0)
			return 1;
	return 0;
}

static int
is_letter_ascii(unsigned char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* 1 when a letter starts p (left bytes, may be 0). */
static int
letter_at(const unsigned char *p, size_t left)
{
	int32_t cp;

	return left > 0 && utf8_decode((const char *)p, left, &cp) > 0 &&
	    utf8_is_letter(cp);
}

/* Title-cases one word (no spaces) in place. */
static void
case_word(char *w, size_t n, int first_word)
{
	unsigned char *p = (unsigned char *)w;
	size_t i = 0, cw, letters = 0;
	int cap = 1;

	if (!first_word && is_particle(w, n)) {
		for (i = 0; i < n; i++)
			set_case(p + i, 1, 0);
		return;
	}
	while (i < n) {
		if (is_apostrophe(p + i, n - i)) {
			i += p[i] == '\'' ? 1 : 3;
			cap = 1;
			continue;
		}
		if (p[i] == '-' || p[i] == '.') {
			i++;
			cap = 1;
			letters = 0;
			continue;
		}
		cw = u8width(p + i, n - i);
		set_case(p + i, cw, cap);
		cap = 0;
		letters++;
		i += cw;
		/* Greek sigma at the end of a word is the final form. */
		if (cw == 2 && p[i - 2] == 0xCF && p[i - 1] == 0x83 &&
		    letters > 1 && !letter_at(p + i, n - i))
			p[i - 1] = 0x82;
		/* Mc / Mac: capital after the prefix. */
		if (letters == 2 && i >= 2 && (p[i - 2] | 32) == 'm' &&
		    p[i - 1] == 'c' && i < n && is_letter_ascii(p[i]))
			cap = 1;
		else if (letters == 3 && i >= 3 && (p[i - 3] | 32) == 'm' &&
		    p[i - 2] == 'a' && p[i - 1] == 'c' && i < n &&
		    is_letter_ascii(p[i]) && n - (i - 3) > 6 &&
		    !mac_exception((char *)p + i - 3, n - (i - 3)))
			cap = 1;
	}
}

/*
 * Puts out[0..len) in canonical composed form (NFC) in place when that
 * is no longer, so that a name typed with combining accents and one
 * typed precomposed come out the same bytes.  Returns the length.
 */
static size_t
compose(char *out, size_t len)
{
	char buf[512], *tmp = buf;
	size_t i, k;

	for (i = 0; i < len && (unsigned char)out[i] < 0x80; i++)
		;
	if (i == len)
		return len;
	if (len + 1 > sizeof buf && !(tmp = malloc(len + 1)))
		return len;
	k = utf8_nfc(out, len, tmp, len + 1);
	if (k != (size_t)-1) {
		memcpy(out, tmp, k + 1);
		len = k;
	}
	if (tmp != buf)
		free(tmp);
	return len;
}

size_t
norm_name(const char *s, size_t n, char *out, char *title)
{
	size_t len, i, start, wstart;
	const char *t;
	char *sp;
	int first = 1;

	if (title != NULL)
		title[0] = '\0';
	len = norm_space(s, n, out);
	len = compose(out, len);
	sp = memchr(out, ' ', len);
	if (sp != NULL && (t = norm_title(out, (size_t)(sp - out))) != NULL) {
		if (title != NULL)
			strcpy(title, t);
		start = (size_t)(sp - out) + 1;
		memmove(out, out + start, len - start + 1);
		len -= start;
	}
	for (i = 0, wstart = 0; i <= len; i++) {
		if (i == len || out[i] == ' ') {
			case_word(out + wstart, i - wstart, first);
			first = 0;
			wstart = i + 1;
		}
	}
	return len;
}
