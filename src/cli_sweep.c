/* cli_sweep.c: placeholder until `meshsim sweep` lands. */
#include "cli.h"

int
cli_sweep(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("sweep: not built yet");
	return CLI_EXIT_BAD;
}
