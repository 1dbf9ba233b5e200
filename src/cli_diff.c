/* cli_diff.c: placeholder until `meshsim diff` lands. */
#include "cli.h"

int
cli_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("diff: not built yet");
	return CLI_EXIT_BAD;
}
