/* cli_review.c: placeholder until `meshsim report` (the design-review report) lands. */
#include "cli.h"

int
cli_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("report: not built yet");
	return CLI_EXIT_BAD;
}
