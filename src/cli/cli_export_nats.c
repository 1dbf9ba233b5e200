/* cli_export_nats.c: `meshsim export --format nats`: a plan as one nats-server.conf per node, to stdout or a new directory written whole. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "meshsim/nats.h"

/* What errno e means, as cli_output.c says it. */
static const char *
reason(int e)
{
	return e == ENOMEM ? "out of memory" : strerror(e);
}

/* Remove the files f[0 .. n-1] written in dir, and dir. */
static void
remove_dir(const char *dir, const struct mesh_nats_file *f, size_t n)
{
	char path[4096];
	size_t i;

	for (i = 0; i < n; i++)
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    f[i].name) < sizeof(path))
			unlink(path);
	rmdir(dir);
}

/* Write f[i] into dir. Returns 0, or -1 with errno set. */
static int
write_one(const char *dir, const struct mesh_nats_file *f)
{
	char path[4096];
	FILE *fp;
	int ok;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, f->name) >=
	    sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fp = fopen(path, "wx")) == NULL)
		return -1;
	ok = fwrite(f->text, 1, f->len, fp) == f->len && fflush(fp) == 0 &&
	    fsync(fileno(fp)) == 0;
	if (fclose(fp) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/*
 * Write the n files f into a new directory dir: into a temporary
 * directory beside it, renamed to dir at the end, so dir is whole or
 * absent; an existing dir is refused unless empty (rename replaces an
 * empty directory). Returns 0, or CLI_EXIT_BAD after reporting (nothing
 * left behind).
 */
static int
write_dir(const char *dir, const struct mesh_nats_file *f, size_t n)
{
	struct stat st;
	char *tmp;
	size_t i;

	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		cli_error("%s: exists and is not a directory: refusing to "
		    "write over it", dir);
		return CLI_EXIT_BAD;
	}
	if ((tmp = malloc(strlen(dir) + sizeof(".XXXXXX"))) == NULL) {
		cli_error("out of memory");
		return CLI_EXIT_BAD;
	}
	strcpy(tmp, dir);
	/* No trailing slash before the suffix. */
	while (strlen(tmp) > 1 && tmp[strlen(tmp) - 1] == '/')
		tmp[strlen(tmp) - 1] = '\0';
	strcat(tmp, ".XXXXXX");
	if (mkdtemp(tmp) == NULL) {
		cli_error("%s: cannot create a directory beside it: %s", dir,
		    reason(errno));
		free(tmp);
		return CLI_EXIT_BAD;
	}
	/* mkdtemp makes it 0700; configs are for others to read. */
	{
		mode_t mask = umask(0);

		umask(mask);
		chmod(tmp, 0777 & ~mask);
	}
	for (i = 0; i < n; i++)
		if (write_one(tmp, &f[i]) != 0) {
			cli_error("%s/%s: cannot write: %s", dir, f[i].name,
			    reason(errno));
			goto fail;
		}
	if (rename(tmp, dir) != 0) {
		if (errno == ENOTEMPTY || errno == EEXIST)
			cli_error("%s: exists and is not empty: refusing to "
			    "write over it", dir);
		else
			cli_error("%s: cannot create: %s", dir,
			    reason(errno));
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	remove_dir(tmp, f, n);
	free(tmp);
	return CLI_EXIT_BAD;
}

int
cli_export_nats(const struct mesh_plan *plan, const char *output,
    int loopback, const char *input)
{
	struct mesh_nats_export_options eo;
	struct mesh_nats_file *f = NULL;
	struct mesh_diags diags;
	enum mesh_error err;
	size_t n = 0, i, len = 0;
	char *all;
	int rc;

	memset(&eo, 0, sizeof(eo));
	eo.loopback = loopback > 0;
	eo.base_port = loopback;
	mesh_diags_init(&diags);
	if ((err = mesh_nats_export(plan, &eo, &diags, &f, &n)) != MESH_OK) {
		rc = cli_read_failed("export", err, &diags);
		mesh_diags_clear(&diags);
		return rc;
	}
	mesh_diags_clear(&diags);
	if (output != NULL && strcmp(output, "-") != 0) {
		rc = write_dir(output, f, n);
		mesh_nats_files_free(f, n);
		return rc;
	}
	/* stdout: the files one after the other, each opening with the
	 * comment that names its node. */
	for (i = 0; i < n; i++)
		len += f[i].len + 1;
	if ((all = malloc(len + 1)) == NULL) {
		mesh_nats_files_free(f, n);
		cli_error("out of memory");
		return CLI_EXIT_BAD;
	}
	len = 0;
	for (i = 0; i < n; i++) {
		if (i > 0)
			all[len++] = '\n';
		memcpy(all + len, f[i].text, f[i].len);
		len += f[i].len;
	}
	all[len] = '\0';
	mesh_nats_files_free(f, n);
	return cli_write_string(NULL, all, input);
}
