/*
 * Name clean-up.  Case mapping is done by hand on UTF-8 rather than
 * through the C locale: the programs run in whatever locale cron gives
 * them, and towupper() in "C" maps nothing beyond ASCII.
 */
#include <string.h>
#include <strings.h>

#include "normalize.h"

static int
is_blank(const unsigned char *p, size_t left, size_t *w)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
		*w = 1;
		return 1;
	}
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
		*w = 2;
		return 1;
	}
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
 * Changes the case of the letter at p (of width w), in place.  upper
 * non-zero makes it upper case.
 */
static void
set_case(unsigned char *p, size_t w, int upper)
{
	unsigned cp;

	if (w == 1) {
		if (upper && p[0] >= 'a' && p[0] <= 'z')
			p[0] -= 32;
		else if (!upper && p[0] >= 'A' && p[0] <= 'Z')
			p[0] += 32;
		return;
	}
	if (w != 2)
		return;
	cp = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	if (cp >= 0xC0 && cp <= 0xFE && cp != 0xD7 && cp != 0xF7 &&
	    cp != 0xDF) {
		cp = upper ? cp & ~0x20u : cp | 0x20u;
	} else if ((cp >= 0x100 && cp <= 0x137) ||
	    (cp >= 0x14A && cp <= 0x177)) {
		cp = upper ? cp & ~1u : cp | 1u;
	} else if ((cp >= 0x139 && cp <= 0x148) ||
	    (cp >= 0x179 && cp <= 0x17E)) {
		/* Upper case odd, lower case even. */
		if (upper && !(cp & 1))
			cp--;
		else if (!upper && (cp & 1))
			cp++;
	} else {
		return;
	}
	p[0] = (unsigned char)(0xC0 | (cp >> 6));
	p[1] = (unsigned char)(0x80 | (cp & 0x3F));
}

/* Width of the UTF-8 sequence starting with byte c. */
static size_t
u8width(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
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
		cw = u8width(p[i]);
		if (i + cw > n)
			cw = n - i;
		set_case(p + i, cw, cap);
		cap = 0;
		letters++;
		i += cw;
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
