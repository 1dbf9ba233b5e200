/* igraph_glue.h: calling igraph safely: handlers that neither abort nor print, and error conversion. */
#ifndef MESH_IGRAPH_GLUE_H
#define MESH_IGRAPH_GLUE_H

#include <igraph.h>

#include "meshsim/meshsim.h"

/* The handlers in force before mesh_igraph_enter(). */
struct mesh_igraph_saved {
	igraph_error_handler_t *error;
	igraph_warning_handler_t *warning;
};

/*
 * Around every library function that calls igraph: enter installs handlers
 * that record the error message (and free igraph's FINALLY stack, as
 * igraph requires) instead of aborting, and drop warnings; leave restores
 * what the caller had.
 */
void mesh_igraph_enter(struct mesh_igraph_saved *saved);
void mesh_igraph_leave(const struct mesh_igraph_saved *saved);

/* The message of the last igraph error seen since enter ("" if none). */
const char *mesh_igraph_message(void);

/* meshsim's code for an igraph error code. */
enum mesh_error mesh_igraph_error(igraph_error_t e);

#endif
