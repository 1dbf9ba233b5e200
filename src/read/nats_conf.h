/* nats_conf.h: NATS's config syntax (nats-server.conf) read into a tree of values with positions. */
#ifndef MESH_I_NATS_CONF_H
#define MESH_I_NATS_CONF_H

#include <stddef.h>

#include "base/map.h"
#include "read/kit.h"

enum mesh_i_ntype {
	MESH_I_NSTRING,
	MESH_I_NINT,            /* size suffixes applied: 1k = 1000 */
	MESH_I_NFLOAT,
	MESH_I_NBOOL,           /* true/false, yes/no, on/off, any case */
	MESH_I_NDATE,           /* an ISO 8601 Zulu time, as text */
	MESH_I_NMAP,
	MESH_I_NARRAY
};

struct mesh_i_nval;

/* One key of a map, where it is written, and its value. */
struct mesh_i_nkey {
	char *key;
	struct mesh_i_pos at;
	const char *via;        /* "nats.conf", or "include" */
	struct mesh_i_nval *val;
	int used;               /* referred to as a variable */
};

/*
 * A value. str is the text of a string (and of a date, or the number as
 * written); num the value of an int or bool (1/0); at where the value is
 * written (for a value a variable gave, the reference); via as for keys.
 * A map's keys are in the order first written; a key written again
 * replaces its value in place (duplicate-key warns).
 */
struct mesh_i_nval {
	enum mesh_i_ntype type;
	char *str;
	long long num;
	double f;
	struct mesh_i_pos at;
	const char *via;
	int env;                /* the value came from the environment */
	struct mesh_i_nkey *keys;
	size_t nkeys, keys_cap;
	struct mesh_i_map index;        /* a map's keys (exact) to their
					 * place in keys */
	struct mesh_i_nval **items;
	size_t nitems, items_cap;
};

/*
 * A parsed config: its top-level map and the file names positions point
 * at (kept as long as the tree).
 */
struct mesh_i_nconf {
	struct mesh_i_nval *root;
	char **files;
	size_t nfiles;
};

/*
 * Parse len bytes at buf (the file path names, for positions and
 * includes, which are read relative to its directory) into *out. Errors
 * and warnings (duplicate keys, variables taken from the environment) go
 * to r with file:line:column. Returns 0 with *out filled (free it with
 * mesh_i_nconf_free(), also after failure), or -1 after reporting an
 * error (or r->nomem set).
 */
int mesh_i_nconf_parse(struct mesh_i_reader *r, const char *path,
    const char *buf, size_t len, struct mesh_i_nconf *out);

void mesh_i_nconf_free(struct mesh_i_nconf *c);
void mesh_i_nval_free(struct mesh_i_nval *v);

/* The value of key in map m, compared without case as nats-server
 * does; NULL when absent or m is not a map. */
struct mesh_i_nkey *mesh_i_nmap_get(const struct mesh_i_nval *m,
    const char *key);

/* "string", "number", "boolean", "map", "array", "date". */
const char *mesh_i_ntype_name(enum mesh_i_ntype t);

#endif
