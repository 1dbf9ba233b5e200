/* cli_suggest.c: placeholder until `meshsim suggest` lands. */
#include "cli.h"

int
cli_suggest(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("suggest: not built yet");
	return CLI_EXIT_BAD;
}
