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
	    PACK_HELP_COMMON,
};

int
main(int argc, char *argv[])
{
	return pack_main(&cli, argc, argv, &pack_purposes[PACK_FOR_MARAC]);
}
