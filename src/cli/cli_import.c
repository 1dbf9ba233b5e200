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
		{ "harper-network", cli_import_network },
		{ "harper-routes", cli_import_routes },
		{ "nats", cli_import_nats },
		{ "nats-routez", cli_import_routez },
	};
	size_t i;

	if (argc < 2) {
		cli_error("import: which kind? harper, harper-network, "
		    "harper-routes, nats or nats-routez");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(argv[1], kinds[i].kind) == 0)
			return kinds[i].run(argc - 1, argv + 1);
	cli_error("import: unknown kind '%s' (harper, harper-network, "
	    "harper-routes, nats or nats-routez)", argv[1]);
	cli_usage(stderr);
	return CLI_EXIT_BAD;
}
