/*
 * vawg-pack: the Risk Management Unit's research for several purposes,
 * by one engine (vawg-marac-pack's): --for marac (a MARAC list), dvds
 * (Clare's Law applications: the subject, the applicant's connection
 * to them, the 28-day deadline), spo (Stalking Protection Order
 * applications: the court bundle's chronology between the respondent
 * and the protected person) or nominal (vawg-rank's list: a briefing
 * sheet per nominal).  Same matching, findings, summary, HTML pages,
 * --redact, --audit and all-or-nothing outputs for each.  This file is
 * the options; the run is lib/pack/cli.h's pack_main().
 *
 * usage: vawg-pack --for marac|dvds|spo|nominal --cases file [options]
 */
#include "core/cli.h"
#include "pack/cli.h"

static struct cli cli = {
	.synopsis = "vawg-pack [--no-excel-safe] [--strict] "
	    "--for marac|dvds|spo|nominal --cases file\n"
	    "       [--cases-from date] [--cases-to date] [--as-of date] [--audit file] [--crimes file] "
	    "[--disclosures file]\n"
	    "       [--engagement file] [--findings file] [--grey bits] "
	    "[--html dir]\n"
	    "       [--lookback 12m|24m|all] [--marac file] "
	    "[--marking text] [--mode mode]\n"
	    "       [--orders file] [--redact field,...] [--role role] "
	    "[--summary file]\n"
	    "       [--threshold bits] [--wanted file] [-o file]",
	.excel_safe = 1,
	.help =
	    "  --for PURPOSE       marac: a MARAC list (marac kind, by marac_ref)\n"
	    "                      dvds: Clare's Law applications (disclosure\n"
	    "                      kind, by dvds_ref: applicant and subject)\n"
	    "                      spo: SPO applications (order kind, by\n"
	    "                      order_ref: protected and respondent)\n"
	    "                      nominal: vawg-rank output (by the id column\n"
	    "                      after rank; rows without a rank skipped)\n"
	    "  --cases FILE        the case list (- is stdin)\n"
	    "  --cases-from DATE   only the cases whose own date (received,\n"
	    "  --cases-to DATE     referral or meeting, applied) is within\n"
	    "  --role ROLE         nominal: the rank list's person prefix\n"
	    "                      (default suspect)\n"
	    "  --crimes FILE       crimes to search (victim_*, suspect_*)\n"
	    "  --orders FILE       orders to search (respondent_*, protected_*)\n"
	    "  --wanted FILE       wanted records to search (person_*)\n"
	    "  --disclosures FILE  Clare's Law records (applicant_*, subject_*)\n"
	    "  --marac FILE        earlier MARAC referrals (victim_*, perpetrator_*)\n"
	    "  --engagement FILE   engagement records at the people's postcodes\n"
	    "  --lookback SPAN     12m, 24m, Nm or all: how far back crimes and\n"
	    "                      engagement are listed (default 12m for marac,\n"
	    "                      all for the others)\n"
	    "  --as-of DATE        reference date (default: each case's date:\n"
	    "                      meeting, received or applied; required for\n"
	    "                      nominal)\n"
	    "  --threshold W       match weight (bits) to confirm a person "
	    "(default 0)\n"
	    "  --grey W            list candidates up to W bits below as "
	    "possible\n"
	    "                      (default 4)\n"
	    "  --findings FILE     write the findings, one row per record found\n"
	    "  --summary FILE      write the summary, one row per case\n"
	    "  -o, --output FILE   write the summary (as well) to FILE\n"
	    "  --no-excel-safe     write findings and summary fields beginning\n"
	    "                      with = + - @ TAB CR as they are (default:\n"
	    "                      '= quoted, safe to open in a spreadsheet)\n"
	    "  --html DIR          write DIR/index.html and one page per case\n"
	    "  --marking TEXT      protective marking atop every page and\n"
	    "                      printed sheet (default OFFICIAL-SENSITIVE)\n"
	    "  --redact FIELDS     blank these in every output: families dob, name, pnc,\n"
	    "                      address, postcode, phone, email (every role, the\n"
	    "                      findings' record_* too), or column names\n"
	    "  --audit FILE        append a line: time, user, inputs with SHA-256,\n"
	    "                      cases and outputs\n"
	    "  --mode MODE         mode of created files (default 0600)\n"
	    "  --strict            rejected rows make the run fail (exit 65)\n"
	    "  -h, --help          this help\n"
	    "  --version           print the version\n"
	    "\n"
	    "With no --findings, --summary, -o or --html the summary goes to\n"
	    "standard output.  The outputs and the audit line are committed\n"
	    "together at the end or, on any failure, not at all; --html DIR\n"
	    "is replaced whole, and refused if it holds files of others.\n"
	    "Memory: the case list, the findings, and, while a source is\n"
	    "read, the linkage set of its record persons (about 40 bytes a\n"
	    "person plus each distinct value once); not the rows.\n",
};

int
main(int argc, char *argv[])
{
	return pack_main(&cli, argc, argv, NULL);
}
