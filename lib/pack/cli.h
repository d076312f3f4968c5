/*
 * The command line of the pack programs: see cli.c.
 */
#ifndef VAWG_PACK_CLI_H
#define VAWG_PACK_CLI_H

#include "core/cli.h"
#include "pack/purpose.h"

/*
 * Parses the options (cli: the program's synopsis and help), runs the
 * packs and returns the exit status (pack_run()).  fixed: the purpose of
 * a program that has one (vawg-marac-pack; --for and --role are then
 * usage errors); NULL: --for is required.
 */
int pack_main(struct cli *cli, int argc, char *argv[],
    const struct pack_purpose *fixed);


/* The help text of the options every purpose shares, from --threshold
 * on: the end of vawg-pack's and vawg-marac-pack's --help. */
#define PACK_HELP_COMMON \
	    "  --threshold W       match weight (bits) to confirm a person " \
	    "(default 0)\n" \
	    "  --grey W            list candidates up to W bits below as " \
	    "possible\n" \
	    "                      (default 4)\n" \
	    "  --findings FILE     write the findings, one row per record found\n" \
	    "  --summary FILE      write the summary, one row per case\n" \
	    "  -o, --output FILE   write the summary (as well) to FILE\n" \
	    "  --no-excel-safe     write findings and summary fields beginning\n" \
	    "                      with = + - @ TAB CR as they are (default:\n" \
	    "                      '= quoted, safe to open in a spreadsheet)\n" \
	    "  --html DIR          write DIR/index.html and one page per case\n" \
	    "  --marking TEXT      protective marking atop every page and\n" \
	    "                      printed sheet (default OFFICIAL-SENSITIVE)\n" \
	    "  --redact FIELDS     blank these in every output: families dob, name, pnc,\n" \
	    "                      address, postcode, phone, email (every role, the\n" \
	    "                      findings' record_* too), or column names\n" \
	    "  --audit FILE        append a line: time, user, inputs with SHA-256,\n" \
	    "                      cases and outputs\n" \
	    "  --mode MODE         mode of created files (default 0600)\n" \
	    "  --strict            rejected rows make the run fail (exit 65)\n" \
	    "  -h, --help          this help\n" \
	    "  --version           print the version\n" \
	    "\n" \
	    "With no --findings, --summary, -o or --html the summary goes to\n" \
	    "standard output.  The outputs and the audit line are committed\n" \
	    "together at the end or, on any failure, not at all; --html DIR\n" \
	    "is replaced whole, and refused if it holds files of others.\n" \
	    "Memory: the case list, the findings, and, while a source is\n" \
	    "read, the linkage set of its record persons (about 40 bytes a\n" \
	    "person plus each distinct value once); not the rows.\n"

#endif
