/* cli_import_harper.c: placeholder until `meshsim import harper` lands. */
#include "cli.h"

int
cli_import_harper(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("import harper: not built yet");
	return CLI_EXIT_BAD;
}
