/*
 * Unit tests of lib/classify: the built-in tables against the Home Office
 * codes in shared/domain/FACTS.md §1.2 and §2, normalisation, and loading
 * a replacement table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "kinds/classify.h"

#define S(x) (x), strlen(x)

static void
test_offence_groups(void **state)
{
	static const struct { const char *code, *group, *vawg; } t[] = {
		{ "19C", "rape", "Y" }, { "19c", "rape", "Y" },
		{ " 19 H ", "rape", "Y" }, { "8Q", "stalking", "Y" },
		{ "8L", "harassment", "Y" }, { "3B", "threats_to_kill", "Y" },
		{ "8U", "coercive_control", "Y" }, { "8K", "fgm", "Y" },
		{ "20A", "other_sexual", "Y" }, { "88E", "other_sexual", "Y" },
		{ "8N", "violence_with_injury", "N" },
		{ "105A", "violence_without_injury", "N" },
		{ "4.1", "homicide", "N" }, { "4/10", "homicide", "N" },
		{ "999Z", "other", "N" }, { "", "unknown", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_string_equal(classify_offence_group(S(t[i].code)),
		    t[i].group);
		assert_string_equal(classify_vawg(S(t[i].code), "N"),
		    t[i].vawg);
	}
	/* A DA flag makes any violence VAWG, and an empty code too. */
	assert_string_equal(classify_vawg(S("8N"), "Y"), "Y");
	assert_string_equal(classify_vawg(S(""), "Y"), "Y");
	assert_string_equal(classify_vawg(S(""), ""), "");
}

static void
test_outcomes(void **state)
{
	static const struct { const char *code, *group; int charge; } t[] = {
		{ "1", "charge_summons", 1 }, { "1A", "charge_summons", 1 },
		{ "1a", "charge_summons", 1 }, { "01", "charge_summons", 1 },
		{ "2A", "ooc_formal", 0 }, { "3", "ooc_formal", 0 },
		{ "8", "ooc_informal", 0 }, { "14", "evidential_victim_declines", 0 },
		{ "15", "evidential_victim_supports", 0 },
		{ "16", "evidential_victim_declines", 0 },
		{ "18", "no_suspect", 0 }, { "21", "not_in_public_interest", 0 },
		{ "22", "diversionary", 0 }, { "0", "pending", 0 },
		{ "", "pending", 0 }, { "99", "unknown", 0 },
		{ "10", "prosecution_prevented", 0 }, { "11", "prosecution_prevented", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_string_equal(classify_outcome(S(t[i].code)), t[i].group);
		assert_int_equal(classify_is_charge(S(t[i].code)), t[i].charge);
	}
}

static void
test_police_uk(void **state)
{
	(void)state;
	assert_string_equal(classify_ukp_crime_type(
	    S("Violence and sexual offences")), "violence_and_sexual");
	assert_string_equal(classify_ukp_crime_type(S("Anti-social behaviour")),
	    "anti_social_behaviour");
	assert_string_equal(classify_ukp_outcome(S("Suspect charged")),
	    "charge_summons");
	assert_string_equal(classify_ukp_outcome(
	    S("Investigation complete; no suspect identified")), "no_suspect");
	assert_string_equal(classify_ukp_outcome(S("")), "pending");
	assert_string_equal(classify_ukp_outcome(S("Something new")), "unknown");
}

static void
test_load(void **state)
{
	char path[] = "/tmp/test_classify.XXXXXX", err[200];
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	(void)state;
	fputs("code,offence_group,vawg,description\n8N,da_violence,Y,x\n", fp);
	fclose(fp);
	assert_int_equal(classify_load(CLASSIFY_OFFENCES, path, err,
	    sizeof(err)), 0);
	assert_string_equal(classify_offence_group(S("8N")), "da_violence");
	assert_string_equal(classify_vawg(S("8N"), "N"), "Y");
	assert_string_equal(classify_offence_group(S("19C")), "other");

	fp = fopen(path, "w");
	fputs("code,vawg\n8N,Y\n", fp);
	fclose(fp);
	assert_int_equal(classify_load(CLASSIFY_OFFENCES, path, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "no column offence_group"));

	fp = fopen(path, "w");
	fputs("code,outcome_group\n1,a\n01,b\n", fp);
	fclose(fp);
	assert_int_equal(classify_load(CLASSIFY_OUTCOMES, path, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, ":3: code listed twice"));
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offence_groups),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_police_uk),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
