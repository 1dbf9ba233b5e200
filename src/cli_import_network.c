/* cli_import_network.c: placeholder until `meshsim import harper-network` lands. */
#include "cli.h"

int
cli_import_network(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("import harper-network: not built yet");
	return CLI_EXIT_BAD;
}
