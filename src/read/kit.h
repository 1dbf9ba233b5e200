/* kit.h: what every reader shares, whatever its format: diagnostics at a position, counted, and known keys with a did-you-mean. */
#ifndef MESH_KIT_H
#define MESH_KIT_H

#include <stdarg.h>
#include <stddef.h>

#include "meshsim/diag.h"

/* Where a value is written: file, 1-based line and column (0: unknown). */
struct mesh_i_pos {
	const char *file;
	int line, column;
};

/* The position of byte offset off of the text buf, in file: linear in
 * off (mesh_i_text_position), so once per diagnostic, not per value. */
struct mesh_i_pos mesh_i_pos_at(const char *file, const char *buf,
    size_t off);

/*
 * What every reader keeps: where its diagnostics go (and the file they
 * name, when the reader reads one), how many errors it reported, and
 * whether it ran out of memory. A reader's own state begins with one.
 */
struct mesh_i_reader {
	struct mesh_diags *diags;
	const char *file;
	int errors;
	int nomem;
};

/*
 * Append a diagnostic at (NULL: no position) with a printf-style message;
 * an error counts in r->errors. When out of memory the diagnostic is lost
 * and both r->nomem and r->diags->nomem are set: nothing is left
 * allocated.
 */
void mesh_i_report(struct mesh_i_reader *r, enum mesh_severity sev,
    const char *code, const struct mesh_i_pos *at, const char *node,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* The same with a va_list, for a reader's kit on top of this one. */
void mesh_i_vreport(struct mesh_i_reader *r, enum mesh_severity sev,
    const char *code, const struct mesh_i_pos *at, const char *node,
    const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;

/*
 * Look key up among known (NULL-terminated). Returns its index, or -1
 * with *close (when close is not NULL) set to the first known name
 * within two edits of key, for a did-you-mean, or NULL.
 */
int mesh_i_known_key(const char *const *known, const char *key,
    const char **close);

#endif
