/* input.c: whole input files into memory (read, or mapped), held to the input limit, with progress. */
/* MAP_POPULATE (Linux) */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

#include "base/input.h"
#include "base/progress.h"
#include "meshsim/meshsim.h"

/* Read at most this much at a time, so that progress moves. */
#define READ_CHUNK (1 << 20)

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
mesh_i_check_input_size(const char *file, uint64_t len,
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
 * mesh_i_read_input(), reporting the phase "reading" in bytes of the
 * file's size through progress (NULL: none; a file that is not a regular
 * one has no size to report against). Plain open(), fstat() and read()
 * into the one buffer: no stdio stream, whose own buffer (allocated after
 * a second fstat()) each byte would pass through, and no read() past the
 * end of a regular file: four system calls a small file, for the many
 * small files of a Harper cluster.
 */
enum mesh_error
mesh_i_read_input_progress(const char *path,
    const struct mesh_progress *progress,
    struct mesh_diags *diags, char **out, size_t *outlen)
{
	uint64_t max = mesh_limits_get()->input_bytes;
	enum mesh_error err = MESH_EIO;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct mesh_i_tick tick;
	char *buf = NULL, *p;
	size_t cap = 0, n = 0, want;
	ssize_t got;
	struct stat st;
	int saved = 0, regular = 0;

	memset(&tick, 0, sizeof(tick));
	*out = NULL;
	*outlen = 0;
	if (fd < 0) {
		saved = errno;
		goto fail;
	}
	/* A regular file is measured before it is read, and read into one
	 * buffer of its size (plus one byte, to see the end); anything else
	 * grows the buffer up to the limit. */
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			saved = EISDIR;
			goto fail;
		}
		if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
			err = mesh_i_check_input_size(path,
			    (uint64_t)st.st_size, diags);
			goto fail;
		}
		if (S_ISREG(st.st_mode)) {
			mesh_i_tick_start(&tick, progress, "reading",
			    (uint64_t)st.st_size);
			cap = (size_t)st.st_size + 1;
			regular = 1;
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
		want = cap - n < READ_CHUNK ? cap - n : READ_CHUNK;
		got = read(fd, buf + n, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			saved = errno ? errno : EIO;
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if ((uint64_t)n > max) {
			err = mesh_i_check_input_size(path, UINT64_MAX,
			    diags);
			goto fail;
		}
		mesh_i_tick_to(&tick, n);
		/* A regular file reads short only at its end: no read()
		 * more to be told so. */
		if (regular && (size_t)got < want)
			break;
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	mesh_i_tick_end(&tick);
	return MESH_OK;
fail:
	if (fd >= 0)
		close(fd);
	free(buf);
	if (err == MESH_EIO)
		mesh_diags_add(diags, MESH_ERROR, "io-error", path, 0, 0, NULL,
		    "cannot read the file: %s", strerror(saved));
	return err;
}

enum mesh_error
mesh_i_read_input(const char *path, struct mesh_diags *diags, char **buf,
    size_t *len)
{
	return mesh_i_read_input_progress(path, NULL, diags, buf, len);
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
int
mesh_i_map_input(const char *path, const struct mesh_progress *progress,
    char **buf, size_t *len)
{
	struct mesh_i_tick tick;
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
	mesh_i_tick_start(&tick, progress, "reading", (uint64_t)st.st_size);
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE |
	    MAP_POPULATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	mesh_i_tick_end(&tick);
	*buf = p;
	*len = (size_t)st.st_size;
	return 0;
}

