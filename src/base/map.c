/* map.c: the hash map: keys of a string and an integer, or tuples of integers, to int values. */
#include <stdlib.h>
#include <string.h>

#include "base/bigmem.h"
#include "base/map.h"

struct mesh_i_map_slot {
	const void *key;        /* the string or the tuple; NULL: empty */
	int k;
	int value;
	uint64_t hash;
};

/* FNV-1a over the string, then k. */
uint64_t
mesh_i_map_hash(const char *s, int k)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	h ^= (uint64_t)(unsigned)k;
	h *= 1099511628211ULL;
	return h ^ (h >> 29);
}

/* FNV-1a over the tuple, then a 64-bit finaliser. */
static uint64_t
hash_ints(const int *t, int k)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)k;
	int i;

	for (i = 0; i < k; i++) {
		h ^= (uint32_t)t[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return h;
}

void
mesh_i_map_init(struct mesh_i_map *m)
{
	memset(m, 0, sizeof(*m));
}

void
mesh_i_map_init_ints(struct mesh_i_map *m)
{
	mesh_i_map_init(m);
	m->ints = 1;
}

void
mesh_i_map_free(struct mesh_i_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}

/* Whether the tuples a and b of k ints are the same (k is small: no
 * call to memcmp). */
static int
same_ints(const int *a, const int *b, int k)
{
	int i;

	for (i = 0; i < k && a[i] == b[i]; i++)
		;
	return i == k;
}

/* The slot of key (with k and its hash h), or the empty one where it
 * would go. The map has at least one empty slot. */
static inline struct mesh_i_map_slot *
map_find(const struct mesh_i_map *m, const void *key, int k, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct mesh_i_map_slot *e = &m->slots[i];

		if (e->key == NULL)
			return e;
		if (e->hash == h && e->k == k && (m->ints ?
		    same_ints(e->key, key, k) : strcmp(e->key, key) == 0))
			return e;
	}
}

void
mesh_i_map_prefetch_slot(const struct mesh_i_map *m, uint64_t h)
{
#if defined(__GNUC__)
	if (m->cap != 0)
		__builtin_prefetch(&m->slots[(size_t)h & (m->cap - 1)]);
#else
	(void)m;
	(void)h;
#endif
}

void
mesh_i_map_prefetch_key(const struct mesh_i_map *m, uint64_t h)
{
#if defined(__GNUC__)
	if (m->cap != 0 && m->slots[(size_t)h & (m->cap - 1)].key != NULL)
		__builtin_prefetch(m->slots[(size_t)h & (m->cap - 1)].key);
#else
	(void)m;
	(void)h;
#endif
}

/* The value stored for key, or -1. */
static int
map_get(const struct mesh_i_map *m, const void *key, int k, uint64_t h)
{
	struct mesh_i_map_slot *e;

	if (m->cap == 0)
		return -1;
	e = map_find(m, key, k, h);
	return e->key != NULL ? e->value : -1;
}

int
mesh_i_map_get_hashed(const struct mesh_i_map *m, const char *s, int k,
    uint64_t h)
{
	return map_get(m, s, k, h);
}

int
mesh_i_map_get(const struct mesh_i_map *m, const char *s, int k)
{
	return map_get(m, s, k, mesh_i_map_hash(s, k));
}

int
mesh_i_map_get_ints(const struct mesh_i_map *m, const int *t, int k)
{
	return map_get(m, t, k, hash_ints(t, k));
}

/* Twice the slots (64 at first), every key moved. Returns 0, or -1 when
 * out of memory (m is then unaltered). */
static int
map_grow(struct mesh_i_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64, i;
	struct mesh_i_map old = *m;

	if ((m->slots = calloc(cap, sizeof(*m->slots))) == NULL) {
		*m = old;
		return -1;
	}
	m->cap = cap;
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key != NULL)
			*map_find(m, old.slots[i].key, old.slots[i].k,
			    old.slots[i].hash) = old.slots[i];
	free(old.slots);
	return 0;
}

int
mesh_i_map_reserve(struct mesh_i_map *m, size_t n)
{
	while (n * 4 > m->cap * 3)
		if (n > SIZE_MAX / 8 || map_grow(m) != 0)
			return -1;
	return 0;
}

/* Store value for key unless present: returns as mesh_i_map_put(). */
static int
map_put(struct mesh_i_map *m, const void *key, int k, uint64_t h, int value)
{
	struct mesh_i_map_slot *e;

	if ((m->len + 1) * 4 > m->cap * 3 && map_grow(m) != 0)
		return -2;
	e = map_find(m, key, k, h);
	if (e->key != NULL)
		return e->value;
	e->key = key;
	e->k = k;
	e->value = value;
	e->hash = h;
	m->len++;
	return -1;
}

int
mesh_i_map_put_hashed(struct mesh_i_map *m, const char *s, int k, uint64_t h,
    int value)
{
	return map_put(m, s, k, h, value);
}

int
mesh_i_map_put(struct mesh_i_map *m, const char *s, int k, int value)
{
	return map_put(m, s, k, mesh_i_map_hash(s, k), value);
}

int
mesh_i_map_put_ints(struct mesh_i_map *m, const int *t, int k, int value)
{
	return map_put(m, t, k, hash_ints(t, k), value);
}

void
mesh_i_imap_init(struct mesh_i_imap *m)
{
	memset(m, 0, sizeof(*m));
}

void
mesh_i_imap_free(struct mesh_i_imap *m)
{
	free(m->slots);
	mesh_i_imap_init(m);
}

/* The slot of the index whose key equals key (hash h), or the empty slot
 * where it would go. The map has at least one empty slot. */
static inline uint64_t *
imap_find(const struct mesh_i_imap *m, uint64_t h, mesh_i_imap_same same,
    const void *ctx, const void *key)
{
	size_t mask = m->cap - 1, i = (size_t)(uint32_t)h & mask;
	uint64_t tag = (uint64_t)(uint32_t)h << 32;

	for (;; i = (i + 1) & mask) {
		uint64_t *e = &m->slots[i];

		if (*e == 0)
			return e;
		if ((*e & 0xffffffff00000000ULL) == tag &&
		    same(ctx, (int)(uint32_t)*e - 1, key))
			return e;
	}
}

/* Rehash into cap slots (a power of two, above len * 4 / 3), each slot
 * placed by its stored bits. Returns 0, or -1 when out of memory (m is
 * then unaltered). */
static int
imap_resize(struct mesh_i_imap *m, size_t cap)
{
	uint64_t *slots, *old = m->slots;
	size_t i, mask = cap - 1;

	if ((slots = calloc(cap, sizeof(*slots))) == NULL)
		return -1;
	mesh_i_advise_huge(slots, cap * sizeof(*slots));
	for (i = 0; i < m->cap; i++) {
		size_t j;

		if (old[i] == 0)
			continue;
		for (j = (size_t)(old[i] >> 32) & mask; slots[j] != 0;
		    j = (j + 1) & mask)
			;
		slots[j] = old[i];
	}
	free(old);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int
mesh_i_imap_reserve(struct mesh_i_imap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;

	if (n > ((size_t)1 << 31))
		return -1;
	while (n * 4 >= cap * 3)
		cap *= 2;
	return cap == m->cap ? 0 : imap_resize(m, cap);
}

int
mesh_i_imap_get(const struct mesh_i_imap *m, uint64_t h,
    mesh_i_imap_same same, const void *ctx, const void *key)
{
	if (m->cap == 0)
		return -1;
	return (int)(uint32_t)*imap_find(m, h, same, ctx, key) - 1;
}

int
mesh_i_imap_put(struct mesh_i_imap *m, uint64_t h, mesh_i_imap_same same,
    const void *ctx, const void *key, int idx)
{
	uint64_t *e;

	if (idx < 0 || idx >= INT32_MAX ||
	    mesh_i_imap_reserve(m, m->len + 1) != 0)
		return -2;
	e = imap_find(m, h, same, ctx, key);
	if (*e != 0)
		return (int)(uint32_t)*e - 1;
	*e = (uint64_t)(uint32_t)h << 32 | (uint64_t)((uint32_t)idx + 1);
	m->len++;
	return -1;
}

int
mesh_i_imap_slot(const struct mesh_i_imap *m, size_t i, uint64_t *h)
{
	uint64_t e = m->slots[i];

	*h = e >> 32;
	return (int)(uint32_t)e - 1;
}

int
mesh_i_imap_peek(const struct mesh_i_imap *m, uint64_t h)
{
	uint64_t e;

	if (m->cap == 0)
		return -1;
	e = m->slots[(size_t)(uint32_t)h & (m->cap - 1)];
	return e >> 32 == (uint32_t)h ? (int)(uint32_t)e - 1 : -1;
}

void
mesh_i_imap_prefetch(const struct mesh_i_imap *m, uint64_t h)
{
#if defined(__GNUC__)
	if (m->cap != 0)
		__builtin_prefetch(&m->slots[(size_t)(uint32_t)h &
		    (m->cap - 1)]);
#else
	(void)m;
	(void)h;
#endif
}
