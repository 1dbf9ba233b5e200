/* sha256.h: SHA-256 (FIPS 180-4), for fingerprints of plans. */
#ifndef MESH_SHA256_H
#define MESH_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct mesh_i_sha256 {
	uint32_t h[8];
	uint64_t len;           /* bytes hashed so far */
	unsigned char block[64];
	size_t nblock;          /* bytes waiting in block */
};

void mesh_i_sha256_init(struct mesh_i_sha256 *c);
void mesh_i_sha256_add(struct mesh_i_sha256 *c, const void *data, size_t n);
/* The digest, into out; c must be initialised again before reuse. */
void mesh_i_sha256_end(struct mesh_i_sha256 *c, unsigned char out[32]);

#endif
