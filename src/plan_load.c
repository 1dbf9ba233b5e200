/* plan_load.c: read a plan from a file or a buffer, choosing the reader by format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meshsim/harper.h"
#include "meshsim/meshsim.h"
#include "readers.h"

enum mesh_error
mesh_plan_parse(const char *buf, size_t len, const char *file,
    enum mesh_format format, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	enum mesh_error err;

	*out = NULL;
	if (format == MESH_FORMAT_AUTO)
		format = mesh_format_of_file(file);
	switch (format) {
	case MESH_FORMAT_GML:
		err = mesh_read_gml(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_GRAPHML:
		err = mesh_read_graphml(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_EDGELIST:
		err = mesh_read_edgelist(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_NCOL:
		err = mesh_read_ncol(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_JSON:
		err = mesh_read_json(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_HARPER:
		err = mesh_harper_parse(buf, len, file, diags, out);
		break;
	default:
		mesh_diags_add(diags, MESH_ERROR, "unsupported-format", file,
		    0, 0, NULL, "this format cannot be read yet");
		err = MESH_EINPUT;
		break;
	}
	mesh_diags_sort(diags);
	return err;
}

enum mesh_format
mesh_format_of_file(const char *file)
{
	static const struct {
		const char *ending;
		enum mesh_format format;
	} endings[] = {
		{ ".gml", MESH_FORMAT_GML },
		{ ".graphml", MESH_FORMAT_GRAPHML },
		{ ".edges", MESH_FORMAT_EDGELIST },
		{ ".edgelist", MESH_FORMAT_EDGELIST },
		{ ".ncol", MESH_FORMAT_NCOL },
		{ ".yaml", MESH_FORMAT_HARPER },
		{ ".yml", MESH_FORMAT_HARPER },
	};
	size_t i, n, k;

	if (file == NULL)
		return MESH_FORMAT_JSON;
	n = strlen(file);
	for (i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
		k = strlen(endings[i].ending);
		if (n >= k && strcasecmp(file + n - k, endings[i].ending) == 0)
			return endings[i].format;
	}
	return MESH_FORMAT_JSON;
}

/* Read the whole file at path. Returns a malloc'd buffer (NUL-terminated
 * past *len) or NULL with errno set. */
char *
mesh_read_file(const char *path, size_t *len)
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
	if ((buf = mesh_read_file(path, &len)) == NULL) {
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
