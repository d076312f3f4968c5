/*
 * Unit tests of lib/linkage: normalisation of each field, every
 * comparison level, EM estimates on a hand-made set and on blocks of
 * different people sharing names, the term-frequency
 * adjustment, the basis of a score, finding matches, the chaining guard
 * and the evaluation counts.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "persons/linkage.h"

/* A person from "field=value;field=value" text. */
static struct lk_person
person(const char *spec)
{
	struct lk_person p;
	char buf[512], *tok, *save = NULL, *eq;
	int f;

	lk_person_clear(&p);
	snprintf(buf, sizeof buf, "%s", spec);
	for (tok = strtok_r(buf, ";", &save); tok;
	    tok = strtok_r(NULL, ";", &save)) {
		eq = strchr(tok, '=');
		assert_non_null(eq);
		*eq = '\0';
		for (f = 0; f < LK_NFIELDS; f++)
			if (strcmp(tok, lk_field_names[f]) == 0)
				break;
		assert_true(f < LK_NFIELDS);
		lk_person_set(&p, (enum lk_field)f, eq + 1, strlen(eq + 1));
	}
	return p;
}

/* A finished set of the n persons p, and the default model with no term
   frequencies (names weigh as in a large file). */
static struct lk_set *
set_of(const struct lk_person *p, size_t n, struct lk_model *mo)
{
	struct lk_set *s = lk_set_new();
	size_t i;

	for (i = 0; i < n; i++)
		lk_set_add(s, &p[i]);
	lk_set_finish(s);
	lk_model_default(mo);
	memset(mo->tf, 0, sizeof mo->tf);
	return s;
}

static void
test_normalise(void **state)
{
	static const struct {
		enum lk_field f;
		const char *in, *out;
	} t[] = {
		{ LK_DOB, "1985-02-01", "1985-02-01" },
		{ LK_DOB, "19850201", "1985-02-01" },
		{ LK_DOB, "01/02/1985", "1985-02-01" },
		{ LK_DOB, "1985-13-01", "" },
		{ LK_DOB, "yesterday", "" },
		/* As exports write them: month names, a two-digit year (85,
		   later than this year's last two digits: 1985), a day and
		   a month of one digit, a time. */
		{ LK_DOB, "01-Feb-1985", "1985-02-01" },
		{ LK_DOB, "1 February 1985", "1985-02-01" },
		{ LK_DOB, "01-FEB-85", "1985-02-01" },
		{ LK_DOB, "1/2/1985", "1985-02-01" },
		{ LK_DOB, "01/02/1985 00:00", "1985-02-01" },
		/* Month first is never guessed; digits alone are a year or
		   an Excel day number, no date; a day to come is none. */
		{ LK_DOB, "02/13/1985", "" },
		{ LK_DOB, "1985", "" },
		{ LK_DOB, "31078", "" },
		{ LK_DOB, "01-Feb-2199", "" },
		{ LK_DOB, "31-Feb-1985", "" },
		/* 85 * 10^7 + 1234 = 850001234 = 23 * 36956575 + 9: 'J'. */
		{ LK_PNC, "85/1234J", "1985/0001234J" },
		{ LK_PNC, "1985/0001234J", "1985/0001234J" },
		{ LK_PNC, "85/1234K", "" },
		{ LK_POSTCODE, "sw1a1aa", "SW1A 1AA" },
		{ LK_POSTCODE, " SW1A  1AA ", "SW1A 1AA" },
		{ LK_POSTCODE, "4011", "4011" },
		{ LK_PHONE, "+44 7700 900123", "07700900123" },
		{ LK_PHONE, "07700-900123", "07700900123" },
		{ LK_EMAIL, " Jo@Example.ORG", "jo@example.org" },
		{ LK_EMAIL, "not an address", "" },
		{ LK_SEX, "female", "F" },
		{ LK_SEX, "m", "M" },
		{ LK_SEX, "unknown", "" },
		{ LK_SURNAME, "o'brien-smith", "OBRIEN SMITH" },
		{ LK_SURNAME, "Țurcanu", "TURCANU" },
		{ LK_FORENAME, "Иван", "ИВАН" },
		{ LK_TOWN, "Θεσσαλονίκη", "ΘΕΣΣΑΛΟΝΙΚΗ" },
	};
	struct lk_person p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		lk_person_clear(&p);
		lk_person_set(&p, t[i].f, t[i].in, strlen(t[i].in));
		assert_string_equal(lk_person_get(&p, t[i].f, NULL), t[i].out);
	}
}

/* Level of field f between two persons alone in a set. */
static int
level_of(const char *a, const char *b, enum lk_field f)
{
	struct lk_set *s = lk_set_new();
	struct lk_person pa = person(a), pb = person(b);
	struct lk_model mo;
	struct lk_score sc;

	lk_set_add(s, &pa);
	lk_set_add(s, &pb);
	lk_set_finish(s);
	lk_model_default(&mo);
	lk_score(&mo, s, 0, 1, &sc);
	lk_set_free(s);
	return sc.level[f];
}

static void
test_levels(void **state)
{
	static const struct {
		const char *a, *b;
		enum lk_field f;
		int level;
	} t[] = {
		{ "forename=John", "forename=JOHN", LK_FORENAME, LK_FN_EXACT },
		{ "forename=John Paul", "forename=john", LK_FORENAME,
		    LK_FN_EXACT },
		{ "forename=Bob", "forename=Robert", LK_FORENAME, LK_FN_NICK },
		{ "forename=Peggy", "forename=Margaret", LK_FORENAME,
		    LK_FN_NICK },
		{ "forename=Jonathon", "forename=Jonathan", LK_FORENAME,
		    LK_FN_NICK },
		{ "forename=Tomek", "forename=Tomasz", LK_FORENAME,
		    LK_FN_NICK },
		{ "forename=Beth", "forename=Bethany", LK_FORENAME,
		    LK_FN_NICK },
		{ "forename=Kathrine", "forename=Katherina", LK_FORENAME,
		    LK_FN_JW92 },
		{ "forename=Martha", "forename=Marhta", LK_FORENAME,
		    LK_FN_JW92 },
		{ "forename=Dwayne", "forename=Duane", LK_FORENAME,
		    LK_FN_JW80 },
		/* Two neighbours swapped in three letters: Jaro-Winkler
		 * 0.56 (a nil window), a typing slip all the same. */
		{ "forename=Amy", "forename=Aym", LK_FORENAME, LK_FN_JW92 },
		{ "forename=Amy", "forename=Mya", LK_FORENAME, LK_FN_ELSE },
		{ "forename=J", "forename=John", LK_FORENAME, LK_FN_INITIAL },
		{ "forename=K", "forename=John", LK_FORENAME, LK_FN_ELSE },
		{ "forename=Zoe", "forename=Brian", LK_FORENAME, LK_FN_ELSE },
		{ "forename=Zoe", "surname=Brian", LK_FORENAME, LK_NULL },
		/* Other scripts: an initial is one character, not a byte. */
		{ "forename=Ștefan", "forename=Stefan", LK_FORENAME,
		    LK_FN_EXACT },
		{ "forename=И", "forename=Иван", LK_FORENAME, LK_FN_INITIAL },
		{ "forename=И", "forename=Йосиф", LK_FORENAME,
		    LK_FN_INITIAL },			/* Й folds to И */
		{ "forename=И", "forename=Пётр", LK_FORENAME, LK_FN_ELSE },
		{ "surname=Nguyễn", "surname=Nguyen", LK_SURNAME,
		    LK_SN_EXACT },
		/* MULLER and MUELLER: both NYSIIS MALAR. */
		{ "surname=Müller", "surname=Mueller", LK_SURNAME,
		    LK_SN_PHON },
		{ "surname=Łukasiewicz", "surname=Lukasiewicz", LK_SURNAME,
		    LK_SN_EXACT },
		{ "surname=Παπαδόπουλος", "surname=ΠΑΠΑΔΟΠΟΥΛΟΣ", LK_SURNAME,
		    LK_SN_EXACT },
		/* Jaro-Winkler 0.971 in characters (see test_strsim). */
		{ "surname=Иванов", "surname=Иванова", LK_SURNAME,
		    LK_SN_JW92 },
		{ "surname=Петров", "surname=Сидоров", LK_SURNAME,
		    LK_SN_ELSE },
		{ "surname=Smith", "surname=SMITH", LK_SURNAME, LK_SN_EXACT },
		{ "surname=Smith", "surname=Smyth", LK_SURNAME, LK_SN_PHON },
		{ "surname=Okonkwo", "surname=Okonkow", LK_SURNAME,
		    LK_SN_JW92 },
		{ "surname=Fox", "surname=Fxo", LK_SURNAME, LK_SN_JW92 },
		{ "surname=Fox", "surname=Xof", LK_SURNAME, LK_SN_ELSE },
		{ "surname=Smith-Jones", "surname=Jones", LK_SURNAME,
		    LK_SN_PART },
		{ "surname=Dixon", "surname=Dicksonx", LK_SURNAME,
		    LK_SN_JW80 },
		{ "surname=Smith", "surname=Patel", LK_SURNAME, LK_SN_ELSE },
		{ "dob=1985-02-01", "dob=01/02/1985", LK_DOB, LK_DOB_EXACT },
		{ "dob=1985-02-01", "dob=1985-01-02", LK_DOB, LK_DOB_SWAP },
		/* One digit wrong, or the year one off: a typo. */
		{ "dob=1985-02-01", "dob=1986-02-01", LK_DOB, LK_DOB_TYPO },
		{ "dob=1985-02-01", "dob=1985-02-11", LK_DOB, LK_DOB_TYPO },
		{ "dob=1989-04-25", "dob=1990-04-25", LK_DOB, LK_DOB_TYPO },
		/* Two of year, month and day alike, more than a typo. */
		{ "dob=1985-02-01", "dob=1958-02-01", LK_DOB, LK_DOB_ONE },
		{ "dob=1985-02-03", "dob=1985-11-03", LK_DOB, LK_DOB_ONE },
		{ "dob=1985-02-01", "dob=1985-02-28", LK_DOB, LK_DOB_ONE },
		{ "dob=1985-02-01", "dob=1986-03-01", LK_DOB, LK_DOB_ELSE },
		/* 1 January is put for an unknown day: vague, even equal. */
		{ "dob=1985-01-01", "dob=1985-01-01", LK_DOB, LK_DOB_VAGUE },
		{ "dob=1985-01-01", "dob=1985-06-20", LK_DOB, LK_DOB_VAGUE },
		{ "dob=1985-01-01", "dob=1986-01-01", LK_DOB, LK_DOB_ELSE },
		/* 30 January and 3 February: four days apart. */
		{ "dob=1985-01-30", "dob=1985-02-03", LK_DOB, LK_DOB_NEAR },
		{ "dob=1985-12-30", "dob=1986-01-05", LK_DOB, LK_DOB_NEAR },
		{ "dob=1985-01-30", "dob=1985-03-03", LK_DOB, LK_DOB_ELSE },
		{ "pnc=85/1234J", "pnc=1985/0001234J", LK_PNC, LK_PNC_EXACT },
		/* 85 * 10^7 + 1235 = 850001235: remainder 10, 'K'. */
		{ "pnc=85/1234J", "pnc=85/1235K", LK_PNC, LK_PNC_ELSE },
		{ "postcode=SW1A 1AA", "postcode=sw1a1aa", LK_POSTCODE,
		    LK_PC_EXACT },
		{ "postcode=SW1A 1AA", "postcode=SW1A 2BB", LK_POSTCODE,
		    LK_PC_DISTRICT },
		{ "postcode=SW1A 1AA", "postcode=E1 6AN", LK_POSTCODE,
		    LK_PC_ELSE },
		{ "postcode=SW1A 1AA", "postcode=SW1A 1AB", LK_POSTCODE,
		    LK_PC_EDIT },
		{ "postcode=SW1A 1AA", "postcode=SW1 1AA", LK_POSTCODE,
		    LK_PC_EDIT },
		{ "address=12 High Street", "address=12 high st.", LK_ADDRESS,
		    LK_AD_FUZZY },
		{ "address=12 High Street", "address=12 High Street",
		    LK_ADDRESS, LK_AD_EXACT },
		{ "address=12 High Street", "address=Flat 3 Mill Lane",
		    LK_ADDRESS, LK_AD_ELSE },
		{ "town=Southmere", "town=Southmere", LK_TOWN, LK_AD_EXACT },
		{ "phone=07700900123", "phone=07700900124", LK_PHONE,
		    LK_PH_ONE },
		{ "phone=07700900123", "phone=07700901023", LK_PHONE,
		    LK_PH_ONE },
		{ "phone=07700900123", "phone=07700911111", LK_PHONE,
		    LK_PH_ELSE },
		{ "email=a@b.org", "email=A@B.org", LK_EMAIL, LK_EM_EXACT },
		/* One or two edits. */
		{ "email=a@b.org", "email=c@b.org", LK_EMAIL, LK_EM_EDIT },
		{ "email=ann.lee@b.org", "email=annlee@b.org", LK_EMAIL,
		    LK_EM_EDIT },
		{ "email=ann.lee@b.org", "email=anle@b.org", LK_EMAIL,
		    LK_EM_ELSE },
		{ "email=a@b.org", "email=zed@q.net", LK_EMAIL, LK_EM_ELSE },
		/* Names swapped: each equal to the other's other name. */
		{ "forename=Lee;surname=Ann", "forename=Ann;surname=Lee",
		    LK_FORENAME, LK_FN_SWAP },
		{ "forename=Lee;surname=Ann", "forename=Ann;surname=Lee",
		    LK_SURNAME, LK_SN_SWAP },
		{ "forename=Lee;surname=Ann", "forename=Ann;surname=Leigh",
		    LK_SURNAME, LK_SN_ELSE },
		/* Swapped with a slip, or a double forename kept as its
		   first word where a forename goes. */
		{ "forename=Robin;surname=Morrison",
		    "forename=Morrion;surname=Robin", LK_FORENAME,
		    LK_FN_SWAP },
		{ "forename=Robin;surname=Morrison",
		    "forename=Morrison;surname=Rboin", LK_SURNAME,
		    LK_SN_SWAP },
		{ "forename=Jean-Claude;surname=White",
		    "forename=White;surname=Jean-Claude", LK_SURNAME,
		    LK_SN_SWAP },
		{ "forename=Robin;surname=Morrison",
		    "forename=Harrison;surname=Robin", LK_SURNAME,
		    LK_SN_ELSE },
		/* Identifiers: exact, one edit (a swap of neighbours too). */
		{ "nino=QQ 12 34 56 C", "nino=qq123456c", LK_NINO,
		    LK_ID_EXACT },
		{ "nino=QQ123456C", "nino=QQ123457C", LK_NINO, LK_ID_ONE },
		{ "nino=QQ123456C", "nino=AB987654D", LK_NINO, LK_ID_ELSE },
		{ "other_id=X1234567", "other_id=X1234576", LK_OTHER_ID,
		    LK_ID_ONE },
		{ "other_id=X1234567", "other_id=X12345", LK_OTHER_ID,
		    LK_ID_ELSE },
		/* 65656/91H padded: 91065656 mod 23 = 8, H; 065657/91H is
		   kept as written (its letter is wrong), one digit off. */
		{ "cro=65656/91H", "cro=065656/91h", LK_CRO, LK_ID_EXACT },
		{ "cro=65656/91H", "cro=065657/91H", LK_CRO, LK_ID_ONE },
		{ "sex=F", "sex=female", LK_SEX, LK_EQ_EXACT },
		{ "sex=F", "sex=M", LK_SEX, LK_EQ_ELSE },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		int l = level_of(t[i].a, t[i].b, t[i].f);

		if (l != t[i].level)
			fail_msg("case %zu (%s | %s): level %d, want %d", i,
			    t[i].a, t[i].b, l, t[i].level);
	}
	assert_string_equal(lk_level_name(LK_DOB, LK_DOB_SWAP), "swap");
	assert_string_equal(lk_level_name(LK_SEX, LK_NULL), "null");
}

static const char *const fns[] = { "OLIVIA", "AMELIA", "ISLA", "AVA",
	"MIA", "IVY", "LILY", "ISABELLA", "ROSIE", "SOPHIA", "GRACE",
	"WILLOW", "FREYA", "FLORENCE", "EMILY", "ELLA", "POPPY", "EVIE",
	"ELSIE", "CHARLOTTE" };
static const char *const sns[] = { "SMITH", "JONES", "TAYLOR", "BROWN",
	"WILLIAMS", "WILSON", "JOHNSON", "DAVIES", "PATEL", "WRIGHT",
	"OKONKWO", "WALKER", "EVANS", "THOMAS", "ROBERTS", "GREEN", "HALL",
	"WOOD", "HUGHES", "CLARKE", "CAMPBELL", "KHAN", "LEWIS", "HARRIS",
	"MARTIN" };

/*
 * 300 persons, each recorded twice: the second record has another
 * forename every fifth person (so m(forename exact) is 0.8) and the
 * same surname and DOB always.
 */
static struct lk_set *
em_set(void)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p;
	char dob[16];
	int i, k;

	for (i = 0; i < 300; i++) {
		for (k = 0; k < 2; k++) {
			int fi = (i * 7) % 20;

			if (k == 1 && i % 5 == 0)
				fi = (fi + 10) % 20;
			snprintf(dob, sizeof dob, "%04d-%02d-%02d",
			    1950 + i % 50, 1 + (i / 50) % 12, 1 + i % 28);
			lk_person_clear(&p);
			lk_person_set(&p, LK_FORENAME, fns[fi],
			    strlen(fns[fi]));
			lk_person_set(&p, LK_SURNAME, sns[(i * 3) % 25],
			    strlen(sns[(i * 3) % 25]));
			lk_person_set(&p, LK_DOB, dob, strlen(dob));
			lk_set_add(s, &p);
		}
	}
	lk_set_finish(s);
	return s;
}

/* The model of s from the defaults, estimated in one thread (the same
   figures on every machine). */
static void
estimate(struct lk_model *mo, const struct lk_set *s)
{
	struct lk_est_opts eo = LK_EST_OPTS_DEFAULT;

	eo.threads = 1;
	lk_model_default(mo);
	lk_model_estimate(mo, s, &eo);
}

/*
 * Names crossed weigh no more than names in place: a u for "swapped"
 * found to be nil (floored at 1e-7) gave each name 20 bits, and two
 * persons who agreed on nothing but their names crossed were linked.
 */
static void
test_swap_capped(void **state)
{
	struct lk_model mo;

	(void)state;
	lk_model_default(&mo);
	lk_model_update(&mo);
	assert_true(mo.w[LK_FORENAME][LK_FN_SWAP] <=
	    mo.w[LK_FORENAME][LK_FN_EXACT]);
	mo.m[LK_SURNAME][LK_SN_SWAP] = 0.13;
	mo.u[LK_SURNAME][LK_SN_SWAP] = 1e-7;
	mo.m[LK_SURNAME][LK_SN_EXACT] = 0.51;
	mo.u[LK_SURNAME][LK_SN_EXACT] = 0.0036;
	lk_model_update(&mo);
	/* log2(0.51 / 0.0036) = 7.15, not log2(0.13 / 1e-7) = 20.3. */
	assert_true(fabs(mo.w[LK_SURNAME][LK_SN_SWAP] - 7.146) < 0.01);
	assert_true(fabs(mo.w[LK_SURNAME][LK_SN_EXACT] - 7.146) < 0.01);
}

static void
test_em(void **state)
{
	struct lk_set *s = em_set();
	struct lk_model mo;

	(void)state;
	estimate(&mo, s);
	assert_int_equal(mo.m_src[LK_FORENAME], LK_SRC_DATA);
	assert_int_equal(mo.u_src[LK_FORENAME], LK_SRC_DATA);
	/* 240 of 300 matching pairs agree exactly on forename: 0.8, pulled
	   a little towards the default 0.8 by the 20 prior pairs. */
	assert_true(fabs(mo.m[LK_FORENAME][LK_FN_EXACT] - 0.8) < 0.05);
	/* 60 disagree; forenames 10 places apart in the list are never
	   nicknames of each other. */
	assert_true(mo.m[LK_FORENAME][LK_FN_EXACT] +
	    mo.m[LK_FORENAME][LK_FN_ELSE] + mo.m[LK_FORENAME][LK_FN_JW80] >
	    0.9);
	/* Surnames always agree among matches. */
	assert_true(mo.m[LK_SURNAME][LK_SN_EXACT] > 0.9);
	/* u of exact forename agreement: 20 names, 30 records each: sum of
	   c(c-1) / n(n-1) = 20 * 30 * 29 / (600 * 599) = 0.0484. */
	assert_true(fabs(mo.u[LK_FORENAME][LK_FN_EXACT] - 0.0484) < 0.002);
	/* Fields with no data keep their defaults. */
	assert_int_equal(mo.m_src[LK_PNC], LK_SRC_DEFAULT);
	/* About 300 matching pairs among 179700. */
	assert_true(mo.prior_matches > 200 && mo.prior_matches < 400);
	lk_set_free(s);
}

/*
 * 3,000 different people born on 30 dates (blocks of about 100 by date
 * of birth), names drawn from 20 forenames and 25 surnames, each with a
 * phone and a postcode of their own; 150 of them are recorded twice with
 * the same phone and postcode, 38 of these under another surname.
 * Sorted by name, most of a date's neighbours share a surname: EM on
 * such neighbours would take them for matches.
 */
static struct lk_set *
em_block_set(void)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p;
	char dob[16], phone[16], pc[16];
	uint64_t x = 12345;
	int i, k, fi, si;

	for (i = 0; i < 3000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		fi = (int)((x >> 33) % 20);
		si = (int)((x >> 45) % 25);
		snprintf(dob, sizeof dob, "%04d-05-17", 1960 + (int)((x >> 20)
		    % 30));
		/* Phones and postcodes scattered, not a digit apart. */
		snprintf(phone, sizeof phone, "07%09u", (unsigned)((i *
		    2654435761u) % 1000000000u));
		snprintf(pc, sizeof pc, "E%d %d%c%c", 1 + i % 20, i / 20 % 10,
		    'A' + i / 200 % 26, 'A' + i % 7);
		for (k = 0; k < (i % 20 == 3 ? 2 : 1); k++) {
			const char *sn = sns[k == 1 && i % 80 == 3 ?
			    (si + 7) % 25 : si];

			lk_person_clear(&p);
			lk_person_set(&p, LK_FORENAME, fns[fi],
			    strlen(fns[fi]));
			lk_person_set(&p, LK_SURNAME, sn, strlen(sn));
			lk_person_set(&p, LK_DOB, dob, strlen(dob));
			lk_person_set(&p, LK_PHONE, phone, strlen(phone));
			lk_person_set(&p, LK_POSTCODE, pc, strlen(pc));
			lk_set_add(s, &p);
		}
	}
	lk_set_finish(s);
	return s;
}

/*
 * EM trains on whole blocks, not on a window of neighbours by name (a
 * version that did found 6,665 matches here, m of phone exact 0.04 and
 * of surname exact 0.94): the estimated matches stay near the 150 true
 * pairs, the phone's m high, the surname's m near 112 / 150 = 0.747.
 */
/*
 * lk_set_append() gives the set adding each record would: the same
 * values in the same order, the same records, the same scores.  The
 * records appended share values with the set's own and bring new ones
 * (two forenames, of which the first is kept; fields left empty).
 */
static void
test_append(void **state)
{
	struct lk_set *a = lk_set_new(), *t = lk_set_new(), *one, *bulk;
	struct lk_person p, q;
	struct lk_model mo;
	char dob[16], fn[64];
	const char *v, *w;
	size_t i, j, n, m, x;
	int f;

	(void)state;
	for (i = 0; i < 60; i++) {
		snprintf(dob, sizeof dob, "19%02d-%02d-%02d", (int)(50 + i % 40),
		    (int)(1 + i % 12), (int)(1 + i % 28));
		lk_person_clear(&p);
		lk_person_set(&p, LK_FORENAME, fns[i % 20], strlen(fns[i % 20]));
		lk_person_set(&p, LK_SURNAME, sns[i % 25], strlen(sns[i % 25]));
		lk_person_set(&p, LK_DOB, dob, strlen(dob));
		lk_set_add(a, &p);
	}
	for (i = 0; i < 90; i++) {
		snprintf(dob, sizeof dob, "19%02d-%02d-%02d", (int)(30 + i % 60),
		    (int)(1 + i % 12), (int)(1 + i % 28));
		snprintf(fn, sizeof fn, "%s%s%s", fns[(i * 3) % 20],
		    i % 4 ? "" : " ", i % 4 ? "" : fns[i % 20]);
		lk_person_clear(&p);
		lk_person_set(&p, LK_FORENAME, fn, strlen(fn));
		if (i % 7)
			lk_person_set(&p, LK_SURNAME, sns[(i * 2) % 25],
			    strlen(sns[(i * 2) % 25]));
		if (i % 5)
			lk_person_set(&p, LK_DOB, dob, strlen(dob));
		if (i % 3 == 0)
			lk_person_set(&p, LK_POSTCODE, "LS6 2AB", 7);
		lk_set_add(t, &p);
	}
	lk_set_finish(t);
	one = lk_set_new();
	bulk = lk_set_new();
	for (i = 0; i < lk_set_count(a); i++) {
		lk_set_get(a, i, &p);
		lk_set_add(one, &p);
		lk_set_add(bulk, &p);
	}
	for (i = 0; i < lk_set_count(t); i++) {
		lk_set_get(t, i, &p);
		lk_set_add(one, &p);
	}
	lk_set_append(bulk, t);
	lk_set_finish(one);
	lk_set_finish(bulk);
	assert_int_equal(lk_set_count(bulk), 150);
	for (f = 0; f < LK_NFIELDS; f++) {
		assert_int_equal(lk_set_nonnull(one, (enum lk_field)f),
		    lk_set_nonnull(bulk, (enum lk_field)f));
		for (x = 1; lk_set_value(one, (enum lk_field)f, x, &v, &n); x++) {
			assert_true(lk_set_value(bulk, (enum lk_field)f, x, &w,
			    &m));
			assert_int_equal(n, m);
			assert_memory_equal(v, w, n);
			assert_true(lk_set_tf(one, (enum lk_field)f, v, n) ==
			    lk_set_tf(bulk, (enum lk_field)f, v, n));
		}
		assert_false(lk_set_value(bulk, (enum lk_field)f, x, &w, &m));
	}
	lk_model_default(&mo);
	for (i = 0; i < 150; i++) {
		lk_set_get(one, i, &p);
		lk_set_get(bulk, i, &q);
		for (f = 0; f < LK_NFIELDS; f++) {
			v = lk_person_get(&p, (enum lk_field)f, &n);
			w = lk_person_get(&q, (enum lk_field)f, &m);
			assert_int_equal(n, m);
			assert_memory_equal(v, w, n);
		}
		for (j = 0; j < 150; j += 7)
			assert_true(lk_score(&mo, one, i, j, NULL) ==
			    lk_score(&mo, bulk, i, j, NULL));
	}
	lk_set_free(a);
	lk_set_free(t);
	lk_set_free(one);
	lk_set_free(bulk);
}

static void
test_em_blocks(void **state)
{
	struct lk_set *s = em_block_set();
	struct lk_model mo;

	(void)state;
	estimate(&mo, s);
	print_message("prior_matches %.1f, m(phone exact) %.3f, "
	    "m(surname exact) %.3f\n", mo.prior_matches,
	    mo.m[LK_PHONE][lk_nlevels(LK_PHONE) - 1],
	    mo.m[LK_SURNAME][LK_SN_EXACT]);
	assert_true(mo.prior_matches > 120 && mo.prior_matches < 190);
	assert_true(mo.m[LK_PHONE][lk_nlevels(LK_PHONE) - 1] > 0.9);
	assert_true(fabs(mo.m[LK_SURNAME][LK_SN_EXACT] - 0.747) < 0.08);
	lk_set_free(s);
}

/* 50 John Smiths, then 2 John Okonkwos. */
static struct lk_set *
smiths(void)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p;
	int i;

	for (i = 0; i < 50; i++) {
		p = person("forename=John;surname=Smith");
		lk_set_add(s, &p);
	}
	p = person("forename=John;surname=Okonkwo");
	lk_set_add(s, &p);
	lk_set_add(s, &p);
	return s;
}

static void
test_term_frequency(void **state)
{
	struct lk_set *s = smiths();
	struct lk_model mo;
	struct lk_score smith, okonkwo;

	(void)state;
	/* The term frequencies alone, however few the records. */
	lk_set_tf_records(s, 0);
	lk_set_finish(s);
	lk_model_default(&mo);
	lk_score(&mo, s, 0, 1, &smith);
	lk_score(&mo, s, 50, 51, &okonkwo);
	assert_int_equal(smith.level[LK_SURNAME], LK_SN_EXACT);
	assert_int_equal(okonkwo.level[LK_SURNAME], LK_SN_EXACT);
	/* log2(m / tf): tf(SMITH) = 50/52, tf(OKONKWO) = 2/52, so the two
	   differ by log2(25) = 4.64 bits. */
	assert_true(fabs(okonkwo.w[LK_SURNAME] - smith.w[LK_SURNAME] -
	    log2(25)) < 1e-6);
	assert_true(fabs(smith.w[LK_SURNAME] -
	    log2(mo.m[LK_SURNAME][LK_SN_EXACT] / (50.0 / 52))) < 1e-6);
	assert_true(fabs(lk_set_tf(s, LK_SURNAME, "SMITH", 5) - 50.0 / 52) <
	    1e-9);
	/* Switched off: both get the plain exact weight. */
	mo.tf[LK_SURNAME] = 0;
	lk_score(&mo, s, 0, 1, &smith);
	lk_score(&mo, s, 50, 51, &okonkwo);
	assert_true(smith.w[LK_SURNAME] == okonkwo.w[LK_SURNAME]);
	lk_set_free(s);
}

/* A file of a few records: u stays the built-in one and the prior no
   higher than the built-in one, log2(1e5 / (1e5 * (1e5 - 1) / 2 - 1e5)). */
static void
test_estimate_few(void **state)
{
	static const char *const recs[] = {
		"forename=John;surname=Smith",
		"forename=John;surname=Smith",
		"forename=Amy;surname=Khan;dob=1990-02-03",
		"forename=Paul;surname=Doyle;dob=2005-12-26;postcode=NF10 5WD",
	};
	struct lk_set *s = lk_set_new();
	struct lk_person p;
	struct lk_model mo, def;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		p = person(recs[i]);
		lk_set_add(s, &p);
	}
	lk_set_finish(s);
	lk_model_default(&def);
	lk_model_default(&mo);
	lk_model_estimate(&mo, s, NULL);
	assert_true(fabs(def.prior - log2(1e5 / (1e5 * (1e5 - 1) / 2 -
	    1e5))) < 1e-12);
	assert_true(mo.prior <= def.prior);
	assert_true(mo.u[LK_SURNAME][LK_SN_EXACT] ==
	    def.u[LK_SURNAME][LK_SN_EXACT]);
	/* The two John Smiths, on their names alone: apart. */
	assert_true(lk_pair_weight(&mo, s, 0, 1) < 0);
	lk_set_free(s);
}

/* By default a term frequency counts as its records against 200 of the
   model's own weight: 52 records, 52/252 of log2(m / tf). */
static void
test_term_frequency_few(void **state)
{
	struct lk_set *s = smiths();
	struct lk_person p;
	struct lk_model mo;
	struct lk_score sc;
	double m, u, a;

	(void)state;
	lk_set_finish(s);
	lk_model_default(&mo);
	m = mo.m[LK_SURNAME][LK_SN_EXACT];
	u = mo.u[LK_SURNAME][LK_SN_EXACT];
	a = 52.0 / 252;
	lk_score(&mo, s, 50, 51, &sc);
	assert_true(fabs(sc.w[LK_SURNAME] - (a * log2(m / (2.0 / 52)) +
	    (1 - a) * log2(m / u))) < 1e-6);
	lk_set_free(s);
	/* One record compared with itself: its value is all of the set's,
	   but the weight is nearly the model's own (1/201 of log2(m)). */
	s = lk_set_new();
	p = person("forename=Zuzana;surname=Okonkwo;dob=1971-05-04");
	lk_set_add(s, &p);
	lk_set_finish(s);
	lk_score(&mo, s, 0, 0, &sc);
	a = 1.0 / 201;
	assert_true(fabs(sc.w[LK_SURNAME] - (a * log2(m) + (1 - a) *
	    log2(m / u))) < 1e-6);
	assert_true(sc.w[LK_SURNAME] > 8);
	lk_set_free(s);
}

static void
test_explain(void **state)
{
	struct lk_set *s = lk_set_new();
	struct lk_person a = person("forename=Bob;surname=Smith;"
	    "dob=1985-02-01;sex=M"), b = person("forename=Robert;"
	    "surname=SMITH;dob=1985-01-02;sex=M;pnc=85/1234J");
	struct lk_model mo;
	struct lk_score sc;
	char basis[256];
	double sum;
	int f;

	(void)state;
	lk_set_add(s, &a);
	lk_set_add(s, &b);
	lk_set_finish(s);
	lk_model_default(&mo);
	lk_score(&mo, s, 0, 1, &sc);
	lk_basis(&sc, basis, sizeof basis);
	assert_string_equal(basis,
	    "forename:nickname+surname:exact+dob:swap+sex:exact");
	/* The total is the prior plus every field's contribution. */
	for (sum = mo.prior, f = 0; f < LK_NFIELDS; f++)
		sum += sc.w[f];
	assert_true(fabs(sum - sc.total) < 1e-9);
	/* Defaults: nickname log2(0.05/0.002), swap log2(0.02/0.000001). */
	assert_true(fabs(sc.w[LK_FORENAME] - log2(0.05 / 0.002)) < 1e-9);
	assert_true(fabs(sc.w[LK_DOB] - log2(0.02 / 0.000001)) < 1e-9);
	assert_int_equal(sc.level[LK_PNC], LK_NULL);
	assert_true(sc.w[LK_PNC] == 0.0);
	/* Too small a buffer cuts at a whole field. */
	lk_basis(&sc, basis, 20);
	assert_string_equal(basis, "forename:nickname");
	lk_set_free(s);
}

static void
test_find_and_pairs(void **state)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p[4] = {
		person("forename=Jon;surname=Smith;dob=1985-02-01"),
		person("forename=Sara;surname=Patel;dob=1990-05-05"),
		person("forename=John;surname=Smith;dob=1985-01-02"),
		person("forename=Sarah;surname=Patel;dob=1990-05-05"),
	};
	struct lk_model mo;
	struct lk_pair *m;
	size_t n, i;
	uint32_t cl[4];

	(void)state;
	for (i = 0; i < 4; i++)
		lk_set_add(s, &p[i]);
	lk_set_finish(s);
	lk_model_default(&mo);
	m = lk_find(s, &mo, 0, -5, &n);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].b, 2);
	free(m);
	m = lk_pairs(s, &mo, -5, &n, NULL, NULL, NULL);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].a, 0);
	assert_int_equal(m[0].b, 2);
	assert_int_equal(m[1].a, 1);
	assert_int_equal(m[1].b, 3);
	assert_int_equal(lk_cluster(s, &mo, m, n, -5, -12, cl, NULL), 2);
	assert_int_equal(cl[2], 0);
	assert_int_equal(cl[3], 1);
	free(m);
	lk_set_free(s);
}

/*
 * The pairs lk_pairs() finds in s (finished here) with the default
 * model at min_w or above, checked against want: n pairs "a-b", in
 * order.  Frees s.  Returns the pairs compared.
 */
static unsigned long long
expect_pairs(struct lk_set *s, double min_w, const char *const *want,
    size_t nwant)
{
	struct lk_model mo;
	struct lk_pair *m;
	struct lk_stats st;
	size_t n, i;
	char got[32];

	lk_set_finish(s);
	lk_model_default(&mo);
	m = lk_pairs(s, &mo, min_w, &n, &st, NULL, NULL);
	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++) {
		snprintf(got, sizeof got, "%u-%u", m[i].a, m[i].b);
		assert_string_equal(got, want[i]);
	}
	free(m);
	lk_set_free(s);
	return st.compared;
}

/*
 * Records fixed with lk_set_fix() (an index's persons) are never paired
 * with each other again: of the same four people, with the first three
 * fixed, only the pair with the fourth, new record is found.
 */
static void
test_fixed(void **state)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p[4] = {
		person("forename=Jon;surname=Smith;dob=1985-02-01"),
		person("forename=Sara;surname=Patel;dob=1990-05-05"),
		person("forename=John;surname=Smith;dob=1985-01-02"),
		person("forename=Sarah;surname=Patel;dob=1990-05-05"),
	};
	static const char *const want[] = { "1-3" };
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++)
		lk_set_add(s, &p[i]);
	lk_set_fix(s);
	lk_set_add(s, &p[3]);
	expect_pairs(s, -5, want, 1);
}

/*
 * With candidate pairs given (lk_set_cand(), as a persons index gives
 * each new record's own candidates), a new record is compared with the
 * fixed records given for it only, and with the other new records
 * through the blocking rules: here two fixed John Smiths, one given,
 * and two new records of the same man.
 */
static void
test_given(void **state)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p[4] = {
		person("forename=John;surname=Smith;dob=1985-01-02"),
		person("forename=John;surname=Smith;dob=1985-01-02"),
		person("forename=John;surname=Smith;dob=1985-01-02"),
		person("forename=Jon;surname=Smith;dob=1985-01-02"),
	};
	/* (1, 2) given, (2, 3) blocked; (0, 2), (0, 3), (1, 3) not. */
	static const char *const want[] = { "1-2", "2-3" };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++)
		lk_set_add(s, &p[i]);
	lk_set_fix(s);
	for (i = 2; i < 4; i++)
		lk_set_add(s, &p[i]);
	lk_set_cand(s, 1, 2);
	assert_int_equal(expect_pairs(s, -50, want, 2), 2);
}

/*
 * A record marked known (lk_set_known(): the index holds it as it is)
 * is compared through its given pairs only: of three records of one
 * man, the known one is paired with its fixed record and not with the
 * other new one.
 */
static void
test_known(void **state)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p = person("forename=John;surname=Smith;"
	    "dob=1985-01-02");
	static const char *const want[] = { "0-1" };

	(void)state;
	lk_set_add(s, &p);
	lk_set_fix(s);
	lk_set_add(s, &p);
	lk_set_add(s, &p);
	lk_set_cand(s, 0, 1);
	lk_set_known(s, 1);
	expect_pairs(s, -50, want, 1);
}

static void
test_guard(void **state)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p[3] = {
		person("forename=John;surname=Smith;dob=1980-01-01;sex=M"),
		person("forename=J;surname=Smith"),
		person("forename=Jane;surname=Smith;dob=1990-05-05;sex=F"),
	};
	struct lk_pair pairs[2] = { { 0, 1, 5 }, { 1, 2, 4 } };
	struct lk_model mo;
	uint32_t cl[3];
	double best[3];
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++)
		lk_set_add(s, &p[i]);
	lk_set_finish(s);
	lk_model_default(&mo);
	/* 0 and 2 differ in forename, DOB and sex: far below -12 bits. */
	assert_int_equal(lk_cluster(s, &mo, pairs, 2, 0, -12, cl, best), 2);
	assert_int_equal(cl[0], 0);
	assert_int_equal(cl[1], 0);
	assert_int_equal(cl[2], 2);
	assert_true(best[1] == 5);
	assert_true(isnan(best[2]));
	/* Without the guard, coherence alone: 2 joins {0, 1} only when
	   its weights with both, taken together, are a match, and 0 and 2
	   are far apart (forename, DOB and sex differ). */
	assert_int_equal(lk_cluster(s, &mo, pairs, 2, 0, -INFINITY, cl, NULL),
	    2);
	assert_int_equal(cl[2], 2);
	lk_set_free(s);
}

/*
 * Coherence: a chain A-B-C where A and C disagree is not merged; a group
 * whose members agree, one pair of it weak (B has no DOB), is.
 */
static void
test_coherence(void **state)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p[6] = {
		person("forename=Ann;surname=Okafor;dob=1981-03-14;sex=F;"
		    "postcode=SQ1 2AB"),
		person("forename=Ann;surname=Okafor;sex=F"),
		person("forename=Ann;surname=Okafor;dob=1995-11-02;sex=F;"
		    "postcode=KX9 6GF"),
		person("forename=Ann;surname=Okafor;dob=1981-03-14;sex=F;"
		    "postcode=SQ1 2AB"),
		person("forename=Ann;surname=Okafor;sex=F;postcode=SQ1 2AB"),
		person("forename=Ann;surname=Okafor;dob=1981-03-14;sex=F"),
	};
	/* The chain: A-B and B-C above the threshold, A-C not given. */
	struct lk_pair pairs[4] = { { 0, 1, 6 }, { 1, 2, 5 }, { 3, 4, 9 },
		{ 4, 5, 8 } };
	struct lk_model mo;
	uint32_t cl[6];
	size_t i;

	(void)state;
	for (i = 0; i < 6; i++)
		lk_set_add(s, &p[i]);
	lk_set_finish(s);
	lk_model_default(&mo);
	/* Every record is Ann Okafor: no term frequencies, so that the
	   names weigh as in a large file (about 15 bits together, against
	   a prior of about -17). */
	memset(mo.tf, 0, sizeof mo.tf);
	lk_cluster(s, &mo, pairs, 4, 0, -INFINITY, cl, NULL);
	assert_int_equal(cl[0], 0);
	assert_int_equal(cl[1], 0);
	assert_int_equal(cl[2], 2);		/* DOB and postcode differ */
	assert_int_equal(cl[3], 3);
	assert_int_equal(cl[4], 3);
	assert_int_equal(cl[5], 3);		/* 3 and 5: DOB agrees */
	lk_set_free(s);
}

/*
 * Coherence with records of one person that each carry faults of their
 * own: B is A's (the same date of birth, address and email) with a new
 * postcode and phone; C is A's (the same postcode and phone) with another
 * date of birth, address and email.  B and C share little but the name,
 * well below the threshold, yet by less than the veto: the mean of the
 * pairs between {A, B} and C is a match, so C joins.  (With a veto of 10
 * bits, C stayed apart.)
 */
static void
test_coherence_faults(void **state)
{
	struct lk_person p[3] = {
		person("forename=Ann;surname=Okafor;dob=1981-03-14;sex=F;"
		    "postcode=SQ1 2AB;phone=07700 900123;"
		    "address=12 Mill Lane;email=ann.okafor@example.org"),
		person("forename=Ann;surname=Okafor;dob=1981-03-14;sex=F;"
		    "postcode=KX9 6GF;phone=07700 900456;"
		    "address=12 Mill Lane;email=ann.okafor@example.org"),
		person("forename=Ann;surname=Okafor;dob=1959-08-27;sex=F;"
		    "postcode=SQ1 2AB;phone=07700 900123;"
		    "address=Flat 3 Rose Court;email=annie@example.net"),
	};
	struct lk_model mo;
	struct lk_set *s = set_of(p, 3, &mo);
	struct lk_pair pairs[2];
	double wbc;
	uint32_t cl[3];

	(void)state;
	pairs[0] = (struct lk_pair){ 0, 1, lk_score(&mo, s, 0, 1, NULL) };
	pairs[1] = (struct lk_pair){ 0, 2, lk_score(&mo, s, 0, 2, NULL) };
	wbc = lk_score(&mo, s, 1, 2, NULL);
	/* A-B 37, A-C 17, B-C -13 bits. */
	assert_true(pairs[0].w > pairs[1].w && pairs[1].w > 0);
	assert_true(wbc < -10 && wbc > -20);
	assert_true((pairs[1].w + wbc) / 2 >= 0);
	lk_cluster(s, &mo, pairs, 2, 0, -INFINITY, cl, NULL);
	assert_int_equal(cl[1], 0);
	assert_int_equal(cl[2], 0);
	lk_set_free(s);
}

static void
test_evaluate(void **state)
{
	struct lk_set *s = lk_set_new();
	struct lk_person p = person("forename=Ann;surname=Lee;dob=1970-01-01");
	/* Truth {0,1,2} {3}; clusters {0,1} {2,3}. */
	uint32_t truth[4] = { 7, 7, 7, 9 }, cl[4] = { 0, 0, 2, 2 };
	struct lk_eval ev;
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		lk_set_add(s, &p);
	lk_set_finish(s);
	lk_evaluate(s, truth, cl, &ev);
	/* True pairs 3; found 2; correct 1 (0-1). */
	assert_int_equal(ev.true_pairs, 3);
	assert_int_equal(ev.found_pairs, 2);
	assert_int_equal(ev.correct_pairs, 1);
	assert_true(fabs(ev.precision - 0.5) < 1e-9);
	assert_true(fabs(ev.recall - 1.0 / 3) < 1e-9);
	assert_true(fabs(ev.f1 - 0.4) < 1e-9);
	assert_true(fabs(ev.reach - 1.0) < 1e-9);
	lk_set_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_swap_capped),
		cmocka_unit_test(test_em),
		cmocka_unit_test(test_em_blocks),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_term_frequency),
		cmocka_unit_test(test_term_frequency_few),
		cmocka_unit_test(test_estimate_few),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_find_and_pairs),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_given),
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_guard),
		cmocka_unit_test(test_coherence),
		cmocka_unit_test(test_coherence_faults),
		cmocka_unit_test(test_evaluate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
