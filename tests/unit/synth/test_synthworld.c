/*
 * Unit tests of lib/synthworld.  PNC IDs are the test vectors of the
 * MoJ person-record service (shared/domain FACTS.md 3.1); postcodes are
 * checked against the simple UK pattern of the same file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <regex.h>

#include "core/dates.h"
#include "synth/synthworld.h"

static void
test_pnc(void **state)
{
	static const struct { int year; uint32_t serial; const char *s; } t[] = {
		{ 2008, 56560, "2008/0056560Z" },
		{ 2003, 11985, "2003/0011985X" },
		{ 2012, 52494, "2012/0052494Q" },
		{ 2023, 583843, "2023/0583843L" },
		{ 2001, 171310, "2001/0171310W" },
		{ 1981, 154257, "1981/0154257C" },
		{ 1979, 163001, "1979/0163001B" },
		{ 1981, 34, "1981/0000034U" },
	};
	char b[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		sw_pnc_format(t[i].year, t[i].serial, 0, b);
		assert_string_equal(b, t[i].s);
	}
	sw_pnc_format(2008, 56560, 'A', b);	/* a forced wrong letter */
	assert_string_equal(b, "2008/0056560A");
}

static void
test_unaccent(void **state)
{
	static const struct { const char *in, *out; } t[] = {
		{ "Zo\xc3\xab", "Zoe" }, { "Ci\xc3\xa1r\xc3\xa1n", "Ciaran" },
		{ "\xc3\x93 Briain", "O Briain" }, { "M\xc3\xbcller", "Muller" },
		{ "N\xc3\xba\xc3\xb1" "ez", "Nunez" }, { "", "" },
		{ "Smith", "Smith" }, { "Gon\xc3\xa7" "alves", "Goncalves" },
	};
	char b[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(sw_unaccent(t[i].in, b, sizeof(b)),
		    strlen(t[i].out));
		assert_string_equal(b, t[i].out);
	}
}

static void
test_postcodes(void **state)
{
	regex_t re;
	struct rng r;
	char pc[16], lsoa[16];
	int w, k;

	(void)state;
	assert_int_equal(regcomp(&re, "^[A-Z][A-HJ-Y]?[0-9][A-Z0-9]? "
	    "[0-9][ABD-HJLNP-UW-Z]{2}$", REG_EXTENDED | REG_NOSUB), 0);
	rng_seed(&r, 1);
	for (w = -1; w < SW_NWARDS; w++)
		for (k = 0; k < 50; k++) {
			sw_postcode(&r, w, pc);
			assert_int_equal(regexec(&re, pc, 0, NULL, 0), 0);
			assert_int_equal(sw_postcode_ward(pc), w);
			sw_lsoa(pc, lsoa);
			if (w < 0)
				assert_string_equal(lsoa, "");
			else
				assert_int_equal(strlen(lsoa), 9);
		}
	regfree(&re);
	assert_int_equal(sw_postcode_ward("NF1 2AB"), 0);
	assert_int_equal(sw_postcode_ward("NF10 2AB"), 9);
	assert_int_equal(sw_postcode_ward("SQ1 2AB"), 10);
	sw_lsoa("NF1 2AB", lsoa);
	assert_string_equal(lsoa, "E01900003");
}

static void
test_persons(void **state)
{
	struct sw_world w;
	struct sw_person a, b;
	int32_t ref = date_from_ymd(2026, 10, 1);
	uint64_t id;

	(void)state;
	sw_init(&w, 5, 3000, ref);
	assert_int_equal(sw_segsize(&w, SW_SEG_OFFENDER) +
	    sw_segsize(&w, SW_SEG_ADULT) + sw_segsize(&w, SW_SEG_CHILD), 3000);
	assert_int_equal(sw_member(&w, SW_SEG_CHILD, 4) % 3, SW_SEG_CHILD);
	for (id = 0; id < 600; id++) {
		int y, m, d, ry, rm, rd, age;

		sw_person(&w, id, &a);
		sw_person(&w, id, &b);
		assert_string_equal(a.forename, b.forename);
		assert_string_equal(a.surname, b.surname);
		assert_int_equal(a.dob, b.dob);
		assert_string_equal(a.postcode, b.postcode);
		assert_true(a.sex == 'M' || a.sex == 'F');
		date_to_ymd(a.dob, &y, &m, &d);
		date_to_ymd(ref, &ry, &rm, &rd);
		age = ry - y;
		switch (id % 3) {
		case SW_SEG_OFFENDER:
			assert_true(age >= 18 && age <= 67);
			break;
		case SW_SEG_ADULT:
			assert_true(age >= 16 && age <= 78);
			assert_int_equal(a.pnc_year != 0 && a.pnc_year < 1975, 0);
			break;
		default:
			assert_true(age >= 2 && age <= 17);
			assert_int_equal(a.pnc_year, 0);
			break;
		}
		if (a.pnc_year != 0)
			assert_true(a.pnc_year <= 2026 && a.pnc_year >= y + 10);
	}
}

static void
test_noise_rate_zero_is_truth(void **state)
{
	struct sw_world w;
	struct sw_person p;
	struct rng r;
	char b[128], dob[16];
	uint64_t id;

	(void)state;
	sw_init(&w, 9, 900, date_from_ymd(2026, 10, 1));
	rng_seed(&r, 2);
	for (id = 0; id < 300; id++) {
		sw_person(&w, id, &p);
		sw_noisy_forename(&r, &p, 0, b, sizeof(b));
		assert_string_equal(b, p.forename);
		if (p.alt_surname == NULL) {
			sw_noisy_surname(&r, &p, 0, b, sizeof(b));
			assert_string_equal(b, p.surname);
		}
		sw_noisy_dob(&r, &p, 0, b);
		date_format(p.dob, dob);
		assert_string_equal(b, dob);
		assert_int_equal(sw_noisy_pnc(&r, &p, 0, b),
		    p.pnc_year != 0 ? 13 : 0);
	}
}

static void
test_noise_happens(void **state)
{
	struct sw_world w;
	struct sw_person p;
	struct rng r;
	char b[128];
	int differ = 0, nick = 0, k;

	(void)state;
	sw_init(&w, 9, 900, date_from_ymd(2026, 10, 1));
	/* Find a Robert, who may be written Bob, Rob, Bobby or Robbie. */
	for (k = 0; k < 30000; k++) {
		sw_person(&w, (uint64_t)k * 3, &p);
		if (strcmp(p.forename, "Robert") == 0)
			break;
	}
	assert_string_equal(p.forename, "Robert");
	rng_seed(&r, 4);
	for (k = 0; k < 2000; k++) {
		sw_noisy_forename(&r, &p, 1, b, sizeof(b));
		differ += strcmp(b, "Robert") != 0;
		nick += strcmp(b, "Bob") == 0 || strcmp(b, "Rob") == 0 ||
		    strcmp(b, "Bobby") == 0 || strcmp(b, "Robbie") == 0;
	}
	assert_true(differ > 150 && differ < 800);
	assert_true(nick > 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pnc),
		cmocka_unit_test(test_unaccent),
		cmocka_unit_test(test_postcodes),
		cmocka_unit_test(test_persons),
		cmocka_unit_test(test_noise_rate_zero_is_truth),
		cmocka_unit_test(test_noise_happens),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
