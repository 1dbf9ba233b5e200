/* cli_import.c: `meshsim import KIND ...`: turn real cluster configuration into a plan. */
#include <string.h>

#include "cli/cli.h"

int
cli_import(int argc, char **argv)
{
	static const struct {
		const char *kind;
		int (*run)(int, char **);
	} kinds[] = {
		{ "harper", cli_import_harper },
		{ "harper-cluster-status", cli_import_status },
		{ "harper-network", cli_import_network },
		{ "harper-routes", cli_import_routes },
	};
	size_t i;

	if (argc < 2) {
		cli_error("import: which kind? harper, harper-cluster-status, "
		    "harper-network or harper-routes");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(argv[1], kinds[i].kind) == 0)
			return kinds[i].run(argc - 1, argv + 1);
	cli_error("import: unknown kind '%s' (harper, "
	    "harper-cluster-status, harper-network or harper-routes)", argv[1]);
	cli_usage(stderr);
	return CLI_EXIT_BAD;
}
