/* json_out.h: the pieces every JSON document shares: names, nulls, diagnostics. */
#ifndef MESH_JSON_OUT_H
#define MESH_JSON_OUT_H

#include <stddef.h>

#include "meshsim/meshsim.h"
#include "base/util.h"
#include "out/json_writer.h"

/* The names of nodes v[0 .. n-1], a list on one line. */
void mesh_i_jw_names(struct mesh_i_jw *w, const struct mesh_plan *p,
    const int *v, size_t n);

/* s[idx[i]] (s[i] when idx is NULL) for i < n, a list on one line. */
void mesh_i_jw_strings(struct mesh_i_jw *w, char *const *s, const int *idx,
    size_t n);

/* The diagnostics d (NULL: none), a list of one object a line
 * (docs/json.md). */
void mesh_i_jw_diagnostics(struct mesh_i_jw *w, const struct mesh_diags *d);

/* The parts of an expectation that are set, an object on one line:
 * {"connected": ..., "isolated": [...], "cut_off": [...]}. */
void mesh_i_jw_expect(struct mesh_i_jw *w, const struct mesh_plan *p,
    const struct mesh_expect *e);

/*
 * The same, appended to a buffer by code that writes its JSON without a
 * writer (the plan's export, the replication model, the command line's
 * own documents).
 */

/* The names of nodes v[0 .. n-1] as a JSON list on one line. */
void mesh_i_json_names(struct mesh_i_buf *b, const struct mesh_plan *p,
    const int *v, size_t n);

/* s as a JSON string, or null. */
void mesh_i_json_string_or_null(struct mesh_i_buf *b, const char *s);

/* The "diagnostics" key and its list, as the last key of a report
 * (docs/json.md); d may be NULL. */
void mesh_i_json_diagnostics(struct mesh_i_buf *b, const struct mesh_diags *d);

/* The parts of an expectation that are set, as a JSON object on one
 * line: {"connected": ..., "isolated": [...], "cut_off": [...]}. */
void mesh_i_json_expect(struct mesh_i_buf *b, const struct mesh_plan *p,
    const struct mesh_expect *e);

#endif
