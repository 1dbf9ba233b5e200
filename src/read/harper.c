/* harper.c: read Harper's harperdb-config.yaml files (NATS clustering or native replication) into a plan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <yaml.h>

#include "read/harper_keys.h"
#include "read/harper_yaml.h"
#include "read/harper_nodes.h"
#include "model/settings.h"
#include "base/hostcheck.h"
#include "base/map.h"
#include "read/json_kit.h"
#include "read/jsonpos.h"
#include "read/kit.h"
#include "meshsim/harper.h"
#include "base/input.h"
#include "read/readers.h"
#include "base/text.h"
#include "base/util.h"

#define NATS_PORT       9932    /* clustering.hubServer.cluster.network.port */
#define REPL_PORT       9933    /* replication.securePort in the template */
#define OPS_PORT        9925    /* operationsApi.network.port */
#define LEAF_PORT       9931    /* clustering.hubServer.leafNodes.network.port */
#define CLUSTER_NAME    "harperdb"      /* clustering.hubServer.cluster.name */

/* The config keys that matter; an env variable is the path in capitals
 * with '_' for '.'. */
enum key {
	K_ENABLED, K_NODENAME, K_HUBPORT, K_HUBROUTES, K_LEAFROUTES,
	K_RHOST, K_RURL, K_RPORT, K_RSECURE, K_RROUTES, K_OPSPORT,
	K_OPSSECURE, K_LEAFPORT, K_CLNAME, NKEYS
};

static const char *const key_path[NKEYS] = {
	"clustering.enabled",
	"clustering.nodeName",
	"clustering.hubServer.cluster.network.port",
	"clustering.hubServer.cluster.network.routes",
	"clustering.leafServer.network.routes",
	"replication.hostname",
	"replication.url",
	"replication.port",
	"replication.securePort",
	"replication.routes",
	"operationsApi.network.port",
	"operationsApi.network.securePort",
	"clustering.hubServer.leafNodes.network.port",
	"clustering.hubServer.cluster.name",
};

/* A route as a config writes it. */
struct hroute {
	char *host;
	int port;               /* 0: the default of the dialling node */
	struct mesh_i_pos at;
	const char *via;        /* how it is given: "yaml", "env file", ... */
};

/* A list of routes; routes_free() frees it. */
struct hroutes {
	struct hroute *v;
	size_t n;
};

/* One setting of a key, in the order applied (precedence: a later one
 * wins unless lost is set). */
struct hset {
	enum key k;
	struct mesh_i_pos at;
	const char *via;
	int lost;               /* HARPER_DEFAULT_CONFIG where set already */
};

/* A HARPER_DEFAULT_CONFIG or HARPER_SET_CONFIG value, kept until its
 * turn: len bytes at text (malloc'd, NUL-terminated; conf_free() frees
 * it), its first character written at at. */
struct hjson {
	char *text;
	size_t len;
	struct mesh_i_pos at;
	const char *var_via;    /* how the variable is given */
};

/* One config file, as read. */
struct hconf {
	char *file;             /* the path (or the file holding the node) */
	char *prefix;           /* HOST= of the argument, or NULL */
	const struct mesh_i_hnode *hn;  /* the node described, or NULL */
	char *stem;             /* the file's name without directory and
				 * extension */
	int set[NKEYS];         /* which keys have a non-null value */
	int null[NKEYS];        /* which are written as null */
	struct mesh_i_pos at[NKEYS];
	int enabled;
	char *nodename, *rhost, *urlhost, *clname;
	int hubport, urlport, rport, rsecure, opsport, opssecure, leafport;
	struct hroutes hub, leaf, repl;
	enum mesh_harper_generation gen;
	struct hset *sets;      /* every setting of a key, as applied */
	size_t nsets, setcap;
	struct hjson json[2];   /* HARPER_DEFAULT_CONFIG, HARPER_SET_CONFIG */
	/* decided */
	char *name, *host;
	const char *host_source;
	struct mesh_i_pos name_at;
	int port;
};

/* A YAML document and how its marks map to positions: an env value is a
 * document placed at (line, column) of its env file; a config held in a
 * deployment file begins at (line, column) and its later lines are
 * shifted right by indent columns. via says how its values are given
 * (route sources). */
struct src {
	const char *file;
	yaml_document_t *doc;
	int line, column;       /* 0: marks are the file's own */
	int indent;
	const char *via;
};

/*
 * The configs found by name and by host, so that matching a name or a
 * route's host against every config costs one probe, not a pass over
 * them all. names maps a config's name (exactly) to the first config of
 * that name, filled as names are decided; hosts maps a host's normal
 * form (mesh_i_host_normal(): any case, one trailing dot ignored) to the
 * first config on it, and next[i] is the next config on cs[i]'s host
 * after i, or -1: each host's configs chained in index order, so a walk
 * finds them in the order a pass over cs would. norm[i] is cs[i].host's
 * normal form. Built once the hosts are decided (index_hosts()); freed
 * by index_free().
 */
struct index {
	const struct hconf *cs;
	size_t n;
	struct mesh_i_imap names, hosts;
	char **norm;
	int *next;
};

/* What reading a set of configs shares: where problems go (the kit's
 * reader; each diagnostic names its own file), and the index of the
 * configs. */
struct reader {
	struct mesh_i_reader base;
	struct index ix;
	const char *plan_file;  /* the plan's file (own_file set), else
				 * that of a single config */
	int own_file;
	const yaml_node_t *reported[64];  /* intermediate nodes reported */
	size_t nreported;
};

/* The name c goes by as far as read (for messages before names are
 * decided): nodeName, replication.hostname, the url's host, the stem. */
static const char *
name_so_far(const struct hconf *c)
{
	return c->nodename ? c->nodename : c->rhost ? c->rhost : c->urlhost ?
	    c->urlhost : c->stem;
}

/* Where the 0-based mark (line, column) of s stands, 1-based. */
static struct mesh_i_pos
mark_at(const struct src *s, int line, int column)
{
	struct mesh_i_pos p;

	p.file = s->file;
	if (s->line > 0) {
		p.line = s->line + line;
		p.column = line == 0 ? s->column + column : s->indent +
		    column + 1;
	} else {
		p.line = line + 1;
		p.column = column + 1;
	}
	return p;
}

/* Where node n of s stands: 1-based, from libyaml's 0-based marks. */
static struct mesh_i_pos
at(const struct src *s, const yaml_node_t *n)
{
	return mark_at(s, (int)n->start_mark.line, (int)n->start_mark.column);
}

/* A malloc'd copy of s, or NULL with r->base.nomem set. */
static char *
dup(struct reader *r, const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		r->base.nomem = 1;
	return d;
}

/* The text of scalar n. */
static const char *
text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* Whether n is a plain (unquoted) scalar: only those are null, numbers or
 * booleans. */
static int
is_plain(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* Whether n is absent or null (YAML 1.2 core schema). */
static int
is_null(const yaml_node_t *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (n == NULL)
		return 1;
	if (!is_plain(n))
		return 0;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(text(n), nulls[i]) == 0)
			return 1;
	return 0;
}

/* Whether plain scalar n is spelt as one of t[0..n) (1) or f[0..n) (0);
 * -1 for neither, or for any other node. */
static int
spelt(const yaml_node_t *n, const char *const *t, const char *const *f,
    size_t count)
{
	size_t i;

	if (!is_plain(n))
		return -1;
	for (i = 0; i < count; i++) {
		if (strcmp(text(n), t[i]) == 0)
			return 1;
		if (strcmp(text(n), f[i]) == 0)
			return 0;
	}
	return -1;
}

/* A plain scalar true/false as the YAML 1.2 core schema (Harper's npm
 * `yaml` reader) spells them: 1, 0, or -1. */
static int
boolean(const yaml_node_t *n)
{
	static const char *const t[] = { "true", "True", "TRUE" };
	static const char *const f[] = { "false", "False", "FALSE" };

	return spelt(n, t, f, sizeof(t) / sizeof(t[0]));
}

/* A YAML 1.1 boolean that YAML 1.2 reads as a string (yes, on, off, ...):
 * 1 for the true ones, 0 for the false ones, -1 for any other node. */
static int
yaml11_boolean(const yaml_node_t *n)
{
	static const char *const t[] = { "yes", "Yes", "YES", "on", "On",
		"ON", "y", "Y" };
	static const char *const f[] = { "no", "No", "NO", "off", "Off",
		"OFF", "n", "N" };

	return spelt(n, t, f, sizeof(t) / sizeof(t[0]));
}

/* Whether s is an integer of the YAML 1.2 core schema: [-+]?[0-9]+,
 * 0o[0-7]+ or 0x[0-9a-fA-F]+. Sets *out (saturated beyond 10^7). */
static int
core_integer(const char *s, long *out)
{
	int base = 10, neg = 0, dig;
	long v = 0;

	if (s[0] == '0' && s[1] == 'o')
		base = 8, s += 2;
	else if (s[0] == '0' && s[1] == 'x')
		base = 16, s += 2;
	else if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			dig = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			dig = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			dig = *s - 'A' + 10;
		else
			return -1;
		if (dig >= base)
			return -1;
		if (v < 10000000)
			v = v * base + dig;
	}
	*out = neg ? -v : v;
	return 0;
}

/* A plain scalar that is an integer (YAML 1.2 core schema): 0 with *out
 * set, or -1. */
static int
integer(const yaml_node_t *n, long *out)
{
	if (!is_plain(n))
		return -1;
	return core_integer(text(n), out);
}

/* Whether plain scalar n is a float of the YAML 1.2 core schema (and not
 * an integer): [-+]?(.[0-9]+|[0-9]+(.[0-9]*)?)([eE][-+]?[0-9]+)?,
 * [-+]?.inf, .nan in their three spellings. */
static int
is_float(const yaml_node_t *n)
{
	static const char *const special[] = { ".inf", ".Inf", ".INF",
		".nan", ".NaN", ".NAN" };
	const char *s;
	size_t i;
	int digits = 0;

	if (!is_plain(n))
		return 0;
	s = text(n);
	for (i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		if (strcmp(s + (i < 3 && (*s == '-' || *s == '+')),
		    special[i]) == 0)
			return 1;
	if (*s == '-' || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (digits == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* "a mapping", "a list", "null", ... for messages. */
static const char *
type_name(const yaml_node_t *n)
{
	long v;

	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (is_null(n))
		return "null";
	if (boolean(n) >= 0)
		return "a boolean";
	if (integer(n, &v) == 0)
		return "a number";
	if (is_float(n))
		return "a number with a fraction or exponent";
	return "a string";
}

/* Report that n, the value of what, is not want. */
static void
wrong_type(struct reader *r, const struct src *s, const yaml_node_t *n,
    const char *what, const char *want)
{
	struct mesh_i_pos p = at(s, n);

	mesh_i_report(&r->base, MESH_ERROR, "wrong-type", &p, NULL, "%s must "
	    "be %s, not %s", what, want, type_name(n));
}

/* Whether n was reported already (intermediate mappings are visited once
 * per key); marks it when not. */
static int
seen(struct reader *r, const yaml_node_t *n)
{
	size_t i;

	for (i = 0; i < r->nreported; i++)
		if (r->reported[i] == n)
			return 1;
	if (r->nreported < sizeof(r->reported) / sizeof(r->reported[0]))
		r->reported[r->nreported++] = n;
	return 0;
}

/* The value of key (len bytes, no NUL) in mapping map, or NULL; a
 * repeated key is an error. */
static yaml_node_t *
member_n(struct reader *r, const struct src *s, yaml_node_t *map,
    const char *key, size_t len)
{
	yaml_node_pair_t *pair;
	yaml_node_t *k, *found = NULL, *found_key = NULL;

	for (pair = map->data.mapping.pairs.start;
	    pair < map->data.mapping.pairs.top; pair++) {
		k = yaml_document_get_node(s->doc, pair->key);
		/* The key's text up to its first NUL is key. */
		if (k == NULL || k->type != YAML_SCALAR_NODE ||
		    strncmp(text(k), key, len) != 0 || text(k)[len] != '\0')
			continue;
		if (found == NULL) {
			found = yaml_document_get_node(s->doc, pair->value);
			found_key = k;
		} else if (!seen(r, k)) {
			struct mesh_i_pos p = at(s, k);

			mesh_i_report(&r->base, MESH_ERROR, "duplicate-key", &p,
			    NULL, "key '%.*s' appears twice (first on line %d)",
			    (int)len, key, at(s, found_key).line);
		}
	}
	return found;
}

/* member_n() of the string key. */
static yaml_node_t *
member(struct reader *r, const struct src *s, yaml_node_t *map,
    const char *key)
{
	return member_n(r, s, map, key, strlen(key));
}

/* Follow the dotted path from the root mapping. Returns the value, or NULL
 * when a part is absent or null (or not a mapping: an error). */
static yaml_node_t *
lookup(struct reader *r, const struct src *s, yaml_node_t *root,
    const char *path)
{
	char prefix[128];
	const char *p = path, *dot;
	yaml_node_t *n = root;
	size_t len;

	while (n != NULL) {
		if (is_null(n))
			return NULL;
		if (n->type != YAML_MAPPING_NODE) {
			if (!seen(r, n)) {
				len = p > path ? (size_t)(p - path) - 1 : 0;
				snprintf(prefix, sizeof(prefix), "'%.*s'",
				    (int)len, path);
				wrong_type(r, s, n, prefix, "a mapping");
			}
			return NULL;
		}
		dot = strchr(p, '.');
		len = dot ? (size_t)(dot - p) : strlen(p);
		n = member_n(r, s, n, p, len);
		if (dot == NULL)
			return n;
		p = dot + 1;
	}
	return NULL;
}

/* A port: a whole number 1-65535. Returns it, or 0 after an error. */
static int
port_of(struct reader *r, const struct src *s, const yaml_node_t *n,
    const char *what)
{
	struct mesh_i_pos p = at(s, n);
	long v;

	if (n->type == YAML_SCALAR_NODE && !is_plain(n) &&
	    *text(n) != '\0' && strspn(text(n), "0123456789") ==
	    strlen(text(n)) && core_integer(text(n), &v) == 0 && v >= 1 &&
	    v <= 65535) {
		/* Harper's validation takes a port as a number or a string,
		 * and passes the text on as written. */
		mesh_i_report(&r->base, MESH_WARNING, "quoted-number", &p, NULL,
		    "%s is the string '%s' (quoted), not a number: Harper's "
		    "config validation accepts a port written as text and "
		    "Harper passes the text on as written (into NATS route "
		    "URLs and the NATS server's config), so meshsim reads it "
		    "as port %ld; write it unquoted to be sure", what, text(n),
		    v);
		return (int)v;
	}
	if (integer(n, &v) != 0) {
		wrong_type(r, s, n, what, "a whole number");
		return 0;
	}
	if (v < 1 || v > 65535) {
		mesh_i_report(&r->base, MESH_ERROR, "port-range", &p, NULL,
		    "%s %s is out of range (1-65535)", what, text(n));
		return 0;
	}
	return (int)v;
}

/* Whether host is usable: not empty, no white space, '/' or control
 * character. */
static int
good_host(const char *h)
{
	return *h != '\0' && strpbrk(h, " \t\r\n/") == NULL &&
	    !mesh_i_has_control(h);
}

/* The bad-ipv4 warning for host, written at p (hostcheck.h). */
static void
ipv4_hook(struct reader *r, struct mesh_i_pos p, const char *node,
    const char *host)
{
	mesh_i_warn_bad_ipv4(r->base.diags, p.file, p.line, p.column,
	    node, host);
}

/*
 * Split a route string: "host", "host:port", "[v6]:port", or a ws:// or
 * wss:// URL. Sets *host (malloc'd) and *port (0 when none). Returns 0, or
 * -1 with *why set (a static reason; code bad-url or port-range).
 */
static int
split_route(const char *s, char **host, int *port, const char **why,
    const char **code)
{
	const char *h = s, *end, *colon = NULL, *sep;
	size_t hlen;
	int url = 0;

	*host = NULL;
	*port = 0;
	*code = "bad-url";
	if ((sep = strstr(s, "://")) != NULL) {
		if (!((sep - s == 2 && strncasecmp(s, "ws", 2) == 0) ||
		    (sep - s == 3 && strncasecmp(s, "wss", 3) == 0))) {
			*why = "the scheme is not ws:// or wss://";
			return -1;
		}
		h = sep + 3;
		url = 1;
	}
	end = h + strcspn(h, url ? "/?#" : "");
	if (*h == '[') {
		const char *rb = memchr(h, ']', (size_t)(end - h));

		if (rb == NULL) {
			*why = "'[' without ']'";
			return -1;
		}
		if (rb + 1 < end) {
			if (rb[1] != ':') {
				*why = "text after ']'";
				return -1;
			}
			colon = rb + 1;
		}
		h++;
		hlen = (size_t)(rb - h);
	} else {
		const char *c = memchr(h, ':', (size_t)(end - h));

		/* A second colon: a bare IPv6 address, no port. */
		if (c != NULL && memchr(c + 1, ':', (size_t)(end - c - 1)))
			c = NULL;
		colon = c;
		hlen = (size_t)((c ? c : end) - h);
	}
	if (colon != NULL) {
		const char *d = colon + 1;
		long v = 0;

		if (d == end) {
			*why = "an empty port";
			return -1;
		}
		for (; d < end; d++) {
			if (*d < '0' || *d > '9') {
				*why = "the port is not a number";
				return -1;
			}
			if (v < 100000)
				v = v * 10 + (*d - '0');
		}
		if (v < 1 || v > 65535) {
			*why = "the port is out of range (1-65535)";
			*code = "port-range";
			return -1;
		}
		*port = (int)v;
	}
	if (hlen == 0) {
		*why = "no host";
		return -1;
	}
	if ((*host = malloc(hlen + 1)) == NULL) {
		*why = NULL;
		return -1;
	}
	memcpy(*host, h, hlen);
	(*host)[hlen] = '\0';
	if (!good_host(*host)) {
		free(*host);
		*host = NULL;
		*why = "the host is empty or holds white space or '/'";
		return -1;
	}
	return 0;
}

/* Free the routes of rs and leave it empty. */
static void
routes_free(struct hroutes *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		free(rs->v[i].host);
	free(rs->v);
	rs->v = NULL;
	rs->n = 0;
}

/* One route entry: a mapping {host|hostname, port}, or (when strings is
 * set) a string form. Returns 0 with *out filled, or -1 (reported). */
static int
route_of(struct reader *r, const struct src *s, yaml_node_t *n,
    int strings, struct hroute *out)
{
	struct mesh_i_pos p = at(s, n);
	yaml_node_t *h, *pt;
	const char *why, *code;

	memset(out, 0, sizeof(*out));
	out->at = p;
	out->via = s->via;
	if (n->type == YAML_MAPPING_NODE) {
		h = strings ? member(r, s, n, "hostname") : NULL;
		if (h == NULL || is_null(h))
			h = member(r, s, n, "host");
		if (h == NULL || is_null(h)) {
			mesh_i_report(&r->base, MESH_ERROR,
			    "route-without-host", &p, NULL, "a route has no %s",
			    strings ? "'hostname' or 'host'" : "'host'");
			return -1;
		}
		if (h->type != YAML_SCALAR_NODE) {
			wrong_type(r, s, h, "a route's host", "text");
			return -1;
		}
		if (!good_host(text(h))) {
			struct mesh_i_pos hp = at(s, h);

			mesh_i_report(&r->base, MESH_ERROR, "bad-host", &hp,
			    NULL, "host '%s' is empty or holds white space or "
			    "'/'", text(h));
			return -1;
		}
		ipv4_hook(r, at(s, h), NULL, text(h));
		pt = member(r, s, n, "port");
		if (pt != NULL && !is_null(pt) &&
		    (out->port = port_of(r, s, pt, "a route's port")) == 0)
			return -1;
		return (out->host = dup(r, text(h))) ? 0 : -1;
	}
	if (!strings || n->type != YAML_SCALAR_NODE || is_null(n)) {
		wrong_type(r, s, n, "a route", strings ? "a mapping or text" :
		    "a mapping {host, port}");
		return -1;
	}
	if (split_route(text(n), &out->host, &out->port, &why, &code) != 0) {
		if (why == NULL)
			r->base.nomem = 1;
		else
			mesh_i_report(&r->base, MESH_ERROR, code, &p, NULL,
			    "route '%s' does not parse: %s", text(n), why);
		return -1;
	}
	ipv4_hook(r, p, NULL, out->host);
	return 0;
}

/* A routes value: a list (null: none). Replaces *rs. */
static void
routes_of(struct reader *r, const struct src *s, yaml_node_t *n,
    const char *what, int strings, struct hroutes *rs)
{
	yaml_node_item_t *it;
	struct hroute *v;
	size_t cap;

	routes_free(rs);
	if (n->type != YAML_SEQUENCE_NODE) {
		wrong_type(r, s, n, what, "a list");
		return;
	}
	cap = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	if (cap == 0)
		return;
	if ((v = calloc(cap, sizeof(*v))) == NULL) {
		r->base.nomem = 1;
		return;
	}
	rs->v = v;
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(s->doc, *it);

		if (e != NULL && route_of(r, s, e, strings, &v[rs->n]) == 0)
			rs->n++;
	}
}

/* Where c keeps the port of key k, or NULL when k is not a port. */
static int *
port_slot(struct hconf *c, enum key k)
{
	int *const slot[NKEYS] = {
		[K_HUBPORT] = &c->hubport, [K_RPORT] = &c->rport,
		[K_RSECURE] = &c->rsecure, [K_OPSPORT] = &c->opsport,
		[K_OPSSECURE] = &c->opssecure, [K_LEAFPORT] = &c->leafport
	};

	return k < NKEYS ? slot[k] : NULL;
}

/* Where c keeps the routes of key k, or NULL when k is not a route
 * list. */
static struct hroutes *
routes_slot(struct hconf *c, enum key k)
{
	struct hroutes *const slot[NKEYS] = {
		[K_HUBROUTES] = &c->hub, [K_LEAFROUTES] = &c->leaf,
		[K_RROUTES] = &c->repl
	};

	return k < NKEYS ? slot[k] : NULL;
}

/* Record that key k of c is set at (by via), lost when it does not take
 * effect. Out of memory: r->base.nomem. */
static void
record(struct reader *r, struct hconf *c, enum key k, struct mesh_i_pos at,
    const char *via, int lost)
{
	struct hset *v;
	size_t cap;

	if (c->nsets == c->setcap) {
		cap = c->setcap ? 2 * c->setcap : 8;
		if ((v = realloc(c->sets, cap * sizeof(*v))) == NULL) {
			r->base.nomem = 1;
			return;
		}
		c->sets = v;
		c->setcap = cap;
	}
	v = &c->sets[c->nsets++];
	v->k = k;
	v->at = at;
	v->via = via;
	v->lost = lost;
}

/* Apply the value n of key k to c (from the YAML or an env file). */
static void
apply(struct reader *r, const struct src *s, struct hconf *c, enum key k,
    yaml_node_t *n)
{
	const char *why = NULL, *code = "bad-url";
	struct hroutes *routes;
	char what[80];
	char *str;
	int b, *port;

	snprintf(what, sizeof(what), "'%s'", key_path[k]);
	record(r, c, k, at(s, n), s->via, 0);
	c->null[k] = is_null(n);
	if (is_null(n)) {
		c->set[k] = 0;
		if ((routes = routes_slot(c, k)) != NULL)
			routes_free(routes);
		return;
	}
	c->set[k] = 1;
	c->at[k] = at(s, n);
	if ((port = port_slot(c, k)) != NULL) {
		*port = port_of(r, s, n, what);
		return;
	}
	if ((routes = routes_slot(c, k)) != NULL) {
		routes_of(r, s, n, what, k == K_RROUTES, routes);
		return;
	}
	switch (k) {
	case K_ENABLED:
		if ((b = boolean(n)) < 0 && yaml11_boolean(n) >= 0)
			mesh_i_report(&r->base, MESH_ERROR, "wrong-type",
			    &c->at[k], NULL, "%s is '%s': a string in YAML 1.2 "
			    "(Harper reads its config with the npm yaml "
			    "package), not a boolean; Harper's config "
			    "validation refuses it and Harper does not start: "
			    "write %s", what, text(n), yaml11_boolean(n) ?
			    "true" : "false");
		else if (b < 0)
			wrong_type(r, s, n, what, "true or false");
		c->enabled = b == 1;
		break;
	case K_NODENAME:
	case K_RHOST:
	case K_RURL:
	case K_CLNAME:
		if (n->type != YAML_SCALAR_NODE) {
			wrong_type(r, s, n, what, "text");
			c->set[k] = 0;
			break;
		}
		if (k == K_RURL) {
			free(c->urlhost);
			if (split_route(text(n), &c->urlhost, &c->urlport,
			    &why, &code) != 0 || strstr(text(n), "://") ==
			    NULL) {
				if (c->urlhost == NULL && why == NULL) {
					r->base.nomem = 1;
					break;
				}
				free(c->urlhost);
				c->urlhost = NULL;
				mesh_i_report(&r->base, MESH_ERROR, code,
				    &c->at[k], NULL, "%s '%s' is not a ws:// "
				    "or wss:// URL%s%s", what, text(n), why ?
				    ": " : "", why ? why : "");
				c->set[k] = 0;
			}
			break;
		}
		if ((str = dup(r, text(n))) == NULL)
			break;
		if (k == K_NODENAME) {
			free(c->nodename);
			c->nodename = str;
		} else if (k == K_CLNAME) {
			free(c->clname);
			c->clname = str;
		} else {
			free(c->rhost);
			c->rhost = str;
		}
		break;
	default:                /* the ports and routes above */
		break;
	}
}

/* Report (with code) a libyaml parser error in the len bytes at buf,
 * placed as o places its marks. */
static void
yaml_error(struct reader *r, const yaml_parser_t *p, const char *buf,
    size_t len, const struct src *o, const char *code, const char *what)
{
	struct mesh_i_pos ps;
	int l, c;

	if (p->error == YAML_READER_ERROR) {
		/* Reader errors (bad UTF-8) have an offset, not a mark. */
		mesh_i_text_position(buf, p->problem_offset < len ?
		    p->problem_offset : len, &l, &c);
		ps = mark_at(o, l - 1, c - 1);
	} else {
		ps = mark_at(o, (int)p->problem_mark.line,
		    (int)p->problem_mark.column);
	}
	if (p->error == YAML_MEMORY_ERROR) {
		r->base.nomem = 1;
		return;
	}
	mesh_i_report(&r->base, MESH_ERROR, code, &ps, NULL, "%s%s%s%s", what,
	    p->problem ? p->problem : "a syntax error",
	    p->context ? " " : "", p->context ? p->context : "");
}

/*
 * The first YAML document of the len bytes at buf (placed as o places its
 * marks) into *doc, its memory from arena (the caller frees it, never
 * yaml_document_delete()): parsed once, its nesting bounded as it loads
 * (harper_yaml.h). Nesting deeper than the depth limit is reported where
 * it starts with code (invalid-yaml, bad-env-line, ...); a syntax error
 * with code, what before libyaml's words (yaml_error()). Returns 0, or -1
 * after a report or when out of memory (nomem set); *doc is then empty.
 */
static int
load_yaml(struct reader *r, const char *buf, size_t len,
    const struct src *o, const char *code, const char *what,
    struct mesh_i_arena *arena, yaml_document_t *doc)
{
	size_t max = mesh_limits_get()->depth;
	enum mesh_i_yload_result res;
	struct mesh_i_yloader l;
	yaml_parser_t parser;
	yaml_mark_t deep;
	struct mesh_i_pos p;

	switch (mesh_i_yload_word(arena, buf, len, doc)) {
	case 1:
		return 0;
	case -1:
		r->base.nomem = 1;
		return -1;
	}
	memset(doc, 0, sizeof(*doc));
	if (!yaml_parser_initialize(&parser)) {
		r->base.nomem = 1;
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	mesh_i_yload_init(&l, &parser, arena, max, 0);
	res = mesh_i_yload(&l, doc, &deep);
	mesh_i_yload_free(&l);
	if (res == MESH_I_YLOAD_DEEP) {
		p = mark_at(o, (int)deep.line, (int)deep.column);
		mesh_i_report(&r->base, MESH_ERROR, code, &p, NULL,
		    "nesting deeper than %zu levels (--max-depth raises the "
		    "limit)", max);
	} else if (res == MESH_I_YLOAD_ERROR) {
		yaml_error(r, &parser, buf, len, o, code, what);
	}
	yaml_parser_delete(&parser);
	return res == MESH_I_YLOAD_OK ? 0 : -1;
}

/* Read a config from len bytes at buf into c, with libyaml's document
 * API (the first document; anchors and aliases resolved); o places it
 * (o->doc is not used). */
static void
read_config(struct reader *r, const char *buf, size_t len, struct hconf *c,
    const struct src *o)
{
	struct mesh_i_hk_origin ho = { o->file, o->line, o->column,
		o->indent };
	struct mesh_i_arena arena;
	yaml_document_t doc;
	yaml_node_t *root;
	struct src s = *o;
	struct mesh_i_pos p;
	int k;

	mesh_i_arena_init(&arena);
	if (load_yaml(r, buf, len, o, "invalid-yaml", "", &arena,
	    &doc) != 0) {
		mesh_i_arena_free(&arena);
		return;
	}
	s.doc = &doc;
	root = yaml_document_get_root_node(&doc);
	p.file = o->file;
	p.line = o->line;
	p.column = o->line > 0 ? o->column : 0;
	if (root == NULL) {
		mesh_i_report(&r->base, MESH_ERROR, "empty-file", &p, NULL,
		    "the %s holds no YAML document", o->line > 0 ?
		    "config text" : "file");
	} else if (root->type != YAML_MAPPING_NODE) {
		wrong_type(r, &s, root, "the config", "a mapping");
	} else {
		r->nreported = 0;
		for (k = 0; k < NKEYS; k++) {
			yaml_node_t *v = lookup(r, &s, root, key_path[k]);

			if (v != NULL)
				apply(r, &s, c, (enum key)k, v);
		}
		if (mesh_i_harper_keys_walk(&doc, &ho, name_so_far(c),
		    r->base.diags) != 0)
			r->base.nomem = 1;
	}
	mesh_i_arena_free(&arena);
}

/* Read path, reporting io-error or input-too-large. Returns the buffer
 * or NULL. */
static char *
read_path(struct reader *r, const char *path, size_t *len)
{
	enum mesh_error err;
	char *buf;

	if ((err = mesh_i_read_input(path, r->base.diags, &buf, len)) ==
	    MESH_ENOMEM)
		r->base.nomem = 1;
	else if (err != MESH_OK)
		r->base.errors++;
	return buf;
}

/* The key of an env variable name, or -1: the path in capitals, '_' for
 * '.', compared ignoring case. */
static int
env_key(const char *name, size_t len)
{
	int k;
	size_t i;

	for (k = 0; k < NKEYS; k++) {
		const char *p = key_path[k];

		if (strlen(p) != len)
			continue;
		for (i = 0; i < len; i++) {
			char a = p[i] == '.' ? '_' : p[i];

			if ((a | 0x20) != (name[i] | 0x20) &&
			    !(a == '_' && name[i] == '_'))
				break;
		}
		if (i == len)
			return k;
	}
	return -1;
}

/* Apply the value (len bytes at v, placed as o places its marks: a line
 * of an env file, a variable's value, an argument) of key k; code names
 * a syntax error in it. */
static void
env_value(struct reader *r, struct hconf *c, const struct src *o,
    const char *code, enum key k, const char *v, size_t len)
{
	struct mesh_i_arena arena;
	yaml_document_t doc;
	yaml_node_t *root;
	struct src s = *o;

	mesh_i_arena_init(&arena);
	if (load_yaml(r, v, len, o, code, "the value is not valid JSON: ",
	    &arena, &doc) != 0) {
		mesh_i_arena_free(&arena);
		return;
	}
	s.doc = &doc;
	root = yaml_document_get_root_node(&doc);
	if (root == NULL) {
		c->set[k] = 0;
	} else {
		r->nreported = 0;
		apply(r, &s, c, k, root);
	}
	mesh_i_arena_free(&arena);
}

/*
 * Apply the setting name (nlen bytes, written at kat) = value (vlen bytes
 * at v, placed as o places its marks) to c, as Harper applies an env
 * variable or a --NAME argument: a config key's name in capitals with '_'
 * for '.' (any case) or a legacy name sets that key; another name that
 * looks like a key gets unknown-key; the rest is not Harper's. A variable
 * (env set) HARPER_DEFAULT_CONFIG or HARPER_SET_CONFIG is kept in c for
 * its turn (the last of each wins). code names a syntax error in the
 * value.
 */
static void
apply_var(struct reader *r, struct hconf *c, const char *name, size_t nlen,
    const struct mesh_i_pos *kat, const char *v, size_t vlen,
    const struct src *o, int env, const char *code)
{
	const char *alias;
	struct hjson *j;
	int k;

	/* Harper reads these two from its environment only, by their exact
	 * names; they apply later, in their turn. */
	if (env && ((nlen == 21 &&
	    strncmp(name, "HARPER_DEFAULT_CONFIG", nlen) == 0) || (nlen ==
	    17 && strncmp(name, "HARPER_SET_CONFIG", nlen) == 0))) {
		j = &c->json[nlen == 17];
		free(j->text);
		if ((j->text = malloc(vlen + 1)) == NULL) {
			r->base.nomem = 1;
			return;
		}
		memcpy(j->text, v, vlen);
		j->text[vlen] = '\0';
		j->len = vlen;
		j->at.file = o->file;
		j->at.line = o->line;
		j->at.column = o->column;
		j->var_via = o->via;
		return;
	}
	if ((k = env_key(name, nlen)) < 0) {
		if ((alias = mesh_i_harper_keys_env_alias(name, nlen)) ==
		    NULL) {
			if (mesh_i_harper_keys_env(name, nlen, kat->file,
			    kat->line, kat->column, name_so_far(c),
			    r->base.diags) < 0)
				r->base.nomem = 1;
			return;
		}
		/* A legacy name (CLUSTERING_PORT, ...). */
		for (k = 0; k < NKEYS; k++)
			if (strcmp(key_path[k], alias) == 0)
				break;
		if (k == NKEYS)
			return;
	}
	env_value(r, c, o, code, (enum key)k, v, vlen);
}

/* Read a KEY=VALUE env file and apply what it sets to c. */
static void
read_env(struct reader *r, const char *file, struct hconf *c)
{
	char *buf, *line, *next;
	size_t len, klen, vlen;
	int lineno = 0;
	struct mesh_i_pos p, kp;
	struct src o;

	if ((buf = read_path(r, file, &len)) == NULL)
		return;
	p.file = kp.file = file;
	for (line = buf; line != NULL && line < buf + len; line = next) {
		char *s = line, *key, *v;

		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		vlen = strlen(line);
		if (vlen > 0 && line[vlen - 1] == '\r')
			line[--vlen] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		if (strncmp(s, "export ", 7) == 0)
			s += 7;
		key = s;
		if ((*s < 'A' || *s > 'Z') && (*s < 'a' || *s > 'z') &&
		    *s != '_')
			goto bad;
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '_')
			s++;
		if (*s != '=')
			goto bad;
		klen = (size_t)(s - key);
		v = s + 1;
		vlen = strlen(v);
		if (*v == '"' || *v == '\'') {
			if (vlen < 2 || v[vlen - 1] != *v) {
				s = v;
				mesh_i_text_position(line, (size_t)(s - line),
				    &p.line, &p.column);
				p.line = lineno;
				mesh_i_report(&r->base, MESH_ERROR,
				    "bad-env-line", &p, NULL, "a quote that is "
				    "not closed");
				continue;
			}
			v++;
			vlen -= 2;
		}
		mesh_i_text_position(line, (size_t)(key - line), &kp.line,
		    &kp.column);
		kp.line = lineno;
		memset(&o, 0, sizeof(o));
		o.file = file;
		o.line = lineno;
		mesh_i_text_position(line, (size_t)(v - line), &p.line,
		    &o.column);
		o.via = "env file";
		apply_var(r, c, key, klen, &kp, v, vlen, &o, 1, "bad-env-line");
		continue;
bad:
		mesh_i_text_position(line, (size_t)(s - line), &p.line,
		    &p.column);
		p.line = lineno;
		mesh_i_report(&r->base, MESH_ERROR, "bad-env-line", &p, NULL,
		    "not a KEY=VALUE line");
	}
	free(buf);
}

/* Apply the environment variables of c's node, in order. */
static void
node_env(struct reader *r, struct hconf *c)
{
	const struct mesh_i_hvar *e;
	struct src o;
	size_t i;

	for (i = 0; c->hn != NULL && i < c->hn->nenv; i++) {
		e = &c->hn->env[i];
		memset(&o, 0, sizeof(o));
		o.file = e->at.file;
		o.line = e->at.line > 0 ? e->at.line : 1;
		o.column = e->at.column > 0 ? e->at.column : 1;
		o.via = e->via;
		apply_var(r, c, e->name, e->name_len, &e->at, e->value,
		    e->value_len, &o, 1, "bad-env-line");
	}
}

/* Whether w is an option to minimist, Harper's argument parser, rather
 * than the value of the one before: -X or --X, X not starting with '-'. */
static int
is_flag(const char *w)
{
	return w[0] == '-' && w[1] != '\0' && (w[1] != '-' ||
	    (w[2] != '\0' && w[2] != '-'));
}

/*
 * Apply the command-line words args[0 .. n-1] of c's node: --KEY VALUE or
 * --KEY=VALUE, as Harper reads its arguments (minimist). vcol[i], when
 * vcol is not NULL and it is not 0, is the column of the first character
 * after the '=' of word i as written (quotes may stand between).
 */
static void
apply_args(struct reader *r, struct hconf *c, const struct mesh_i_harg *args,
    size_t n, const int *vcol)
{
	const struct mesh_i_harg *a, *va;
	const char *w, *name, *eq, *v;
	struct mesh_i_pos kp;
	struct src o;
	size_t i;

	for (i = 0; i < n; i++) {
		a = &args[i];
		w = a->text;
		if (strncmp(w, "--", 2) != 0 || w[2] == '\0' || w[2] == '=') {
			mesh_i_report(&r->base, MESH_WARNING, "bad-argument",
			    &a->at, name_so_far(c), "'%s' is not a --KEY "
			    "argument: Harper sets no config key from it; "
			    "write --KEY VALUE or --KEY=VALUE", w);
			continue;
		}
		name = w + 2;
		kp = a->at;
		kp.column += kp.column > 0 ? 2 : 0;
		memset(&o, 0, sizeof(o));
		if ((eq = strchr(name, '=')) != NULL) {
			v = eq + 1;
			o.file = a->at.file;
			o.line = a->at.line > 0 ? a->at.line : 1;
			o.column = vcol != NULL && vcol[i] > 0 ? vcol[i] :
			    (a->at.column > 0 ? a->at.column : 1) +
			    (int)(v - w);
			o.via = a->via;
			apply_var(r, c, name, (size_t)(eq - name), &kp, v,
			    strlen(v), &o, 0, "bad-argument");
			continue;
		}
		if (i + 1 == n || is_flag(args[i + 1].text)) {
			/* minimist takes a flag without a value as true. */
			mesh_i_report(&r->base, MESH_WARNING, "bad-argument",
			    &a->at, name_so_far(c), "'%s' has no value: "
			    "Harper takes it as true; write %s VALUE", w, w);
			o.file = a->at.file;
			o.line = a->at.line > 0 ? a->at.line : 1;
			o.column = a->at.column > 0 ? a->at.column : 1;
			o.via = a->via;
			apply_var(r, c, name, strlen(name), &kp, "true", 4, &o,
			    0, "bad-argument");
			continue;
		}
		va = &args[++i];
		o.file = va->at.file;
		o.line = va->at.line > 0 ? va->at.line : 1;
		o.column = va->at.column > 0 ? va->at.column : 1;
		o.via = va->via;
		apply_var(r, c, name, strlen(name), &kp, va->text,
		    strlen(va->text), &o, 0, "bad-argument");
	}
}

/* Which generation c uses by its keys; sets c->gen (AUTO: no sign). */
static void
decide(struct hconf *c, struct mesh_i_pos *why, const char **key)
{
	static const enum key repl[] = { K_RHOST, K_RURL, K_RROUTES, K_RPORT,
		K_RSECURE };
	static const enum key nats[] = { K_NODENAME, K_HUBROUTES };
	size_t i;

	c->gen = MESH_HARPER_AUTO;
	if (c->set[K_ENABLED] && c->enabled) {
		c->gen = MESH_HARPER_NATS;
		*why = c->at[K_ENABLED];
		*key = key_path[K_ENABLED];
		return;
	}
	for (i = 0; i < sizeof(repl) / sizeof(repl[0]); i++)
		if (c->set[repl[i]]) {
			c->gen = MESH_HARPER_REPLICATION;
			*why = c->at[repl[i]];
			*key = key_path[repl[i]];
			return;
		}
	for (i = 0; i < sizeof(nats) / sizeof(nats[0]); i++)
		if (c->set[nats[i]]) {
			c->gen = MESH_HARPER_NATS;
			*why = c->at[nats[i]];
			*key = key_path[nats[i]];
			return;
		}
}

/*
 * Warn (unread-key) about the keys of the other generation that a config
 * sets with something in them: in a NATS-clustering set, replication's
 * hostname, url and routes; in a replication set, clustering's nodeName
 * and hub routes. Harper does not read them there.
 */
static void
other_generation(struct reader *r, const struct hconf *cs, size_t n)
{
	static const enum key repl[] = { K_RHOST, K_RURL, K_RROUTES };
	static const enum key nats[] = { K_NODENAME, K_HUBROUTES };
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct hconf *c = &cs[i];
		int isnats = c->gen == MESH_HARPER_NATS;
		const enum key *ks = isnats ? repl : nats;
		size_t nk = isnats ? sizeof(repl) / sizeof(repl[0]) :
		    sizeof(nats) / sizeof(nats[0]);

		for (j = 0; j < nk; j++) {
			enum key k = ks[j];

			if (!c->set[k] || (k == K_RROUTES && c->repl.n == 0) ||
			    (k == K_HUBROUTES && c->hub.n == 0))
				continue;
			mesh_i_report(&r->base, MESH_WARNING, "unread-key",
			    &c->at[k], name_so_far(c), "'%s' is not read in a "
			    "%s config set (%s): %s; %s", key_path[k], isnats ?
			    "NATS-clustering" : "replication", isnats ?
			    "Harper reads replication's keys only when "
			    "clustering.enabled is not true" : "Harper reads "
			    "clustering's keys only when clustering.enabled is "
			    "true", k == K_RROUTES || k == K_HUBROUTES ?
			    "its routes make no links" : "it does not name the "
			    "node", isnats ? "remove it, or set "
			    "clustering.enabled: false for replication" :
			    "remove it, or set clustering.enabled: true for "
			    "NATS clustering");
		}
	}
}

/* "nats", "replication" or "auto": the label's value. */
static const char *
gen_name(enum mesh_harper_generation g)
{
	return g == MESH_HARPER_NATS ? "nats" : g == MESH_HARPER_REPLICATION ?
	    "replication" : "auto";
}

int
mesh_harper_generation_from_name(const char *name)
{
	if (strcmp(name, "auto") == 0)
		return MESH_HARPER_AUTO;
	if (strcmp(name, "nats") == 0)
		return MESH_HARPER_NATS;
	if (strcmp(name, "replication") == 0)
		return MESH_HARPER_REPLICATION;
	return -1;
}

/* Whether name follows Harper's rule for clustering.nodeName:
 * ^[^\s.,*>]+$ */
static int
good_nats_name(const char *name)
{
	return *name != '\0' && strpbrk(name, ".,*> \t\r\n\f\v") == NULL &&
	    !mesh_i_has_control(name);
}

/*
 * The stem of path (its name without directory and extension), malloc'd,
 * or NULL when out of memory. For Harper's own file names,
 * harperdb-config.yaml and (Harper 5) harper-config.yaml, the stem is the
 * directory's name (node1/harper-config.yaml: node1), when there is one.
 */
static char *
stem_of(const char *path)
{
	const char *base = strrchr(path, '/'), *dot, *dir;
	size_t n;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	if (((n == 15 && strncmp(base, "harperdb-config", n) == 0) ||
	    (n == 13 && strncmp(base, "harper-config", n) == 0)) &&
	    base > path) {
		/* The directory's name: skip "/" (repeated) and "./". */
		const char *end = base - 1;

		while (end > path && end[-1] == '/')
			end--;
		dir = end;
		while (dir > path && dir[-1] != '/')
			dir--;
		if (end > dir && !(end - dir == 1 && *dir == '.') &&
		    !(end - dir == 2 && strncmp(dir, "..", 2) == 0))
			return strndup(dir, (size_t)(end - dir));
	}
	return strndup(base, n);
}

/* Split "[HOST=]PATH" into c. Returns 0, or -1 when out of memory. */
static int
split_arg(const char *arg, struct hconf *c)
{
	const char *eq = strchr(arg, '=');

	if (eq != NULL && eq > arg && memchr(arg, '/', (size_t)(eq - arg)) ==
	    NULL) {
		if ((c->prefix = strndup(arg, (size_t)(eq - arg))) == NULL)
			return -1;
		arg = eq + 1;
	}
	if ((c->file = strdup(arg)) == NULL)
		return -1;
	return (c->stem = stem_of(arg)) == NULL ? -1 : 0;
}

/* Free what c holds (not c itself). */
static void
conf_free(struct hconf *c)
{
	free(c->file);
	free(c->prefix);
	free(c->stem);
	free(c->nodename);
	free(c->rhost);
	free(c->urlhost);
	free(c->clname);
	routes_free(&c->hub);
	routes_free(&c->leaf);
	routes_free(&c->repl);
	free(c->name);
	free(c->host);
	free(c->sets);
	free(c->json[0].text);
	free(c->json[1].text);
}

/* Whether config idx of the index ctx is named key. */
static int
same_name(const void *ctx, int idx, const void *key)
{
	return strcmp(((const struct index *)ctx)->cs[idx].name, key) == 0;
}

/* Whether config idx of the index ctx is on the host of normal form key. */
static int
same_norm(const void *ctx, int idx, const void *key)
{
	return strcmp(((const struct index *)ctx)->norm[idx], key) == 0;
}

/* The first config named name, or -1. */
static int
named(const struct index *x, const char *name)
{
	return mesh_i_imap_get(&x->names, mesh_i_map_hash(name, 0), same_name,
	    x, name);
}

/* Index the hosts of the n configs cs, their names indexed already.
 * Returns 0, or -1 when out of memory (what is built so far stays in x
 * for index_free()). */
static int
index_hosts(struct index *x, const struct hconf *cs, size_t n)
{
	int *tail, f;
	size_t i;

	x->cs = cs;
	x->n = n;
	if ((x->norm = calloc(n, sizeof(*x->norm))) == NULL ||
	    (x->next = calloc(n, sizeof(*x->next))) == NULL ||
	    mesh_i_imap_reserve(&x->hosts, n) != 0)
		return -1;
	/* tail[f], f the first config on a host: the last one so far
	 * there. */
	if ((tail = calloc(n, sizeof(*tail))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if ((x->norm[i] = mesh_i_host_normal(cs[i].host)) == NULL)
			break;
		x->next[i] = -1;
		f = mesh_i_imap_put(&x->hosts, mesh_i_map_hash(x->norm[i], 0),
		    same_norm, x, x->norm[i], (int)i);
		if (f == -2)
			break;
		if (f == -1) {
			tail[i] = (int)i;
		} else {
			x->next[tail[f]] = (int)i;
			tail[f] = (int)i;
		}
	}
	free(tail);
	return i == n ? 0 : -1;
}

/* Free what x holds (not the configs); x is then empty. */
static void
index_free(struct index *x)
{
	size_t i;

	for (i = 0; x->norm != NULL && i < x->n; i++)
		free(x->norm[i]);
	free(x->norm);
	free(x->next);
	mesh_i_imap_free(&x->names);
	mesh_i_imap_free(&x->hosts);
	memset(x, 0, sizeof(*x));
}

/* The first config on host (any case, one trailing dot ignored), the
 * rest there following through x->next; -1 when none, -2 when out of
 * memory. */
static int
first_on(const struct index *x, const char *host)
{
	char *h = mesh_i_host_normal(host);
	int f;

	if (h == NULL)
		return -2;
	f = mesh_i_imap_get(&x->hosts, mesh_i_map_hash(h, 0), same_norm, x, h);
	free(h);
	return f;
}

/* Decide each config's name (nodeName or replication.hostname, else the
 * url's host, else the file's name) and report bad and repeated names;
 * the names go into r->ix (out of memory: r->base.nomem set). */
static void
name_configs(struct reader *r, struct hconf *cs, size_t n)
{
	size_t i;
	int j;

	r->ix.cs = cs;
	r->ix.n = n;
	if (mesh_i_imap_reserve(&r->ix.names, n) != 0) {
		r->base.nomem = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		struct hconf *c = &cs[i];
		const char *name = c->stem;

		c->name_at.file = c->file;
		c->name_at.line = c->name_at.column = 0;
		if (c->gen == MESH_HARPER_NATS && c->nodename != NULL) {
			name = c->nodename;
			c->name_at = c->at[K_NODENAME];
		} else if (c->gen == MESH_HARPER_REPLICATION &&
		    c->rhost != NULL) {
			name = c->rhost;
			c->name_at = c->at[K_RHOST];
		} else if (c->gen == MESH_HARPER_REPLICATION &&
		    c->urlhost != NULL) {
			name = c->urlhost;
			c->name_at = c->at[K_RURL];
		}
		if ((c->name = dup(r, name)) == NULL)
			return;
		if (c->gen == MESH_HARPER_NATS ? !good_nats_name(name) :
		    (*name == '\0' || mesh_i_has_control(name)))
			mesh_i_report(&r->base, MESH_ERROR, "bad-node-name",
			    &c->name_at, NULL, "node name '%s' is not "
			    "allowed%s", name, c->gen == MESH_HARPER_NATS ?
			    " (Harper refuses '.', ',', '*', '>' and white "
			    "space)" : "");
		j = mesh_i_imap_put(&r->ix.names, mesh_i_map_hash(c->name, 0),
		    same_name, &r->ix, c->name, (int)i);
		if (j == -2) {
			r->base.nomem = 1;
			return;
		}
		if (j >= 0)
			mesh_i_report(&r->base, MESH_ERROR, "duplicate-name",
			    &c->name_at, c->name, "node name '%s' is also the "
			    "name in %s", c->name, cs[j].file);
	}
}

/* Apply the inventory file to the configs that have no host yet (found
 * by name in r->ix); the port of each config it names goes into iport,
 * by the config's index. */
static void
read_inventory(struct reader *r, const char *file, struct hconf *cs,
    int *iport)
{
	struct mesh_i_reader in = { r->base.diags, file, 0, 0 };
	struct mesh_i_jdoc *doc = NULL;
	struct mesh_i_pos start = { file, 1, 1 };
	const struct mesh_i_jpos *jq;
	cJSON *root = NULL, *e, *h, *pt;
	enum mesh_error err;
	size_t len, i;
	char *buf;
	int t;

	if ((buf = read_path(r, file, &len)) == NULL)
		return;
	/* Strict JSON, as for plans: the fault is reported where it is. */
	err = mesh_i_jdoc_load(buf, len, file, r->base.diags, NULL, &doc,
	    &root);
	if (err != MESH_OK) {
		if (err == MESH_ENOMEM)
			r->base.nomem = 1;
		else
			r->base.errors++;
		goto done;
	}
	if (!cJSON_IsObject(root)) {
		mesh_i_report(&in, MESH_ERROR, "wrong-type", &start, NULL,
		    "the inventory must be an object from node name to host");
		goto done;
	}
	for (e = root->child; e != NULL; e = e->next) {
		if ((t = named(&r->ix, e->string)) < 0) {
			mesh_i_json_report(&in, MESH_ERROR, "unknown-node", e,
			    1, e->string, "the inventory names '%s', which "
			    "no config has", e->string);
			continue;
		}
		i = (size_t)t;
		h = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e,
		    "host") : e;
		pt = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e,
		    "port") : NULL;
		if (!cJSON_IsString(h) || !good_host(h->valuestring)) {
			mesh_i_json_report(&in, MESH_ERROR, "wrong-type",
			    h != NULL ? h : e, 0, e->string, "the inventory's "
			    "host for '%s' must be a host name or address",
			    e->string);
			continue;
		}
		jq = mesh_i_jpos_of(h);
		ipv4_hook(r, (struct mesh_i_pos){ file, jq->line,
		    jq->column }, e->string, h->valuestring);
		if (pt != NULL && (!cJSON_IsNumber(pt) || pt->valuedouble !=
		    (double)(int)pt->valuedouble)) {
			mesh_i_json_report(&in, MESH_ERROR, "wrong-type", pt,
			    0, e->string, "the inventory's port for '%s' must "
			    "be a whole number", e->string);
			continue;
		}
		if (pt != NULL && (pt->valuedouble < 1 ||
		    pt->valuedouble > 65535)) {
			mesh_i_json_report(&in, MESH_ERROR, "port-range", pt,
			    0, e->string, "port %g is out of range (1-65535)",
			    pt->valuedouble);
			continue;
		}
		if (pt != NULL)
			iport[i] = (int)pt->valuedouble;
		if (cs[i].host == NULL) {
			if ((cs[i].host = dup(r, h->valuestring)) == NULL)
				goto done;
			cs[i].host_source = "inventory";
		}
	}
done:
	r->base.errors += in.errors;
	r->base.nomem |= in.nomem;
	mesh_i_jdoc_free(doc);
	free(buf);
}

/* The file a diagnostic from mesh_plan_resolve() about route rt (NULL:
 * none) belongs to: the route's source (a node's routes all come from
 * the one source that set them last), else the node's config. */
static const char *
diag_file(const struct mesh_diag *d, const struct mesh_plan *plan,
    const struct hconf *cs, const struct mesh_route *rt)
{
	const struct mesh_source *src;
	int k;

	if (d->node == NULL || (k = mesh_plan_find(plan, d->node)) < 0)
		return d->file;
	if (rt != NULL && (src = mesh_plan_route_source(plan, k,
	    (size_t)(rt - plan->nodes[k].routes))) != NULL &&
	    src->file != NULL)
		return src->file;
	return cs[k].file;
}

/*
 * The port a replication config listens on, and dials a route without a
 * port on: replication.securePort, else replication.port; when both are
 * written as null, the operations API's (securePort, else port, default
 * 9925); when neither is written, the template's securePort 9933.
 */
static int
repl_port(const struct hconf *c)
{
	if (c->rsecure)
		return c->rsecure;
	if (c->rport)
		return c->rport;
	if (c->null[K_RSECURE] || c->null[K_RPORT])
		return c->opssecure ? c->opssecure : c->opsport ? c->opsport :
		    OPS_PORT;
	return REPL_PORT;
}

/* Whether a replication config serves replication on port: its own
 * port, replication.port and .securePort, its url's port, and the
 * operations API's ports (default 9925). */
static int
repl_serves(const struct hconf *c, int port)
{
	return port == c->port || port == c->rport || port == c->rsecure ||
	    port == c->urlport || port == c->opssecure ||
	    port == (c->opsport ? c->opsport : OPS_PORT);
}

/* Whether hosts a and b are the same (case and one trailing dot
 * ignored); -1 when out of memory. */
static int
same_host(const char *a, const char *b)
{
	char *na = mesh_i_host_normal(a), *nb = mesh_i_host_normal(b);
	int same = na != NULL && nb != NULL ? strcmp(na, nb) == 0 : -1;

	free(na);
	free(nb);
	return same;
}

/* The port a replication route of a config is written with in the plan:
 * its own, else the dialling config's; a route to another config's host
 * (the first of x's configs there that qualifies) on any port that
 * config serves replication on is written with that config's port, so
 * that it links. -1 when out of memory. */
static int
repl_route_port(const struct index *x, const struct hconf *c,
    const struct hroute *rt)
{
	int port = rt->port ? rt->port : c->port, i;

	if ((i = first_on(x, rt->host)) == -2)
		return -1;
	for (; i >= 0; i = x->next[i])
		if (port != x->cs[i].port && repl_serves(&x->cs[i], port))
			return x->cs[i].port;
	return port;
}

/* The route of the plan that a diagnostic of mesh_plan_resolve() is
 * about, or NULL. */
static const struct mesh_route *
route_at(const struct mesh_plan *plan, const struct mesh_diag *d)
{
	const struct mesh_node *n;
	int k;
	size_t j;

	if (d->node == NULL || (k = mesh_plan_find(plan, d->node)) < 0)
		return NULL;
	n = &plan->nodes[k];
	for (j = 0; j < n->nroutes; j++)
		if (n->routes[j].line == d->line &&
		    n->routes[j].column == d->column)
			return &n->routes[j];
	return NULL;
}

/* Whether c is a NATS-era config that turns clustering off: the node
 * does not join the NATS cluster (clustering.enabled defaults to true in
 * Harper's NATS defaults; only an explicit false counts). */
static int
disabled(const struct hconf *c)
{
	return c->gen == MESH_HARPER_NATS && c->set[K_ENABLED] && !c->enabled;
}

/* The NATS cluster name of c. */
static const char *
cluster_name(const struct hconf *c)
{
	return c->clname != NULL ? c->clname : CLUSTER_NAME;
}

/* The NATS leaf-node port of c. */
static int
leaf_port(const struct hconf *c)
{
	return c->leafport ? c->leafport : LEAF_PORT;
}

/* The first of x's configs whose host is host and whose port is port
 * (with leaf set, whose leaf-node port is port), or -1; -2 when out of
 * memory. */
static int
config_at(const struct index *x, const char *host, int port, int leaf)
{
	int i;

	if ((i = first_on(x, host)) == -2)
		return -2;
	for (; i >= 0; i = x->next[i])
		if ((leaf ? leaf_port(&x->cs[i]) : x->cs[i].port) == port)
			return i;
	return -1;
}

/* "s" when n is not 1. */
static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* The route-outside warning of a route of the plan (out of memory: as
 * mesh_i_report()). */
static void
outside(struct reader *r, const struct mesh_i_pos *p, const char *node,
    const struct mesh_route *rt)
{
	mesh_i_report(&r->base, MESH_WARNING, "route-outside", p, node,
	    "route from '%s' to %s:%d points outside the configs given: none "
	    "has that host; no link", node, rt->host, rt->port);
}

/*
 * After the routes are resolved: the hint for routes that point outside
 * while some configs give no address (their node's name stands for the
 * host), once; and, for each config with clustering.enabled: false, what
 * it does to the verdict, on the enabled line. Out of memory sets
 * r->base.nomem (the diagnostics so far stay in r).
 */
static void
explain(struct reader *r, const struct hconf *cs, size_t n,
    const struct mesh_route *first_out, int out_from, size_t nout,
    int one_host)
{
	const struct hconf *noaddr = NULL, *example = NULL;
	size_t i, j, nnoaddr = 0, ndisabled = 0, *reach;
	struct mesh_i_pos p;
	int t;

	/* The example names a config without an address other than the
	 * one whose route it is (a node seldom routes to itself). */
	for (i = 0; i < n; i++) {
		if (strcmp(cs[i].host_source, "name") != 0)
			continue;
		if (nnoaddr++ == 0)
			noaddr = &cs[i];
		if (example == NULL && (int)i != out_from)
			example = &cs[i];
	}
	/* One config without an address, and every route outside from the
	 * others, to one host: that config is probably the node there. */
	if (first_out != NULL && noaddr != NULL) {
		struct mesh_i_buf b;
		char *msg;

		mesh_i_buf_init(&b);
		mesh_i_buf_printf(&b, "%zu route%s point%s at ", nout,
		    plural(nout), nout == 1 ? "s" : "");
		if (nnoaddr == 1 && one_host) {
			mesh_i_buf_printf(&b, "%s, which no config has, and "
			    "only %s gives no address (its node's name stands "
			    "for the host): it is probably the node at %s; if "
			    "so, give %s=%s, or its address in --inventory "
			    "FILE", first_out->host, noaddr->file,
			    first_out->host, first_out->host, noaddr->file);
		} else if (example == NULL) {
			mesh_i_buf_printf(&b, "hosts that no config has, and "
			    "%s gives no address (its node's name stands for "
			    "the host): if a route means that node, give its "
			    "address with --inventory FILE or as HOST=CONFIG "
			    "(%s=%s)", noaddr->file, first_out->host,
			    noaddr->file);
		} else {
			noaddr = example;
			mesh_i_buf_printf(&b, "hosts that no config has, and "
			    "%zu of the %zu configs give no address (their "
			    "node's name stands for the host): give each "
			    "node's address with --inventory FILE (a JSON "
			    "object from node name to host) or as HOST=CONFIG "
			    "arguments (e.g. %s=%s, if %s is the node at %s)",
			    nnoaddr, n, first_out->host, noaddr->file,
			    noaddr->file, first_out->host);
		}
		p.file = noaddr->file;
		p.line = p.column = 0;
		if ((msg = mesh_i_buf_take(&b)) == NULL)
			r->base.nomem = 1;
		else
			mesh_i_report(&r->base, MESH_WARNING, "no-address", &p,
			    NULL, "%s", msg);
		free(msg);
	}
	for (i = 0; i < n; i++)
		ndisabled += disabled(&cs[i]);
	if (ndisabled == 0)
		return;
	/* reach[t]: the routes of the other enabled NATS configs that
	 * reach config t. */
	if ((reach = calloc(n, sizeof(*reach))) == NULL) {
		r->base.nomem = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		if (cs[i].gen != MESH_HARPER_NATS || disabled(&cs[i]))
			continue;
		for (j = 0; j < cs[i].hub.n; j++) {
			const struct hroute *h = &cs[i].hub.v[j];

			t = config_at(&r->ix, h->host, h->port ? h->port :
			    NATS_PORT, 0);
			if (t == -2) {
				r->base.nomem = 1;
				free(reach);
				return;
			}
			if (t >= 0 && (size_t)t != i)
				reach[t]++;
		}
	}
	for (i = 0; i < n; i++) {
		const struct hconf *c = &cs[i];

		if (!disabled(c))
			continue;
		mesh_i_report(&r->base, MESH_WARNING, "clustering-disabled",
		    &c->at[K_ENABLED], c->name, "%s has clustering.enabled: "
		    "false: it does not join the NATS cluster; its %zu route%s "
		    "make%s no link%s and %zu route%s from other nodes reach%s "
		    "it; set enabled: true to include it", c->name, c->hub.n,
		    plural(c->hub.n), c->hub.n == 1 ? "s" : "", c->hub.n == 1 ?
		    "" : "s", reach[i], plural(reach[i]), reach[i] == 1 ?
		    "es" : "");
	}
	free(reach);
}

/* A replication config that names neither its host nor a URL: Harper
 * names such a node after its TLS certificate, else 127.0.0.1 (4.7's
 * getThisNodeName), and the other nodes record it under that name. Out
 * of memory: as mesh_i_report(). */
static void
unnamed(struct reader *r, const struct hconf *c)
{
	static const enum key keys[] = { K_RROUTES, K_RSECURE, K_RPORT };
	struct mesh_i_pos p = { c->file, 0, 0 };
	size_t i;

	if (c->gen != MESH_HARPER_REPLICATION || c->rhost != NULL ||
	    c->urlhost != NULL)
		return;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (c->set[keys[i]]) {
			p = c->at[keys[i]];
			break;
		}
	mesh_i_report(&r->base, MESH_WARNING, "no-replication-hostname", &p,
	    c->name, "%s sets neither replication.hostname nor "
	    "replication.url: Harper names the node after its TLS certificate, "
	    "else 127.0.0.1, and the other nodes learn it under that name, so "
	    "only routes written with its address reach it; set "
	    "replication.hostname to its address", c->name);
}

/*
 * Record in plan, for node k, every setting of each key of c that more
 * than one source set: the last that took effect won, the rest lost.
 * Returns 0, or -1 when out of memory.
 */
static int
keep_settings(struct mesh_plan *plan, int k, const struct hconf *c)
{
	enum key rk = c->gen == MESH_HARPER_NATS ? K_HUBROUTES : K_RROUTES;
	struct mesh_i_setting st;
	size_t i, n[NKEYS], win[NKEYS];

	memset(n, 0, sizeof(n));
	memset(win, 0xff, sizeof(win));
	for (i = 0; i < c->nsets; i++) {
		n[c->sets[i].k]++;
		if (!c->sets[i].lost)
			win[c->sets[i].k] = i;
	}
	for (i = 0; i < c->nsets; i++) {
		const struct hset *h = &c->sets[i];

		if (n[h->k] < 2)
			continue;
		st.key = key_path[h->k];
		st.file = h->at.file;
		st.line = h->at.line;
		st.column = h->at.column;
		st.via = h->via;
		st.won = !h->lost && win[h->k] == i;
		st.routes = h->k == rk;
		if (mesh_i_plan_add_setting(plan, k, &st) != 0)
			return -1;
	}
	return 0;
}

/* Route rt of config c with the host its deployment resolves it to
 * (c->hn->route_host, when set): rt->host replaced when that differs.
 * Returns 0, or -1 when out of memory (rt unaltered). */
static int
deployment_host(struct reader *r, const struct hconf *c, struct hroute *rt)
{
	const char *h;
	char *d;
	int owner;

	if (c->hn == NULL || c->hn->route_host == NULL)
		return 0;
	if ((owner = first_on(&r->ix, rt->host)) == -2 ||
	    (h = c->hn->route_host(c->hn->route_ctx, c->hn, c->name,
	    rt->host, &rt->at, owner)) == NULL)
		return -1;
	if (h == rt->host || strcmp(h, rt->host) == 0)
		return 0;
	if ((d = strdup(h)) == NULL)
		return -1;
	free(rt->host);
	rt->host = d;
	return 0;
}

/* Build and resolve the plan of the decided configs. */
static enum mesh_error
build(struct reader *r, struct hconf *cs, size_t n, struct mesh_plan **out)
{
	enum mesh_error err = MESH_ENOMEM;
	struct mesh_diags rd;
	struct mesh_plan *plan;
	const struct mesh_route *rt;
	struct mesh_i_buf leaf;
	const struct mesh_route *first_out = NULL;
	size_t nout = 0;
	int out_from = -1, one_host = 1, same;
	char *lv;
	size_t i, j;
	int k, t;

	mesh_diags_init(&rd);
	plan = mesh_plan_new(cs[0].gen == MESH_HARPER_NATS ?
	    "Harper cluster (NATS clustering)" :
	    "Harper cluster (native replication)", r->own_file ?
	    r->plan_file : n == 1 ? cs[0].file : NULL);
	if (plan == NULL)
		goto done;
	/* The generation picks check's model (docs/replication.md). */
	if (cs[0].gen == MESH_HARPER_REPLICATION)
		plan->cluster = MESH_CLUSTER_HARPER_REPLICATION;
	for (i = 0; i < n; i++) {
		struct hconf *c = &cs[i];
		struct hroutes *rs = c->gen == MESH_HARPER_NATS ?
		    &c->hub : &c->repl;
		int port;

		k = mesh_plan_add_node(plan, c->name, c->host, c->port,
		    c->name_at.line, c->name_at.column);
		if (k < 0)
			goto done;
		/* The name's file: a config, the compose file, ... */
		if (c->name_at.line > 0 && c->name_at.file != NULL &&
		    mesh_plan_set_node_file(plan, k, c->name_at.file) != 0)
			goto done;
		if (mesh_plan_set_label(plan, k, "generation",
		    gen_name(c->gen)) != 0 || mesh_plan_set_label(plan, k,
		    "host_source", c->host_source) != 0)
			goto done;
		plan->nodes[k].no_cluster = disabled(c);
		/* Every name the deployment gives the node answers for it,
		 * the first too when the config names another host. */
		for (j = 0; c->hn != NULL && j < c->hn->nhosts; j++)
			if ((c->host == NULL ||
			    strcasecmp(c->hn->hosts[j], c->host) != 0) &&
			    mesh_plan_add_alias(plan, k, c->hn->hosts[j]) != 0)
				goto done;
		if (keep_settings(plan, k, c) != 0)
			goto done;
		unnamed(r, c);
		for (j = 0; j < rs->n; j++) {
			if (deployment_host(r, c, &rs->v[j]) != 0)
				goto done;
			port = c->gen == MESH_HARPER_NATS ? (rs->v[j].port ?
			    rs->v[j].port : NATS_PORT) :
			    repl_route_port(&r->ix, c, &rs->v[j]);
			if (c->gen == MESH_HARPER_NATS && (t = config_at(&r->ix,
			    rs->v[j].host, port, 0)) != -1) {
				if (t == -2)
					goto done;
				/* NATS refuses a route between cluster
				 * names: the route is left out. */
				if (!disabled(c) && !disabled(&cs[t]) &&
				    strcmp(cluster_name(c),
				    cluster_name(&cs[t])) != 0) {
					mesh_i_report(&r->base, MESH_WARNING,
					    "cluster-name-mismatch",
					    &rs->v[j].at, c->name, "route "
					    "from '%s' to '%s' (%s:%d) makes "
					    "no link: NATS refuses routes "
					    "between clusters named '%s' "
					    "(%s) and '%s' (%s): give every "
					    "node the same clustering."
					    "hubServer.cluster.name", c->name,
					    cs[t].name, rs->v[j].host, port,
					    cluster_name(c), c->name,
					    cluster_name(&cs[t]), cs[t].name);
					continue;
				}
			}
			if (port < 0 || mesh_plan_add_route(plan, k,
			    rs->v[j].host, port, rs->v[j].at.line,
			    rs->v[j].at.column) != 0 ||
			    mesh_plan_set_route_source(plan, k,
			    plan->nodes[k].nroutes - 1, rs->v[j].at.file,
			    rs->v[j].via) != 0)
				goto done;
		}
		if (c->gen != MESH_HARPER_NATS || c->leaf.n == 0)
			continue;
		mesh_i_buf_init(&leaf);
		for (j = 0; j < c->leaf.n; j++) {
			mesh_i_buf_printf(&leaf, "%s%s", j ? "," : "",
			    c->leaf.v[j].host);
			if (c->leaf.v[j].port)
				mesh_i_buf_printf(&leaf, ":%d",
				    c->leaf.v[j].port);
		}
		if ((lv = mesh_i_buf_take(&leaf)) == NULL)
			goto done;
		k = mesh_plan_set_label(plan, k, "leaf_routes", lv);
		free(lv);
		if (k != 0)
			goto done;
	}
	err = mesh_plan_resolve(plan, &rd);
	if (err == MESH_ENOMEM)
		goto done;
	for (i = 0; i < rd.n; i++) {
		const struct mesh_diag *d = &rd.v[i];
		struct mesh_i_pos p;

		rt = route_at(plan, d);
		p.file = diag_file(d, plan, cs, rt);
		p.line = d->line;
		p.column = d->column;
		k = d->node != NULL ? mesh_plan_find(plan, d->node) : -1;
		/* A deployment's reader (compose, Kubernetes) warns of a
		 * name that several nodes answer to in its own terms. */
		if (k >= 0 && cs[k].hn != NULL &&
		    strcmp(d->code, "shared-alias") == 0)
			continue;
		if (rt == NULL || k < 0) {
			mesh_i_report(&r->base, d->severity, d->code, &p,
			    d->node, "%s", d->message);
		} else if (strcmp(d->code, "dangling-route") == 0) {
			outside(r, &p, d->node, rt);
			if (nout++ == 0) {
				first_out = rt;
				out_from = k;
			} else if ((same = same_host(rt->host,
			    first_out->host)) < 0) {
				err = MESH_ENOMEM;
				goto done;
			} else if (!same) {
				one_host = 0;
			}
			/* A route of a config without an address is no
			 * clue to where that config's node is. */
			if (strcmp(cs[k].host_source, "name") == 0)
				one_host = 0;
		} else if (strcmp(d->code, "not-clustering") == 0) {
			/* A disabled node's own routes: counted on its
			 * enabled line. */
			if (disabled(&cs[k]))
				continue;
			if ((t = config_at(&r->ix, rt->host, rt->port, 0)) ==
			    -2) {
				err = MESH_ENOMEM;
				goto done;
			}
			if (t < 0 || !disabled(&cs[t])) {
				mesh_i_report(&r->base, d->severity, d->code,
				    &p, d->node, "%s", d->message);
				continue;
			}
			mesh_i_report(&r->base, MESH_WARNING, "not-clustering",
			    &p, d->node, "route from '%s' to '%s' (%s:%d) "
			    "makes no link: '%s' does not listen for routes "
			    "(clustering.enabled: false, %s line %d)", d->node,
			    cs[t].name, rt->host, rt->port, cs[t].name,
			    cs[t].at[K_ENABLED].file, cs[t].at[K_ENABLED].line);
		} else if (strcmp(d->code, "port-mismatch") == 0 &&
		    cs[k].gen == MESH_HARPER_NATS && (t = config_at(&r->ix,
		    rt->host, rt->port, 1)) != -1) {
			if (t == -2) {
				err = MESH_ENOMEM;
				goto done;
			}
			mesh_i_report(&r->base, MESH_WARNING,
			    "route-to-leaf-port", &p, d->node, "route from "
			    "'%s' to %s:%d reaches %s%s leaf-node port "
			    "(clustering.hubServer.leafNodes.network.port), "
			    "which takes leaf connections, not routes: no "
			    "link; use its cluster port %d", d->node, rt->host,
			    rt->port, t == k ? "its own" : cs[t].name, t == k ?
			    "" : "'s", cs[t].port);
		} else {
			mesh_i_report(&r->base, d->severity, d->code, &p,
			    d->node, "%s", d->message);
		}
	}
	explain(r, cs, n, first_out, out_from, nout, one_host);
	if (err != MESH_OK)
		goto done;
	*out = plan;
	plan = NULL;
done:
	mesh_plan_free(plan);
	mesh_diags_clear(&rd);
	return err;
}

/* Check the configs against the limits of limits.h, each problem at its
 * place in its file (the plan builder knows no file for a plan of several
 * configs). Returns 0, or -1 after reporting the first crossing. */
static int
check_limits(struct reader *r, const struct hconf *cs, size_t n)
{
	const struct mesh_limits *l = mesh_limits_get();
	size_t i, j, routes = 0;
	struct mesh_i_pos p;

	for (i = 0; i < n; i++) {
		const struct hconf *c = &cs[i];
		const struct hroutes *rs = c->gen == MESH_HARPER_NATS ?
		    &c->hub : &c->repl;

		p = c->name_at;
		if (p.file == NULL)
			p.file = c->file;
		if (i >= l->nodes) {
			mesh_i_report(&r->base, MESH_ERROR, "too-many-nodes",
			    &p, NULL, "more than %zu node%s (--max-nodes "
			    "raises the limit)", l->nodes,
			    l->nodes == 1 ? "" : "s");
			return -1;
		}
		if (mesh_i_name_too_long(c->name, "node name", r->base.diags,
		    p.file, p.line, p.column) || mesh_i_name_too_long(c->host,
		    "host", r->base.diags, p.file, p.line, p.column)) {
			r->base.errors++;
			return -1;
		}
		for (j = 0; j < rs->n; j++) {
			p = rs->v[j].at;
			if (++routes > l->routes) {
				mesh_i_report(&r->base, MESH_ERROR,
				    "too-many-routes", &p, NULL, "more than "
				    "%zu route%s (--max-routes raises the "
				    "limit)", l->routes,
				    l->routes == 1 ? "" : "s");
				return -1;
			}
			if (mesh_i_name_too_long(rs->v[j].host, "host",
			    r->base.diags, p.file, p.line, p.column)) {
				r->base.errors++;
				return -1;
			}
		}
	}
	return 0;
}

/*
 * Apply c's HARPER_DEFAULT_CONFIG (set 0) or HARPER_SET_CONFIG (set 1): a
 * JSON object shaped like the config. HARPER_SET_CONFIG sets every key it
 * has; HARPER_DEFAULT_CONFIG only the keys nothing has set (nor written
 * as null), its others recorded as lost. Bad JSON is bad-config-json at
 * its place in the value.
 */
static void
apply_json(struct reader *r, struct hconf *c, int set)
{
	static const char *const names[] = { "HARPER_DEFAULT_CONFIG",
		"HARPER_SET_CONFIG" };
	const struct hjson *j = &c->json[set];
	struct mesh_i_hk_origin ho;
	const char *m;
	struct mesh_i_jdoc *jdoc = NULL;
	enum mesh_error err;
	struct mesh_diags jd;
	struct mesh_i_arena arena;
	yaml_document_t doc;
	yaml_node_t *root, *v;
	cJSON *jroot;
	struct mesh_i_pos p;
	struct src o;
	size_t i;
	int k;

	if (j->text == NULL)
		return;
	memset(&o, 0, sizeof(o));
	o.file = j->at.file;
	o.line = j->at.line > 0 ? j->at.line : 1;
	o.column = j->at.column > 0 ? j->at.column : 1;
	o.via = names[set];
	/* Harper parses it with JSON.parse: strict JSON. */
	mesh_diags_init(&jd);
	err = mesh_i_jdoc_load(j->text, j->len, o.file, &jd, NULL, &jdoc,
	    &jroot);
	mesh_i_jdoc_free(jdoc);
	if (err == MESH_ENOMEM)
		r->base.nomem = 1;
	for (i = 0; err == MESH_EINPUT && i < jd.n; i++) {
		if (jd.v[i].severity != MESH_ERROR)
			continue;
		p = mark_at(&o, jd.v[i].line > 0 ? jd.v[i].line - 1 : 0,
		    jd.v[i].column > 0 ? jd.v[i].column - 1 : 0);
		m = jd.v[i].message;
		if (strncmp(m, "invalid JSON: ", 14) == 0)
			m += 14;
		mesh_i_report(&r->base, MESH_ERROR, "bad-config-json", &p,
		    name_so_far(c), "%s (%s) is not valid JSON: %s; Harper "
		    "does not start", names[set], j->var_via ? j->var_via :
		    "environment", m);
	}
	mesh_diags_clear(&jd);
	if (err != MESH_OK)
		return;
	mesh_i_arena_init(&arena);
	if (load_yaml(r, j->text, j->len, &o, "bad-config-json",
	    "the value is not valid JSON: ", &arena, &doc) != 0) {
		mesh_i_arena_free(&arena);
		return;
	}
	o.doc = &doc;
	root = yaml_document_get_root_node(&doc);
	if (root != NULL && root->type != YAML_MAPPING_NODE) {
		p = at(&o, root);
		mesh_i_report(&r->base, MESH_ERROR, "wrong-type", &p,
		    name_so_far(c), "%s must be a JSON object shaped like the "
		    "config, not %s", names[set], type_name(root));
	} else if (root != NULL) {
		r->nreported = 0;
		for (k = 0; k < NKEYS; k++) {
			if ((v = lookup(r, &o, root, key_path[k])) == NULL)
				continue;
			if (!set && (c->set[k] || c->null[k]))
				record(r, c, (enum key)k, at(&o, v), o.via, 1);
			else
				apply(r, &o, c, (enum key)k, v);
		}
		ho.file = o.file;
		ho.line = o.line;
		ho.column = o.column;
		ho.indent = 0;
		if (mesh_i_harper_keys_walk(&doc, &ho, name_so_far(c),
		    r->base.diags) != 0)
			r->base.nomem = 1;
	}
	mesh_i_arena_free(&arena);
}

/* The words of a command line, as read from a file. */
struct words {
	struct mesh_i_harg *v;
	int *vcol;              /* column after the first '=', or 0 */
	size_t n, cap;
};

/* Free the words of w and leave it empty. */
static void
words_free(struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free((char *)(uintptr_t)w->v[i].text);
	free(w->v);
	free(w->vcol);
	memset(w, 0, sizeof(*w));
}

/*
 * Split the len bytes at buf (file) into shell words as sh(1) does for a
 * plain command: blanks and newlines separate, '...' keeps everything,
 * "..." keeps all but \" \\ \$ \` and a backslash-newline, a backslash
 * elsewhere quotes the next character (a backslash-newline joins lines),
 * and # at a word's start comments out the rest of the line. No
 * expansions. An unclosed quote is bad-argument. Words go to w (the
 * caller frees them with words_free()); out of memory: r->base.nomem.
 */
static void
split_words(struct reader *r, const char *buf, size_t len, const char *file,
    struct words *w)
{
	const char *e = buf + len, *s = buf, *q;
	struct mesh_i_buf b;
	struct mesh_i_pos p = { file, 1, 1 }, start;
	int line = 1, col = 1, vcol, inword, quote;

	while (s < e) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			if (*s == '\n')
				line++, col = 1;
			else
				col++;
			s++;
			continue;
		}
		if (*s == '#') {
			while (s < e && *s != '\n')
				s++;
			continue;
		}
		start.file = file;
		start.line = line;
		start.column = col;
		mesh_i_buf_init(&b);
		vcol = 0;
		inword = 1;
		while (inword && s < e) {
			switch (*s) {
			case ' ': case '\t': case '\r': case '\n':
				inword = 0;
				continue;
			case '\\':
				if (s + 1 < e && s[1] == '\n') {
					s += 2, line++, col = 1;
					continue;
				}
				if (s + 1 < e) {
					mesh_i_buf_add(&b, s + 1, 1);
					s += 2, col += 2;
				} else {
					s++, col++;
				}
				continue;
			case '\'':
			case '"':
				quote = *s;
				p.line = line;
				p.column = col;
				for (q = s + 1; q < e && *q != quote; q++)
					if (quote == '"' && *q == '\\' &&
					    q + 1 < e)
						q++;
				if (q == e) {
					mesh_i_report(&r->base, MESH_ERROR,
					    "bad-argument", &p, NULL, "a quote "
					    "that is not closed");
					mesh_i_buf_free(&b);
					return;
				}
				for (s++, col++; s < q; s++, col++) {
					if (quote == '"' && *s == '\\' &&
					    strchr("\"\\$`\n", s[1]) != NULL) {
						s++, col++;
						if (*s == '\n') {
							line++, col = 0;
							continue;
						}
					} else if (*s == '\n') {
						line++, col = 0;
					}
					if (vcol == -1)
						vcol = col;
					mesh_i_buf_add(&b, s, 1);
				}
				s++, col++;
				continue;
			default:
				if (vcol == -1)
					vcol = col;
				if (*s == '=' && vcol == 0)
					vcol = -1;
				mesh_i_buf_add(&b, s, 1);
				s++, col++;
				continue;
			}
		}
		if (w->n == w->cap) {
			size_t cap = w->cap ? 2 * w->cap : 16;
			struct mesh_i_harg *nv = realloc(w->v,
			    cap * sizeof(*nv));
			int *nc = nv ? realloc(w->vcol, cap * sizeof(*nc)) :
			    NULL;

			if (nv != NULL)
				w->v = nv;
			if (nc == NULL) {
				mesh_i_buf_free(&b);
				r->base.nomem = 1;
				return;
			}
			w->vcol = nc;
			w->cap = cap;
		}
		if ((w->v[w->n].text = mesh_i_buf_take(&b)) == NULL) {
			r->base.nomem = 1;
			return;
		}
		w->v[w->n].at = start;
		w->v[w->n].via = "args file";
		w->vcol[w->n++] = vcol > 0 ? vcol : 0;
	}
}

/* Read the command-line file path (--args) and apply its words to c
 * (after the program's name, when the first word is one). */
static void
read_argfile(struct reader *r, const char *path, struct hconf *c)
{
	struct words w;
	size_t len, skip;
	int errors;
	char *buf;

	memset(&w, 0, sizeof(w));
	if ((buf = read_path(r, path, &len)) == NULL)
		return;
	errors = r->base.errors;
	split_words(r, buf, len, path, &w);
	free(buf);
	/* A first word that is no option is the program (harperdb). */
	skip = w.n > 0 && w.v[0].text[0] != '-';
	/* After an unclosed quote, none of the file's words. */
	if (!r->base.nomem && r->base.errors == errors && w.n > skip)
		apply_args(r, c, w.v + skip, w.n - skip, w.vcol + skip);
	words_free(&w);
}

/*
 * The config that spec ("NODE=FILE", of option opt) names: NODE is the
 * name the config gives, or its file's name without extension. Returns
 * its index with *file set, or -1 after reporting.
 */
static int
node_of(struct reader *r, struct hconf *cs, size_t n, const char *spec,
    const char *opt, const char **file)
{
	const char *eq = strchr(spec, '=');
	size_t nl = eq ? (size_t)(eq - spec) : 0, j;
	struct mesh_i_pos p = { NULL, 0, 0 };

	for (j = 0; eq != NULL && j < n; j++) {
		const char *nm = cs[j].nodename ? cs[j].nodename :
		    cs[j].rhost ? cs[j].rhost : cs[j].stem;

		if ((strlen(nm) == nl && strncmp(nm, spec, nl) == 0) ||
		    (strlen(cs[j].stem) == nl && strncmp(cs[j].stem, spec,
		    nl) == 0))
			break;
	}
	if (eq == NULL || nl == 0) {
		mesh_i_report(&r->base, MESH_ERROR, "bad-argument", &p, NULL,
		    "%s '%s' is not NODE=FILE", opt, spec);
		return -1;
	}
	if (j == n) {
		mesh_i_report(&r->base, MESH_ERROR, "unknown-node", &p, NULL,
		    "%s names node '%.*s', which no config has", opt, (int)nl,
		    spec);
		return -1;
	}
	*file = eq + 1;
	return (int)j;
}

/* Read every config (already split into cs[i].file and prefix) from buf
 * (NULL: read the files), apply env files, decide generation, names,
 * hosts and ports, and build the plan into *out. Returns MESH_OK, or an
 * error with the problems in r. */
static enum mesh_error
load(struct reader *r, struct hconf *cs, size_t n, const char *buf,
    size_t buflen, const struct mesh_harper_options *opts,
    struct mesh_plan **out)
{
	enum mesh_harper_generation gen;
	enum mesh_error err = MESH_EINPUT;
	const char *why_key = NULL, *first_key = NULL;
	struct mesh_i_pos why = { NULL, 0, 0 }, first_at = { NULL, 0, 0 };
	size_t i, len, first = 0;
	int *iport = NULL, io = 0, t;
	const char *f;
	char *data;

	for (i = 0; i < n; i++) {
		const struct mesh_i_hnode *hn = cs[i].hn;
		struct src o;

		memset(&o, 0, sizeof(o));
		o.file = cs[i].file;
		o.via = "yaml";
		if (buf != NULL) {
			read_config(r, buf, buflen, &cs[i], &o);
			continue;
		}
		if (hn != NULL && hn->config_file == NULL) {
			if (hn->config_text == NULL)
				continue;
			/* Held in the deployment file: shifted to its
			 * place there. */
			o.line = hn->config_at.line > 0 ?
			    hn->config_at.line : 1;
			o.column = hn->config_at.column > 0 ?
			    hn->config_at.column : 1;
			o.indent = o.column - 1;
			read_config(r, hn->config_text, hn->config_len,
			    &cs[i], &o);
			continue;
		}
		if ((data = read_path(r, cs[i].file, &len)) == NULL) {
			io = 1;
			continue;
		}
		read_config(r, data, len, &cs[i], &o);
		free(data);
	}
	for (i = 0; i < n; i++)
		node_env(r, &cs[i]);
	/* Harper's precedence, lowest first (docs/harper.md): the config;
	 * HARPER_DEFAULT_CONFIG where nothing set the key; the environment's
	 * KEY variables (--env files after the node's own); the command
	 * line (the node's own, then --args files); HARPER_SET_CONFIG. */
	for (i = 0; i < opts->nenvs; i++)
		if ((t = node_of(r, cs, n, opts->envs[i], "--env", &f)) >= 0)
			read_env(r, f, &cs[t]);
	for (i = 0; i < n; i++) {
		apply_json(r, &cs[i], 0);
		if (cs[i].hn != NULL)
			apply_args(r, &cs[i], cs[i].hn->args, cs[i].hn->nargs,
			    NULL);
	}
	for (i = 0; i < opts->nargfiles; i++)
		if ((t = node_of(r, cs, n, opts->argfiles[i], "--args",
		    &f)) >= 0)
			read_argfile(r, f, &cs[t]);
	for (i = 0; i < n; i++)
		apply_json(r, &cs[i], 1);
	if (r->base.nomem)
		return MESH_ENOMEM;
	if (r->base.errors)
		return io && r->base.errors == 1 ? MESH_EIO : MESH_EINPUT;

	/* The generation: forced, or each file's own, all the same. */
	gen = opts->generation;
	for (i = 0; i < n; i++) {
		decide(&cs[i], &why, &why_key);
		if (opts->generation != MESH_HARPER_AUTO) {
			cs[i].gen = opts->generation;
			continue;
		}
		if (cs[i].gen == MESH_HARPER_AUTO)
			continue;
		if (gen == MESH_HARPER_AUTO) {
			gen = cs[i].gen;
			first = i;
			first_at = why;
			first_key = why_key;
		} else if (cs[i].gen != gen) {
			mesh_i_report(&r->base, MESH_ERROR, "mixed-generations",
			    &why, NULL, "this config uses %s ('%s'), but %s "
			    "uses %s ('%s' on line %d); give configs of one "
			    "generation, or --generation", gen_name(cs[i].gen),
			    why_key, cs[first].file, gen_name(gen), first_key,
			    first_at.line);
		}
	}
	for (i = 0; i < n && gen == MESH_HARPER_AUTO; i++) {
		struct mesh_i_pos p = { cs[i].file, 0, 0 };

		if (cs[i].hn != NULL && cs[i].hn->config_file == NULL)
			p = cs[i].hn->at;
		mesh_i_report(&r->base, MESH_ERROR, "unknown-generation", &p,
		    NULL, "sets neither clustering.nodeName or routes nor any "
		    "replication key: give --generation nats|replication");
	}
	if (r->base.errors)
		return MESH_EINPUT;
	for (i = 0; i < n; i++)
		if (cs[i].gen == MESH_HARPER_AUTO)
			cs[i].gen = gen;
	other_generation(r, cs, n);

	name_configs(r, cs, n);
	if (r->base.nomem)
		return MESH_ENOMEM;
	if (r->base.errors)
		return MESH_EINPUT;
	/* The host: replication.hostname (or url), HOST=, the inventory,
	 * the name. */
	for (i = 0; i < n; i++) {
		struct hconf *c = &cs[i];
		const char *h = NULL;

		if (c->gen == MESH_HARPER_REPLICATION && c->rhost != NULL)
			h = c->rhost, c->host_source = "replication.hostname";
		else if (c->gen == MESH_HARPER_REPLICATION &&
		    c->urlhost != NULL)
			h = c->urlhost, c->host_source = "replication.url";
		else if (c->prefix != NULL)
			h = c->prefix, c->host_source = c->hn != NULL ?
			    "deployment" : "prefix";
		if (h != NULL && (c->host = dup(r, h)) == NULL)
			return MESH_ENOMEM;
		c->port = c->gen == MESH_HARPER_NATS ? (c->hubport ?
		    c->hubport : NATS_PORT) : repl_port(c);
	}
	if ((iport = calloc(n, sizeof(*iport))) == NULL)
		return MESH_ENOMEM;
	if (opts->inventory != NULL)
		read_inventory(r, opts->inventory, cs, iport);
	for (i = 0; i < n; i++) {
		if (iport[i])
			cs[i].port = iport[i];
		if (cs[i].host == NULL) {
			if ((cs[i].host = dup(r, cs[i].name)) == NULL)
				break;
			cs[i].host_source = "name";
		}
	}
	free(iport);
	if (r->base.nomem)
		return MESH_ENOMEM;
	/* A host given as one (replication.hostname, HOST=) must be one, as
	 * in a plan; the inventory's are checked as read. A host that is
	 * the node's name is taken as it is, as the plan reader does. */
	for (i = 0; i < n; i++) {
		struct hconf *c = &cs[i];
		struct mesh_i_pos p = { c->file, 0, 0 };
		int prefix = strcmp(c->host_source, "prefix") == 0 ||
		    strcmp(c->host_source, "deployment") == 0;

		if (!prefix && strcmp(c->host_source,
		    "replication.hostname") != 0)
			continue;
		if (!prefix)
			p = c->at[K_RHOST];
		else if (c->hn != NULL)
			p = c->hn->at;
		if (good_host(c->host)) {
			ipv4_hook(r, p, c->name, c->host);
			continue;
		}
		mesh_i_report(&r->base, MESH_ERROR, "bad-host", &p, c->name,
		    "host '%s' (from %s) is not an IP address or DNS name",
		    c->host, !prefix ? c->host_source : c->hn != NULL ?
		    "the deployment file" : "HOST=");
	}
	if (r->base.errors || check_limits(r, cs, n) != 0)
		return MESH_EINPUT;
	if (index_hosts(&r->ix, cs, n) != 0)
		return MESH_ENOMEM;
	err = build(r, cs, n, out);
	return r->base.nomem ? MESH_ENOMEM : err;
}

/*
 * The end of every entry point: free the n configs cs (and the array
 * itself when it is the heap's: n configs of a calloc) and r's index of
 * them, sort diags, and turn a load that ran out of memory on the way
 * into MESH_ENOMEM, *out NULL. Returns what the entry point returns.
 */
static enum mesh_error
finish(struct reader *r, struct hconf *cs, size_t n, int heap,
    enum mesh_error err, struct mesh_diags *diags, struct mesh_plan **out)
{
	size_t i;

	index_free(&r->ix);
	for (i = 0; i < n; i++)
		conf_free(&cs[i]);
	if (heap)
		free(cs);
	mesh_diags_sort(diags);
	if (err == MESH_OK && r->base.nomem) {
		mesh_plan_free(*out);
		*out = NULL;
		err = MESH_ENOMEM;
	}
	return err;
}

enum mesh_error
mesh_harper_load(const char *const *args, size_t n,
    const struct mesh_harper_options *opts, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	static const struct mesh_harper_options none;
	enum mesh_error err = MESH_ENOMEM;
	struct reader r;
	struct hconf *cs;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.base.diags = diags;
	if (n == 0)
		return MESH_EINVAL;
	if ((cs = calloc(n, sizeof(*cs))) == NULL)
		return MESH_ENOMEM;
	for (i = 0; i < n; i++)
		if (split_arg(args[i], &cs[i]) != 0)
			goto done;
	err = load(&r, cs, n, NULL, 0, opts ? opts : &none, out);
done:
	return finish(&r, cs, n, 1, err, diags, out);
}

enum mesh_error
mesh_harper_parse(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	static const struct mesh_harper_options none;
	enum mesh_error err = MESH_ENOMEM;
	struct reader r;
	struct hconf c;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	r.base.diags = diags;
	/* No HOST= here: the name is the file's own. */
	if ((c.file = strdup(file ? file : "config.yaml")) != NULL)
		c.stem = stem_of(c.file);
	if (c.file != NULL && c.stem != NULL)
		err = load(&r, &c, 1, buf, len, &none, out);
	return finish(&r, &c, 1, 0, err, diags, out);
}


enum mesh_error
mesh_i_harper_build(const struct mesh_i_hnode *nodes, size_t n,
    const char *file, const struct mesh_harper_options *opts,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	static const struct mesh_harper_options none;
	enum mesh_error err = MESH_ENOMEM;
	const struct mesh_i_hnode *hn;
	struct reader r;
	struct hconf *cs;
	const char *f;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.base.diags = diags;
	r.plan_file = file;
	r.own_file = 1;
	if (n == 0)
		return MESH_EINVAL;
	if ((cs = calloc(n, sizeof(*cs))) == NULL)
		return MESH_ENOMEM;
	for (i = 0; i < n; i++) {
		hn = &nodes[i];
		cs[i].hn = hn;
		f = hn->config_file != NULL ? hn->config_file :
		    hn->config_text != NULL && hn->config_at.file != NULL ?
		    hn->config_at.file : hn->at.file != NULL ? hn->at.file :
		    file != NULL ? file : "-";
		if ((cs[i].file = strdup(f)) == NULL ||
		    (cs[i].stem = strdup(hn->name)) == NULL ||
		    (hn->nhosts > 0 && (cs[i].prefix =
		    strdup(hn->hosts[0])) == NULL))
			goto done;
	}
	err = load(&r, cs, n, NULL, 0, opts ? opts : &none, out);
done:
	return finish(&r, cs, n, 1, err, diags, out);
}
