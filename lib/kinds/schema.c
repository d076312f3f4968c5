/*
 * The kinds' columns as tables.  Person columns carry no alias list of
 * their own: their spellings are every way of writing the role ("ip",
 * "injured party" for a victim) joined with every way of writing the
 * field ("first name", "given name" for a forename).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds/schema.h"
#include "core/diag.h"
#include "core/hmap.h"

#define C(n, t, r, a) { n, t, r, a }

/* The place columns of crimes and engagement: WGS84, the British
 * National Grid, and the postcode's district and sector. */
#define PLACE_COLUMNS \
	C("latitude", COL_LATITUDE, 0, "lat|wgs84 latitude"), \
	C("longitude", COL_LONGITUDE, 0, "long|lon|lng|wgs84 longitude"), \
	C("easting", COL_EASTING, 0, "eastings|grid easting|os easting|" \
	    "x coordinate|bng easting"), \
	C("northing", COL_NORTHING, 0, "northings|grid northing|" \
	    "os northing|y coordinate|bng northing"), \
	C("postcode_district", COL_PC_DISTRICT, 0, NULL), \
	C("postcode_sector", COL_PC_SECTOR, 0, NULL)

static const struct kind_col crime_cols[] = {
	C("crime_ref", COL_KEY, 1, "crime reference|crime reference number|"
	    "crime ref no|crime no|crime number|crime id|cris|cris number|"
	    "cris no|cris ref|crime report number|urn|occurrence number|"
	    "occurrence ref|reference|ref"),
	C("reported_date", COL_DATE, 1, "date reported|reported|reported on|"
	    "report date|recorded date|date recorded|reported date time|"
	    "date created|created date"),
	C("committed_date", COL_DATE, 0, "date committed|committed|"
	    "committed on|offence date|date of offence|incident date|"
	    "occurred|occurred date|date occurred|committed from|date from"),
	C("committed_time", COL_TIME, 0, "time committed|offence time|"
	    "time of offence|incident time|occurred time|time occurred|"
	    "committed from time|time from|time"),
	C("offence_code", COL_OFFENCE, 1, "ho code|home office code|"
	    "ho offence code|offence code|crime code|hocode|ho class|"
	    "ho classification|classification code"),
	C("offence_desc", COL_TEXT, 0, "offence|offence description|"
	    "offence desc|offence title|crime type|classification|"
	    "description|offence name"),
	C("offence_group", COL_OFFENCE_GROUP, 0, NULL),
	C("vawg", COL_VAWG, 0, "vawg flag"),
	C("da_flag", COL_FLAG, 0, "da|domestic abuse|domestic abuse flag|"
	    "domestic|da marker|domestic flag|dv|dv flag|da related|"
	    "domestic abuse related"),
	C("bcu", COL_TEXT, 0, "basic command unit|command unit"),
	C("borough", COL_TEXT, 0, "local authority|district"),
	C("ward", COL_TEXT, 0, "ward name"),
	C("postcode", COL_POSTCODE, 0, "post code|offence postcode|"
	    "location postcode|crime postcode|scene postcode"),
	C("lsoa", COL_TEXT, 0, "lsoa code|lsoa11|lsoa 2011|lsoa 2021"),
	PLACE_COLUMNS,
	C("victim_forename", COL_NAME, 0, NULL),
	C("victim_surname", COL_NAME, 0, NULL),
	C("victim_dob", COL_DATE, 0, NULL),
	C("victim_pnc", COL_PNC, 0, NULL),
	C("victim_cro", COL_CRO, 0, NULL),
	C("victim_nino", COL_TEXT, 0, NULL),
	C("victim_other_id", COL_TEXT, 0, NULL),
	C("victim_postcode", COL_POSTCODE, 0, NULL),
	C("victim_sex", COL_SEX, 0, NULL),
	C("victim_phone", COL_PHONE, 0, NULL),
	C("victim_email", COL_EMAIL, 0, NULL),
	C("suspect_forename", COL_NAME, 0, NULL),
	C("suspect_surname", COL_NAME, 0, NULL),
	C("suspect_dob", COL_DATE, 0, NULL),
	C("suspect_pnc", COL_PNC, 0, NULL),
	C("suspect_cro", COL_CRO, 0, NULL),
	C("suspect_nino", COL_TEXT, 0, NULL),
	C("suspect_other_id", COL_TEXT, 0, NULL),
	C("suspect_postcode", COL_POSTCODE, 0, NULL),
	C("suspect_sex", COL_SEX, 0, NULL),
	C("suspect_phone", COL_PHONE, 0, NULL),
	C("suspect_email", COL_EMAIL, 0, NULL),
	C("outcome_code", COL_OUTCOME, 0, "outcome|outcome number|"
	    "outcome no|ho outcome|ho outcome code|outcome type|"
	    "disposal code|clear up code|outcome id"),
	C("outcome_date", COL_DATE, 0, "date of outcome|outcome recorded|"
	    "disposal date|clear up date|finalised date|date finalised"),
	C("outcome_group", COL_OUTCOME_GROUP, 0, NULL),
	C("victim_ethnicity", COL_SLUG, 0, "victim ethnicity|ethnicity|"
	    "ethnic group|ethnic origin|victim ethnic group|"
	    "victim ethnic origin|self defined ethnicity|"
	    "victim self defined ethnicity|sde|victim sde|ip ethnicity|"
	    "ethnicity of victim"),
	C("victim_age", COL_COUNT, 0, "victim age|age of victim|ip age|"
	    "victim age at offence|age at offence|victim age at time"),
	C("suspect_police", COL_FLAG, 0, "suspect police|suspect is police|"
	    "police perpetrated|police perpetrator|police perpetrated abuse|"
	    "officer suspect|police officer suspect|suspect police officer|"
	    "police suspect|suspect police employee|pppa"),
	C("victim_title", COL_TITLE, 0, NULL),
	C("suspect_title", COL_TITLE, 0, NULL),
	C("quality_flags", COL_QUALITY, 0, NULL),
};

static const struct kind_col wanted_cols[] = {
	C("wanted_ref", COL_KEY, 1, "wanted reference|wanted id|wanted no|"
	    "wanted number|circulation ref|circulation reference|"
	    "pnc wanted ref|reference|ref"),
	C("person_forename", COL_NAME, 0, NULL),
	C("person_surname", COL_NAME, 0, NULL),
	C("person_dob", COL_DATE, 0, NULL),
	C("person_pnc", COL_PNC, 0, NULL),
	C("person_cro", COL_CRO, 0, NULL),
	C("person_nino", COL_TEXT, 0, NULL),
	C("person_other_id", COL_TEXT, 0, NULL),
	C("person_postcode", COL_POSTCODE, 0, NULL),
	C("person_sex", COL_SEX, 0, NULL),
	C("person_phone", COL_PHONE, 0, NULL),
	C("person_email", COL_EMAIL, 0, NULL),
	C("offence_code", COL_OFFENCE, 0, "ho code|home office code|"
	    "ho offence code|offence code|crime code|hocode|ho class"),
	C("offence_desc", COL_TEXT, 0, "offence|offence description|"
	    "offence desc|wanted for|wanted offence|description"),
	C("offence_group", COL_OFFENCE_GROUP, 0, NULL),
	C("da_flag", COL_FLAG, 0, "da|domestic abuse|domestic abuse flag|"
	    "domestic|da marker|dv|dv flag"),
	C("high_harm", COL_FLAG, 0, "high harm flag|hh|high harm offender"),
	C("forensic_live", COL_FLAG, 0, "forensic|forensics|live forensic|"
	    "forensic hit|forensic opportunity|forensic live flag"),
	C("wanted_date", COL_DATE, 1, "date wanted|wanted since|wanted from|"
	    "circulated|date circulated|circulation date"),
	C("arrest_date", COL_DATE, 0, "date arrested|arrested|arrested on|"
	    "date of arrest"),
	C("bcu", COL_TEXT, 0, "basic command unit|command unit"),
	C("borough", COL_TEXT, 0, "local authority|district"),
	C("ward", COL_TEXT, 0, "ward name"),
	C("person_title", COL_TITLE, 0, NULL),
	C("quality_flags", COL_QUALITY, 0, NULL),
};

static const struct kind_col order_cols[] = {
	C("order_ref", COL_KEY, 1, "order reference|order id|order no|"
	    "order number|reference|ref"),
	C("order_type", COL_UPPER, 1, "type|order|type of order"),
	C("respondent_forename", COL_NAME, 0, NULL),
	C("respondent_surname", COL_NAME, 0, NULL),
	C("respondent_dob", COL_DATE, 0, NULL),
	C("respondent_pnc", COL_PNC, 0, NULL),
	C("respondent_cro", COL_CRO, 0, NULL),
	C("respondent_nino", COL_TEXT, 0, NULL),
	C("respondent_other_id", COL_TEXT, 0, NULL),
	C("respondent_postcode", COL_POSTCODE, 0, NULL),
	C("respondent_phone", COL_PHONE, 0, NULL),
	C("respondent_email", COL_EMAIL, 0, NULL),
	C("protected_forename", COL_NAME, 0, NULL),
	C("protected_surname", COL_NAME, 0, NULL),
	C("protected_dob", COL_DATE, 0, NULL),
	C("protected_phone", COL_PHONE, 0, NULL),
	C("protected_email", COL_EMAIL, 0, NULL),
	C("applied_date", COL_DATE, 0, "applied|applied on|date applied|"
	    "application date|date of application"),
	C("decision", COL_ORDER_DECISION, 0, "outcome|result|court decision|"
	    "court outcome"),
	C("granted_date", COL_DATE, 0, "granted|granted on|date granted|"
	    "order date|date made|made on|date of order"),
	C("expiry_date", COL_DATE_AHEAD, 0, "expiry|expires|expires on|end date|"
	    "date of expiry|expiry date time"),
	C("breach_count", COL_COUNT, 0, "breaches|breach|number of breaches|"
	    "no of breaches|breach total"),
	C("bcu", COL_TEXT, 0, "basic command unit|command unit"),
	C("borough", COL_TEXT, 0, "local authority|district"),
	C("pnc_upload_date", COL_DATE, 0, "pnc upload date|pnc upload|"
	    "uploaded to pnc|date uploaded to pnc|pnc date|date on pnc|"
	    "pnc entry date|pnc recorded|date recorded on pnc"),
	C("respondent_title", COL_TITLE, 0, NULL),
	C("protected_title", COL_TITLE, 0, NULL),
	C("quality_flags", COL_QUALITY, 0, NULL),
};

static const struct kind_col marac_cols[] = {
	C("marac_ref", COL_KEY, 1, "marac reference|marac id|marac no|"
	    "case ref|case reference|case id|case no|reference|ref"),
	C("referral_date", COL_DATE, 1, "date of referral|referred|"
	    "referred on|date referred|referral received"),
	C("meeting_date", COL_DATE_AHEAD, 0, "marac date|date of meeting|meeting|"
	    "heard|heard on|date heard|marac meeting date"),
	C("victim_forename", COL_NAME, 0, NULL),
	C("victim_surname", COL_NAME, 0, NULL),
	C("victim_dob", COL_DATE, 0, NULL),
	C("victim_postcode", COL_POSTCODE, 0, NULL),
	C("victim_phone", COL_PHONE, 0, NULL),
	C("victim_email", COL_EMAIL, 0, NULL),
	C("perpetrator_forename", COL_NAME, 0, NULL),
	C("perpetrator_surname", COL_NAME, 0, NULL),
	C("perpetrator_dob", COL_DATE, 0, NULL),
	C("perpetrator_pnc", COL_PNC, 0, NULL),
	C("perpetrator_cro", COL_CRO, 0, NULL),
	C("perpetrator_nino", COL_TEXT, 0, NULL),
	C("perpetrator_other_id", COL_TEXT, 0, NULL),
	C("perpetrator_phone", COL_PHONE, 0, NULL),
	C("perpetrator_email", COL_EMAIL, 0, NULL),
	C("dash_score", COL_DASH, 0, "dash|dash total|dash ric|"
	    "dash ric score|ric score|risk score|ticks|dash ticks"),
	C("risk_level", COL_SLUG, 0, "risk|dash risk|risk grading|"
	    "risk rating|risk assessment"),
	C("referral_route", COL_SLUG, 0, "route|referral reason|"
	    "referral criteria|criteria|reason for referral"),
	C("referring_agency", COL_SLUG, 0, "agency|referrer|referred by|"
	    "referring organisation|referral agency"),
	C("borough", COL_TEXT, 0, "local authority|district"),
	C("victim_title", COL_TITLE, 0, NULL),
	C("perpetrator_title", COL_TITLE, 0, NULL),
	C("quality_flags", COL_QUALITY, 0, NULL),
};

static const struct kind_col disclosure_cols[] = {
	C("dvds_ref", COL_KEY, 1, "dvds reference|dvds id|dvds no|"
	    "clares law ref|clares law reference|application ref|"
	    "application reference|reference|ref"),
	C("route", COL_ROUTE, 0, "scheme|application route|right to|"
	    "ask or know|dvds route"),
	C("channel", COL_CHANNEL, 0, "application channel|received via|"
	    "how received|contact channel"),
	C("received_date", COL_DATE, 1, "received|received on|"
	    "date received|application date|date of application"),
	C("decision_date", COL_DATE, 0, "date of decision|decided|"
	    "decided on|date decided"),
	C("decision", COL_DVDS_DECISION, 0, "outcome|result|"
	    "disclosure decision"),
	C("applicant_forename", COL_NAME, 0, NULL),
	C("applicant_surname", COL_NAME, 0, NULL),
	C("applicant_dob", COL_DATE, 0, NULL),
	C("applicant_phone", COL_PHONE, 0, NULL),
	C("applicant_email", COL_EMAIL, 0, NULL),
	C("subject_forename", COL_NAME, 0, NULL),
	C("subject_surname", COL_NAME, 0, NULL),
	C("subject_dob", COL_DATE, 0, NULL),
	C("subject_pnc", COL_PNC, 0, NULL),
	C("subject_cro", COL_CRO, 0, NULL),
	C("subject_nino", COL_TEXT, 0, NULL),
	C("subject_other_id", COL_TEXT, 0, NULL),
	C("subject_phone", COL_PHONE, 0, NULL),
	C("subject_email", COL_EMAIL, 0, NULL),
	C("borough", COL_TEXT, 0, "local authority|district"),
	C("contact_date", COL_DATE, 0, "contact date|date of contact|"
	    "applicant contacted|date applicant contacted|contacted|"
	    "contacted on|outcome communicated|date outcome communicated"),
	C("applicant_title", COL_TITLE, 0, NULL),
	C("subject_title", COL_TITLE, 0, NULL),
	C("quality_flags", COL_QUALITY, 0, NULL),
};

static const struct kind_col engagement_cols[] = {
	C("engagement_ref", COL_KEY, 1, "engagement reference|engagement id|"
	    "activity ref|activity id|event ref|event id|reference|ref|id"),
	C("date", COL_DATE, 1, "activity date|engagement date|event date|"
	    "date of activity|date of engagement"),
	C("type", COL_SLUG, 0, "activity type|engagement type|activity|"
	    "operation|event type"),
	C("bcu", COL_TEXT, 0, "basic command unit|command unit"),
	C("borough", COL_TEXT, 0, "local authority|district"),
	C("ward", COL_TEXT, 0, "ward name"),
	C("postcode", COL_POSTCODE, 0, "post code|location postcode"),
	PLACE_COLUMNS,
	C("concern", COL_SLUG, 0, "concerns|issue|issue raised|"
	    "concern raised"),
	C("action", COL_SLUG, 0, "action taken|actions|response"),
	C("status", COL_SLUG, 0, "state|action status"),
	C("quality_flags", COL_QUALITY, 0, NULL),
};

static const struct kind_col population_cols[] = {
	C("area", COL_KEY, 1, "area name|la name|local authority|borough|"
	    "geography|name"),
	C("year", COL_YEAR, 1, "mid year|period|census year"),
	C("population", COL_COUNT, 1, "pop|total population|all persons|"
	    "all ages|persons|total"),
	C("female_16plus", COL_COUNT, 0, "female 16 plus|females 16 plus|"
	    "female 16+|females 16+|women 16+|female 16 and over|"
	    "female aged 16 and over|females aged 16 and over|women 16 plus|"
	    "female adults|adult females"),
	C("quality_flags", COL_QUALITY, 0, NULL),
};

#define KIND(n, t) n, t, sizeof(t) / sizeof(t[0])

/*
 * Each kind: its columns, key, key date, period date, person roles in
 * column order, and the roles the persons index links, in linking order.
 */
const struct kind kind_table[KIND_N] = {
	{ KIND("crime", crime_cols), "crime_ref", "reported_date",
	  "reported_date", { "victim", "suspect" }, { "suspect", "victim" } },
	{ KIND("wanted", wanted_cols), "wanted_ref", "wanted_date",
	  "wanted_date", { "person" }, { "person" } },
	{ KIND("order", order_cols), "order_ref", "applied_date",
	  "applied_date", { "respondent", "protected" }, { "respondent" } },
	{ KIND("marac", marac_cols), "marac_ref", "referral_date",
	  "meeting_date", { "victim", "perpetrator" },
	  { "perpetrator", "victim" } },
	{ KIND("disclosure", disclosure_cols), "dvds_ref", "received_date",
	  "received_date", { "applicant", "subject" }, { "subject" } },
	{ KIND("engagement", engagement_cols), "engagement_ref", "date",
	  "date", { NULL }, { NULL } },
	{ KIND("population", population_cols), "area", "year", NULL,
	  { NULL }, { NULL } },
};

#define NKINDS KIND_N

/* Ways of writing each role and each person field. */
static const struct { const char *role, *words; } role_words[] = {
	{ "victim", "victim|v|ip|injured party|aggrieved|complainant" },
	{ "suspect", "suspect|s|sus|offender|accused|nominal" },
	{ "person", "|person|wanted person|wanted|nominal|subject|offender" },
	{ "respondent", "respondent|resp|r|perpetrator|perp" },
	{ "protected", "protected|protected person|pp|applicant|victim" },
	{ "perpetrator", "perpetrator|perp|alleged perpetrator|p|abuser" },
	{ "applicant", "applicant|app|requester" },
	{ "subject", "subject|subj|partner|person of concern" },
};

static const struct { const char *field, *words; } field_words[] = {
	{ "forename", "forename|forenames|first name|first names|firstname|"
	    "given name|given names|christian name|fname" },
	{ "surname", "surname|last name|lastname|family name|sname|lname" },
	{ "dob", "dob|date of birth|birth date|birthdate|born|d o b" },
	{ "pnc", "pnc|pnc id|pncid|pnc number|pnc no|pnc ref" },
	{ "cro", "cro|cro no|cro number|cro id|cro ref|crono" },
	{ "nino", "nino|ni no|ni number|nin|national insurance|"
	    "national insurance no|national insurance number" },
	{ "other_id", "other id|other identifier|other number|passport|"
	    "passport no|passport number|driving licence|"
	    "driving licence no|driving licence number|licence number|"
	    "local id|system id|person number|nominal id" },
	{ "phone", "phone|phone no|phone number|tel|tel no|telephone|"
	    "telephone number|mobile|mobile no|mobile number|mobile phone|"
	    "contact number" },
	{ "email", "email|e-mail|email address|e-mail address" },
	{ "postcode", "postcode|post code|home postcode|address postcode" },
	{ "sex", "sex|gender" },
	{ "title", "title|salutation|honorific" },
};

/*
 * Spellings of the person fields that no kind holds (a list of persons
 * has them), and of a full name, for kind_person_field().
 */
static const struct { const char *field, *words; } list_words[] = {
	{ "address", "address|street address|home address|address line 1|"
	    "address 1|street" },
	{ "town", "town|city|suburb|locality|town or city|town city|"
	    "place of residence" },
	{ "other_id", "soc sec id|social security number|ssn" },
	{ "name", "name|full name|person name|nominal name" },
};

const struct kind *
kind_find(const char *name)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (strcmp(kind_table[i].name, name) == 0)
			return &kind_table[i];
	return NULL;
}

const struct kind *
kind_at(size_t i)
{
	return i < NKINDS ? &kind_table[i] : NULL;
}

int
kind_key_date(const struct kind *k)
{
	return k->key_date != NULL ? kind_index(k, k->key_date) : -1;
}

int
kind_index(const struct kind *k, const char *name)
{
	size_t i;

	for (i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *
kind_role_of(const struct kind *k, size_t i, const char **field)
{
	const char *name = k->cols[i].name;
	size_t j, rl;

	for (j = 0; j < KIND_MAXROLES && k->roles[j] != NULL; j++) {
		rl = strlen(k->roles[j]);
		if (strncmp(name, k->roles[j], rl) == 0 && name[rl] == '_') {
			*field = name + rl + 1;
			return k->roles[j];
		}
	}
	*field = NULL;
	return NULL;
}

size_t
colmap_fold(const char *s, char *out, size_t outsz)
{
	size_t k = 0;

	for (; *s != '\0' && k + 1 < outsz; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[k++] = (char)c;
	}
	out[k] = '\0';
	return k;
}

#define FOLDSZ 128

/* Calls fn on each '|'-separated word of list, folded. */
static int
each_word(const char *list, int (*fn)(const char *, void *), void *arg)
{
	char w[FOLDSZ], f[FOLDSZ];

	while (list != NULL && *list != '\0') {
		const char *bar = strchr(list, '|');
		size_t n = bar != NULL ? (size_t)(bar - list) : strlen(list);

		if (n >= sizeof(w))
			n = sizeof(w) - 1;
		memcpy(w, list, n);
		w[n] = '\0';
		colmap_fold(w, f, sizeof(f));
		if (fn(f, arg))
			return 1;
		list = bar != NULL ? bar + 1 : NULL;
	}
	return 0;
}

struct same_arg {
	const char *want;
};

static int
same_word(const char *w, void *a)
{
	return strcmp(w, ((struct same_arg *)a)->want) == 0;
}

const char *
kind_person_field(const char *name)
{
	char f[FOLDSZ];
	struct same_arg a;
	size_t i;

	colmap_fold(name, f, sizeof(f));
	a.want = f;
	if (f[0] == '\0')
		return NULL;
	for (i = 0; i < sizeof(field_words) / sizeof(field_words[0]); i++)
		if (each_word(field_words[i].words, same_word, &a))
			return field_words[i].field;
	for (i = 0; i < sizeof(list_words) / sizeof(list_words[0]); i++)
		if (each_word(list_words[i].words, same_word, &a))
			return list_words[i].field;
	return NULL;
}

/* Splits a person column name into its role and field word lists. */
static int
person_words(const char *name, const char **roles, const char **fields)
{
	size_t i, j, rl;

	for (i = 0; i < sizeof(role_words) / sizeof(role_words[0]); i++) {
		rl = strlen(role_words[i].role);
		if (strncmp(name, role_words[i].role, rl) != 0 ||
		    name[rl] != '_')
			continue;
		for (j = 0; j < sizeof(field_words) / sizeof(field_words[0]);
		    j++)
			if (strcmp(name + rl + 1, field_words[j].field) == 0) {
				*roles = role_words[i].words;
				*fields = field_words[j].words;
				return 1;
			}
	}
	return 0;
}

struct pair_arg {
	const char *fields;
	const char *target;
	char role[FOLDSZ];
	int (*fn)(const char *, void *);
	void *arg;
};

static int
pair_field(const char *field, void *a)
{
	struct pair_arg *p = a;
	char both[2 * FOLDSZ];

	snprintf(both, sizeof(both), "%s%s", p->role, field);
	return p->fn(both, p->arg);
}

static int
pair_role(const char *role, void *a)
{
	struct pair_arg *p = a;

	snprintf(p->role, sizeof(p->role), "%s", role);
	return each_word(p->fields, pair_field, p);
}

/*
 * Calls fn on every folded alias of column c (not its own name); stops
 * and returns 1 when fn does.
 */
static int
each_alias(const struct kind_col *c, int (*fn)(const char *, void *),
    void *arg)
{
	const char *roles, *fields;
	struct pair_arg p;

	if (each_word(c->aliases, fn, arg))
		return 1;
	if (!person_words(c->name, &roles, &fields))
		return 0;
	p.fields = fields;
	p.fn = fn;
	p.arg = arg;
	return each_word(roles, pair_role, &p);
}

struct print_arg {
	FILE *fp;
	char seen[8192];	/* " word word ... " printed so far */
	size_t len;
};

/* Prints each spelling once. */
static int
print_word(const char *w, void *a)
{
	struct print_arg *p = a;
	char key[FOLDSZ + 2];
	int n = snprintf(key, sizeof(key), " %s ", w);

	if (w[0] == '\0' || strstr(p->seen, key) != NULL)
		return 0;
	fprintf(p->fp, " %s", w);
	if (p->len + (size_t)n < sizeof(p->seen)) {
		memcpy(p->seen + p->len, key, (size_t)n + 1);
		p->len += (size_t)n - 1;
	}
	return 0;
}

void
colmap_print_aliases(const struct kind *k, FILE *fp)
{
	static struct print_arg p;
	size_t i;
	char f[FOLDSZ];

	p.fp = fp;
	for (i = 0; i < k->ncols; i++) {
		p.seen[0] = '\0';
		p.len = 0;
		colmap_fold(k->cols[i].name, f, sizeof(f));
		fprintf(fp, "%s:%s", k->cols[i].name,
		    k->cols[i].required ? " (required)" : "");
		print_word(f, &p);
		each_alias(&k->cols[i], print_word, &p);
		fputc('\n', fp);
	}
}

/* User map. */

struct colmap_user {
	char **src;	/* per kind column: source header, or NULL */
	size_t n;
};

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		*--e = '\0';
	return s;
}

struct colmap_user *
colmap_user_load(const char *path, const struct kind *k, char *err,
    size_t errsz)
{
	FILE *fp;
	struct colmap_user *u;
	char *line = NULL, *s, *eq, *canon, *src;
	size_t cap = 0;
	unsigned long ln = 0;
	int i;

	errno = 0;
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return NULL;
	}
	u = xcalloc(1, sizeof(*u));
	u->n = k->ncols;
	u->src = xcalloc(k->ncols, sizeof(*u->src));
	while (getline(&line, &cap, fp) != -1) {
		ln++;
		s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		if ((eq = strchr(s, '=')) == NULL) {
			snprintf(err, errsz, "%s:%lu: expected "
			    "\"canonical = Source Header\"", path, ln);
			goto bad;
		}
		*eq = '\0';
		canon = trim(s);
		src = trim(eq + 1);
		if ((i = kind_index(k, canon)) < 0) {
			snprintf(err, errsz, "%s:%lu: %s is not a column of "
			    "kind %s", path, ln, canon, k->name);
			goto bad;
		}
		if (*src == '\0') {
			snprintf(err, errsz, "%s:%lu: no source header for %s",
			    path, ln, canon);
			goto bad;
		}
		if (u->src[i] != NULL) {
			snprintf(err, errsz, "%s:%lu: %s is mapped twice",
			    path, ln, canon);
			goto bad;
		}
		u->src[i] = xstrdup(src);
	}
	if (ferror(fp)) {
		snprintf(err, errsz, "%s: read error", path);
		goto bad;
	}
	free(line);
	fclose(fp);
	errno = 0;
	return u;
bad:
	free(line);
	fclose(fp);
	colmap_user_free(u);
	errno = 0;
	return NULL;
}

void
colmap_user_free(struct colmap_user *u)
{
	size_t i;

	if (u == NULL)
		return;
	for (i = 0; i < u->n; i++)
		free(u->src[i]);
	free(u->src);
	free(u);
}

/* Matching. */

/*
 * Source columns by exact and by folded name, in hash maps, so that a
 * header of a million columns costs a million lookups, not a million
 * squared comparisons.  A folded name shared by several columns carries
 * MULTI; those (rare) cases are resolved by a scan.
 */
#define MULTI ((uintptr_t)1 << (sizeof(uintptr_t) * 8 - 1))

struct match {
	const char *const *names;
	const char **folded;	/* in the arena of byfold */
	int *taken;
	size_t n;
	struct hmap *byfold;
	int found[2];
	int nfound;
};

static void
note(struct match *f, size_t j)
{
	int i;

	for (i = 0; i < f->nfound; i++)
		if (f->found[i] == (int)j)
			return;
	if (f->nfound < 2)
		f->found[f->nfound++] = (int)j;
}

/* Notes the untaken source columns whose folded name is w. */
static int
find_word(const char *w, void *a)
{
	struct match *f = a;
	uintptr_t *v;
	size_t j;

	if (w[0] == '\0' ||
	    (v = hmap_slot(f->byfold, w, strlen(w), 0, NULL)) == NULL)
		return 0;
	if (!(*v & MULTI)) {
		j = (size_t)*v - 1;
		if (!f->taken[j])
			note(f, j);
		return 0;
	}
	for (j = 0; j < f->n; j++)
		if (!f->taken[j] && strcmp(f->folded[j], w) == 0)
			note(f, j);
	return 0;
}

/* The user map's column for canonical i: exact name, then folded. */
static int
user_column(struct match *f, struct hmap *byname, const char *src)
{
	char fs[FOLDSZ];
	uintptr_t *v;

	v = hmap_slot(byname, src, strlen(src), 0, NULL);
	if (v != NULL && !f->taken[*v - 1])
		return (int)*v - 1;
	colmap_fold(src, fs, sizeof(fs));
	f->nfound = 0;
	find_word(fs, f);
	return f->nfound > 0 ? f->found[0] : -1;
}

int
colmap_match(const struct kind *k, const struct colmap_user *u,
    const char *const *names, size_t n, struct colmap *m, char *err,
    size_t errsz)
{
	struct match f;
	struct hmap *byname = hmap_new();
	char fb[FOLDSZ];
	size_t i, j;
	int st = -1, tier, hit;

	memset(&f, 0, sizeof(f));
	f.names = names;
	f.n = n;
	f.byfold = hmap_new();
	f.folded = xcalloc(n ? n : 1, sizeof(*f.folded));
	f.taken = xcalloc(n ? n : 1, sizeof(int));
	memset(m, 0, sizeof(*m));
	m->kind = k;
	m->nsrc = n;
	m->src = xmalloc(k->ncols * sizeof(*m->src));
	m->pass = xmalloc((n ? n : 1) * sizeof(*m->pass));
	m->unnamed = xcalloc(n ? n : 1, sizeof(*m->unnamed));
	for (i = 0; i < k->ncols; i++)
		m->src[i] = -1;
	for (j = 0; j < n; j++) {
		int created;
		uintptr_t *v;
		size_t fl;

		fl = colmap_fold(names[j], fb, sizeof(fb));
		f.folded[j] = hmap_strdup(f.byfold, fb, fl);
		if (names[j][0] == '\0') {
			m->unnamed[j] = 1;
			f.taken[j] = 1;
			continue;
		}
		v = hmap_slot(byname, names[j], strlen(names[j]), 1, &created);
		if (!created) {
			snprintf(err, errsz, "columns %zu and %zu of the header "
			    "have the same name; is the header line missing?",
			    (size_t)*v, j + 1);
			goto out;
		}
		*v = j + 1;
		if (fl == 0)
			continue;
		v = hmap_slot(f.byfold, fb, fl, 1, &created);
		*v = created ? j + 1 : *v | MULTI;
	}
	/* The user's map first. */
	for (i = 0; u != NULL && i < k->ncols; i++) {
		if (u->src[i] == NULL ||
		    (hit = user_column(&f, byname, u->src[i])) < 0)
			continue;
		m->src[i] = hit;
		f.taken[hit] = 1;
	}
	/* The canonical name itself, then the aliases. */
	for (tier = 0; tier < 2; tier++) {
		for (i = 0; i < k->ncols; i++) {
			if (m->src[i] >= 0)
				continue;
			f.nfound = 0;
			if (tier == 0) {
				colmap_fold(k->cols[i].name, fb, sizeof(fb));
				find_word(fb, &f);
			} else {
				each_alias(&k->cols[i], find_word, &f);
			}
			if (f.nfound > 1) {
				snprintf(err, errsz, "columns %d and %d could "
				    "both be %s: say which with --map",
				    f.found[0] + 1, f.found[1] + 1,
				    k->cols[i].name);
				goto out;
			}
			if (f.nfound == 1)
				m->src[i] = f.found[0];
		}
		/* Claim this tier's matches only once all are known. */
		for (i = 0; i < k->ncols; i++)
			if (m->src[i] >= 0)
				f.taken[m->src[i]] = 1;
	}
	for (i = 0; i < k->ncols; i++) {
		if (k->cols[i].required && m->src[i] < 0) {
			snprintf(err, errsz, "no column %s among the %zu "
			    "column%s of the header; is the header line "
			    "missing?", k->cols[i].name, n, n == 1 ? "" : "s");
			goto out;
		}
		for (j = 0; j < i; j++)
			if (m->src[i] >= 0 && m->src[i] == m->src[j]) {
				snprintf(err, errsz, "column %d could be "
				    "%s or %s: say which with --map",
				    m->src[i] + 1, k->cols[j].name,
				    k->cols[i].name);
				goto out;
			}
	}
	for (j = 0; j < n; j++)
		if (!f.taken[j])
			m->pass[m->npass++] = j;
	st = 0;
out:
	hmap_free(byname);
	hmap_free(f.byfold);
	free(f.folded);
	free(f.taken);
	if (st != 0)
		colmap_free(m);
	return st;
}

void
colmap_free(struct colmap *m)
{
	free(m->src);
	free(m->pass);
	free(m->unnamed);
	m->src = NULL;
	m->pass = NULL;
	m->unnamed = NULL;
}
