/*
 * A kind's schema as CSV, for scripts that would otherwise hard-code the
 * kinds (vawg-ingest --describe).  No value written here needs quoting:
 * names are lower snake_case and vocabularies '|'-separated words.
 */
#include <stdio.h>
#include <string.h>

#include "kinds/schema.h"
#include "kinds/vocab.h"

static const char *const type_names[] = {
	[COL_TEXT] = "text",
	[COL_KEY] = "key",
	[COL_DATE] = "date",
	[COL_DATE_AHEAD] = "date_ahead",
	[COL_NAME] = "name",
	[COL_TITLE] = "title",
	[COL_PNC] = "pnc",
	[COL_CRO] = "cro",
	[COL_PHONE] = "phone",
	[COL_EMAIL] = "email",
	[COL_POSTCODE] = "postcode",
	[COL_FLAG] = "flag",
	[COL_SEX] = "sex",
	[COL_OFFENCE] = "offence_code",
	[COL_OUTCOME] = "outcome_code",
	[COL_COUNT] = "count",
	[COL_DASH] = "dash_score",
	[COL_YEAR] = "year",
	[COL_UPPER] = "upper",
	[COL_SLUG] = "slug",
	[COL_ORDER_DECISION] = "order_decision",
	[COL_ROUTE] = "dvds_route",
	[COL_CHANNEL] = "dvds_channel",
	[COL_DVDS_DECISION] = "dvds_decision",
	[COL_OFFENCE_GROUP] = "offence_group",
	[COL_VAWG] = "vawg",
	[COL_OUTCOME_GROUP] = "outcome_group",
	[COL_QUALITY] = "quality_flags",
	[COL_TIME] = "time",
	[COL_LATITUDE] = "latitude",
	[COL_LONGITUDE] = "longitude",
	[COL_EASTING] = "easting",
	[COL_NORTHING] = "northing",
	[COL_PC_DISTRICT] = "postcode_district",
	[COL_PC_SECTOR] = "postcode_sector",
};

const char *
kind_type_name(enum col_type t)
{
	if ((size_t)t < sizeof(type_names) / sizeof(type_names[0]) &&
	    type_names[t] != NULL)
		return type_names[t];
	return "text";
}

/* The 1-based place of role in k's linking order, or 0. */
static int
link_rank(const struct kind *k, const char *role)
{
	int j;

	for (j = 0; j < KIND_MAXROLES && k->link[j] != NULL; j++)
		if (strcmp(k->link[j], role) == 0)
			return j + 1;
	return 0;
}

static int
is(const char *a, const char *b)
{
	return a != NULL && strcmp(a, b) == 0;
}

int
kind_describe(const struct kind *k, FILE *fp)
{
	size_t i;

	fputs("column,type,required,role,field,key,key_date,period_date,"
	    "link,values\n", fp);
	for (i = 0; i < k->ncols; i++) {
		const struct kind_col *c = &k->cols[i];
		const struct vocab *v = vocab_of(c->type);
		const char *field, *role = kind_role_of(k, i, &field);
		int rank = role != NULL ? link_rank(k, role) : 0;
		char rk[8] = "";

		if (rank > 0)
			snprintf(rk, sizeof(rk), "%d", rank);
		fprintf(fp, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", c->name,
		    kind_type_name(c->type), c->required ? "Y" : "N",
		    role != NULL ? role : "", field != NULL ? field : "",
		    is(k->key, c->name) ? "Y" : "N",
		    is(k->key_date, c->name) ? "Y" : "N",
		    is(k->period_date, c->name) ? "Y" : "N", rk,
		    v != NULL ? v->values : "");
	}
	return fflush(fp) == EOF || ferror(fp) ? -1 : 0;
}
