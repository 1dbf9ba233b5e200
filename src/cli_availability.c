/* cli_availability.c: placeholder until `meshsim availability` lands. */
#include "cli.h"

int
cli_availability(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("availability: not built yet");
	return CLI_EXIT_BAD;
}
