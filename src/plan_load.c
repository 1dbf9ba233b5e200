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
#include "readers.h"
#include "tick.h"

/* Read at most this much at a time, so that progress moves. */
#define READ_CHUNK (1 << 20)

/*
 * Parse len bytes at buf as mesh_plan_parse() does, reporting the phase
 * "parsing" in bytes through progress (NULL: none): 0, then len once the
 * reader is done. A reader that can say how far it is takes &tick and
 * calls mesh_tick_to(&tick, bytes parsed) as it goes (tick.h): the JSON
 * reader does, node by node.
 */
static enum mesh_error
parse(const char *buf, size_t len, const char *file, enum mesh_format format,
    const struct mesh_progress *progress, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	struct mesh_watch w;
	struct mesh_tick tick;
	enum mesh_error err;

	*out = NULL;
	if (format == MESH_FORMAT_AUTO)
		format = mesh_format_of_file(file);
	if (mesh_check_input_size(file, len, diags) != MESH_OK)
		return MESH_EINPUT;
	mesh_tick_start(&tick, progress, "parsing", len);
	mesh_watch_begin(&w, diags);
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
		err = mesh_read_json(buf, len, file, &tick, diags, out);
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
	/* A limit the plan builder met made the reader fail as if out of
	 * memory: the watch says so. */
	err = mesh_watch_end(&w, err);
	if (err != MESH_OK && *out != NULL) {
		mesh_plan_free(*out);
		*out = NULL;
	}
	mesh_diags_sort(diags);
	if (err == MESH_OK)
		mesh_tick_end(&tick);
	return err;
}

enum mesh_error
mesh_plan_parse(const char *buf, size_t len, const char *file,
    enum mesh_format format, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	return parse(buf, len, file, format, NULL, diags, out);
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

/* n bytes as people read sizes: "1 GiB" for whole units, else bytes. */
static void
size_text(uint64_t n, char buf[48])
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	int u = -1;

	while (u < 3 && n >= 1024 && n % 1024 == 0) {
		n /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, 48, "%llu bytes", (unsigned long long)n);
	else
		snprintf(buf, 48, "%llu %s", (unsigned long long)n, units[u]);
}

enum mesh_error
mesh_check_input_size(const char *file, uint64_t len,
    struct mesh_diags *diags)
{
	uint64_t max = mesh_limits_get()->input_bytes;
	char lim[48];

	if (len <= max)
		return MESH_OK;
	size_text(max, lim);
	if (len == UINT64_MAX)
		mesh_diags_add(diags, MESH_ERROR, "input-too-large", file, 0,
		    0, NULL, "the input is larger than the limit of %s "
		    "(--max-input-size raises it)", lim);
	else
		mesh_diags_add(diags, MESH_ERROR, "input-too-large", file, 0,
		    0, NULL, "the input is %llu bytes, more than the limit "
		    "of %s (--max-input-size raises it)",
		    (unsigned long long)len, lim);
	return MESH_EINPUT;
}

/*
 * mesh_read_input(), reporting the phase "reading" in bytes of the
 * file's size through progress (NULL: none; a file that is not a regular
 * one has no size to report against).
 */
static enum mesh_error
read_input(const char *path, const struct mesh_progress *progress,
    struct mesh_diags *diags, char **out, size_t *outlen)
{
	uint64_t max = mesh_limits_get()->input_bytes;
	enum mesh_error err = MESH_EIO;
	FILE *f = fopen(path, "rb");
	struct mesh_tick tick;
	char *buf = NULL, *p;
	size_t cap = 0, n = 0, got;
	struct stat st;
	int saved = 0;

	memset(&tick, 0, sizeof(tick));
	*out = NULL;
	*outlen = 0;
	if (f == NULL) {
		saved = errno;
		goto fail;
	}
	/* A regular file is measured before it is read, and read into one
	 * buffer of its size (plus one byte, to see the end); anything else
	 * grows the buffer up to the limit. */
	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			saved = EISDIR;
			goto fail;
		}
		if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
			err = mesh_check_input_size(path,
			    (uint64_t)st.st_size, diags);
			goto fail;
		}
		if (S_ISREG(st.st_mode)) {
			mesh_tick_start(&tick, progress, "reading",
			    (uint64_t)st.st_size);
			cap = (size_t)st.st_size + 1;
		}
	}
	for (;;) {
		if (n == cap || buf == NULL) {
			if (n == cap)
				cap = cap ? cap * 2 : 65536;
			if ((uint64_t)cap > max + 1)
				cap = (size_t)(max + 1);
			if ((p = realloc(buf, cap + 1)) == NULL) {
				err = MESH_ENOMEM;
				goto fail;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n < READ_CHUNK ? cap - n :
		    READ_CHUNK, f);
		if (got == 0)
			break;
		n += got;
		if ((uint64_t)n > max) {
			err = mesh_check_input_size(path, UINT64_MAX,
			    diags);
			goto fail;
		}
		mesh_tick_to(&tick, n);
	}
	if (ferror(f)) {
		saved = errno ? errno : EIO;
		goto fail;
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	mesh_tick_end(&tick);
	return MESH_OK;
fail:
	if (f != NULL)
		fclose(f);
	free(buf);
	if (err == MESH_EIO)
		mesh_diags_add(diags, MESH_ERROR, "io-error", path, 0, 0, NULL,
		    "cannot read the file: %s", strerror(saved));
	return err;
}

enum mesh_error
mesh_read_input(const char *path, struct mesh_diags *diags, char **buf,
    size_t *len)
{
	return read_input(path, NULL, diags, buf, len);
}

/*
 * Map the regular file at path read-only into *len bytes at *buf: no
 * copy, and no fresh memory to fault in, so a plan of hundreds of
 * megabytes is read straight from the page cache. The mapping is filled
 * in one call: the phase "reading" goes from 0 to the size around it
 * (progress may be NULL). Returns 0, or -1 when the file cannot be
 * mapped (not a regular file, empty, larger than the input limit, or
 * mmap failed): the caller then reads it (and refuses one too large
 * without reading it). The text is not NUL-terminated; the JSON reader never looks
 * past len. Free with munmap(*buf, *len).
 */
static int
map_file(const char *path, const struct mesh_progress *progress,
    char **buf, size_t *len)
{
	struct mesh_tick tick;
	struct stat st;
	void *p;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > SIZE_MAX ||
	    (uint64_t)st.st_size > mesh_limits_get()->input_bytes) {
		close(fd);
		return -1;
	}
	mesh_tick_start(&tick, progress, "reading", (uint64_t)st.st_size);
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE |
	    MAP_POPULATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	mesh_tick_end(&tick);
	*buf = p;
	*len = (size_t)st.st_size;
	return 0;
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
	if (format == MESH_FORMAT_AUTO)
		format = mesh_format_of_file(path);
	if (format == MESH_FORMAT_JSON &&
	    map_file(path, progress, &buf, &len) == 0)
		mapped = 1;
	else if ((err = read_input(path, progress, diags, &buf, &len)) !=
	    MESH_OK)
		return err;
	err = parse(buf, len, path, format, progress, diags, out);
	if (mapped)
		munmap(buf, len);
	else
		free(buf);
	return err;
}
