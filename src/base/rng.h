/* rng.h: the random number generator: xoshiro256** seeded by splitmix64, in independent streams. */
#ifndef MESH_RNG_H
#define MESH_RNG_H

#include <stdint.h>

/*
 * xoshiro256** (Blackman and Vigna, 2018): 256 bits of state, period
 * 2^256 - 1. Its state must not be all zero; seeding through splitmix64
 * never makes it so (four consecutive splitmix64 outputs are distinct).
 */
struct mesh_i_rng {
	uint64_t s[4];
};

/* The splitmix64 increment: its state advances by this much per output. */
#define MESH_I_SPLITMIX64_GAMMA UINT64_C(0x9E3779B97F4A7C15)

/*
 * The next output of splitmix64 (Steele, Lea and Flood, 2014) from *state,
 * which it advances. Started from 0, the first output is
 * 0xE220A8397B1DCDAF.
 */
uint64_t mesh_i_splitmix64(uint64_t *state);

/*
 * Seed r with outputs 4k, 4k+1, 4k+2 and 4k+3 of splitmix64 started from
 * seed: stream k of that seed. splitmix64 jumps ahead in constant time
 * (its state after j outputs is seed + j * gamma), so any stream can be
 * set up without the ones before it.
 */
void mesh_i_rng_seed_stream(struct mesh_i_rng *r, uint64_t seed, uint64_t k);

static inline uint64_t
mesh_i_rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* The next 64 random bits. */
static inline uint64_t
mesh_i_rng_next(struct mesh_i_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = mesh_i_rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = mesh_i_rng_rotl(s[3], 45);
	return out;
}

/* A double uniform in [0, 1), a multiple of 2^-53: the top 53 bits. */
static inline double
mesh_i_rng_double(struct mesh_i_rng *r)
{
	return (double)(mesh_i_rng_next(r) >> 11) * 0x1.0p-53;
}

#endif
