/* plan_load.c: read a plan from a file or a buffer, choosing the reader by format. */
/* MAP_POPULATE (Linux) */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

#include "meshsim/harper.h"
#include "meshsim/meshsim.h"
#include "base/input.h"
#include "read/readers.h"
#include "base/progress.h"


/*
 * Parse len bytes at buf as mesh_plan_parse() does (mapped: buf is our
 * private mapping of the file, which the JSON reader may drop from memory
 * as it goes: see readers.h), reporting the phase
 * "parsing" in bytes through progress (NULL: none): 0, then len once the
 * reader is done. A reader that can say how far it is takes &tick and
 * calls mesh_i_tick_to(&tick, bytes parsed) as it goes (base/progress.h):
 * the JSON reader does, node by node.
 */
static enum mesh_error
parse(const char *buf, size_t len, int mapped, const char *file,
    enum mesh_format format, const struct mesh_progress *progress,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	struct mesh_i_watch w;
	struct mesh_i_tick tick;
	enum mesh_error err;

	*out = NULL;
	if (format == MESH_FORMAT_AUTO)
		format = mesh_format_sniff(file, buf, len);
	if (mesh_i_check_input_size(file, len, diags) != MESH_OK)
		return MESH_EINPUT;
	mesh_i_tick_start(&tick, progress, "parsing", len);
	mesh_i_watch_begin(&w, diags);
	switch (format) {
	case MESH_FORMAT_GML:
		err = mesh_i_read_gml(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_GRAPHML:
		err = mesh_i_read_graphml(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_EDGELIST:
		err = mesh_i_read_edgelist(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_NCOL:
		err = mesh_i_read_ncol(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_JSON:
		err = mesh_i_read_json(buf, len, file, mapped, &tick, diags,
		    out);
		break;
	case MESH_FORMAT_HARPER:
		err = mesh_harper_parse(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_COMPOSE:
		err = mesh_i_read_compose(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_KUBERNETES:
		err = mesh_i_read_kubernetes(buf, len, file, diags, out);
		break;
	case MESH_FORMAT_NATS:
		err = mesh_i_read_nats(buf, len, file, diags, out);
		break;
	default:
		mesh_diags_add(diags, MESH_ERROR, "unsupported-format", file,
		    0, 0, NULL, "this format cannot be read yet");
		err = MESH_EINPUT;
		break;
	}
	/* A limit the plan builder met made the reader fail as if out of
	 * memory: the watch says so. */
	err = mesh_i_watch_end(&w, err);
	if (err != MESH_OK && *out != NULL) {
		mesh_plan_free(*out);
		*out = NULL;
	}
	mesh_diags_sort(diags);
	if (err == MESH_OK)
		mesh_i_tick_end(&tick);
	return err;
}

enum mesh_error
mesh_plan_parse(const char *buf, size_t len, const char *file,
    enum mesh_format format, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	return parse(buf, len, 0, file, format, NULL, diags, out);
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
		{ ".conf", MESH_FORMAT_NATS },
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

/* Whether a line of buf (len bytes) starts, at its first column, with
 * word followed by ':' (YAML's top-level key). */
static int
top_key(const char *buf, size_t len, const char *word)
{
	size_t k = strlen(word), i = 0;

	while (i < len) {
		if (len - i > k && memcmp(buf + i, word, k) == 0 &&
		    (buf[i + k] == ':' || (buf[i + k] == ' ' && len - i > k + 1 &&
		    buf[i + k + 1] == ':')))
			return 1;
		while (i < len && buf[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

/* Whether some line of buf holds, after blanks, the word "cluster"
 * followed by a blank, '{', ':' or '=' (NATS's cluster block). */
static int
nats_cluster(const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len) {
		while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (len - i > 7 && memcmp(buf + i, "cluster", 7) == 0 &&
		    strchr(" \t{:=", buf[i + 7]) != NULL)
			return 1;
		while (i < len && buf[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

enum mesh_format
mesh_format_sniff(const char *file, const char *buf, size_t len)
{
	enum mesh_format f = mesh_format_of_file(file);
	size_t n = file != NULL ? strlen(file) : 0, i = 0;

	if (f == MESH_FORMAT_HARPER || (f == MESH_FORMAT_JSON &&
	    !(n >= 5 && strcasecmp(file + n - 5, ".json") == 0))) {
		if (top_key(buf, len, "services"))
			return MESH_FORMAT_COMPOSE;
		if (top_key(buf, len, "apiVersion") &&
		    top_key(buf, len, "kind"))
			return MESH_FORMAT_KUBERNETES;
	}
	if (f != MESH_FORMAT_JSON || (n >= 5 &&
	    strcasecmp(file + n - 5, ".json") == 0))
		return f;
	while (i < len && strchr(" \t\r\n", buf[i]) != NULL)
		i++;
	if (i < len && buf[i] != '{' && buf[i] != '[' &&
	    nats_cluster(buf, len))
		return MESH_FORMAT_NATS;
	return f;
}

enum mesh_error
mesh_plan_load(const char *path, enum mesh_format format,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	return mesh_plan_load_progress(path, format, NULL, diags, out);
}

enum mesh_error
mesh_plan_load_progress(const char *path, enum mesh_format format,
    const struct mesh_progress *progress, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	enum mesh_error err;
	size_t len;
	char *buf;
	int mapped = 0;

	*out = NULL;
	if ((format == MESH_FORMAT_AUTO ? mesh_format_of_file(path) :
	    format) == MESH_FORMAT_JSON &&
	    mesh_i_map_input(path, progress, &buf, &len) == 0)
		mapped = 1;
	else if ((err = mesh_i_read_input_progress(path, progress, diags, &buf,
	    &len)) !=
	    MESH_OK)
		return err;
	err = parse(buf, len, mapped, path, format, progress, diags, out);
	if (mapped)
		munmap(buf, len);
	else
		free(buf);
	return err;
}
