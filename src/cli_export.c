/* cli_export.c: placeholder until `meshsim export` lands. */
#include "cli.h"

int
cli_export(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("export: not built yet");
	return CLI_EXIT_BAD;
}
