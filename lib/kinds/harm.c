/*
 * The crime-harm table: loading, lookup, and the built-in default.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds/classify.h"
#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "kinds/harm.h"
#include "core/hmap.h"

/*
 * Home Office subgroup medians of the Cambridge Crime Harm Index (2026
 * update, as reported by a public project: days of imprisonment at the
 * guideline starting point), one row per VAWG-relevant code.  Per-code
 * values vary widely inside a subgroup, so a force with the Cambridge
 * per-code file should use it with --harm.  Keep data/harm.csv the same
 * bytes (a unit test checks).
 */
const char harm_default_csv[] =
	"offence_code,harm_days,ho_subgroup,offence,basis\n"
	"1,5475,Homicide,Murder,subgroup median\n"
	"4/1,5475,Homicide,Manslaughter,subgroup median\n"
	"4/10,5475,Homicide,Corporate manslaughter,subgroup median\n"
	"4/2,5475,Homicide,Infanticide,subgroup median\n"
	"19C,2555,Rape,Rape of a female aged 16 and over,subgroup median\n"
	"19D,2555,Rape,Rape of a female child under 16,subgroup median\n"
	"19E,2555,Rape,Rape of a female child under 13,subgroup median\n"
	"19F,2555,Rape,Rape of a male aged 16 and over,subgroup median\n"
	"19G,2555,Rape,Rape of a male child under 16,subgroup median\n"
	"19H,2555,Rape,Rape of a male child under 13,subgroup median\n"
	"17A,182.25,Other sexual offences,Sexual assault on a male aged 13 and over,subgroup median\n"
	"17B,182.25,Other sexual offences,Sexual assault on a male child under 13,subgroup median\n"
	"20A,182.25,Other sexual offences,Sexual assault on a female aged 13 and over,subgroup median\n"
	"20B,182.25,Other sexual offences,Sexual assault on a female child under 13,subgroup median\n"
	"21,182.25,Other sexual offences,Sexual activity involving a child under 13,subgroup median\n"
	"22A,182.25,Other sexual offences,Causing sexual activity without consent,subgroup median\n"
	"22B,182.25,Other sexual offences,Sexual activity involving child under 16,subgroup median\n"
	"23,182.25,Other sexual offences,Incest or familial sexual offences,subgroup median\n"
	"24,182.25,Other sexual offences,Exploitation of prostitution,subgroup median (subgroup assignment unconfirmed)\n"
	"70,182.25,Other sexual offences,Sexual activity etc with a person with a mental disorder,subgroup median\n"
	"71,182.25,Other sexual offences,Abuse of children through sexual exploitation,subgroup median\n"
	"72,182.25,Other sexual offences,Trafficking for sexual exploitation,subgroup median\n"
	"73,182.25,Other sexual offences,Abuse of position of trust of a sexual nature,subgroup median\n"
	"88A,182.25,Other sexual offences,Sexual grooming,subgroup median\n"
	"88C,182.25,Other sexual offences,Other miscellaneous sexual offences,subgroup median\n"
	"88D,182.25,Other sexual offences,Unnatural sexual offences,subgroup median\n"
	"88E,182.25,Other sexual offences,Exposure and voyeurism,subgroup median\n"
	"5D,365,Violence with injury,Assault with intent to cause serious harm,subgroup median\n"
	"5E,365,Violence with injury,Endangering life,subgroup median\n"
	"8K,365,Violence with injury,Poisoning or female genital mutilation,subgroup median (subgroup assignment unconfirmed)\n"
	"8N,365,Violence with injury,Assault with injury,subgroup median\n"
	"8P,365,Violence with injury,Racially or religiously aggravated assault with injury,subgroup median\n"
	"3B,10,Violence without injury,Threats to kill,subgroup median (subgroup assignment unconfirmed)\n"
	"105A,10,Violence without injury,Assault without injury,subgroup median\n"
	"105B,10,Violence without injury,Racially or religiously aggravated assault without injury,subgroup median\n"
	"11A,10,Violence without injury,Cruelty to children/young persons,subgroup median (subgroup assignment unconfirmed)\n"
	"13,10,Violence without injury,Child abduction,subgroup median (subgroup assignment unconfirmed)\n"
	"14,10,Violence without injury,Procuring illegal abortion,subgroup median (subgroup assignment unconfirmed)\n"
	"36,10,Violence without injury,Kidnapping,subgroup median (subgroup assignment unconfirmed)\n"
	"106,10,Violence without injury,Modern slavery,subgroup median (subgroup assignment unconfirmed)\n"
	"8L,10,Stalking and harassment,Harassment,subgroup median\n"
	"8M,10,Stalking and harassment,Racially or religiously aggravated harassment,subgroup median\n"
	"8Q,10,Stalking and harassment,Stalking,subgroup median\n"
	"8R,10,Stalking and harassment,Malicious communications,subgroup median (code unconfirmed)\n"
	"8U,10,Stalking and harassment,Controlling or coercive behaviour,subgroup median (code unconfirmed)\n"
	"9A,7.5,Public order,Public fear alarm or distress,subgroup median\n"
	"9B,7.5,Public order,Racially or religiously aggravated public fear alarm or distress,subgroup median\n"
	"27,10,Misc crimes against society,Soliciting for the purposes of prostitution,subgroup median (subgroup assignment unconfirmed)\n"
	"86,10,Misc crimes against society,Obscene publications etc,subgroup median (subgroup assignment unconfirmed)\n"
	"*,10,,Any code not listed above,median of the Misc crimes against society subgroup\n";

#define HARM_MAX_DAYS 100000.0
#define CODE_MAX 32

struct harm {
	struct hmap *map;	/* normalised code -> index into days */
	double *days;
	size_t n, cap;
	int has_default;
	double default_days;
};

/* A number of days: digits with an optional fraction, 0..HARM_MAX_DAYS. */
static int
parse_days(const char *s, double *v)
{
	char *end;
	const char *p;
	int digits = 0;

	for (p = s; *p == ' '; p++)
		;
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++)
		digits += *p != '.';
	for (; *p == ' '; p++)
		;
	if (digits == 0 || *p != '\0')
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (errno != 0 || *v < 0 || *v > HARM_MAX_DAYS)
		return -1;
	return 0;
}

static struct harm *
fail(struct harm *h, struct csvr *r, FILE *mem)
{
	harm_free(h);
	csvr_close(r);
	if (mem != NULL)
		fclose(mem);
	return NULL;
}

struct harm *
harm_load(const char *path, struct vawg_err *e)
{
	struct harm *h;
	struct csvr *r;
	FILE *fp = NULL;
	const char *name = path != NULL ? path : "built-in harm table";
	int ccode, cdays, rc;

	if (path != NULL) {
		if ((r = csvr_open(path, NULL)) == NULL) {
			err_sys(e, EX_NOINPUT, "%s", path);
			return NULL;
		}
	} else {
		fp = fmemopen((void *)harm_default_csv,
		    sizeof(harm_default_csv) - 1, "r");
		if (fp == NULL)
			diag_nomem();	/* fmemopen() of memory */
		r = csvr_fdopen(fp, name, NULL);
	}
	h = xcalloc(1, sizeof(*h));
	h->map = hmap_new();
	rc = csvr_header(r);
	if (rc != CSVR_RECORD) {
		err_at(e, EX_DATAERR, name, rc == CSVR_EOF ? 0 :
		    csvr_error_line(r), "%s", rc == CSVR_EOF ?
		    "empty harm table" : csvr_error(r));
		return fail(h, r, fp);
	}
	if ((ccode = csvr_col(r, "offence_code")) < 0 ||
	    (cdays = csvr_col(r, "harm_days")) < 0) {
		err_at(e, EX_DATAERR, name, 1, "harm table needs offence_code "
		    "and harm_days columns");
		return fail(h, r, fp);
	}
	while ((rc = csvr_next(r)) == CSVR_RECORD) {
		char code[CODE_MAX + 1];
		size_t len;
		double days;
		uintptr_t *slot;
		int created;

		if (csvr_recerr(r) != CSVR_OK) {
			err_at(e, EX_DATAERR, name, csvr_line(r), "%s",
			    csvr_recerr_str(csvr_recerr(r)));
			return fail(h, r, fp);
		}
		len = classify_norm_offence(csvr_field(r, (size_t)ccode),
		    csvr_fieldlen(r, (size_t)ccode), code, sizeof(code));
		if (len == 0) {
			err_at(e, EX_DATAERR, name, csvr_line(r),
			    "empty or overlong offence_code");
			return fail(h, r, fp);
		}
		if (parse_days(csvr_field(r, (size_t)cdays), &days) == -1) {
			err_at(e, EX_DATAERR, name, csvr_line(r), "harm_days "
			    "is not a number of days from 0 to 100000");
			return fail(h, r, fp);
		}
		if (len == 1 && code[0] == '*') {
			if (h->has_default) {
				err_at(e, EX_DATAERR, name, csvr_line(r),
				    "repeated offence_code");
				return fail(h, r, fp);
			}
			h->has_default = 1;
			h->default_days = days;
			continue;
		}
		slot = hmap_slot(h->map, code, len, 1, &created);
		if (!created) {
			err_at(e, EX_DATAERR, name, csvr_line(r),
			    "repeated offence_code");
			return fail(h, r, fp);
		}
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 64;
			h->days = xreallocarray(h->days, h->cap,
			    sizeof(*h->days));
		}
		h->days[h->n] = days;
		*slot = h->n++;
	}
	if (rc == CSVR_ERROR) {
		err_at(e, EX_DATAERR, name, csvr_error_line(r), "%s",
		    csvr_error(r));
		return fail(h, r, fp);
	}
	csvr_close(r);
	if (fp != NULL)
		fclose(fp);
	return h;
}

void
harm_free(struct harm *h)
{
	if (h == NULL)
		return;
	hmap_free(h->map);
	free(h->days);
	free(h);
}

int
harm_lookup(const struct harm *h, const char *code, size_t len, double *days)
{
	char key[CODE_MAX + 1];
	size_t n;
	uintptr_t *slot;

	n = classify_norm_offence(code, len, key, sizeof(key));
	if (n > 0 && (slot = hmap_slot(h->map, key, n, 0, NULL)) != NULL) {
		*days = h->days[*slot];
		return 1;
	}
	*days = h->has_default ? h->default_days : 0;
	return 0;
}

size_t
harm_count(const struct harm *h)
{
	return h->n;
}

int
harm_has_default(const struct harm *h)
{
	return h->has_default;
}
