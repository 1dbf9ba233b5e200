/* fixture.h: plans for unit tests, written as "a-b b-c". */
#ifndef MESH_TEST_FIXTURE_H
#define MESH_TEST_FIXTURE_H

#include <stddef.h>

#include "meshsim/meshsim.h"

/*
 * A resolved plan over the nodes names[0 .. n-1] (each its own host, port
 * 9932) with a route for each pair "a-b" of links, stored by its first
 * node. Fails the running cmocka test on any error; free the plan with
 * mesh_plan_free().
 */
struct mesh_plan *plan_of(const char *const *names, size_t n,
    const char *links);

#endif
