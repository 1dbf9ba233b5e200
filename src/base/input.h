/* input.h: whole input files into memory, held to the input limit (limits.h). */
#ifndef MESH_INPUT_H
#define MESH_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "meshsim/meshsim.h"

/*
 * The whole file at path into *buf (malloc'd, NUL-terminated
 * past *len; the caller frees it). A file larger than the input limit in
 * force is not read. Returns MESH_OK, MESH_EIO after adding an io-error
 * diagnostic, MESH_EINPUT after adding input-too-large, or MESH_ENOMEM;
 * *buf is NULL on failure.
 */
enum mesh_error mesh_i_read_input(const char *path, struct mesh_diags *diags,
    char **buf, size_t *len);

/*
 * Report input-too-large for len bytes (UINT64_MAX: more than the limit,
 * how much more unknown) of file, and return MESH_EINPUT, when len is above the input limit in
 * force; else return MESH_OK.
 */
enum mesh_error mesh_i_check_input_size(const char *file, uint64_t len,
    struct mesh_diags *diags);

/* mesh_i_read_input(), reporting the phase "reading" in bytes of the
 * file's size through progress (NULL: none). */
enum mesh_error mesh_i_read_input_progress(const char *path,
    const struct mesh_progress *progress, struct mesh_diags *diags,
    char **buf, size_t *len);

/*
 * Map the regular file at path read-only into *len bytes at *buf (not
 * NUL-terminated; free with munmap(*buf, *len)), reporting the phase
 * "reading" through progress (NULL: none). Returns 0, or -1 when it
 * cannot be mapped (not a regular file, empty, larger than the input
 * limit, or mmap failed): the caller then reads it instead.
 */
int mesh_i_map_input(const char *path, const struct mesh_progress *progress,
    char **buf, size_t *len);

#endif
