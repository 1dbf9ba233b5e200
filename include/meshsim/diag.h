/* diag.h: diagnostics (errors and warnings about an input), like a compiler's. */
#ifndef MESHSIM_DIAG_H
#define MESHSIM_DIAG_H

#include <stddef.h>

#include "meshsim/visibility.h"

MESH_API_BEGIN

enum mesh_severity {
	MESH_NOTE,
	MESH_WARNING,
	MESH_ERROR
};

/*
 * One diagnostic. code is a stable, static identifier such as
 * "dangling-route" (docs/diagnostics.md lists them all). line and column are
 * 1-based; 0 when unknown. Columns count characters (code points), not
 * bytes. file and node may be NULL. message, file and node belong to the
 * list (one allocation that mesh_diags_clear() frees): never free them
 * one by one.
 */
struct mesh_diag {
	enum mesh_severity severity;
	const char *code;
	char *message;
	char *file;
	int line;
	int column;
	char *node;
};

/* A growing list of diagnostics; the caller owns it. */
struct mesh_diags {
	struct mesh_diag *v;
	size_t n;
	size_t cap;
	size_t errors;          /* how many have severity MESH_ERROR */
	int nomem;              /* set when a diagnostic was lost to ENOMEM */
};

/* Start an empty list. */
void mesh_diags_init(struct mesh_diags *d);

/* Free every diagnostic and leave the list empty; d may be NULL. */
void mesh_diags_clear(struct mesh_diags *d);

/*
 * Append a diagnostic with a printf-style message. file and node are
 * copied. Returns 0, or -1 when out of memory (the list is unaltered but
 * d->nomem is set, so the loss is never silent).
 */
int mesh_diags_add(struct mesh_diags *d, enum mesh_severity sev,
    const char *code, const char *file, int line, int column,
    const char *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/* Sort by file, line, column, then insertion order (stable). */
void mesh_diags_sort(struct mesh_diags *d);

/* "note", "warning" or "error". */
const char *mesh_severity_name(enum mesh_severity sev);

MESH_API_END

#endif
