/* cli_simulate.c: placeholder until `meshsim simulate` lands. */
#include "cli.h"

int
cli_simulate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("simulate: not built yet");
	return CLI_EXIT_BAD;
}
