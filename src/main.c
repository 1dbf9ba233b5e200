/* main.c: the meshsim command: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
} commands[] = {
	{ "availability", cli_availability },
	{ "check", cli_check },
	{ "diff", cli_diff },
	{ "export", cli_export },
	{ "import", cli_import },
	{ "merge", cli_merge },
	{ "report", cli_report },
	{ "simulate", cli_simulate },
	{ "suggest", cli_suggest },
	{ "sweep", cli_sweep },
};

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		cli_usage(stdout);
		fputs("\nSee the README for the plan format, the reports and "
		    "the exit statuses.\n", stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("meshsim %s\n", MESH_VERSION);
		return CLI_EXIT_OK;
	}
	cli_error("unknown command '%s'", argv[1]);
	cli_usage(stderr);
	return CLI_EXIT_BAD;
}
