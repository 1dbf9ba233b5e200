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

/*
 * Run what the library does with a read plan (resolved) and its
 * diagnostics: the analysis (also with nodes down) and its JSON, failure
 * domains, restart hazards, the live-mesh simulation, the JSON, GML and
 * GraphML exports read back, and on small plans the sweep, availability,
 * suggestions, the diff against the plan with them added, the picture and
 * the reports. Aborts when a result breaks a documented promise (invalid
 * JSON output, an export that does not read back as the same plan); out
 * of memory is not a finding here and ends the check quietly.
 */
void fuzz_exercise(const struct mesh_plan *plan,
    const struct mesh_diags *diags);

/*
 * mesh_plan_parse() of size bytes at data as file in format fmt, the
 * checks of fuzz_check_result(), and fuzz_exercise() on success.
 */
void fuzz_plan(const uint8_t *data, size_t size, const char *file,
    enum mesh_format fmt);

/*
 * A private directory for the files a harness writes (made once, removed
 * with its files at exit). Returns its path; aborts when it cannot be
 * made.
 */
const char *fuzz_dir(void);

/*
 * Write size bytes at data to the file name inside fuzz_dir(). Returns
 * the malloc'd path, which the caller frees; aborts on failure.
 */
char *fuzz_write(const char *name, const void *data, size_t size);

#endif
