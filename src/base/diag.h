/* diag.h: the library's own calls on a diagnostic (meshsim/diag.h has the public ones). */
#ifndef MESH_BASE_DIAG_H
#define MESH_BASE_DIAG_H

#include "meshsim/diag.h"

/*
 * Point diagnostic g, one of a list's, at file (which may be NULL)
 * instead of its own: its message, file and node are one allocation, so
 * it is made anew and the old one freed. Returns 0, or -1 when out of
 * memory (g is then as it was).
 */
int mesh_i_diag_set_file(struct mesh_diag *g, const char *file);

#endif
