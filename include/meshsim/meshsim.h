/* meshsim.h: the public interface of the meshsim library (include this). */
#ifndef MESHSIM_MESHSIM_H
#define MESHSIM_MESHSIM_H

/*
 * Conventions, stated once:
 * - Every public name starts with mesh_ (types) or MESH_ (constants).
 * - The library never prints and never exits: failures come back as an
 *   enum mesh_error, and problems with the input as diagnostics.
 * - Inputs are never consumed. An object returned through an out pointer
 *   belongs to the caller, who frees it with the matching _free function;
 *   every _free accepts NULL.
 * - On failure, out pointers are left NULL and the caller owns nothing new.
 * - igraph 0.10.2 is not thread-safe: call the library from one thread.
 *   Some calls use a second thread of their own on large inputs, never
 *   calling igraph in it and joining it before they return (so the
 *   process is single-threaded again for the calls that fork):
 *   mesh_plan_load(), mesh_plan_parse() and mesh_plan_resolve()
 *   (plan.h), mesh_analyze() (analysis.h).
 * - Sweeps and availability runs on more than one process fork() their
 *   workers (jobs in sweep.h, availability.h; a sweep's jobs 0 is one a
 *   CPU): call them from a single-threaded process.
 * - libmeshsim.so exports what include/meshsim/ declares, no more
 *   (visibility.h); docs/library.md is the guide to linking and using it.
 */

#include "meshsim/visibility.h"

#define MESH_VERSION "0.1.0"

enum mesh_error {
	MESH_OK = 0,
	MESH_ENOMEM,    /* out of memory */
	MESH_EINPUT,    /* the input was refused: the diagnostics say why */
	MESH_EIO,       /* a file could not be read */
	MESH_ENOTFOUND, /* a node named by the caller does not exist */
	MESH_EINVAL,    /* an argument is invalid */
	MESH_EGRAPH,    /* igraph reported an internal failure */
	MESH_ENOIGRAPH  /* igraph's library could not be loaded */
};

MESH_API_BEGIN

/* A static, human-readable description of err; never NULL. */
const char *mesh_strerror(enum mesh_error err);

MESH_API_END

#include "meshsim/progress.h"
#include "meshsim/diag.h"
#include "meshsim/limits.h"
#include "meshsim/plan.h"
#include "meshsim/analysis.h"
#include "meshsim/domains.h"
#include "meshsim/hazards.h"
#include "meshsim/replication.h"
#include "meshsim/mesh.h"
#include "meshsim/availability.h"
#include "meshsim/sweep.h"
#include "meshsim/shard.h"
#include "meshsim/export.h"
#include "meshsim/harper.h"
#include "meshsim/harper_ops.h"
#include "meshsim/diff.h"
#include "meshsim/suggest.h"
#include "meshsim/picture.h"
#include "meshsim/review.h"
#include "meshsim/ci.h"

#endif
