/* cli_import_routes.c: placeholder until `meshsim import harper-routes` lands. */
#include "cli.h"

int
cli_import_routes(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("import harper-routes: not built yet");
	return CLI_EXIT_BAD;
}
