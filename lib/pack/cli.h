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

#endif
