/* ci.h: reports for CI systems: check's findings as SARIF 2.1.0, simulate's expectations as JUnit XML. */
#ifndef MESHSIM_CI_H
#define MESHSIM_CI_H

#include <stddef.h>

#include "meshsim/analysis.h"
#include "meshsim/diag.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

struct mesh_replication;        /* replication.h */
struct mesh_simulation;         /* mesh.h */

/* The --fail-on levels of `meshsim check`, in order: a finding at or
 * below the level set is a SARIF "error" (it fails the check). */
enum mesh_fail_level {
	MESH_FAIL_NEVER,
	MESH_FAIL_PARTITION,
	MESH_FAIL_SPOF,
	MESH_FAIL_BRIDGE
};

/* What mesh_check_sarif() needs besides the analysis; every field may be
 * 0 or NULL. A node's results are at the node: in the file its reader
 * recorded (mesh_plan_node_file()), else in the plan's file, else at
 * input with no line. */
struct mesh_sarif_options {
	enum mesh_fail_level fail_on;
	/* The file read (the first one of several), for results with no
	 * file of their own; NULL: the plan's file. */
	const char *input;
	/* The working directory, absolute: a file under it is written
	 * relative to it; NULL: relative paths as given, absolute ones as
	 * file:// URIs. */
	const char *base_dir;
	/* The replication model's verdict (docs/replication.md), or NULL:
	 * the route graph's. It must share a's plan and down nodes. */
	const struct mesh_replication *repl;
};

/*
 * `meshsim check --format sarif` (docs/ci.md): a SARIF 2.1.0 log of one
 * run whose results are the diagnostics d (NULL: none), in their order,
 * then the findings of a (a split, each single point of failure or join
 * dependency, each bridge), each with its rule, level, file, line and
 * column; ending in a newline. Returns a string the caller frees with
 * free(), or NULL when out of memory (nothing else is left behind).
 */
char *mesh_check_sarif(const struct mesh_analysis *a,
    const struct mesh_diags *d, const struct mesh_sarif_options *o);

/*
 * `meshsim simulate --format junit` (docs/ci.md): JUnit XML, one test
 * case per timeline step and what-if run that has an expectation, a
 * <failure> for each that failed; the warnings of diags (NULL: none) in
 * <system-err>. Returns a string the caller frees with free(), or NULL
 * when out of memory (nothing else is left behind).
 */
char *mesh_simulation_junit(const struct mesh_simulation *s,
    const struct mesh_diags *diags);

MESH_API_END

#endif
