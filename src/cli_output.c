/* cli_output.c: write a report to stdout, or to a file through a temporary file and a rename. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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
 * Write len bytes of text to path, or to stdout when path is NULL or "-".
 * A file is written whole or not at all: a temporary file beside it is
 * renamed over it on success, and an existing file is left as it was on
 * failure. Writing over the input file is refused. Returns 0, or
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
			cli_error("cannot write to standard output: %s",
			    reason(errno));
			return CLI_EXIT_BAD;
		}
		return 0;
	}
	if (input != NULL && cli_same_file(path, input)) {
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
