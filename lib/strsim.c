/*
 * Name normalisation, Jaro-Winkler, NYSIIS and nickname groups.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hmap.h"
#include "strsim.h"

/* Upper-case ASCII for U+00C0 to U+00FF; "" is a separator. */
static const char *const latin1[64] = {
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E",
	"I", "I", "I", "I", "D", "N", "O", "O", "O", "O", "O", "",
	"O", "U", "U", "U", "U", "Y", "TH", "SS",
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E",
	"I", "I", "I", "I", "D", "N", "O", "O", "O", "O", "O", "",
	"O", "U", "U", "U", "U", "Y", "TH", "Y",
};

/* U+0100 to U+017F, by ranges of one base letter. */
static const struct {
	unsigned lo, hi;
	const char *s;
} latinA[] = {
	{ 0x100, 0x105, "A" }, { 0x106, 0x10d, "C" }, { 0x10e, 0x111, "D" },
	{ 0x112, 0x11b, "E" }, { 0x11c, 0x123, "G" }, { 0x124, 0x127, "H" },
	{ 0x128, 0x131, "I" }, { 0x132, 0x133, "IJ" }, { 0x134, 0x135, "J" },
	{ 0x136, 0x138, "K" }, { 0x139, 0x142, "L" }, { 0x143, 0x14b, "N" },
	{ 0x14c, 0x151, "O" }, { 0x152, 0x153, "OE" }, { 0x154, 0x159, "R" },
	{ 0x15a, 0x161, "S" }, { 0x162, 0x167, "T" }, { 0x168, 0x173, "U" },
	{ 0x174, 0x175, "W" }, { 0x176, 0x178, "Y" }, { 0x179, 0x17e, "Z" },
	{ 0x17f, 0x17f, "S" },
};

/*
 * Decodes one UTF-8 character at s (n > 0 bytes left); returns its
 * length and sets *cp (0xFFFD for a bad byte).
 */
static size_t
utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07;
	else {
		*cp = 0xfffd;
		return 1;
	}
	if (len > n) {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

/* ASCII text for a code point: letters, "" to drop, " " to separate. */
static const char *
fold(unsigned cp, char *one)
{
	size_t i;

	if (cp < 0x80) {
		if (isalnum((int)cp)) {
			one[0] = (char)toupper((int)cp);
			one[1] = '\0';
			return one;
		}
		if (cp == '\'' || cp == '.' || cp == '`')
			return "";
		return " ";
	}
	if (cp >= 0xc0 && cp <= 0xff)
		return latin1[cp - 0xc0][0] ? latin1[cp - 0xc0] : " ";
	for (i = 0; i < sizeof latinA / sizeof latinA[0]; i++)
		if (cp >= latinA[i].lo && cp <= latinA[i].hi)
			return latinA[i].s;
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x2bc)
		return "";
	return " ";
}

size_t
strsim_norm(const char *s, size_t n, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, lastsp = 0, k;
	unsigned cp;
	char one[2];
	const char *t;
	int space = 0;

	while (i < n) {
		i += utf8_next(p + i, n - i, &cp);
		t = fold(cp, one);
		if (*t == ' ') {
			space = o > 0;
			continue;
		}
		k = strlen(t);
		if (k == 0)
			continue;
		if (space) {
			if (o + 1 + k >= outsz)
				break;
			lastsp = o;
			out[o++] = ' ';
			space = 0;
		}
		if (o + k >= outsz) {
			if (lastsp > 0)
				o = lastsp;
			break;
		}
		memcpy(out + o, t, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

/* Particles that belong to the surname that follows them. */
static int
particle(const char *w, size_t n)
{
	static const char *const ps[] = { "VAN", "DE", "DA", "VON", "LE",
		"LA", "DI", "DEL", "ST", "MAC", "O", "DER", "DEN", "DOS",
		"DU", "AL", "EL", "BIN", "BEN", NULL };
	size_t i;

	for (i = 0; ps[i]; i++)
		if (strlen(ps[i]) == n && memcmp(ps[i], w, n) == 0)
			return 1;
	return 0;
}

void
strsim_split_name(const char *s, size_t n, char *forename, char *surname)
{
	const char *comma = memchr(s, ',', n);
	char all[STRSIM_NAME_MAX];
	size_t len, start, i;

	forename[0] = surname[0] = '\0';
	if (comma) {
		strsim_norm(s, (size_t)(comma - s), surname, STRSIM_NAME_MAX);
		strsim_norm(comma + 1, n - (size_t)(comma - s) - 1, forename,
		    STRSIM_NAME_MAX);
		return;
	}
	len = strsim_norm(s, n, all, sizeof all);
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

double
strsim_jaro(const char *a, size_t na, const char *b, size_t nb)
{
	unsigned char ma[JW_MAX], mb[JW_MAX];
	size_t i, j, lo, hi, win, m = 0, t = 0, k;

	if (na == 0 && nb == 0)
		return 1.0;
	if (na == 0 || nb == 0)
		return 0.0;
	if (na > JW_MAX)
		na = JW_MAX;
	if (nb > JW_MAX)
		nb = JW_MAX;
	win = (na > nb ? na : nb) / 2;
	win = win > 0 ? win - 1 : 0;
	memset(ma, 0, na);
	memset(mb, 0, nb);
	for (i = 0; i < na; i++) {
		lo = i > win ? i - win : 0;
		hi = i + win + 1 < nb ? i + win + 1 : nb;
		for (j = lo; j < hi; j++) {
			if (!mb[j] && a[i] == b[j]) {
				ma[i] = mb[j] = 1;
				m++;
				break;
			}
		}
	}
	if (m == 0)
		return 0.0;
	for (i = 0, k = 0; i < na; i++) {
		if (!ma[i])
			continue;
		while (!mb[k])
			k++;
		if (a[i] != b[k])
			t++;
		k++;
	}
	return ((double)m / na + (double)m / nb +
	    ((double)m - t / 2.0) / m) / 3.0;
}

double
strsim_jaro_winkler(const char *a, size_t na, const char *b, size_t nb)
{
	double j = strsim_jaro(a, na, b, nb);
	size_t l = 0;

	while (l < 4 && l < na && l < nb && a[l] == b[l])
		l++;
	return j + l * 0.1 * (1.0 - j);
}

static int
vowel(char c)
{
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

size_t
strsim_nysiis(const char *s, size_t n, char *out)
{
	char w[STRSIM_PHON_MAX + 4];
	size_t len = 0, i, k = 0;

	for (i = 0; i < n && len < STRSIM_PHON_MAX; i++) {
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
