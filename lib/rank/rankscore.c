/*
 * Perpetrator ranking: accumulators per id, weights, scores, the top n.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/hmap.h"
#include "rank/rankscore.h"

/*
 * The defaults are a local choice, not a published formula: no force
 * publishes its RFG or RFH weights.  They put one offence today (10 +
 * 2), a rape at the subgroup median (25.55), a second victim (5) and an
 * aggravator (10) on one scale of points.  Keep data/rank-weights.csv
 * the same bytes (a unit test checks).
 */
const char rank_weights_default_csv[] =
	"weight,value\n"
	"recency,10\n"
	"frequency,2\n"
	"harm_per_day,0.01\n"
	"victims,5\n"
	"order_breach,10\n"
	"wanted,10\n";

const char *const rank_component[6] = {
	"recency", "frequency", "harm", "victims", "order_breach", "wanted"
};

#define WEIGHT_MAX 1000000.0
#define BLOCK 1024

struct block {
	struct block *next;
	size_t used;
	struct rank_person p[BLOCK];
};

struct rank_set {
	struct hmap *map;	/* id -> struct rank_person * */
	struct block *blocks;
	size_t count;
	uint64_t *pairs;	/* open addressing; 0 = empty */
	size_t pmask, npairs;
};

static const struct {
	const char *name;
	size_t off;
} weight_names[] = {
	{ "recency", offsetof(struct rank_weights, recency) },
	{ "frequency", offsetof(struct rank_weights, frequency) },
	{ "harm_per_day", offsetof(struct rank_weights, harm_per_day) },
	{ "victims", offsetof(struct rank_weights, victims) },
	{ "order_breach", offsetof(struct rank_weights, order_breach) },
	{ "wanted", offsetof(struct rank_weights, wanted) },
};
#define NWEIGHTS (sizeof(weight_names) / sizeof(weight_names[0]))

static int
parse_weight(const char *s, double *v)
{
	char *end;

	while (*s == ' ')
		s++;
	if (*s == '\0' || *s == '+' || *s == '-')
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (errno != 0 || *end != '\0' || !isfinite(*v) || *v < 0 ||
	    *v > WEIGHT_MAX)
		return -1;
	return 0;
}

static int
read_weights(struct csvr *r, const char *name, struct rank_weights *w,
    struct vawg_err *e)
{
	int cname, cval, rc;
	unsigned seen = 0;
	size_t i;

	rc = csvr_header(r);
	if (rc != CSVR_RECORD) {
		err_at(e, EX_DATAERR, name,
		    rc == CSVR_EOF ? 0 : csvr_error_line(r), "%s",
		    rc == CSVR_EOF ? "empty weights file" : csvr_error(r));
		return -1;
	}
	if ((cname = csvr_col(r, "weight")) < 0 ||
	    (cval = csvr_col(r, "value")) < 0) {
		err_at(e, EX_DATAERR, name, 1,
		    "weights file needs weight and value columns");
		return -1;
	}
	while ((rc = csvr_next(r)) == CSVR_RECORD) {
		const char *wn = csvr_field(r, (size_t)cname);
		double v;

		if (csvr_recerr(r) != CSVR_OK) {
			err_at(e, EX_DATAERR, name, csvr_line(r), "%s",
			    csvr_recerr_str(csvr_recerr(r)));
			return -1;
		}
		for (i = 0; i < NWEIGHTS; i++)
			if (strcmp(wn, weight_names[i].name) == 0)
				break;
		if (i == NWEIGHTS) {
			err_at(e, EX_DATAERR, name, csvr_line(r),
			    "unknown weight name");
			return -1;
		}
		if (seen & (1u << i)) {
			err_at(e, EX_DATAERR, name, csvr_line(r),
			    "repeated weight %s", weight_names[i].name);
			return -1;
		}
		seen |= 1u << i;
		if (parse_weight(csvr_field(r, (size_t)cval), &v) == -1) {
			err_at(e, EX_DATAERR, name, csvr_line(r),
			    "weight %s is not a number from 0 to 1000000",
			    weight_names[i].name);
			return -1;
		}
		*(double *)((char *)w + weight_names[i].off) = v;
	}
	if (rc == CSVR_ERROR) {
		err_at(e, EX_DATAERR, name, csvr_error_line(r), "%s",
		    csvr_error(r));
		return -1;
	}
	return 0;
}

int
rank_weights_load(const char *path, struct rank_weights *w,
    struct vawg_err *e)
{
	struct csvr *r;
	FILE *fp;
	int rc;

	memset(w, 0, sizeof(*w));
	fp = fmemopen((void *)rank_weights_default_csv,
	    sizeof(rank_weights_default_csv) - 1, "r");
	if (fp == NULL) {
		err_sys(e, EX_OSERR, "built-in weights");
		return -1;
	}
	r = csvr_fdopen(fp, "built-in weights", NULL);
	rc = read_weights(r, "built-in weights", w, e);
	csvr_close(r);
	fclose(fp);
	if (rc == -1) {
		err_set(e, EX_SOFTWARE, "built-in weights are bad");
		return -1;
	}
	if (path == NULL)
		return 0;
	if ((r = csvr_open(path, NULL)) == NULL) {
		err_sys(e, EX_NOINPUT, "%s", path);
		return -1;
	}
	rc = read_weights(r, path, w, e);
	csvr_close(r);
	return rc;
}

struct rank_set *
rank_set_new(void)
{
	struct rank_set *s = xcalloc(1, sizeof(*s));

	s->map = hmap_new();
	s->pmask = 1023;
	s->pairs = xcalloc(s->pmask + 1, sizeof(*s->pairs));
	return s;
}

void
rank_set_free(struct rank_set *s)
{
	struct block *b, *next;
	size_t i;

	if (s == NULL)
		return;
	for (b = s->blocks; b != NULL; b = next) {
		next = b->next;
		for (i = 0; i < b->used; i++)
			free(b->p[i].text);
		free(b);
	}
	hmap_free(s->map);
	free(s->pairs);
	free(s);
}

struct rank_person *
rank_set_find(struct rank_set *s, const char *id, size_t len)
{
	uintptr_t *slot = hmap_slot(s->map, id, len, 0, NULL);

	return slot != NULL ? (struct rank_person *)*slot : NULL;
}

struct rank_person *
rank_set_person(struct rank_set *s, const char *id, size_t len)
{
	uintptr_t *slot;
	struct rank_person *p;
	int created;
	int t;

	slot = hmap_slot(s->map, id, len, 1, &created);
	if (!created)
		return (struct rank_person *)*slot;
	if (s->blocks == NULL || s->blocks->used == BLOCK) {
		struct block *b = xmalloc(sizeof(*b));

		b->next = s->blocks;
		b->used = 0;
		s->blocks = b;
	}
	p = &s->blocks->p[s->blocks->used++];
	memset(p, 0, sizeof(*p));
	p->id = hmap_strdup(s->map, id, len);
	p->idlen = (uint32_t)len;
	p->index = (uint32_t)s->count++;
	p->last_day = INT32_MIN;
	for (t = 0; t < RANK_NTEXT; t++)
		p->textday[t] = INT32_MIN;
	*slot = (uintptr_t)p;
	return p;
}

size_t
rank_set_count(const struct rank_set *s)
{
	return s->count;
}

void
rank_offence(struct rank_person *p, int32_t day, double harm, int da)
{
	p->offences++;
	if (da)
		p->da_offences++;
	p->harm_days += harm;
	if (day > p->last_day)
		p->last_day = day;
}

static void
pairs_grow(struct rank_set *s)
{
	size_t i, j, nmask = s->pmask * 2 + 1;
	uint64_t *np = xcalloc(nmask + 1, sizeof(*np));

	for (i = 0; i <= s->pmask; i++) {
		if (s->pairs[i] == 0)
			continue;
		for (j = s->pairs[i] & nmask; np[j] != 0; j = (j + 1) & nmask)
			;
		np[j] = s->pairs[i];
	}
	free(s->pairs);
	s->pairs = np;
	s->pmask = nmask;
}

int
rank_victim(struct rank_set *s, struct rank_person *p, const char *key,
    size_t len)
{
	uint64_t h = hash_bytes(key, len);
	size_t i;

	/* Mix in the person so that the pair, not the victim, is hashed. */
	h ^= ((uint64_t)p->index + 1) * 0x9E3779B97F4A7C15ULL;
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 29;
	if (h == 0)
		h = 1;
	for (i = h & s->pmask; s->pairs[i] != 0; i = (i + 1) & s->pmask)
		if (s->pairs[i] == h)
			return 0;
	s->pairs[i] = h;
	p->victims++;
	if (++s->npairs * 2 > s->pmask)
		pairs_grow(s);
	return 1;
}

void
rank_text_offer(struct rank_person *p, int which, const char *v, size_t len,
    int32_t day)
{
	size_t oldlen, total, tail, need;
	int t;

	if (len == 0 || len > UINT32_MAX / 4 || day < p->textday[which])
		return;
	if (p->text == NULL) {
		/* Four empty strings. */
		p->textcap = (uint32_t)len + RANK_NTEXT + 16;
		p->text = xcalloc(p->textcap, 1);
		for (t = 0; t < RANK_NTEXT; t++)
			p->textoff[t] = (uint32_t)t;
	}
	oldlen = strlen(p->text + p->textoff[which]);
	total = p->textoff[RANK_NTEXT - 1] +
	    strlen(p->text + p->textoff[RANK_NTEXT - 1]) + 1;
	need = total - oldlen + len;
	if (need > p->textcap) {
		p->textcap = (uint32_t)need + 16;
		p->text = xrealloc(p->text, p->textcap);
	}
	tail = total - (p->textoff[which] + oldlen + 1);
	memmove(p->text + p->textoff[which] + len + 1,
	    p->text + p->textoff[which] + oldlen + 1, tail);
	memcpy(p->text + p->textoff[which], v, len);
	p->text[p->textoff[which] + len] = '\0';
	for (t = which + 1; t < RANK_NTEXT; t++)
		p->textoff[t] = (uint32_t)(p->textoff[t] + len - oldlen);
	p->textday[which] = day;
}

const char *
rank_text(const struct rank_person *p, int which)
{
	return p->text != NULL ? p->text + p->textoff[which] : "";
}

void
rank_points(const struct rank_person *p, const struct rank_weights *w,
    int32_t as_of, int window, double pts[6])
{
	double since = (double)as_of - (double)p->last_day;

	if (since < 0)
		since = 0;
	if (since > window)
		since = window;
	pts[0] = w->recency * ((double)window - since) / (double)window;
	pts[1] = w->frequency * p->offences;
	pts[2] = w->harm_per_day * p->harm_days;
	pts[3] = w->victims * p->victims;
	pts[4] = p->flags & RANK_ORDER_BREACH ? w->order_breach : 0;
	pts[5] = p->flags & RANK_WANTED ? w->wanted : 0;
}

void
rank_score(struct rank_person *p, const struct rank_weights *w,
    int32_t as_of, int window)
{
	double pts[6], sum = 0;
	int i;

	rank_points(p, w, as_of, window, pts);
	for (i = 0; i < 6; i++)
		sum += pts[i];
	p->score_c = llround(sum * 100);
}

int
rank_cmp(const struct rank_person *a, const struct rank_person *b)
{
	size_t n;
	int c;

	if (a->score_c != b->score_c)
		return a->score_c > b->score_c ? -1 : 1;
	if (a->harm_days != b->harm_days)
		return a->harm_days > b->harm_days ? -1 : 1;
	if (a->last_day != b->last_day)
		return a->last_day > b->last_day ? -1 : 1;
	if (a->offences != b->offences)
		return a->offences > b->offences ? -1 : 1;
	if (a->victims != b->victims)
		return a->victims > b->victims ? -1 : 1;
	n = a->idlen < b->idlen ? a->idlen : b->idlen;
	if ((c = memcmp(a->id, b->id, n)) != 0)
		return c;
	return a->idlen < b->idlen ? -1 : a->idlen > b->idlen;
}

static int
cmp_ptr(const void *a, const void *b)
{
	return rank_cmp(*(struct rank_person *const *)a,
	    *(struct rank_person *const *)b);
}

/* Max-heap on rank order: the worst of the kept persons at the root. */
static void
sift_down(struct rank_person **h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		struct rank_person *t;

		if (l < n && rank_cmp(h[l], h[m]) > 0)
			m = l;
		if (r < n && rank_cmp(h[r], h[m]) > 0)
			m = r;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void
sift_up(struct rank_person **h, size_t i)
{
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		struct rank_person *t;

		if (rank_cmp(h[i], h[parent]) <= 0)
			return;
		t = h[i];
		h[i] = h[parent];
		h[parent] = t;
		i = parent;
	}
}

struct rank_person **
rank_top(struct rank_set *s, const struct rank_weights *w, int32_t as_of,
    int window, size_t n, int (*keep)(const struct rank_person *, void *),
    void *arg, size_t *count)
{
	struct rank_person **h;
	struct block *b;
	size_t cap, len = 0, i;

	cap = n > 0 && n < s->count ? n : s->count;
	h = xreallocarray(NULL, cap > 0 ? cap : 1, sizeof(*h));
	for (b = s->blocks; b != NULL; b = b->next) {
		for (i = 0; i < b->used; i++) {
			struct rank_person *p = &b->p[i];

			if (keep != NULL ? !keep(p, arg) : p->offences == 0)
				continue;
			rank_score(p, w, as_of, window);
			if (len < cap) {
				h[len] = p;
				sift_up(h, len++);
			} else if (rank_cmp(p, h[0]) < 0) {
				h[0] = p;
				sift_down(h, len, 0);
			}
		}
	}
	qsort(h, len, sizeof(*h), cmp_ptr);
	*count = len;
	return h;
}

void
rank_format_score(long long score_c, char *buf)
{
	long long a = score_c < 0 ? -score_c : score_c;

	snprintf(buf, 32, "%s%lld.%02lld", score_c < 0 ? "-" : "", a / 100,
	    a % 100);
}

/* Appends to buf like snprintf, keeping count of the length needed. */
static void
append(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(*len < n ? buf + *len : NULL, *len < n ? n - *len : 0,
	    fmt, ap);
	va_end(ap);
	if (k > 0)
		*len += (size_t)k;
}

size_t
rank_explain(const struct rank_person *p, const struct rank_weights *w,
    int32_t as_of, int window, char *buf, size_t n)
{
	char score[32];
	long since = (long)as_of - (long)p->last_day;
	size_t len = 0;
	double pts[6];

	rank_points(p, w, as_of, window, pts);
	if (since < 0)
		since = 0;
	if (since > window)
		since = window;
	if (n > 0)
		buf[0] = '\0';
	rank_format_score(p->score_c, score);
	append(buf, n, &len, "recency %.10g * (%d - %ld) / %d = %.2f; ",
	    w->recency, window, since, window, pts[0]);
	append(buf, n, &len, "frequency %.10g * %u = %.2f; ", w->frequency,
	    p->offences, pts[1]);
	append(buf, n, &len, "harm %.10g * %.10g = %.2f; ", w->harm_per_day,
	    p->harm_days, pts[2]);
	append(buf, n, &len, "victims %.10g * %u = %.2f; ", w->victims,
	    p->victims, pts[3]);
	append(buf, n, &len, "order_breach %.10g * %d = %.2f; ", w->order_breach,
	    (p->flags & RANK_ORDER_BREACH) != 0, pts[4]);
	append(buf, n, &len, "wanted %.10g * %d = %.2f; ", w->wanted,
	    (p->flags & RANK_WANTED) != 0, pts[5]);
	append(buf, n, &len, "score %s", score);
	return len;
}
