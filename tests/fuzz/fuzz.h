/* fuzz.h: what the libFuzzer harnesses share: reading a plan and running the library's analyses on it. */
#ifndef MESH_FUZZ_H
#define MESH_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "meshsim/meshsim.h"

/* libFuzzer's entry points, defined by each harness. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Abort (a crash libFuzzer records, with the input) unless cond holds;
 * what names the broken promise.
 */
#define FUZZ_CHECK(cond, what) \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, (what)))

/* Print where and what to stderr, then abort(). Never returns. */
void fuzz_fail(const char *file, int line, const char *what)
    __attribute__((noreturn));

/*
 * Check what every reader promises of a result: err is MESH_EINPUT
 * exactly when diags holds an error, *plan is set exactly on MESH_OK, and
 * each diagnostic has a code, a message and no negative position.
 * Aborts when a promise is broken.
 */
void fuzz_check_result(enum mesh_error err, const struct mesh_plan *plan,
    const struct mesh_diags *diags);

/* Abort unless s is one valid JSON value; NULL (out of memory) passes. */
void fuzz_check_json(const char *s, const char *what);

/*
 * What the reader harnesses run on a read plan (resolved) and its
 * diagnostics, cheap enough for thousands of inputs a second: the
 * analysis, its books checked, and its JSON; the JSON export read back
 * as the same plan. Aborts when a result breaks a documented promise; out
 * of memory is not a finding here and ends the check quietly.
 */
void fuzz_exercise(const struct mesh_plan *plan,
    const struct mesh_diags *diags);

/* The parts of fuzz_exercise_part(). */
#define FUZZ_PARTS 16

/*
 * What the library does with a read plan, for fuzz_analyses.c: the
 * analysis and its JSON, then part (mod FUZZ_PARTS) of the rest, so that
 * each input stays cheap and over a corpus every part runs: 0 the
 * analysis with nodes down, its JSON and the nodes it strands; 1 restart
 * hazards, failure domains and the live-mesh simulation; 2, 3, 4 the
 * JSON, GML and GraphML exports, each read back; and on plans of up to 8
 * nodes 5 the DOT export and the pictures, 6 the sweep by node with the
 * mesh model, 12 the sweeps by node with the graph model and by zone, 7
 * the availability (exact), 8 the HTML and 13 the Markdown report (with
 * the parts variant, 0 to 3, picks: none, the sweeps, the availability,
 * all of them and the fix), 9 suggestions for target 2 applied and
 * checked, 10 suggestions for target 2 by zone, and up to 6 nodes 14 the
 * suggestions of 9 and the diff against the plan with them, 11 and 15
 * suggestions for target 3, checked and diffed. Aborts as fuzz_exercise()
 * does, also on a verified suggestion that leaves an articulation point
 * or a suggestion by zone below its lower bound.
 */
void fuzz_exercise_part(const struct mesh_plan *plan,
    const struct mesh_diags *diags, unsigned part, unsigned variant);

/*
 * mesh_plan_parse() of size bytes at data as file in format fmt, the
 * checks of fuzz_check_result(), and fuzz_exercise() on success; for GML
 * and GraphML, on plans of up to 64 nodes, also the GML, GraphML and DOT
 * exports, the first two read back as the same plan.
 */
void fuzz_plan(const uint8_t *data, size_t size, const char *file,
    enum mesh_format fmt);

/*
 * A private directory for the files a harness writes (made once, in
 * TMPDIR, else /dev/shm, else /tmp; removed with its files at exit).
 * Returns its path; aborts when it cannot be made.
 */
const char *fuzz_dir(void);

/*
 * Write size bytes at data to the file name inside fuzz_dir(). Returns
 * the malloc'd path, which the caller frees; aborts on failure.
 */
char *fuzz_write(const char *name, const void *data, size_t size);

#endif
