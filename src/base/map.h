/* map.h: the hash map: keys of a string and an integer, or tuples of integers, to int values. */
#ifndef MESH_MAP_H
#define MESH_MAP_H

#include <stddef.h>
#include <stdint.h>

/*
 * A hash map from keys to int values: open addressing, linear probing,
 * at most three quarters full. A map holds one kind of key: a string and
 * an integer k (mesh_i_map_init()), or a tuple of k ints
 * (mesh_i_map_init_ints(), and the _ints calls). Keys are borrowed: the
 * strings and tuples must outlive the map, unaltered.
 */
struct mesh_i_map {
	struct mesh_i_map_slot *slots;
	size_t cap;             /* a power of two, or 0 */
	size_t len;
	int ints;               /* keys are tuples of ints */
};

/* An empty map of (string, integer) keys; it holds nothing yet. */
void mesh_i_map_init(struct mesh_i_map *m);
/* Free the slots (never the keys); the map is then empty, of the same
 * kind of key. */
void mesh_i_map_free(struct mesh_i_map *m);
/* The value stored for (s, k), or -1 when absent. */
int mesh_i_map_get(const struct mesh_i_map *m, const char *s, int k);
/* The hash of (s, k); with it, a lookup of many keys can first ask for
 * their slots, then their keys, to be brought into the cache (the two
 * prefetch calls, a few keys apart), then get each. */
uint64_t mesh_i_map_hash(const char *s, int k);
void mesh_i_map_prefetch_slot(const struct mesh_i_map *m, uint64_t h);
void mesh_i_map_prefetch_key(const struct mesh_i_map *m, uint64_t h);
/* mesh_i_map_get, given h = mesh_i_map_hash(s, k). */
int mesh_i_map_get_hashed(const struct mesh_i_map *m, const char *s, int k,
    uint64_t h);
/* Store value for (s, k) unless present. Returns the value already there,
 * -1 when it was inserted, or -2 when out of memory (map unaltered). */
int mesh_i_map_put(struct mesh_i_map *m, const char *s, int k, int value);
/* mesh_i_map_put, given h = mesh_i_map_hash(s, k). */
int mesh_i_map_put_hashed(struct mesh_i_map *m, const char *s, int k,
    uint64_t h, int value);
/* Make room for n keys in all, so that putting them never grows the map
 * (nor moves its slots). Returns 0, or -1 when out of memory. */
int mesh_i_map_reserve(struct mesh_i_map *m, size_t n);

/* An empty map whose keys are tuples (t[0], ..., t[k - 1]), k >= 1. */
void mesh_i_map_init_ints(struct mesh_i_map *m);
/* The value stored for the tuple t of k ints, or -1 when absent. */
int mesh_i_map_get_ints(const struct mesh_i_map *m, const int *t, int k);
/* Store value for the tuple t of k ints unless present; returns as
 * mesh_i_map_put(). */
int mesh_i_map_put_ints(struct mesh_i_map *m, const int *t, int k,
    int value);

/*
 * An index map: a set of indices 0 .. 2^31 - 2 into the caller's own
 * table of keys, found by a hash and the caller's test of equality. Each
 * slot is 8 bytes (the hash's low 32 bits and the index), so a map of
 * millions of keys stays small; it is sized once with mesh_i_imap_reserve()
 * when the number of keys is known, and grows (rehashing from the stored
 * bits) only when more come. Nothing in here is global: maps may be used
 * in several threads at once, one thread a map.
 */
struct mesh_i_imap {
	uint64_t *slots;        /* (hash low bits << 32) | (index + 1);
				 * 0: empty */
	size_t cap;             /* a power of two at most 2^32, or 0 */
	size_t len;
};

/* Whether the key of index idx equals key; ctx is the caller's. */
typedef int (*mesh_i_imap_same)(const void *ctx, int idx, const void *key);

/* An empty map, holding nothing. */
void mesh_i_imap_init(struct mesh_i_imap *m);
/* Free the slots; the map is then empty. */
void mesh_i_imap_free(struct mesh_i_imap *m);
/* Make room for n indices in all without growing. Returns 0, or -1 when
 * out of memory (the map is then unaltered). */
int mesh_i_imap_reserve(struct mesh_i_imap *m, size_t n);
/* The index whose key equals key (hash h), or -1. */
int mesh_i_imap_get(const struct mesh_i_imap *m, uint64_t h,
    mesh_i_imap_same same, const void *ctx, const void *key);
/* Store idx for key (hash h) unless an equal key is there. Returns the
 * index already there, -1 when idx was stored, or -2 when out of memory
 * (map unaltered). */
int mesh_i_imap_put(struct mesh_i_imap *m, uint64_t h,
    mesh_i_imap_same same, const void *ctx, const void *key, int idx);
/* Bring the slot of hash h into the cache ahead of a get or put. */
void mesh_i_imap_prefetch(const struct mesh_i_imap *m, uint64_t h);
/* The index in slot i (below m->cap), with the hash bits stored with it
 * in *h, as a get or put of its key takes them; -1 for an empty slot. */
int mesh_i_imap_slot(const struct mesh_i_imap *m, size_t i, uint64_t *h);
/* The index in the first slot a get of hash h would look at when its
 * stored bits match h (a likely answer, to prefetch its key), else -1. */
int mesh_i_imap_peek(const struct mesh_i_imap *m, uint64_t h);

#endif
