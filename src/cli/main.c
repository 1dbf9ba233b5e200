/* main.c: the meshsim command: dispatch to a subcommand. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
} commands[] = {
	{ "availability", cli_availability },
	{ "check", cli_check },
	{ "diff", cli_diff },
	{ "export", cli_export },
	{ "import", cli_import },
	{ "merge", cli_merge },
	{ "report", cli_report },
	{ "simulate", cli_simulate },
	{ "suggest", cli_suggest },
	{ "sweep", cli_sweep },
};

/*
 * At exit, whatever path led there (--help exits from inside a command):
 * what is still buffered for stdout is written, and a failure to write
 * it makes the status 2 with a message, as a report that cannot be
 * written does. A reader that went away (EPIPE, e.g. `| head -c1`) ends
 * it with status 2 and no message.
 */
static void
close_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno != EPIPE)
		cli_error("cannot write to standard output: %s",
		    strerror(errno));
	_exit(CLI_EXIT_BAD);
}

/*
 * A standard descriptor that is closed (`>&-`) gets /dev/null, opened
 * read-only in its place: no file opened later lands there, and writing
 * to it fails (EBADF), so a closed stdout is reported as a write error.
 * Returns 0, or -1 when that cannot be done.
 */
static int
hold_standard_fds(void)
{
	int fd, got;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if ((got = open("/dev/null", O_RDONLY)) != fd) {
			if (got >= 0)
				close(got);
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	size_t i;

	/* Writes to a pipe whose reader is gone fail with EPIPE instead of
	 * killing the process: the status is then 2 (README, "Exit
	 * status"; docs/cli.md). */
	signal(SIGPIPE, SIG_IGN);
	if (hold_standard_fds() != 0 || atexit(close_stdout) != 0)
		return CLI_EXIT_BAD;
	cli_output_args(argc, argv);
	if (argc < 2) {
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	if (strcmp(argv[1], "help") == 0)
		return cli_help_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_help(stdout, 0);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("meshsim %s\n", MESH_VERSION);
		return CLI_EXIT_OK;
	}
	cli_error("unknown command '%s'", argv[1]);
	cli_usage(stderr);
	return CLI_EXIT_BAD;
}
