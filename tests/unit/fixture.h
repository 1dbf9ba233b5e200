/* fixture.h: what the unit tests share: plans, parsing, diagnostics. */
#ifndef MESH_TEST_FIXTURE_H
#define MESH_TEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "meshsim/meshsim.h"

/*
 * The helpers below fail the running cmocka test (they assert) rather
 * than return an error, unless they say otherwise; what they return
 * belongs to the caller.
 */

/*
 * A resolved plan over the nodes names[0 .. n-1] (each its own host, port
 * 9932) with a route for each pair "a-b" of links, stored by its first
 * node. Free it with mesh_plan_free().
 */
struct mesh_plan *plan_of(const char *const *names, size_t n,
    const char *links);

/* Resolve p's routes into links, which must succeed; the diagnostics are
 * dropped. */
void resolve_plan(struct mesh_plan *p);

/*
 * Add n nodes n00, n01, ... to p, node i on port 9000 + i of host
 * h<hostof[i]>: each node its own host when own_hosts, else hosts drawn
 * from a random number of them; a zone label z0 .. z<zones - 1> on about
 * four nodes in five. Draws from *state; returns hostof (n ints, for
 * free()), which add_route_to() takes.
 */
int *add_random_nodes(struct mesh_plan *p, uint64_t *state, int n,
    int own_hosts, unsigned zones);

/* Add a route from node a to node b of a plan of add_random_nodes(). */
void add_route_to(struct mesh_plan *p, const int *hostof, int a, int b);

/*
 * Parse the string text as a plan in format fmt, named file in the
 * diagnostics. *d is initialised here and holds the diagnostics after;
 * *plan the plan, or NULL. Returns mesh_plan_parse()'s error, not
 * asserted: the caller frees the plan and clears *d.
 */
enum mesh_error parse_text(const char *text, const char *file,
    enum mesh_format fmt, struct mesh_plan **plan, struct mesh_diags *d);

/*
 * The plan read from the string text (format fmt, named file), which must
 * read without error; its diagnostics are dropped.
 */
struct mesh_plan *plan_from_text(const char *text, const char *file,
    enum mesh_format fmt);

/* The plan as JSON (mesh_plan_export()), for free(); NULL when out of
 * memory. */
char *plan_json(const struct mesh_plan *p);

/* The first diagnostic of d with code, or NULL. */
const struct mesh_diag *find_code(const struct mesh_diags *d,
    const char *code);

/* As find_code(), failing the test when there is none. */
const struct mesh_diag *must_find(const struct mesh_diags *d,
    const char *code);

/* d must hold an error with code at file:line:column (the first
 * diagnostic with code). */
void expect_error_at(const struct mesh_diags *d, const char *code,
    const char *file, int line, int column);

/* How many diagnostics of d have code. */
size_t count_code(const struct mesh_diags *d, const char *code);

/* How many bits of x are set. */
int bit_count(uint32_t x);

/*
 * The next number of a small generator, the same on every machine (a
 * 64-bit LCG, Knuth's MMIX constants; the high bits of *state).
 */
uint32_t next_random(uint64_t *state);

#endif
