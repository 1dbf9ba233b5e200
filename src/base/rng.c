/* rng.c: seeding the generator: splitmix64, and the stream of a seed. */
#include "base/rng.h"

uint64_t
mesh_i_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += MESH_I_SPLITMIX64_GAMMA);

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void
mesh_i_rng_seed_stream(struct mesh_i_rng *r, uint64_t seed, uint64_t k)
{
	/* Unsigned arithmetic wraps modulo 2^64, as splitmix64's does. */
	uint64_t state = seed + 4 * k * MESH_I_SPLITMIX64_GAMMA;
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = mesh_i_splitmix64(&state);
}
