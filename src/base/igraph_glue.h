/* igraph_glue.h: calling igraph safely: loaded when first needed, handlers that neither abort nor print, and error conversion. */
#ifndef MESH_IGRAPH_GLUE_H
#define MESH_IGRAPH_GLUE_H

#include <stdio.h>

#include <igraph.h>

#include "meshsim/meshsim.h"

/*
 * The igraph functions meshsim calls, as (member, igraph's name). Each
 * member has the type of igraph's own declaration.
 */
#define MESH_I_IGRAPH_FUNCTIONS(X) \
	X(cattribute_gas, igraph_cattribute_GAS) \
	X(cattribute_list, igraph_cattribute_list) \
	X(cattribute_van, igraph_cattribute_VAN) \
	X(cattribute_vas, igraph_cattribute_VAS) \
	X(create, igraph_create) \
	X(destroy, igraph_destroy) \
	X(ecount, igraph_ecount) \
	X(finally_clean, IGRAPH_FINALLY_CLEAN) \
	X(finally_free, IGRAPH_FINALLY_FREE) \
	X(finally_stack_size, IGRAPH_FINALLY_STACK_SIZE) \
	X(get_edgelist, igraph_get_edgelist) \
	X(layout_fruchterman_reingold, igraph_layout_fruchterman_reingold) \
	X(layout_kamada_kawai, igraph_layout_kamada_kawai) \
	X(matrix_destroy, igraph_matrix_destroy) \
	X(matrix_init, igraph_matrix_init) \
	X(read_graph_edgelist, igraph_read_graph_edgelist) \
	X(read_graph_gml, igraph_read_graph_gml) \
	X(read_graph_graphml, igraph_read_graph_graphml) \
	X(read_graph_ncol, igraph_read_graph_ncol) \
	X(rng_default, igraph_rng_default) \
	X(rng_seed, igraph_rng_seed) \
	X(set_attribute_table, igraph_set_attribute_table) \
	X(set_error_handler, igraph_set_error_handler) \
	X(set_fatal_handler, igraph_set_fatal_handler) \
	X(set_warning_handler, igraph_set_warning_handler) \
	X(simplify, igraph_simplify) \
	X(strvector_destroy, igraph_strvector_destroy) \
	X(strvector_get, igraph_strvector_get) \
	X(strvector_init, igraph_strvector_init) \
	X(strvector_size, igraph_strvector_size) \
	X(vcount, igraph_vcount) \
	X(vector_int_destroy, igraph_vector_int_destroy) \
	X(vector_int_init, igraph_vector_int_init) \
	X(vector_int_size, igraph_vector_int_size)

/*
 * igraph, loaded from its shared library when first needed: a run that
 * never calls igraph (check, sweep and most others on a JSON plan) does
 * not load it and the 25 libraries it needs, about 10 ms of every run
 * (docs/development.md, "Dependencies"). Code calls igraph through this
 * table, mesh_i_ig.vcount(g) for igraph_vcount(g); its members are set
 * only once mesh_i_igraph_load() has succeeded, which every
 * mesh_i_igraph_call() makes sure of before fn runs.
 */
struct mesh_i_igraph {
#define MESH_I_IGRAPH_MEMBER(member, name) __typeof__(name) *member;
	MESH_I_IGRAPH_FUNCTIONS(MESH_I_IGRAPH_MEMBER)
#undef MESH_I_IGRAPH_MEMBER
	const igraph_attribute_table_t *cattribute_table;
};

extern struct mesh_i_igraph mesh_i_ig;

/*
 * Load igraph into mesh_i_ig, once per process (thread-safe). Returns
 * MESH_OK; MESH_ENOMEM when the dynamic linker ran out of memory (the
 * next call tries again); or MESH_ENOIGRAPH when its library cannot be
 * opened or lacks a function, every time after the first failure too
 * (mesh_i_igraph_message() says why after the first call).
 */
enum mesh_error mesh_i_igraph_load(void);

/* What MESH_ENOIGRAPH means, naming the library (mesh_strerror()). */
const char *mesh_i_igraph_missing(void);

/*
 * mesh_i_igraph_load() from the library named soname instead of
 * igraph's, for the tests of a failed load; only the first load of a
 * process counts. Returns as mesh_i_igraph_load().
 */
enum mesh_error mesh_i_igraph_load_from(const char *soname);

/*
 * Run fn(ctx), which calls igraph, with handlers that neither abort nor
 * print: igraph's errors are recorded (and igraph's FINALLY stack freed,
 * as igraph requires) for fn to see as error codes, warnings are dropped,
 * and a fatal error (an igraph assertion, or its parsers running out of
 * memory) jumps back here, dropping igraph's FINALLY stack without running
 * it. The caller's handlers are restored before returning; calls may nest.
 *
 * Returns what fn returned; after a fatal error, MESH_ENOMEM when memory
 * ran out, else MESH_EGRAPH; MESH_ENOIGRAPH, without calling fn, when
 * igraph cannot be loaded. fn must keep in *ctx whatever its caller
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
