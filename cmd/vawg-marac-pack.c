/*
 * vawg-marac-pack: the research pack for every case on a MARAC list.
 *
 * Reads the case list (marac kind: one row per case, with the victim and
 * the perpetrator), then reads each source file, finding the cases'
 * people in every record by person id where both sides carry one,
 * otherwise by lib/linkage's probabilistic matching (through
 * lib/pack/pack_match).  Writes a long CSV of findings (which record,
 * the person's role in it, why it matched), a one-row-per-case summary
 * (the case list's columns, then the figures of lib/pack/pack.h), and
 * optionally one printable HTML page per case with an index.  --redact
 * blanks field families (dob, name, ...) or named columns in every
 * output; --audit appends a line recording who ran what on which inputs
 * (SHA-256).  The outputs are committed together or not
 * at all (lib/pack/stage.c).  This file is the options; the run is
 * lib/pack/cli.h's pack_main(), the options vawg-pack has too.
 *
 * usage: vawg-marac-pack [--strict] --cases file [--as-of date]
 *     [--audit file] [--crimes file] [--disclosures file]
 *     [--engagement file] [--findings file] [--grey bits] [--html dir]
 *     [--lookback 12m|24m|all] [--marac file] [--marking text]
 *     [--mode mode]
 *     [--orders file] [--redact field,...] [--summary file]
 *     [--threshold bits] [--wanted file] [-o file]
 */
#include "core/cli.h"
#include "pack/cli.h"

static struct cli cli = {
	.synopsis = "vawg-marac-pack [--no-excel-safe] [--strict] --cases file "
	    "[--as-of date] "
	    "[--audit file]\n"
	    "       [--crimes file] [--disclosures file] [--engagement file]\n"
	    "       [--findings file] [--grey bits] [--html dir] "
	    "[--lookback 12m|24m|all]\n"
	    "       [--marac file] [--marking text] [--mode mode] [--orders file] "
	    "[--redact field,...]\n"
	    "       [--summary file] [--threshold bits] [--wanted file] "
	    "[-o file]",
	.excel_safe = 1,
	.help =
	    "  --cases FILE        the MARAC case list (marac kind; - is stdin)\n"
	    "  --crimes FILE       crimes to search (victim_*, suspect_*)\n"
	    "  --orders FILE       orders to search (respondent_*, protected_*)\n"
	    "  --wanted FILE       wanted records to search (person_*)\n"
	    "  --disclosures FILE  Clare's Law records (applicant_*, subject_*)\n"
	    "  --marac FILE        earlier MARAC referrals (victim_*, perpetrator_*)\n"
	    "  --engagement FILE   engagement records at the people's postcodes\n"
	    "  --lookback SPAN     12m (default), 24m, Nm or all: how far back\n"
	    "                      crimes and engagement are listed\n"
	    "  --as-of DATE        reference date (default: each meeting date)\n"
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
	return pack_main(&cli, argc, argv, &pack_purposes[PACK_FOR_MARAC]);
}
