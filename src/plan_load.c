/* plan_load.c: read a plan from a file or a buffer, choosing the reader by format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshsim/meshsim.h"
#include "readers.h"

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

enum mesh_error
mesh_plan_parse(const char *buf, size_t len, const char *file,
    enum mesh_format format, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	enum mesh_error err;

	*out = NULL;
	if (format == MESH_FORMAT_AUTO)
		format = file != NULL && (ends_with(file, ".gml") ||
		    ends_with(file, ".GML")) ? MESH_FORMAT_GML :
		    MESH_FORMAT_JSON;
	if (format == MESH_FORMAT_GML)
		err = mesh_read_gml(buf, len, file, diags, out);
	else
		err = mesh_read_json(buf, len, file, diags, out);
	mesh_diags_sort(diags);
	return err;
}

/* Read the whole file at path. Returns a malloc'd buffer (NUL-terminated
 * past *len) or NULL with errno set. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t cap = 0, n = 0, got;
	int saved;

	if (f == NULL)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536 * 2;
			if ((p = realloc(buf, cap + 1)) == NULL) {
				errno = ENOMEM;
				goto fail;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f))
		goto fail;
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	saved = errno ? errno : EIO;
	fclose(f);
	free(buf);
	errno = saved;
	return NULL;
}

enum mesh_error
mesh_plan_load(const char *path, enum mesh_format format,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	enum mesh_error err;
	size_t len;
	char *buf;

	*out = NULL;
	errno = 0;
	if ((buf = slurp(path, &len)) == NULL) {
		if (errno == ENOMEM)
			return MESH_ENOMEM;
		mesh_diags_add(diags, MESH_ERROR, "io-error", path, 0, 0, NULL,
		    "cannot read the file: %s", strerror(errno));
		return MESH_EIO;
	}
	err = mesh_plan_parse(buf, len, path, format, diags, out);
	free(buf);
	return err;
}
