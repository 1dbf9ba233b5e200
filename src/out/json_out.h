/* json_out.h: the pieces every JSON document shares: names, diagnostics, the plan and file. */
#ifndef MESH_JSON_OUT_H
#define MESH_JSON_OUT_H

#include <stddef.h>

#include "meshsim/meshsim.h"
#include "base/util.h"
#include "out/json_writer.h"

/* Each value goes under key, as the writer's values (json_writer.h). */

/* The names of nodes v[0 .. n-1], a list on one line. */
void mesh_i_jw_names(struct mesh_i_jw *w, const char *key,
    const struct mesh_plan *p, const int *v, size_t n);

/* Groups of nodes, group g being nodes[start[g] .. start[g + 1] - 1]
 * for g < n: a list, laid out as layout says, of lists of names each on
 * one line. */
void mesh_i_jw_groups(struct mesh_i_jw *w, const char *key,
    enum mesh_i_jw_layout layout, const struct mesh_plan *p,
    const int *nodes, const size_t *start, size_t n);

/* s[idx[i]] (s[i] when idx is NULL) for i < n, a list on one line. */
void mesh_i_jw_strings(struct mesh_i_jw *w, const char *key,
    char *const *s, const int *idx, size_t n);

/* The diagnostics d (NULL: none), a list of one object a line
 * (docs/json.md). */
void mesh_i_jw_diagnostics(struct mesh_i_jw *w, const char *key,
    const struct mesh_diags *d);

/* The parts of an expectation that are set, an object on one line:
 * {"connected": ..., "isolated": [...], "cut_off": [...]}. */
void mesh_i_jw_expect(struct mesh_i_jw *w, const char *key,
    const struct mesh_plan *p, const struct mesh_expect *e);

/* A report on plan p: b (initialised here) gets the object, a member a
 * line, opened with "plan" and "file"; mesh_i_jw_report_end() adds
 * "diagnostics" and hands the text over (mesh_i_jw_take()). */
void mesh_i_jw_report_begin(struct mesh_i_jw *w, struct mesh_i_buf *b,
    enum mesh_i_jw_number number, const struct mesh_plan *p);
char *mesh_i_jw_report_end(struct mesh_i_jw *w, const struct mesh_diags *d);

#endif
