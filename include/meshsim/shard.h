/* shard.h: sweeps and availability runs shared among machines: the partial results shards write, and putting them together. */
#ifndef MESHSIM_SHARD_H
#define MESHSIM_SHARD_H

#include <stddef.h>
#include <stdint.h>

/* For enum mesh_error; meshsim.h includes this header in turn. */
#include "meshsim/meshsim.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * A run is cut into N shards, numbered 1 .. N. Shard I of a sweep sweeps
 * the slice that sweep.h describes; shard I of an availability run runs
 * the blocks b with b = I - 1 (mod N) (availability.h). Each writes a
 * *partial*: a JSON object that names the command, its options, the plan
 * and its fingerprint, I and N, and the slice's raw results
 * (docs/shard.md documents it as a contract). Putting the partials of
 * shards 1 .. N together gives exactly the result of the whole run.
 */

#define MESH_PARTIAL_FORMAT 1           /* the "meshsim_partial" version */
#define MESH_SHARDS_MAX 100000          /* the most shards of one run */
#define MESH_FINGERPRINT_SIZE 72        /* "sha256:", 64 hex digits, NUL */

enum mesh_partial_command {
	MESH_PARTIAL_SWEEP,
	MESH_PARTIAL_AVAILABILITY
};

/*
 * What a partial says about the run it is a slice of. Strings are the
 * caller's when writing, the partial's when read.
 */
struct mesh_partial_info {
	enum mesh_partial_command command;
	const char *meshsim;            /* the version that wrote it */
	const char *plan;               /* the plan file, as given */
	enum mesh_format input_format;  /* as given (--input-format) */
	char fingerprint[MESH_FINGERPRINT_SIZE];
	int shard;                      /* 1 .. shards */
	int shards;
	/* sweep */
	int k;                          /* --k as given */
	const char *by;                 /* --by, or NULL */
	enum mesh_sweep_model model;
	/* availability */
	double node_availability;       /* --node-availability; -1: none */
	double fail_below;              /* --fail-below; -1: none */
	uint64_t trials;
	uint64_t seed;
};

/*
 * The fingerprint of plan into out: "sha256:" and the SHA-256, in
 * lowercase hex, of the plan written in the plan format (export.h). That
 * holds everything a sweep or an availability run depends on (nodes in
 * order, hosts, ports, labels, availabilities, routes) and not the file's
 * layout. Returns MESH_OK, or MESH_ENOMEM.
 */
enum mesh_error mesh_plan_fingerprint(const struct mesh_plan *plan,
    char out[MESH_FINGERPRINT_SIZE]);

/*
 * The partial of a shard's sweep sw (run with info's shard and shards),
 * or of a shard's availability counts sums, as docs/shard.md documents
 * it, pretty-printed and ending in a newline. Returns a string that the
 * caller frees with free(), or NULL when out of memory.
 */
char *mesh_sweep_partial_json(const struct mesh_partial_info *info,
    const struct mesh_sweep *sw);
char *mesh_avail_partial_json(const struct mesh_partial_info *info,
    const struct mesh_avail_sums *sums);

/* A partial read from a file (private). */
struct mesh_partial;

/*
 * Read the partial at path: strict JSON, every key known and of the
 * right type, values in range. Problems go to diags as errors at their
 * file, line and column (io-error, empty-file, invalid-utf8,
 * invalid-json, not-an-object, duplicate-key, unknown-key, missing-key,
 * wrong-type, bad-partial). The results are checked against the plan
 * later, by mesh_partial_sweep_add() and mesh_partial_avail_add().
 * Returns MESH_OK and sets *out (free with mesh_partial_free), MESH_EIO,
 * MESH_EINPUT, or MESH_ENOMEM; *out is NULL on failure.
 */
enum mesh_error mesh_partial_load(const char *path, struct mesh_diags *diags,
    struct mesh_partial **out);

/* What p says about its run, and the file it was read from. */
const struct mesh_partial_info *mesh_partial_info(const struct mesh_partial *p);
const char *mesh_partial_file(const struct mesh_partial *p);

/*
 * Check that parts[0 .. n-1] (n >= 1) are the shards 1 .. N of one run:
 * the same command, meshsim version, plan, input format, fingerprint,
 * options and N as parts[0] (else partial-mismatch at the value that
 * differs, naming parts[0]'s file), each shard once (shard-duplicate,
 * naming the other file) and none missing (shard-missing). Returns
 * MESH_OK, MESH_EINPUT after adding the errors to diags, or MESH_ENOMEM.
 */
enum mesh_error mesh_partials_check(struct mesh_partial *const *parts,
    size_t n, struct mesh_diags *diags);

/*
 * Check that plan, loaded from p's plan file, has the fingerprint p
 * records. Returns MESH_OK, MESH_EINPUT after adding plan-changed to
 * diags, or MESH_ENOMEM.
 */
enum mesh_error mesh_partial_check_plan(const struct mesh_partial *p,
    const struct mesh_plan *plan, struct mesh_diags *diags);

/*
 * Add the slice of a sweep that p holds to sw, between
 * mesh_sweep_merge_begin() and mesh_sweep_merge_end() (sw made with p's
 * options); unit and node names are those of sw's plan. Returns MESH_OK,
 * MESH_EINPUT after adding errors to diags (bad-partial, wrong-type,
 * ... at the value), or MESH_ENOMEM.
 */
enum mesh_error mesh_partial_sweep_add(const struct mesh_partial *p,
    struct mesh_sweep *sw, struct mesh_diags *diags);

/*
 * Add the counts of an availability partial p to *sums, after checking
 * that they are those of p's blocks (the number of blocks and trials of
 * shard I of N). Returns MESH_OK, or MESH_EINPUT after adding errors to
 * diags (*sums is then unaltered).
 */
enum mesh_error mesh_partial_avail_add(const struct mesh_partial *p,
    struct mesh_avail_sums *sums, struct mesh_diags *diags);

/* Free a partial; NULL is accepted. */
void mesh_partial_free(struct mesh_partial *p);

MESH_API_END

#endif
