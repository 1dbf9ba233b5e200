/* cli_parse.c: the one getopt_long loop of every subcommand, and its operand: options by the table of cli_options.c, errors and -h by the help of cli_help.c. */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int
cli_parse_options(int argc, char **argv, enum cli_command command,
    struct cli_common *o, int (*own_option)(void *ctx, int c, char *arg),
    void *ctx)
{
	struct option table[CLI_OPTIONS_MAX + 1];
	/* ':' first: a missing value is ':', not '?'; then each letter. */
	char shortopts[2 * CLI_OPTIONS_MAX + 2] = ":";
	const struct option *opt;
	unsigned commands;
	size_t i, n = 0, len = 1;
	int c, r;

	cli_usage_command(command);
	/* The subcommand's options, in the order of the table; those
	 * whose value is a letter have that short form too. */
	for (i = 0; i < CLI_OPTIONS_MAX &&
	    (opt = cli_option_at(i, &commands)) != NULL; i++) {
		if (!(commands & command))
			continue;
		table[n++] = *opt;
		c = opt->val;
		if (c < 0x100 && isalpha(c)) {
			shortopts[len++] = (char)c;
			if (opt->has_arg == required_argument)
				shortopts[len++] = ':';
		}
	}
	shortopts[len] = '\0';
	memset(&table[n], 0, sizeof(table[n]));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, table, NULL)) != -1) {
		if (c == 'h') {
			cli_help(stdout, command);
			exit(CLI_EXIT_OK);
		}
		if (c == '?' || c == ':') {
			cli_option_error(c, argv, table, command);
			cli_usage(stderr);
			return CLI_EXIT_BAD;
		}
		r = own_option != NULL ? own_option(ctx, c, optarg) : 0;
		if (r == 0 && (r = cli_common_option(o, c, optarg)) == 0) {
			/* In the table, but nobody took it. */
			cli_error("option '%s' is not implemented for %s",
			    argv[optind - 1], cli_help_name(command));
			cli_usage(stderr);
		}
		if (r <= 0)
			return CLI_EXIT_BAD;
	}
	return 0;
}

int
cli_common_plan(struct cli_common *o, int argc, char **argv)
{
	if (argc - optind != 1) {
		cli_error(argc - optind ? "one plan at a time" :
		    "no plan given");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	o->plan = argv[optind];
	return 0;
}
