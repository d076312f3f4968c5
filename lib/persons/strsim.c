/*
 * Name normalisation, Jaro-Winkler, NYSIIS and nickname groups.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/hmap.h"
#include "persons/strsim.h"
#include "core/utf8.h"

size_t
strsim_norm(const char *s, size_t n, char *out, size_t outsz)
{
	return utf8_key(s, n, out, outsz);
}

/* 1 when word w (n bytes, normalised) is one of list. */
static int
word_in(const char *const *list, const char *w, size_t n)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return 1;
	return 0;
}

/* Particles that belong to the surname that follows them. */
static int
particle(const char *w, size_t n)
{
	static const char *const ps[] = { "VAN", "DE", "DA", "VON", "LE",
		"LA", "DI", "DEL", "ST", "MAC", "O", "DER", "DEN", "DOS",
		"DU", "AL", "EL", "BIN", "BEN", NULL };

	return word_in(ps, w, n);
}

/* Titles before a name, and the generation after it. */
static const char *const titles[] = { "MR", "MRS", "MS", "MISS", "MX",
	"DR", "PROF", "REV", "REVD", "SIR", "DAME", "LADY", "LORD", NULL };
static const char *const suffixes[] = { "JR", "JNR", "SR", "SNR", "II",
	"III", "IV", NULL };

/*
 * Drops the titles at the start of the normalised words s (len bytes)
 * and, when last, the generation at their end, while another word is
 * left; returns the new length (the words moved to the start of s).
 */
static size_t
drop_titles(char *s, size_t len, int last)
{
	char *sp;

	while ((sp = memchr(s, ' ', len)) != NULL &&
	    word_in(titles, s, (size_t)(sp - s))) {
		len -= (size_t)(sp - s) + 1;
		memmove(s, sp + 1, len);
	}
	while (last && len > 0) {
		size_t k = len;

		while (k > 0 && s[k - 1] != ' ')
			k--;
		if (k == 0 || !word_in(suffixes, s + k, len - k))
			break;
		len = k - 1;
	}
	s[len] = '\0';
	return len;
}

void
strsim_split_name(const char *s, size_t n, char *forename, char *surname)
{
	const char *comma = memchr(s, ',', n);
	char all[STRSIM_NAME_MAX];
	size_t len, start, i;

	forename[0] = surname[0] = '\0';
	if (comma) {
		len = strsim_norm(s, (size_t)(comma - s), surname,
		    STRSIM_NAME_MAX);
		drop_titles(surname, len, 1);
		len = strsim_norm(comma + 1, n - (size_t)(comma - s) - 1,
		    forename, STRSIM_NAME_MAX);
		drop_titles(forename, len, 1);
		return;
	}
	len = strsim_norm(s, n, all, sizeof all);
	len = drop_titles(all, len, 1);
	if (len == 0)
		return;
	/* The last word, and any particles just before it. */
	start = len;
	while (start > 0 && all[start - 1] != ' ')
		start--;
	while (start > 0) {
		i = start - 1;		/* the space */
		while (i > 0 && all[i - 1] != ' ')
			i--;
		if (i == 0 || !particle(all + i, start - 1 - i))
			break;
		start = i;
	}
	memcpy(surname, all + start, len - start);
	surname[len - start] = '\0';
	if (start > 0) {
		memcpy(forename, all, start - 1);
		forename[start - 1] = '\0';
	}
}

#define JW_MAX 128

/*
 * Jaro over two arrays of characters: bytes for ASCII, code points for
 * anything else, so that two names in Cyrillic or Greek do not look
 * alike merely for sharing the lead bytes of their script.
 */
#define JARO(NAME, T)							\
static double								\
NAME(const T *a, size_t na, const T *b, size_t nb)			\
{									\
	unsigned char ma[JW_MAX], mb[JW_MAX];				\
	size_t i, j, lo, hi, win, m = 0, t = 0, k;			\
									\
	if (na == 0 && nb == 0)						\
		return 1.0;						\
	if (na == 0 || nb == 0)						\
		return 0.0;						\
	if (na > JW_MAX)						\
		na = JW_MAX;						\
	if (nb > JW_MAX)						\
		nb = JW_MAX;						\
	win = (na > nb ? na : nb) / 2;					\
	win = win > 0 ? win - 1 : 0;					\
	memset(ma, 0, na);						\
	memset(mb, 0, nb);						\
	for (i = 0; i < na; i++) {					\
		lo = i > win ? i - win : 0;				\
		hi = i + win + 1 < nb ? i + win + 1 : nb;		\
		for (j = lo; j < hi; j++) {				\
			if (!mb[j] && a[i] == b[j]) {			\
				ma[i] = mb[j] = 1;			\
				m++;					\
				break;					\
			}						\
		}							\
	}								\
	if (m == 0)							\
		return 0.0;						\
	for (i = 0, k = 0; i < na; i++) {				\
		if (!ma[i])						\
			continue;					\
		while (!mb[k])						\
			k++;						\
		if (a[i] != b[k])					\
			t++;						\
		k++;							\
	}								\
	return ((double)m / na + (double)m / nb +			\
	    ((double)m - t / 2.0) / m) / 3.0;				\
}

JARO(jaro_bytes, char)
JARO(jaro_cps, int32_t)

static int
is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* Decodes s[0..n) into cp (JW_MAX at most); returns the count. */
static size_t
to_cps(const char *s, size_t n, int32_t *cp)
{
	size_t i = 0, c = 0, k;

	while (i < n && c < JW_MAX) {
		k = utf8_decode(s + i, n - i, &cp[c++]);
		i += k ? k : 1;
	}
	return c;
}

double
strsim_jaro(const char *a, size_t na, const char *b, size_t nb)
{
	int32_t ca[JW_MAX], cb[JW_MAX];

	if (is_ascii(a, na) && is_ascii(b, nb))
		return jaro_bytes(a, na, b, nb);
	na = to_cps(a, na, ca);
	nb = to_cps(b, nb, cb);
	return jaro_cps(ca, na, cb, nb);
}

double
strsim_jaro_winkler(const char *a, size_t na, const char *b, size_t nb)
{
	int32_t ca[JW_MAX], cb[JW_MAX];
	double j;
	size_t l = 0;

	if (is_ascii(a, na) && is_ascii(b, nb)) {
		j = jaro_bytes(a, na, b, nb);
		while (l < 4 && l < na && l < nb && a[l] == b[l])
			l++;
	} else {
		na = to_cps(a, na, ca);
		nb = to_cps(b, nb, cb);
		j = jaro_cps(ca, na, cb, nb);
		while (l < 4 && l < na && l < nb && ca[l] == cb[l])
			l++;
	}
	return j + l * 0.1 * (1.0 - j);
}

static int
vowel(char c)
{
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/*
 * The code of a name with letters beyond A-Z, which NYSIIS has no rules
 * for: the name itself without its spaces, cut to the code's size at a
 * character boundary.
 */
static size_t
nysiis_other(const char *s, size_t n, char *out)
{
	size_t i = 0, k = 0, c;
	int32_t cp;

	while (i < n) {
		c = utf8_decode(s + i, n - i, &cp);
		if (c == 0) {
			i++;
			continue;
		}
		if (k + c >= STRSIM_PHON_MAX)
			break;
		if (s[i] != ' ') {
			memcpy(out + k, s + i, c);
			k += c;
		}
		i += c;
	}
	out[k] = '\0';
	return k;
}

size_t
strsim_nysiis(const char *s, size_t n, char *out)
{
	char w[STRSIM_PHON_MAX + 4];
	size_t len = 0, i, k = 0;

	if (!is_ascii(s, n))
		return nysiis_other(s, n, out);
	/* The code is never longer than the letters, plus its NUL. */
	for (i = 0; i < n && len < STRSIM_PHON_MAX - 1; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		if (c >= 'A' && c <= 'Z')
			w[len++] = (char)c;
	}
	out[0] = '\0';
	if (len == 0)
		return 0;
	w[len] = '\0';
	/* The start of the name. */
	if (len >= 3 && memcmp(w, "MAC", 3) == 0)
		w[1] = 'C';
	else if (len >= 2 && memcmp(w, "KN", 2) == 0)
		w[0] = 'N';
	else if (w[0] == 'K')
		w[0] = 'C';
	else if (len >= 2 && (memcmp(w, "PH", 2) == 0 ||
	    memcmp(w, "PF", 2) == 0))
		w[0] = w[1] = 'F';
	else if (len >= 3 && memcmp(w, "SCH", 3) == 0)
		w[1] = w[2] = 'S';
	/* The end of the name. */
	if (len >= 2) {
		const char *e = w + len - 2;

		if (strcmp(e, "EE") == 0 || strcmp(e, "IE") == 0) {
			w[len - 2] = 'Y';
			len--;
		} else if (strcmp(e, "DT") == 0 || strcmp(e, "RT") == 0 ||
		    strcmp(e, "RD") == 0 || strcmp(e, "NT") == 0 ||
		    strcmp(e, "ND") == 0) {
			w[len - 2] = 'D';
			len--;
		}
		w[len] = '\0';
	}
	out[k++] = w[0];
	for (i = 1; i < len; i++) {
		char c = w[i], nx = i + 1 < len ? w[i + 1] : '\0';

		if (c == 'E' && nx == 'V') {
			w[i] = 'A';
			w[i + 1] = 'F';
		} else if (vowel(c) || (c == 'Y' && i + 1 < len))
			w[i] = 'A';
		else if (c == 'Q')
			w[i] = 'G';
		else if (c == 'Z')
			w[i] = 'S';
		else if (c == 'M')
			w[i] = 'N';
		else if (c == 'K')
			w[i] = nx == 'N' ? 'N' : 'C';
		else if (c == 'S' && nx == 'C' && i + 2 < len &&
		    w[i + 2] == 'H')
			w[i + 1] = w[i + 2] = 'S';
		else if (c == 'P' && nx == 'H')
			w[i] = w[i + 1] = 'F';
		else if (c == 'H' && (!vowel(w[i - 1]) || !vowel(nx)))
			w[i] = w[i - 1];
		else if (c == 'W' && vowel(w[i - 1]))
			w[i] = w[i - 1];
		if (w[i] != out[k - 1])
			out[k++] = w[i];
	}
	if (k > 1 && out[k - 1] == 'S')
		k--;
	if (k > 2 && out[k - 2] == 'A' && out[k - 1] == 'Y') {
		out[k - 2] = 'Y';
		k--;
	}
	if (k > 1 && out[k - 1] == 'A')
		k--;
	out[k] = '\0';
	return k;
}

/* Nickname groups: name -> up to four 16-bit group numbers. */
static struct hmap *nick_map;

static void
nick_parse(struct hmap *h, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl, *q, *w;
	uint32_t group = 0;
	uintptr_t *slot;
	int k;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl > p && *p != '#') {
			group++;
			for (q = p; q < nl;) {
				while (q < nl && (*q == ' ' || *q == '\t' ||
				    *q == '\r' || *q == ','))
					q++;
				w = q;
				while (q < nl && *q != ' ' && *q != '\t' &&
				    *q != '\r' && *q != ',')
					q++;
				if (q == w)
					continue;
				{
					char nm[STRSIM_NAME_MAX];
					size_t nl2 = strsim_norm(w,
					    (size_t)(q - w), nm, sizeof nm);

					if (nl2 == 0)
						continue;
					slot = hmap_slot(h, nm, nl2, 1, NULL);
				}
				for (k = 0; k < 4; k++) {
					uintptr_t g = (*slot >> (16 * k)) &
					    0xffff;

					if (g == group)
						break;
					if (g == 0) {
						*slot |= (uintptr_t)group <<
						    (16 * k);
						break;
					}
				}
			}
		}
		p = nl + 1;
	}
}

static void
nick_init(void)
{
	if (nick_map)
		return;
	nick_map = hmap_new();
	nick_parse(nick_map, strsim_nick_table, strlen(strsim_nick_table));
}

int
strsim_nick_load(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, cap = 0, got;

	if (!fp)
		return -1;
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			text = xrealloc(text, cap);
		}
		got = fread(text + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		free(text);
		errno = e;
		return -1;
	}
	fclose(fp);
	if (nick_map)
		hmap_free(nick_map);
	nick_map = hmap_new();
	nick_parse(nick_map, text, len);
	free(text);
	return 0;
}

size_t
strsim_nick_groups(const char *name, size_t n, uint32_t *groups, size_t max)
{
	uintptr_t *slot;
	size_t k, got = 0;

	nick_init();
	slot = hmap_slot(nick_map, name, n, 0, NULL);
	if (!slot)
		return 0;
	for (k = 0; k < 4 && got < max; k++) {
		uint32_t g = (uint32_t)((*slot >> (16 * k)) & 0xffff);

		if (g)
			groups[got++] = g;
	}
	return got;
}

int
strsim_nick_equiv(const char *a, size_t na, const char *b, size_t nb)
{
	uint32_t ga[4], gb[4];
	size_t i, j, ka, kb;

	if (na == nb && memcmp(a, b, na) == 0)
		return 0;
	ka = strsim_nick_groups(a, na, ga, 4);
	if (ka == 0)
		return 0;
	kb = strsim_nick_groups(b, nb, gb, 4);
	for (i = 0; i < ka; i++)
		for (j = 0; j < kb; j++)
			if (ga[i] == gb[j])
				return 1;
	return 0;
}

int
strsim_edits(const char *a, size_t na, const char *b, size_t nb, int max)
{
	int d[3][64], *pp, *p, *c, best;
	size_t i, j, lo, hi;

	if (max > 8)
		max = 8;
	if ((na > nb ? na - nb : nb - na) > (size_t)max)
		return max + 1;
	{
		/* A bound first: an edit changes at most two of the byte
		   counts by one, so half the counts' difference is at most
		   the distance.  Most unrelated pairs stop here. */
		int h[64] = { 0 }, sd = 0, k;

		for (i = 0; i < na; i++)
			h[(unsigned char)a[i] & 63]++;
		for (i = 0; i < nb; i++)
			h[(unsigned char)b[i] & 63]--;
		for (k = 0; k < 64; k++)
			sd += h[k] < 0 ? -h[k] : h[k];
		if ((sd + 1) / 2 > max)
			return max + 1;
	}
	if (na >= 63 || nb >= 63)
		return na == nb && memcmp(a, b, na) == 0 ? 0 : max + 1;
	for (j = 0; j <= nb; j++)
		d[0][j] = (int)j;
	pp = d[2];
	p = d[0];
	c = d[1];
	for (i = 1; i <= na; i++) {
		lo = i > (size_t)max ? i - (size_t)max : 1;
		hi = i + (size_t)max < nb ? i + (size_t)max : nb;
		for (j = 0; j <= nb; j++)
			c[j] = max + 1;
		if (lo == 1)
			c[0] = (int)i;
		best = c[0] <= max ? c[0] : max + 1;
		for (j = lo; j <= hi; j++) {
			int v = p[j - 1] + (a[i - 1] != b[j - 1]);

			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v > max + 1 ? max + 1 : v;
			if (c[j] < best)
				best = c[j];
		}
		if (best > max)
			return max + 1;
		{
			int *t = pp;

			pp = p;
			p = c;
			c = t;
		}
	}
	return p[nb] > max ? max + 1 : p[nb];
}
