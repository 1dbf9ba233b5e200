/* cli_output.c: write a report to stdout, or to a file through a temporary file and a rename. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

/* The command line, for writing over an input to be refused. */
static int nargs;
static char *const *args;

void
cli_output_args(int argc, char *const *argv)
{
	nargs = argc;
	args = argv;
}

/*
 * Whether path names the same file as an argument of the command line,
 * or the part of one after an '=' (NODE=FILE, HOST=CONFIG): every input
 * of every command is one of those. The argument that holds path itself
 * (-o FILE, --output=FILE) does not count.
 */
static int
names_an_input(const char *path)
{
	const char *a, *eq;
	int i;

	for (i = 1; i < nargs; i++) {
		a = args[i];
		if (path >= a && path <= a + strlen(a))
			continue;
		if (cli_same_file(path, a))
			return 1;
		for (eq = strchr(a, '='); eq != NULL; eq = strchr(eq + 1, '='))
			if (cli_same_file(path, eq + 1))
				return 1;
	}
	return 0;
}

int
cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* strerror(e), but "out of memory" for ENOMEM, as every message says. */
static const char *
reason(int e)
{
	return e == ENOMEM ? "out of memory" : strerror(e);
}

/*
 * Write len bytes of text to path, or to stdout when path is NULL or "-"
 * (a write error there is reported, but EPIPE, a reader gone, silently).
 * A file is written whole or not at all: a temporary file beside it is
 * renamed over it on success, and an existing file is left as it was on
 * failure. Writing over the input file, or over any file the command line
 * names (cli_output_args()), is refused. Returns 0, or
 * CLI_EXIT_BAD after reporting the error.
 */
int
cli_write_output(const char *path, const char *text, size_t len,
    const char *input)
{
	char *tmp = NULL;
	FILE *f = NULL;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		/* stdout may be the terminal the bar is on. */
		cli_progress_clear();
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			/* A reader that went away (EPIPE) wanted no more:
			 * status 2, no message. */
			if (errno != EPIPE)
				cli_error("cannot write to standard output: "
				    "%s", reason(errno));
			clearerr(stdout);
			return CLI_EXIT_BAD;
		}
		return 0;
	}
	if ((input != NULL && cli_same_file(path, input)) ||
	    names_an_input(path)) {
		cli_error("%s: refusing to write the report over the input "
		    "file", path);
		return CLI_EXIT_BAD;
	}
	if ((tmp = malloc(strlen(path) + sizeof(".XXXXXX"))) == NULL) {
		cli_error("out of memory");
		return CLI_EXIT_BAD;
	}
	strcpy(tmp, path);
	strcat(tmp, ".XXXXXX");
	if ((fd = mkstemp(tmp)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		cli_error("%s: cannot create a file beside it: %s", path,
		    reason(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return CLI_EXIT_BAD;
	}
	if (fwrite(text, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		cli_error("%s: cannot write: %s", path, reason(errno));
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0) {
		cli_error("%s: cannot write: %s", path, reason(errno));
		goto fail;
	}
	/* mkstemp makes the file 0600; a report is for others to read. */
	{
		mode_t mask = umask(0);

		umask(mask);
		chmod(tmp, 0666 & ~mask);
	}
	if (rename(tmp, path) != 0) {
		cli_error("%s: cannot replace: %s", path, reason(errno));
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	free(tmp);
	return CLI_EXIT_BAD;
}
