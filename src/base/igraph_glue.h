/* igraph_glue.h: calling igraph safely: handlers that neither abort nor print, and error conversion. */
#ifndef MESH_IGRAPH_GLUE_H
#define MESH_IGRAPH_GLUE_H

#include <stdio.h>

#include <igraph.h>

#include "meshsim/meshsim.h"

/*
 * Run fn(ctx), which calls igraph, with handlers that neither abort nor
 * print: igraph's errors are recorded (and igraph's FINALLY stack freed,
 * as igraph requires) for fn to see as error codes, warnings are dropped,
 * and a fatal error (an igraph assertion, or its parsers running out of
 * memory) jumps back here, dropping igraph's FINALLY stack without running
 * it. The caller's handlers are restored before returning; calls may nest.
 *
 * Returns what fn returned; after a fatal error, MESH_ENOMEM when memory
 * ran out, else MESH_EGRAPH. fn must keep in *ctx whatever its caller
 * frees afterwards: after a fatal error its own locals are lost (and what
 * igraph held leaks: igraph may then be inconsistent, so a program should
 * end soon after such an error).
 */
enum mesh_error mesh_i_igraph_call(enum mesh_error (*fn)(void *), void *ctx);

/*
 * reader(g, in) (igraph_read_graph_gml, or a wrapper of another reader),
 * inside mesh_i_igraph_call(), with a crash taken as a fatal error: igraph
 * 0.10.2's flex-based readers (GML, NCOL) do not check that their lexer
 * could be allocated and then dereference NULL. SIGSEGV's handler is
 * replaced for the call alone. Returns what reader returned.
 */
igraph_error_t mesh_i_igraph_read_guarded(igraph_error_t (*reader)(igraph_t *,
    FILE *), igraph_t *g, FILE *in);

/* The message of the last igraph error seen in the current or last
 * mesh_i_igraph_call() ("" if none). */
const char *mesh_i_igraph_message(void);

/* meshsim's code for an igraph error code. */
enum mesh_error mesh_i_igraph_error(igraph_error_t e);

#endif
