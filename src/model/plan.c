/* plan.c: the plan model: nodes, routes, and resolving routes into links. */
#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meshsim/meshsim.h"
#include "read/readers.h"
#include "base/bigmem.h"
#include "base/map.h"
#include "base/util.h"
#include "model/settings.h"

/* Name lookup, the text of names, hosts and labels, and the watch the
 * plan was made under. */
struct mesh_plan_index {
	struct mesh_i_imap names;         /* name -> node */
	/* Routes and labels of the nodes, in bulk (mesh_i_plan_reserve()):
	 * a node's array lies in a pool while it grows at the pool's top,
	 * and moves to its own malloc'd array otherwise. */
	struct mesh_route *rpool;
	size_t rpool_cap, rpool_used;
	struct mesh_label *lpool;
	size_t lpool_cap, lpool_used;
	struct mesh_i_arena text;         /* every node's strings */
	unsigned long watch;            /* its serial; 0: none */
	struct node_extra *extra;       /* per node, what few plans have;
					 * NULL until the first is set */
	size_t nextra;
};

/* What a reader of configs knows of a node beyond its host and routes:
 * aliases (strings in the text arena) and route sources. */
struct node_extra {
	const char **aliases;
	size_t naliases;
	struct mesh_source *sources;    /* per route; {NULL, NULL}: none */
	size_t nsources;
	struct mesh_i_setting *settings;        /* settings.h */
	size_t nsettings;
	const char *file;       /* where the node is written, or NULL */
};

/* The innermost watch begun and not ended, and the last serial given. */
static struct mesh_i_watch *watching;
static unsigned long watch_serial;

void
mesh_i_watch_begin(struct mesh_i_watch *w, struct mesh_diags *diags)
{
	w->diags = diags;
	w->nomem = diags->nomem;
	w->crossed = 0;
	w->serial = ++watch_serial;
	w->outer = watching;
	watching = w;
}

enum mesh_error
mesh_i_watch_end(struct mesh_i_watch *w, enum mesh_error err)
{
	watching = w->outer;
	if (w->crossed == 0)
		return err;
	w->diags->nomem = w->nomem;
	return MESH_EINPUT;
}

/* The watch that p was made under, when it is still on; else NULL. */
static struct mesh_i_watch *
watch_of(const struct mesh_plan *p)
{
	struct mesh_i_watch *w;

	for (w = watching; w != NULL; w = w->outer)
		if (w->serial == p->index->watch)
			return w;
	return NULL;
}

int
mesh_i_name_too_long(const char *name, const char *what,
    struct mesh_diags *diags, const char *file, int line, int column)
{
	size_t max = mesh_limits_get()->name_bytes, n = strlen(name), show;

	if (n <= max)
		return 0;
	/* Its first 40 bytes or so, cut between characters. */
	for (show = 40; show < n && ((unsigned char)name[show] & 0xc0) == 0x80;
	    show++)
		;
	mesh_diags_add(diags, MESH_ERROR, "name-too-long", file, line, column,
	    NULL, "%s '%.*s%s' is %zu bytes long, more than the limit of %zu "
	    "(--max-name-length raises it)", what, (int)show, name,
	    show < n ? "..." : "", n, max);
	return 1;
}

/*
 * Whether adding a node (node set) or a route to p, with name (may be
 * NULL) and host, at line:column, would cross a limit of p's watch: then
 * the first such crossing is reported and 1 returned.
 */
static int
crosses(struct mesh_plan *p, int node, const char *name, const char *host,
    int line, int column)
{
	const struct mesh_limits *l = mesh_limits_get();
	struct mesh_i_watch *w = watch_of(p);

	if (w == NULL)
		return 0;
	if (w->crossed > 0)
		return 1;
	if (node && p->nnodes >= l->nodes)
		mesh_diags_add(w->diags, MESH_ERROR, "too-many-nodes", p->file,
		    line, column, NULL, "more than %zu node%s (--max-nodes "
		    "raises the limit)", l->nodes, l->nodes == 1 ? "" : "s");
	else if (!node && p->nroutes >= l->routes)
		mesh_diags_add(w->diags, MESH_ERROR, "too-many-routes",
		    p->file, line, column, NULL, "more than %zu route%s "
		    "(--max-routes raises the limit)", l->routes,
		    l->routes == 1 ? "" : "s");
	else if (!(name != NULL && mesh_i_name_too_long(name, "node name",
	    w->diags, p->file, line, column)) && !(host != NULL &&
	    mesh_i_name_too_long(host, "host", w->diags, p->file, line,
	    column)))
		return 0;
	w->crossed++;
	return 1;
}

/* Whether v lies in the bytes bytes at pool. */
static int
in_pool(const void *v, const void *pool, size_t bytes)
{
	uintptr_t a = (uintptr_t)v, b = (uintptr_t)pool;

	return pool != NULL && a >= b && a < b + bytes;
}

/* Whether node idx of the plan ctx has the name key. */
static int
same_name(const void *ctx, int idx, const void *key)
{
	const struct mesh_plan *p = ctx;

	return strcmp(p->nodes[idx].name, key) == 0;
}

int
mesh_i_plan_reserve(struct mesh_plan *p, size_t nodes, size_t routes,
    size_t labels)
{
	const struct mesh_limits *l = mesh_limits_get();
	struct mesh_plan_index *x = p->index;

	/* No more than the limits let in (and one over, to cross them). */
	if (nodes > l->nodes)
		nodes = l->nodes + 1;
	if (routes > l->routes)
		routes = l->routes + 1;
	if (labels > routes + nodes)
		labels = routes + nodes;
	if (nodes > (size_t)INT_MAX - 1)
		nodes = (size_t)INT_MAX - 1;
	if (p->nnodes != 0 || x->rpool != NULL || x->lpool != NULL)
		return 0;
	if (nodes > p->nodes_cap) {
		struct mesh_node *v = realloc(p->nodes, nodes * sizeof(*v));

		if (v == NULL)
			return -1;
		p->nodes = v;
		p->nodes_cap = nodes;
		mesh_i_advise_huge(v, nodes * sizeof(*v));
	}
	if (mesh_i_imap_reserve(&x->names, nodes) != 0)
		return -1;
	if (routes > 0) {
		if ((x->rpool = malloc(routes * sizeof(*x->rpool))) == NULL)
			return -1;
		x->rpool_cap = routes;
		mesh_i_advise_huge(x->rpool, routes * sizeof(*x->rpool));
	}
	if (labels > 0) {
		if ((x->lpool = malloc(labels * sizeof(*x->lpool))) == NULL)
			return -1;
		x->lpool_cap = labels;
		mesh_i_advise_huge(x->lpool, labels * sizeof(*x->lpool));
	}
	return 0;
}

struct mesh_plan *
mesh_i_plan_fork(struct mesh_plan *a, size_t nodes, size_t routes,
    size_t labels)
{
	struct mesh_plan_index *x = a->index, *y;
	struct mesh_plan *b;

	if ((b = mesh_plan_new(NULL, a->file)) == NULL)
		return NULL;
	y = b->index;
	y->watch = 0;
	if (nodes > (size_t)INT_MAX - 1)
		nodes = (size_t)INT_MAX - 1;
	if (nodes > 0 && ((b->nodes = malloc(nodes * sizeof(*b->nodes))) ==
	    NULL || mesh_i_imap_reserve(&y->names, nodes) != 0)) {
		mesh_plan_free(b);
		return NULL;
	}
	b->nodes_cap = nodes;
	mesh_i_advise_huge(b->nodes, nodes * sizeof(*b->nodes));
	if (x->rpool != NULL && routes < x->rpool_cap &&
	    x->rpool_used <= routes) {
		y->rpool = x->rpool + routes;
		y->rpool_cap = x->rpool_cap - routes;
		x->rpool_cap = routes;
	}
	if (x->lpool != NULL && labels < x->lpool_cap &&
	    x->lpool_used <= labels) {
		y->lpool = x->lpool + labels;
		y->lpool_cap = x->lpool_cap - labels;
		x->lpool_cap = labels;
	}
	return b;
}

/* Whether a's watch, if on, lets b's nodes and routes in after a's. */
static int
join_within_limits(const struct mesh_plan *a, const struct mesh_plan *b)
{
	const struct mesh_limits *l = mesh_limits_get();
	size_t i, j;

	if (watch_of(a) == NULL)
		return 1;
	if (a->nnodes + b->nnodes > l->nodes ||
	    a->nroutes + b->nroutes > l->routes)
		return 0;
	for (i = 0; i < b->nnodes; i++) {
		const struct mesh_node *n = &b->nodes[i];

		if (strlen(n->name) > l->name_bytes ||
		    strlen(n->host) > l->name_bytes)
			return 0;
		for (j = 0; j < n->nroutes; j++)
			if (strlen(n->routes[j].host) > l->name_bytes)
				return 0;
	}
	return 1;
}

/* How many names ahead mesh_i_plan_join() fetches a's slots. */
#define AHEAD   8

int
mesh_i_plan_join(struct mesh_plan *a, struct mesh_plan *b, int take)
{
	struct mesh_plan_index *x = a->index, *y = b->index;
	struct {
		uint64_t h;
		int node;
	} *k = NULL;
	size_t i, nk = 0, n = a->nnodes;
	int rc = 1;

	/* a's pools whole again: b's routes and labels in them are then
	 * a's pool's, as if a had read them (or free again for a's own,
	 * when b's nodes are not taken). */
	if (y->rpool != NULL)
		x->rpool_cap += y->rpool_cap;
	if (y->lpool != NULL)
		x->lpool_cap += y->lpool_cap;
	if (!take || y->nextra > 0 || !join_within_limits(a, b) ||
	    y->names.len != b->nnodes)
		goto done;
	rc = -1;
	if ((k = malloc((b->nnodes + 1) * sizeof(*k))) == NULL)
		goto done;
	/* b's names with the hash bits b's map holds, in its slot order:
	 * none is hashed again, and a's slot for each is fetched ahead. */
	for (i = 0, nk = 0; i < y->names.cap; i++)
		if ((k[nk].node = mesh_i_imap_slot(&y->names, i, &k[nk].h)) >=
		    0)
			nk++;
	for (i = 0; i < nk; i++) {
		if (i + AHEAD < nk)
			mesh_i_imap_prefetch(&x->names, k[i + AHEAD].h);
		if (mesh_i_imap_get(&x->names, k[i].h, same_name, a,
		    b->nodes[k[i].node].name) >= 0) {
			rc = 1;
			goto done;
		}
	}
	if (n + b->nnodes > a->nodes_cap) {
		struct mesh_node *v = realloc(a->nodes, (n + b->nnodes) *
		    sizeof(*v));

		if (v == NULL)
			goto done;
		a->nodes = v;
		a->nodes_cap = n + b->nnodes;
	}
	if (mesh_i_imap_reserve(&x->names, n + b->nnodes) != 0)
		goto done;
	memcpy(a->nodes + n, b->nodes, b->nnodes * sizeof(*b->nodes));
	for (i = 0; i < nk; i++) {
		if (i + AHEAD < nk)
			mesh_i_imap_prefetch(&x->names, k[i + AHEAD].h);
		(void)mesh_i_imap_put(&x->names, k[i].h, same_name, a,
		    b->nodes[k[i].node].name, (int)n + k[i].node);
	}
	a->nnodes += b->nnodes;
	a->nroutes += b->nroutes;
	if (y->rpool != NULL)
		x->rpool_used = (size_t)(y->rpool - x->rpool) + y->rpool_used;
	if (y->lpool != NULL)
		x->lpool_used = (size_t)(y->lpool - x->lpool) + y->lpool_used;
	mesh_i_arena_adopt(&x->text, &y->text);
	b->nnodes = 0;          /* a's now, with their text */
	rc = 0;
done:
	/* Routes and labels of b's nodes that are not a's now: those in
	 * the pools are the pools', the rest b's own. */
	for (i = 0; i < b->nnodes; i++) {
		struct mesh_node *m = &b->nodes[i];

		if (!in_pool(m->routes, x->rpool, x->rpool_cap *
		    sizeof(struct mesh_route)))
			free(m->routes);
		if (!in_pool(m->labels, x->lpool, x->lpool_cap *
		    sizeof(struct mesh_label)))
			free(m->labels);
	}
	b->nnodes = 0;
	y->rpool = NULL;
	y->lpool = NULL;
	mesh_plan_free(b);
	free(k);
	return rc;
}

struct mesh_plan *
mesh_plan_new(const char *name, const char *file)
{
	struct mesh_plan *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->index = calloc(1, sizeof(*p->index));
	p->name = name ? strdup(name) : NULL;
	p->file = file ? strdup(file) : NULL;
	if (p->index == NULL || (name && !p->name) || (file && !p->file)) {
		mesh_plan_free(p);
		return NULL;
	}
	mesh_i_imap_init(&p->index->names);
	mesh_i_arena_init(&p->index->text);
	p->index->watch = watching != NULL ? watching->serial : 0;
	return p;
}

void
mesh_plan_free(struct mesh_plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nnodes; i++) {
		struct mesh_node *n = &p->nodes[i];

		if (p->index == NULL || !in_pool(n->routes, p->index->rpool,
		    p->index->rpool_cap * sizeof(struct mesh_route)))
			free(n->routes);
		if (p->index == NULL || !in_pool(n->labels, p->index->lpool,
		    p->index->lpool_cap * sizeof(struct mesh_label)))
			free(n->labels);
	}
	if (p->index != NULL) {
		free(p->index->rpool);
		free(p->index->lpool);
		for (i = 0; i < p->index->nextra; i++) {
			free(p->index->extra[i].aliases);
			free(p->index->extra[i].sources);
			free(p->index->extra[i].settings);
		}
		free(p->index->extra);
		mesh_i_imap_free(&p->index->names);
		mesh_i_arena_free(&p->index->text);
	}
	free(p->index);
	for (i = 0; i < p->nsteps; i++) {
		free(p->steps[i].nodes);
		mesh_expect_clear(&p->steps[i].expect);
	}
	free(p->steps);
	for (i = 0; i < p->nwhatifs; i++) {
		free(p->whatifs[i].name);
		free(p->whatifs[i].down);
		mesh_expect_clear(&p->whatifs[i].expect);
	}
	free(p->whatifs);
	free(p->nodes);
	free(p->links);
	free(p->name);
	free(p->file);
	free(p);
}

int
mesh_plan_add_node(struct mesh_plan *p, const char *name, const char *host,
    int port, int line, int column)
{
	return mesh_i_plan_add_node_hashed(p, name, mesh_i_map_hash(name, 0),
	    host, port, line, column);
}

int
mesh_i_plan_add_node_hashed(struct mesh_plan *p, const char *name,
    uint64_t h, const char *host, int port, int line, int column)
{
	struct mesh_node *n;
	int idx;

	if (p->nnodes >= (size_t)INT_MAX - 1 ||
	    crosses(p, 1, name, host, line, column))
		return -1;
	if (p->nnodes == p->nodes_cap) {
		size_t cap = p->nodes_cap ? p->nodes_cap * 2 : 16;
		struct mesh_node *v = realloc(p->nodes, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		p->nodes = v;
		p->nodes_cap = cap;
	}
	idx = (int)p->nnodes;
	n = &p->nodes[idx];
	memset(n, 0, sizeof(*n));
	n->name = mesh_i_arena_strdup(&p->index->text, name);
	n->host = host == NULL ? n->name :
	    mesh_i_arena_strdup(&p->index->text, host);
	n->port = port;
	n->availability = -1;
	n->line = line;
	n->column = column;
	/* On failure, what the arena holds is freed with the plan. */
	if (n->name == NULL || n->host == NULL)
		return -1;
	switch (mesh_i_imap_put(&p->index->names, h, same_name, p, n->name,
	    idx)) {
	case -1:
		p->nnodes++;
		return idx;
	case -2:
		return -1;
	default:        /* the name is taken */
		return -2;
	}
}

uint64_t
mesh_i_plan_prefetch_name(const struct mesh_plan *p, const char *name)
{
	uint64_t h = mesh_i_map_hash(name, 0);

	mesh_i_imap_prefetch(&p->index->names, h);
	return h;
}

int
mesh_plan_add_route(struct mesh_plan *p, int node, const char *host,
    int port, int line, int column)
{
	struct mesh_node *n = &p->nodes[node];
	struct mesh_plan_index *x = p->index;
	struct mesh_route *r;

	if (crosses(p, 0, NULL, host, line, column))
		return -1;
	if (n->nroutes == n->routes_cap && x->rpool_used < x->rpool_cap &&
	    (n->routes == NULL || n->routes + n->nroutes ==
	    x->rpool + x->rpool_used)) {
		/* The node's routes grow at the pool's top. */
		if (n->routes == NULL)
			n->routes = x->rpool + x->rpool_used;
		x->rpool_used++;
		n->routes_cap++;
	} else if (n->nroutes == n->routes_cap) {
		size_t cap = n->routes_cap ? n->routes_cap * 2 : 4;
		int pooled = in_pool(n->routes, x->rpool,
		    x->rpool_cap * sizeof(*x->rpool));
		struct mesh_route *v = pooled ? malloc(cap * sizeof(*v)) :
		    realloc(n->routes, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		if (pooled)     /* the pool keeps the old copy */
			memcpy(v, n->routes, n->nroutes * sizeof(*v));
		n->routes = v;
		n->routes_cap = cap;
	}
	r = &n->routes[n->nroutes];
	if ((r->host = mesh_i_arena_strdup(&p->index->text, host)) == NULL)
		return -1;
	r->port = port;
	r->line = line;
	r->column = column;
	r->target = -1;
	n->nroutes++;
	p->nroutes++;
	return 0;
}

/* The extra record of node, made (with those before it) when missing;
 * NULL when out of memory. */
static struct node_extra *
extra_of(struct mesh_plan *p, int node)
{
	struct mesh_plan_index *x = p->index;

	if ((size_t)node >= x->nextra) {
		size_t n = p->nnodes > (size_t)node ? p->nnodes : (size_t)node + 1;
		struct node_extra *v = realloc(x->extra, n * sizeof(*v));

		if (v == NULL)
			return NULL;
		memset(v + x->nextra, 0, (n - x->nextra) * sizeof(*v));
		x->extra = v;
		x->nextra = n;
	}
	return &x->extra[node];
}

int
mesh_plan_set_route_source(struct mesh_plan *p, int node, size_t route,
    const char *file, const char *via)
{
	struct node_extra *e = extra_of(p, node);
	struct mesh_source *s;

	if (e == NULL)
		return -1;
	if (route >= e->nsources) {
		size_t n = p->nodes[node].nroutes > route ?
		    p->nodes[node].nroutes : route + 1;

		if ((s = realloc(e->sources, n * sizeof(*s))) == NULL)
			return -1;
		memset(s + e->nsources, 0, (n - e->nsources) * sizeof(*s));
		e->sources = s;
		e->nsources = n;
	}
	s = &e->sources[route];
	s->file = NULL;
	if (file != NULL &&
	    (s->file = mesh_i_arena_strdup(&p->index->text, file)) == NULL)
		return -1;
	s->via = via;
	return 0;
}

const struct mesh_source *
mesh_plan_route_source(const struct mesh_plan *p, int node, size_t route)
{
	const struct mesh_plan_index *x = p->index;
	const struct mesh_source *s;

	if (node < 0 || (size_t)node >= x->nextra ||
	    route >= x->extra[node].nsources)
		return NULL;
	s = &x->extra[node].sources[route];
	return s->file == NULL && s->via == NULL ? NULL : s;
}

int
mesh_plan_set_node_file(struct mesh_plan *p, int node, const char *file)
{
	struct node_extra *e = extra_of(p, node);

	if (e == NULL ||
	    (e->file = mesh_i_arena_strdup(&p->index->text, file)) == NULL)
		return -1;
	return 0;
}

const char *
mesh_plan_node_file(const struct mesh_plan *p, int node)
{
	const struct mesh_plan_index *x = p->index;

	if (node < 0 || (size_t)node >= x->nextra)
		return NULL;
	return x->extra[node].file;
}

int
mesh_plan_add_alias(struct mesh_plan *p, int node, const char *host)
{
	struct node_extra *e;
	const char **v, *h;

	if (crosses(p, 0, NULL, host, p->nodes[node].line,
	    p->nodes[node].column))
		return -1;
	if ((e = extra_of(p, node)) == NULL)
		return -1;
	if ((v = realloc(e->aliases, (e->naliases + 1) * sizeof(*v))) == NULL)
		return -1;
	e->aliases = v;
	if ((h = mesh_i_arena_strdup(&p->index->text, host)) == NULL)
		return -1;
	e->aliases[e->naliases++] = h;
	return 0;
}

size_t
mesh_plan_aliases(const struct mesh_plan *p, int node,
    const char *const **out)
{
	const struct mesh_plan_index *x = p->index;

	if (node < 0 || (size_t)node >= x->nextra) {
		*out = NULL;
		return 0;
	}
	*out = x->extra[node].aliases;
	return x->extra[node].naliases;
}

/* Room for one more label of n: at the top of the label pool when its
 * labels end there (or it has none), else in its own malloc'd array.
 * Returns 1, or 0 when out of memory (n unaltered). */
static int
grow_labels(struct mesh_plan_index *x, struct mesh_node *n)
{
	struct mesh_label *v;

	if (x->lpool_used < x->lpool_cap && (n->labels == NULL ||
	    n->labels + n->nlabels == x->lpool + x->lpool_used)) {
		if (n->labels == NULL)
			n->labels = x->lpool + x->lpool_used;
		x->lpool_used++;
		return 1;
	}
	if (in_pool(n->labels, x->lpool, x->lpool_cap * sizeof(*v))) {
		if ((v = malloc((n->nlabels + 1) * sizeof(*v))) == NULL)
			return 0;
		memcpy(v, n->labels, n->nlabels * sizeof(*v));
	} else if ((v = realloc(n->labels, (n->nlabels + 1) *
	    sizeof(*v))) == NULL) {
		return 0;
	}
	n->labels = v;
	return 1;
}

int
mesh_plan_set_label(struct mesh_plan *p, int node, const char *key,
    const char *value)
{
	struct mesh_node *n = &p->nodes[node];
	struct mesh_label *v;
	char *k, *val;
	size_t i;

	/* The text lives in the plan's arena: a replaced value stays
	 * there until the plan is freed. */
	if ((val = mesh_i_arena_strdup(&p->index->text, value)) == NULL)
		return -1;
	for (i = 0; i < n->nlabels; i++) {
		int c = strcmp(n->labels[i].key, key);

		if (c == 0) {
			n->labels[i].value = val;
			return 0;
		}
		if (c > 0)
			break;
	}
	if ((k = mesh_i_arena_strdup(&p->index->text, key)) == NULL)
		return -1;
	if (!grow_labels(p->index, n))
		return -1;
	v = n->labels;
	memmove(&v[i + 1], &v[i], (n->nlabels - i) * sizeof(*v));
	v[i].key = k;
	v[i].value = val;
	n->nlabels++;
	return 0;
}

const char *
mesh_node_label(const struct mesh_node *n, const char *key)
{
	size_t lo = 0, hi = n->nlabels;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(n->labels[mid].key, key);

		if (c == 0)
			return n->labels[mid].value;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void
mesh_expect_clear(struct mesh_expect *e)
{
	if (e == NULL)
		return;
	free(e->isolated);
	free(e->cut_off);
	memset(e, 0, sizeof(*e));
}

const char *
mesh_event_name(enum mesh_event ev)
{
	switch (ev) {
	case MESH_EVENT_START:          return "start";
	case MESH_EVENT_STOP:           return "stop";
	case MESH_EVENT_RESTART:        return "restart";
	case MESH_EVENT_CUT:            return "cut";
	case MESH_EVENT_HEAL:           return "heal";
	}
	return "unknown";
}

/* A node to sort by name; prefix holds the name's first eight bytes,
 * big-endian and padded with zeros, so that most comparisons never touch
 * the names themselves. */
struct named_node {
	uint64_t prefix;
	const char *name;
	int v;
};

static int
named_node_cmp(const void *pa, const void *pb)
{
	const struct named_node *a = pa, *b = pb;

	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	/* Equal prefixes: a name shorter than eight bytes ends inside it,
	 * so both names are equal; else the rest decides. */
	if ((a->prefix & 0xff) == 0)
		return 0;
	return strcmp(a->name + 8, b->name + 8);
}

/* From this many nodes on, sort_prefixes() and not qsort() alone. */
#define RADIX_FROM      1024

/*
 * Sort the n nodes of t by prefix, stably: a counting sort a byte, least
 * significant first, skipping the bytes that every prefix shares; tmp
 * has room for n. Then each run of equal prefixes of names longer than
 * eight bytes by the rest of the names. Over 100,000 names, qsort()
 * alone took 6 to 8 ms, the longest step of an analysis on its thread;
 * this takes about 1.5.
 */
static void
sort_prefixes(struct named_node *t, struct named_node *tmp, size_t n)
{
	size_t count[8][256];   /* 16 KiB */
	struct named_node *from = t, *to = tmp, *x;
	size_t i, j, sum;
	int b;

	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		for (b = 0; b < 8; b++)
			count[b][(t[i].prefix >> (8 * b)) & 0xff]++;
	for (b = 0; b < 8; b++) {
		if (count[b][(t[0].prefix >> (8 * b)) & 0xff] == n)
			continue;
		for (j = 0, sum = 0; j < 256; j++) {
			size_t c = count[b][j];

			count[b][j] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[b][(from[i].prefix >> (8 * b)) & 0xff]++] =
			    from[i];
		x = from;
		from = to;
		to = x;
	}
	if (from != t)
		memcpy(t, from, n * sizeof(*t));
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && t[j].prefix == t[i].prefix; j++)
			;
		if (j - i > 1 && (t[i].prefix & 0xff) != 0)
			qsort(t + i, j - i, sizeof(*t), named_node_cmp);
	}
}

int
mesh_plan_sort_nodes(const struct mesh_plan *p, int *v, size_t n)
{
	struct named_node *t = malloc((2 * n + 1) * sizeof(*t));
	size_t i;

	if (t == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const unsigned char *s;
		uint64_t k = 0;
		int b;

		t[i].name = p->nodes[v[i]].name;
		t[i].v = v[i];
		s = (const unsigned char *)t[i].name;
		for (b = 0; b < 8; b++) {
			k = k << 8 | *s;
			if (*s != '\0')
				s++;
		}
		t[i].prefix = k;
	}
	if (n >= RADIX_FROM)
		sort_prefixes(t, t + n, n);
	else
		qsort(t, n, sizeof(*t), named_node_cmp);
	for (i = 0; i < n; i++)
		v[i] = t[i].v;
	free(t);
	return 0;
}

int
mesh_plan_find(const struct mesh_plan *p, const char *name)
{
	return mesh_i_imap_get(&p->index->names, mesh_i_map_hash(name, 0),
	    same_name, p, name);
}

/* The length of host normalized: without one trailing dot. */
static size_t
normal_length(const char *host)
{
	size_t n = strlen(host);

	return n > 1 && host[n - 1] == '.' ? n - 1 : n;
}

/* The first n bytes of host in lower case into out (room for n + 1);
 * returns out. */
static char *
normal_copy(const char *host, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)host[i]);
	out[n] = '\0';
	return out;
}

char *
mesh_i_host_normal(const char *host)
{
	size_t n = normal_length(host);
	char *s;

	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	return normal_copy(host, n, s);
}

/*
 * host made lower case and without one trailing dot: host itself when
 * it is so already, else into buf (size bytes) when it fits, else into a
 * malloc'd copy also left in *spill for the caller to free (*spill is
 * NULL otherwise). Returns NULL when out of memory.
 */
static const char *
host_normal(const char *host, char *buf, size_t size, char **spill)
{
	size_t n = normal_length(host), i;

	*spill = NULL;
	/* Already normal, as most hosts are: host itself. */
	for (i = 0; i < n && !(host[i] >= 'A' && host[i] <= 'Z'); i++)
		;
	if (i == n && host[n] == '\0')
		return host;
	if (n >= size)
		return *spill = mesh_i_host_normal(host);
	return normal_copy(host, n, buf);
}

/* Sort the links (a, b) by a then b and drop repeats. Returns the number
 * of distinct links, or -1 when out of memory. */
static long
links_sort_unique(int *links, size_t nlinks, size_t nnodes)
{
	size_t i, out = 0;

	if (mesh_i_sort_pairs(links, nlinks, NULL, nnodes) != 0)
		return -1;
	for (i = 0; i < nlinks; i++) {
		if (out > 0 && links[2 * out - 2] == links[2 * i] &&
		    links[2 * out - 1] == links[2 * i + 1])
			continue;
		links[2 * out] = links[2 * i];
		links[2 * out + 1] = links[2 * i + 1];
		out++;
	}
	return (long)out;
}

/* How many routes ahead of its lookup a route's slot is prefetched. */
#define LOOKUP_AHEAD    16

/*
 * The endpoints a route can reach: each node's (host, port), in node
 * order, then each alias (host, its node's port), hosts normalized. Two
 * index maps over them, first come first kept: by (host, port) for ports
 * other than 0, and by host alone (the first endpoint of a host, which is
 * also what port 0 finds), made only when some lookup needs it.
 */
struct endpoint {
	const char *host;       /* normalized */
	int port;
	int node;
};

struct endpoints {
	struct endpoint *v;
	uint64_t *hash;         /* of (host, port), per endpoint */
	size_t n;
	struct mesh_i_imap by_port;
	struct mesh_i_imap by_host;
	int has_by_host;        /* by_host is made */
};

/* A key of the endpoint maps. */
struct endpoint_key {
	const char *host;
	int port;
};

static int
same_endpoint(const void *ctx, int idx, const void *key)
{
	const struct endpoint *e = &((const struct endpoints *)ctx)->v[idx];
	const struct endpoint_key *k = key;

	return e->port == k->port && strcmp(e->host, k->host) == 0;
}

static int
same_host(const void *ctx, int idx, const void *key)
{
	return strcmp(((const struct endpoints *)ctx)->v[idx].host, key) == 0;
}

/* Make the by-host map, once. Returns 0, or -1 when out of memory. */
static int
endpoints_by_host(struct endpoints *ep)
{
	size_t i;

	if (ep->has_by_host)
		return 0;
	if (mesh_i_imap_reserve(&ep->by_host, ep->n) != 0)
		return -1;
	for (i = 0; i < ep->n; i++)
		if (mesh_i_imap_put(&ep->by_host, mesh_i_map_hash(ep->v[i].host,
		    0), same_host, ep, ep->v[i].host, (int)i) == -2)
			return -1;
	ep->has_by_host = 1;
	return 0;
}

/* The first endpoint at host (normalized), any port: its index, -1 when
 * none, -2 when out of memory. */
static int
first_at_host(struct endpoints *ep, const char *host)
{
	if (endpoints_by_host(ep) != 0)
		return -2;
	return mesh_i_imap_get(&ep->by_host, mesh_i_map_hash(host, 0),
	    same_host, ep, host);
}

/* The node of first_at_host(); -1 when none, -2 when out of memory. */
static int
endpoint_of_host(struct endpoints *ep, const char *host)
{
	int e = first_at_host(ep, host);

	return e < 0 ? e : ep->v[e].node;
}

/* The endpoint a route to (host, port) reaches (host normalized, h its
 * hash with port; port 0: the host's first): its index, -1 when none, -2
 * when out of memory. */
static int
endpoint_index(struct endpoints *ep, const char *host, int port, uint64_t h)
{
	struct endpoint_key k = { host, port };

	if (port == 0)
		return first_at_host(ep, host);
	return mesh_i_imap_get(&ep->by_port, h, same_endpoint, ep, &k);
}

/* What a lookup on a second thread gives a route of port 0, which needs
 * the by-host map (made on first use): looked up again after the join. */
#define LATER   (-3)

/* The node at (host, port) (host normalized, h its hash with port); -1
 * when none, -2 when out of memory, LATER for port 0 when shared (the
 * maps are then only read). */
static int
endpoint_at(struct endpoints *ep, const char *host, int port, uint64_t h,
    int shared)
{
	int e;

	if (port == 0 && shared)
		return LATER;
	e = endpoint_index(ep, host, port, h);
	return e < 0 ? e : ep->v[e].node;
}

/* A route whose endpoint is being looked up. */
struct pending {
	struct mesh_route *r;
	uint64_t h;
	int likely;             /* the endpoint its slot names, or -1 */
	const char *host;       /* normalized: the route's, buf or long_host */
	char *long_host;
	char buf[256];
};

/* The second and third steps of a route's prefetch: the endpoint its
 * slot names, then that endpoint's host. */
static void
prefetch_endpoint(const struct endpoints *ep, struct pending *e)
{
	e->likely = mesh_i_imap_peek(&ep->by_port, e->h);
#if defined(__GNUC__)
	if (e->likely >= 0)
		__builtin_prefetch(&ep->v[e->likely]);
#endif
}

static void
prefetch_host(const struct endpoints *ep, const struct pending *e)
{
#if defined(__GNUC__)
	if (e->likely >= 0)
		__builtin_prefetch(ep->v[e->likely].host);
#else
	(void)ep;
	(void)e;
#endif
}

/*
 * Set the target of every route of nodes from .. to - 1 to the node at
 * its (host, port), or -1 (LATER for port 0 when shared: the maps are
 * then only read, as another thread reads them too). The lookups are
 * pipelined so that a plan of millions of routes does not wait on memory
 * for each: a route's slot is prefetched LOOKUP_AHEAD routes before it is
 * read, the endpoint the slot names half as many, and that endpoint's
 * host a quarter. Returns 0, or -1 when out of memory.
 */
static int
lookup_routes(struct mesh_plan *p, struct endpoints *ep, size_t from,
    size_t to, int shared)
{
	struct pending q[LOOKUP_AHEAD];
	size_t issued = 0, finished = 0, ni = from, nj = 0, k;
	int rc = -1;

	for (;;) {
		while (issued - finished < LOOKUP_AHEAD) {
			struct pending *e = &q[issued % LOOKUP_AHEAD];

			while (ni < to && nj == p->nodes[ni].nroutes) {
				ni++;
				nj = 0;
			}
			if (ni == to)
				break;
			e->r = &p->nodes[ni].routes[nj++];
			if ((e->host = host_normal(e->r->host, e->buf,
			    sizeof(e->buf), &e->long_host)) == NULL)
				goto done;
			e->h = mesh_i_map_hash(e->host, e->r->port);
			e->likely = -1;
			mesh_i_imap_prefetch(&ep->by_port, e->h);
			issued++;
			if (issued - finished > LOOKUP_AHEAD / 2)
				prefetch_endpoint(ep, &q[(issued - 1 -
				    LOOKUP_AHEAD / 2) % LOOKUP_AHEAD]);
			if (issued - finished > 3 * LOOKUP_AHEAD / 4)
				prefetch_host(ep, &q[(issued - 1 -
				    3 * LOOKUP_AHEAD / 4) % LOOKUP_AHEAD]);
		}
		if (finished == issued)
			break;
		k = finished % LOOKUP_AHEAD;
		q[k].r->target = endpoint_at(ep, q[k].host, q[k].r->port,
		    q[k].h, shared);
		free(q[k].long_host);
		finished++;
		if (q[k].r->target == -2)
			goto done;
	}
	rc = 0;
done:
	for (; finished < issued; finished++)
		free(q[finished % LOOKUP_AHEAD].long_host);
	return rc;
}

/* Plans of this many routes or more have them looked up by two threads,
 * each for half the nodes (documented in plan.h); tests lower it. */
static size_t two_threads = 65536;

void
mesh_i_plan_lookup_threshold(size_t routes)
{
	two_threads = routes;
}

struct lookup_job {
	struct mesh_plan *p;
	struct endpoints *ep;
	size_t from, to;
	int rc;
};

static void *
lookup_job(void *arg)
{
	struct lookup_job *j = arg;

	j->rc = lookup_routes(j->p, j->ep, j->from, j->to, 1);
	return NULL;
}

/*
 * lookup_routes() for every node: on two threads for a large plan, the
 * second taking the nodes from the one that starts the second half of
 * the routes; both only read the maps, and routes of port 0 are looked
 * up after the join. The targets are what one thread would set. Returns
 * 0, or -1 when out of memory.
 */
static int
lookup_all_routes(struct mesh_plan *p, struct endpoints *ep)
{
	struct lookup_job job = { p, ep, 0, p->nnodes, -1 };
	pthread_t worker;
	size_t i, j, seen = 0;
	int rc;

	if (p->nroutes < two_threads)
		return lookup_routes(p, ep, 0, p->nnodes, 0);
	for (i = 0; i < p->nnodes && seen < p->nroutes / 2; i++)
		seen += p->nodes[i].nroutes;
	job.from = i;
	if (pthread_create(&worker, NULL, lookup_job, &job) != 0)
		return lookup_routes(p, ep, 0, p->nnodes, 0);
	rc = lookup_routes(p, ep, 0, job.from, 1);
	pthread_join(worker, NULL);
	if (rc != 0 || job.rc != 0)
		return -1;
	for (i = 0; i < p->nnodes; i++)
		for (j = 0; j < p->nodes[i].nroutes; j++) {
			struct mesh_route *r = &p->nodes[i].routes[j];
			char buf[256], *long_host;
			const char *h;

			if (r->target != LATER)
				continue;
			if ((h = host_normal(r->host, buf, sizeof(buf),
			    &long_host)) == NULL)
				return -1;
			r->target = endpoint_of_host(ep, h);
			free(long_host);
			if (r->target == -2)
				return -1;
		}
	return 0;
}

/* The normalized copy of host in text, or host itself when already
 * normal; NULL when out of memory. */
static const char *
normal_in(struct mesh_i_arena *text, const char *host)
{
	char buf[256], *long_host, *c;
	const char *h = host_normal(host, buf, sizeof(buf), &long_host);

	if (h == host || h == NULL)
		return h;
	c = mesh_i_arena_strdup(text, h);
	free(long_host);
	return c;
}

/* Of an alias endpoint: how many other nodes have its alias (and port),
 * and the last of them counted. */
struct share {
	unsigned n;
	int last;
};

/*
 * Warn (shared-alias) at each route of p that made a link through an
 * alias that other nodes have too (shares[e].n: how many other nodes have
 * endpoint e's alias, as the endpoints were indexed): DNS answers such a
 * name with any of them, and the plan links the route to the first only,
 * the worst case for failover. Returns 0, or -1 when out of memory.
 */
static int
shared_alias_routes(const struct mesh_plan *p, struct endpoints *ep,
    const struct share *shares, struct mesh_diags *diags)
{
	size_t i, j;

	for (i = 0; i < p->nnodes; i++) {
		const struct mesh_node *nd = &p->nodes[i];

		for (j = 0; j < nd->nroutes; j++) {
			const struct mesh_route *r = &nd->routes[j];
			char buf[256], *long_host;
			const char *h;
			int e;

			if (r->target < 0)
				continue;
			if ((h = host_normal(r->host, buf, sizeof(buf),
			    &long_host)) == NULL)
				return -1;
			e = endpoint_index(ep, h, r->port,
			    mesh_i_map_hash(h, r->port));
			free(long_host);
			if (e == -2)
				return -1;
			if (e < (int)p->nnodes || shares[e].n == 0)
				continue;
			mesh_diags_add(diags, MESH_WARNING, "shared-alias",
			    p->file, r->line, r->column, nd->name, "route "
			    "from '%s' to %s:%d reaches whichever of the %u "
			    "nodes with that alias answers (DNS gives any of "
			    "them): meshsim links it to '%s' only, the worst "
			    "case for failover; route to each node's own host "
			    "to see what losing one does", nd->name, r->host,
			    r->port, shares[e].n + 1,
			    p->nodes[r->target].name);
		}
	}
	return 0;
}

enum mesh_error
mesh_plan_resolve(struct mesh_plan *p, struct mesh_diags *diags)
{
	enum mesh_error err = MESH_ENOMEM;
	struct endpoints ep;
	struct mesh_i_arena text;         /* the normalized hosts */
	int *mark = NULL, *links = NULL, port0 = 0;
	struct share *shares = NULL;    /* per endpoint; NULL: none */
	size_t i, j, n = p->nnodes, nlinks = 0;
	long distinct;
	int errors = 0;

	memset(&ep, 0, sizeof(ep));
	mesh_i_imap_init(&ep.by_port);
	mesh_i_imap_init(&ep.by_host);
	mesh_i_arena_init(&text);
	for (i = 0; i < p->index->nextra; i++)
		n += p->index->extra[i].naliases;
	ep.v = malloc((n + 1) * sizeof(*ep.v));
	ep.hash = malloc((n + 1) * sizeof(*ep.hash));
	mark = malloc((p->nnodes + 1) * sizeof(*mark));
	links = malloc((p->nroutes * 2 + 1) * sizeof(*links));
	if (ep.v == NULL || ep.hash == NULL || mark == NULL || links == NULL)
		goto done;
	mesh_i_advise_huge(ep.v, n * sizeof(*ep.v));
	mesh_i_advise_huge(links, p->nroutes * 2 * sizeof(*links));

	/* The endpoints: the nodes' own, then the aliases, so that a
	 * node's own host wins. */
	for (i = 0; i < p->nnodes; i++) {
		struct endpoint *e = &ep.v[ep.n++];

		if ((e->host = normal_in(&text, p->nodes[i].host)) == NULL)
			goto done;
		e->port = p->nodes[i].port;
		e->node = (int)i;
		port0 |= e->port == 0;
		mark[i] = -1;
	}
	for (i = 0; i < p->index->nextra; i++) {
		const struct node_extra *x = &p->index->extra[i];

		for (j = 0; j < x->naliases; j++) {
			struct endpoint *e = &ep.v[ep.n++];

			if ((e->host = normal_in(&text, x->aliases[j])) == NULL)
				goto done;
			e->port = p->nodes[i].port;
			e->node = (int)i;
		}
	}
	for (i = 0; i < ep.n; i++)
		ep.hash[i] = mesh_i_map_hash(ep.v[i].host, ep.v[i].port);
	if (mesh_i_imap_reserve(&ep.by_port, ep.n) != 0 ||
	    (port0 && endpoints_by_host(&ep) != 0))
		goto done;
	for (i = 0; i < ep.n; i++) {
		struct endpoint_key k = { ep.v[i].host, ep.v[i].port };
		int other, oe;

		if (i + LOOKUP_AHEAD < ep.n)
			mesh_i_imap_prefetch(&ep.by_port,
			    ep.hash[i + LOOKUP_AHEAD]);
		if (k.port == 0) {
			/* Port 0 is "any port": the host's first. */
			oe = mesh_i_imap_get(&ep.by_host,
			    mesh_i_map_hash(k.host, 0), same_host, &ep, k.host);
			if (oe >= 0 && (size_t)oe >= i)
				oe = -1;
		} else if ((oe = mesh_i_imap_put(&ep.by_port, ep.hash[i],
		    same_endpoint, &ep, &k, (int)i)) == -2) {
			goto done;
		}
		other = oe >= 0 ? ep.v[oe].node : -1;
		if (oe >= (int)p->nnodes && other != ep.v[i].node) {
			/* An alias of two nodes: a route to it reaches
			 * either (shared_alias_routes()). A node's aliases
			 * are together, so one it lists twice is seen by
			 * the node last counted. */
			if (shares == NULL &&
			    (shares = calloc(ep.n, sizeof(*shares))) == NULL)
				goto done;
			if (shares[oe].n == 0 ||
			    shares[oe].last != ep.v[i].node) {
				shares[oe].n++;
				shares[oe].last = ep.v[i].node;
			}
		}
		if (other >= 0 && i < p->nnodes) {
			struct mesh_node *nd = &p->nodes[i];

			mesh_diags_add(diags, MESH_ERROR, "duplicate-endpoint",
			    p->file, nd->line, nd->column, nd->name,
			    "node '%s' has the same host and port (%s:%d) as "
			    "node '%s'", nd->name, nd->host, nd->port,
			    p->nodes[other].name);
			errors++;
		}
	}
	if (lookup_all_routes(p, &ep) != 0)
		goto done;

	for (i = 0; i < p->nnodes; i++) {
		struct mesh_node *nd = &p->nodes[i];

		for (j = 0; j < nd->nroutes; j++) {
			struct mesh_route *r = &nd->routes[j];
			int t = r->target, same = -1;

			r->target = -1;
			if (t < 0) {
				char buf[256], *long_host;
				const char *h = host_normal(r->host, buf,
				    sizeof(buf), &long_host);

				if (h == NULL)
					goto done;
				same = endpoint_of_host(&ep, h);
				free(long_host);
				if (same == -2)
					goto done;
			}
			if (t < 0 && same >= 0) {
				mesh_diags_add(diags, MESH_WARNING,
				    "port-mismatch", p->file, r->line,
				    r->column, nd->name, "route from '%s' to "
				    "%s:%d: node '%s' has that host but port "
				    "%d; no link", nd->name, r->host, r->port,
				    p->nodes[same].name,
				    p->nodes[same].port);
			} else if (t < 0) {
				mesh_diags_add(diags, MESH_WARNING,
				    "dangling-route", p->file, r->line,
				    r->column, nd->name, "route from '%s' to "
				    "%s:%d names no node in the plan",
				    nd->name, r->host, r->port);
			} else if ((size_t)t == i) {
				mesh_diags_add(diags, MESH_WARNING,
				    "self-route", p->file, r->line, r->column,
				    nd->name, "node '%s' routes to itself "
				    "(%s:%d); ignored", nd->name, r->host,
				    r->port);
			} else if (nd->no_cluster || p->nodes[t].no_cluster) {
				int off = nd->no_cluster ? (int)i : t;

				mesh_diags_add(diags, MESH_WARNING,
				    "not-clustering", p->file, r->line,
				    r->column, nd->name, "route from '%s' to "
				    "'%s' (%s:%d): node '%s' does not join the "
				    "cluster (clustering: false)%s; no link",
				    nd->name, p->nodes[t].name, r->host,
				    r->port, p->nodes[off].name, off == t ?
				    ": nothing listens there" : "");
			} else if (mark[t] == (int)i) {
				mesh_diags_add(diags, MESH_WARNING,
				    "duplicate-route", p->file, r->line,
				    r->column, nd->name, "node '%s' lists its "
				    "route to '%s' more than once", nd->name,
				    p->nodes[t].name);
			} else {
				mark[t] = (int)i;
				r->target = t;
				links[2 * nlinks] = (int)i < t ? (int)i : t;
				links[2 * nlinks + 1] = (int)i < t ? t : (int)i;
				nlinks++;
			}
		}
	}

	if (shares != NULL && shared_alias_routes(p, &ep, shares, diags) != 0)
		goto done;
	if ((distinct = links_sort_unique(links, nlinks, p->nnodes)) < 0)
		goto done;
	free(p->links);
	p->links = links;
	p->nlinks = (size_t)distinct;
	links = NULL;
	err = errors ? MESH_EINPUT : MESH_OK;
done:
	mesh_i_arena_free(&text);
	free(ep.v);
	free(ep.hash);
	free(mark);
	free(links);
	free(shares);
	mesh_i_imap_free(&ep.by_port);
	mesh_i_imap_free(&ep.by_host);
	return err;
}

int
mesh_format_from_name(const char *name)
{
	if (strcmp(name, "auto") == 0)
		return MESH_FORMAT_AUTO;
	if (strcmp(name, "json") == 0)
		return MESH_FORMAT_JSON;
	if (strcmp(name, "gml") == 0)
		return MESH_FORMAT_GML;
	if (strcmp(name, "graphml") == 0)
		return MESH_FORMAT_GRAPHML;
	if (strcmp(name, "edgelist") == 0)
		return MESH_FORMAT_EDGELIST;
	if (strcmp(name, "ncol") == 0)
		return MESH_FORMAT_NCOL;
	if (strcmp(name, "harper") == 0)
		return MESH_FORMAT_HARPER;
	if (strcmp(name, "compose") == 0)
		return MESH_FORMAT_COMPOSE;
	if (strcmp(name, "kubernetes") == 0)
		return MESH_FORMAT_KUBERNETES;
	if (strcmp(name, "nats") == 0)
		return MESH_FORMAT_NATS;
	return -1;
}

const char *
mesh_cluster_name(enum mesh_cluster c)
{
	switch (c) {
	case MESH_CLUSTER_HARPER_NATS:
		return "harper-nats";
	case MESH_CLUSTER_HARPER_REPLICATION:
		return "harper-replication";
	case MESH_CLUSTER_UNSAID:
		break;
	}
	return NULL;
}

const char *
mesh_format_name(enum mesh_format format)
{
	static const char *const names[] = { "auto", "json", "gml",
		"graphml", "edgelist", "ncol", "harper", "compose", "kubernetes",
		"nats" };

	return (unsigned)format < sizeof(names) / sizeof(names[0]) ?
	    names[format] : "auto";
}

int
mesh_i_plan_add_setting(struct mesh_plan *p, int node,
    const struct mesh_i_setting *s)
{
	struct node_extra *e = extra_of(p, node);
	struct mesh_i_setting *v, c = *s;

	if (e == NULL)
		return -1;
	if (c.file != NULL &&
	    (c.file = mesh_i_arena_strdup(&p->index->text, c.file)) == NULL)
		return -1;
	if ((v = realloc(e->settings, (e->nsettings + 1) * sizeof(*v))) ==
	    NULL)
		return -1;
	e->settings = v;
	e->settings[e->nsettings++] = c;
	return 0;
}

size_t
mesh_i_plan_settings(const struct mesh_plan *p, int node,
    const struct mesh_i_setting **out)
{
	const struct mesh_plan_index *x = p->index;

	if (node < 0 || (size_t)node >= x->nextra) {
		*out = NULL;
		return 0;
	}
	*out = x->extra[node].settings;
	return x->extra[node].nsettings;
}
