/* sat.h: saturating arithmetic on counts: a + b and a * b, at most UINT64_MAX. */
#ifndef MESH_SAT_H
#define MESH_SAT_H

#include <stdint.h>

/* a + b, or UINT64_MAX when it would overflow. */
static inline uint64_t
mesh_i_sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* a * b, or UINT64_MAX when it would overflow. */
static inline uint64_t
mesh_i_sat_mul(uint64_t a, uint64_t b)
{
	return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

#endif
