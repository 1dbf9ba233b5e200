/* sarif.c: `check --format sarif`: diagnostics and findings as a SARIF 2.1.0 log (docs/ci.md). */
#include <stdlib.h>
#include <string.h>

#include "meshsim/meshsim.h"
#include "meshsim/ci.h"
#include "out/json_writer.h"
#include "base/util.h"

/* Where the rules' help pages are: docs/ of the meshsim the log names.
 * Set MESH_DOCS_URI when building (CFLAGS=-DMESH_DOCS_URI=...) to the
 * address the documentation is published at; the default is a reserved
 * name (RFC 2606) that says no such address was given. */
#ifndef MESH_DOCS_URI
#define MESH_DOCS_URI "https://meshsim.invalid/docs/"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* The findings: their rule ids, what each is, and its page anchor. */
enum kind {
	K_PARTITION,
	K_SPOF,
	K_JOIN_DEPENDENCY,
	K_CANNOT_JOIN,
	K_BRIDGE,
	K_COUNT
};

static const struct {
	const char *id;
	const char *text;
} kinds[K_COUNT] = {
	{ "partition", "The up nodes are split: some cannot reach the "
	    "others" },
	{ "single-point-of-failure", "A node whose loss splits the rest "
	    "of the plan" },
	{ "join-dependency", "Replication: a node on every route path by "
	    "which others join the cluster" },
	{ "cannot-join", "Replication: an up node with no route path to "
	    "the cluster" },
	{ "bridge", "A link whose loss splits the plan" }
};

/* The rules of the log, sorted by id: diagnostic codes and finding
 * kinds that occur. */
struct rules {
	const char **id;
	size_t n;
};

struct sarif {
	struct mesh_i_jw w;
	const struct mesh_analysis *a;
	const struct mesh_sarif_options *o;
	struct rules rules;
	const char *input;      /* the file read, or NULL */
};

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Whether finding kind k occurs. */
static int
occurs(const struct sarif *s, enum kind k)
{
	const struct mesh_analysis *a = s->a;
	const struct mesh_replication *r = s->o->repl;

	switch (k) {
	case K_PARTITION:
		return r ? !mesh_replication_running_ok(r) : !a->connected;
	case K_SPOF:
		return r == NULL && a->ncutpoints > 0;
	case K_JOIN_DEPENDENCY:
		return r != NULL && r->ndeps > 0;
	case K_CANNOT_JOIN:
		return r != NULL && r->ncannot_join > 0;
	case K_BRIDGE:
		return a->nbridges > 0;
	case K_COUNT:
		break;
	}
	return 0;
}

/* The rule ids into s->rules: each code of d and each kind occurring,
 * once, sorted. Returns 0, or -1 when out of memory (nothing held). */
static int
collect_rules(struct sarif *s, const struct mesh_diags *d)
{
	size_t n = d ? d->n : 0, i, k, m = 0;
	const char **id;

	if ((id = calloc(n + K_COUNT + 1, sizeof(*id))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		id[m++] = d->v[i].code;
	for (k = 0; k < K_COUNT; k++)
		if (occurs(s, (enum kind)k))
			id[m++] = kinds[k].id;
	qsort(id, m, sizeof(*id), cmp_str);
	for (i = k = 0; i < m; i++)
		if (k == 0 || strcmp(id[k - 1], id[i]) != 0)
			id[k++] = id[i];
	s->rules.id = id;
	s->rules.n = k;
	return 0;
}

static size_t
rule_index(const struct sarif *s, const char *id)
{
	const char **at = bsearch(&id, s->rules.id, s->rules.n,
	    sizeof(*s->rules.id), cmp_str);

	return at != NULL ? (size_t)(at - s->rules.id) : 0;
}

/* The kind with rule id, or K_COUNT for a diagnostic code. */
static enum kind
kind_of(const char *id)
{
	size_t k;

	for (k = 0; k < K_COUNT; k++)
		if (strcmp(kinds[k].id, id) == 0)
			return (enum kind)k;
	return K_COUNT;
}

/* tool.driver: the name, version, address and the rules. */
static void
put_driver(struct sarif *s)
{
	struct mesh_i_jw *w = &s->w;
	size_t i;

	mesh_i_jw_object(w, "tool", MESH_I_JW_LINES);
	mesh_i_jw_object(w, "driver", MESH_I_JW_LINES);
	mesh_i_jw_string(w, "name", "meshsim");
	mesh_i_jw_string(w, "version", MESH_VERSION);
	mesh_i_jw_string(w, "semanticVersion", MESH_VERSION);
	mesh_i_jw_string(w, "informationUri", MESH_DOCS_URI "index.md");
	mesh_i_jw_array(w, "rules", MESH_I_JW_LINES);
	for (i = 0; i < s->rules.n; i++) {
		const char *id = s->rules.id[i];
		enum kind k = kind_of(id);
		struct mesh_i_buf t;
		char *text;

		mesh_i_buf_init(&t);
		if (k == K_COUNT)
			mesh_i_buf_printf(&t, "A problem with the input: "
			    "diagnostic %s", id);
		else
			mesh_i_buf_puts(&t, kinds[k].text);
		text = mesh_i_buf_take(&t);
		if (text == NULL)
			s->w.b->failed = 1;
		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_string(w, "id", id);
		mesh_i_jw_object(w, "shortDescription", MESH_I_JW_INLINE);
		mesh_i_jw_string(w, "text", text ? text : "");
		mesh_i_jw_end(w);
		free(text);
		mesh_i_buf_init(&t);
		/* Put, not printed: the address may hold '%'. */
		mesh_i_buf_puts(&t, MESH_DOCS_URI);
		mesh_i_buf_puts(&t, k == K_COUNT ? "diagnostics.md" : "ci.md#");
		if (k != K_COUNT)
			mesh_i_buf_puts(&t, id);
		if ((text = mesh_i_buf_take(&t)) == NULL)
			s->w.b->failed = 1;
		mesh_i_jw_string(w, "helpUri", text ? text : "");
		free(text);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
	mesh_i_jw_end(w);
	mesh_i_jw_end(w);
}

/* Whether byte c stands for itself in a URI path. */
static int
uri_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("-._~/!$&'()*+,;=@", c) != NULL;
}

/*
 * path as a URI reference: relative to base when under it, else as given
 * when relative, else a file:// URI; "./" dropped; bytes outside the
 * path characters (':' too: "a:b" would read as a scheme) percent
 * encoded. Returns a string the caller frees, or NULL when out of memory.
 */
static char *
file_uri(const char *path, const char *base)
{
	struct mesh_i_buf b;
	size_t n;

	mesh_i_buf_init(&b);
	if (base != NULL && path[0] == '/' && (n = strlen(base)) > 0) {
		while (n > 1 && base[n - 1] == '/')
			n--;
		if (n == 1 && base[0] == '/')
			path++;
		else if (strncmp(path, base, n) == 0 && path[n] == '/')
			path += n + 1;
	}
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			continue;
	if (path[0] == '/')
		mesh_i_buf_puts(&b, "file://");
	for (; *path != '\0'; path++) {
		unsigned char c = (unsigned char)*path;

		if (uri_plain(c))
			mesh_i_buf_add(&b, path, 1);
		else
			mesh_i_buf_printf(&b, "%%%02X", c);
	}
	return mesh_i_buf_take(&b);
}

/* "locations": file, with its region when line > 0 (its column too when
 * column > 0); none when file is NULL. */
static void
put_locations(struct sarif *s, const char *file, int line, int column)
{
	struct mesh_i_jw *w = &s->w;
	char *uri;

	if (file == NULL)
		return;
	if ((uri = file_uri(file, s->o->base_dir)) == NULL) {
		w->b->failed = 1;
		return;
	}
	mesh_i_jw_array(w, "locations", MESH_I_JW_INLINE);
	mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
	mesh_i_jw_object(w, "physicalLocation", MESH_I_JW_INLINE);
	mesh_i_jw_object(w, "artifactLocation", MESH_I_JW_INLINE);
	mesh_i_jw_string(w, "uri", uri);
	mesh_i_jw_end(w);
	if (line > 0) {
		mesh_i_jw_object(w, "region", MESH_I_JW_INLINE);
		mesh_i_jw_int(w, "startLine", line);
		if (column > 0)
			mesh_i_jw_int(w, "startColumn", column);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
	mesh_i_jw_end(w);
	mesh_i_jw_end(w);
	free(uri);
}

/* One result: rule id, level, the message text (NULL: out of memory,
 * which marks the log failed) and where. */
static void
put_result(struct sarif *s, const char *id, const char *level,
    const char *text, const char *file, int line, int column)
{
	struct mesh_i_jw *w = &s->w;

	if (text == NULL) {
		w->b->failed = 1;
		return;
	}
	mesh_i_jw_object(w, NULL, MESH_I_JW_LINES);
	mesh_i_jw_string(w, "ruleId", id);
	mesh_i_jw_uint(w, "ruleIndex", rule_index(s, id));
	mesh_i_jw_string(w, "level", level);
	mesh_i_jw_object(w, "message", MESH_I_JW_INLINE);
	mesh_i_jw_string(w, "text", text);
	mesh_i_jw_end(w);
	put_locations(s, file, line, column);
	mesh_i_jw_end(w);
}

/* The file that defines node v, *at set when the node's line and column
 * are in it: the file its reader recorded, else the plan's; else the
 * input, with no position. */
static const char *
node_file(const struct sarif *s, int v, int *at)
{
	const char *f = mesh_plan_node_file(s->a->plan, v);

	*at = 1;
	if (f != NULL)
		return f;
	if (s->a->plan->file != NULL)
		return s->a->plan->file;
	*at = 0;
	return s->input;
}

/* A result about node v (text freed here): at the node when its file is
 * known, else at the input. */
static void
put_node_result(struct sarif *s, const char *id, const char *level,
    char *text, int v)
{
	const struct mesh_node *n = &s->a->plan->nodes[v];
	int at;
	const char *file = node_file(s, v, &at);

	put_result(s, id, level, text, file, at ? n->line : 0,
	    at ? n->column : 0);
	free(text);
}

/* Names v[0 .. nlisted - 1] of size in all, then "and N more". */
static void
names(struct mesh_i_buf *b, const struct mesh_plan *p, const int *v,
    size_t nlisted, size_t size)
{
	size_t i;

	for (i = 0; i < nlisted; i++)
		mesh_i_buf_printf(b, "%s%s", i ? ", " : "",
		    p->nodes[v[i]].name);
	if (size > nlisted)
		mesh_i_buf_printf(b, " and %zu more", size - nlisted);
}

/* The level of a finding of kind k: "error" when it alone makes check
 * fail at the --fail-on level, else "warning" ("note" for a bridge). */
static const char *
level(const struct sarif *s, enum kind k)
{
	enum mesh_fail_level need = k == K_PARTITION ? MESH_FAIL_PARTITION :
	    k == K_BRIDGE ? MESH_FAIL_BRIDGE : MESH_FAIL_SPOF;

	if (s->o->fail_on != MESH_FAIL_NEVER && s->o->fail_on >= need)
		return "error";
	return k == K_BRIDGE ? "note" : "warning";
}

/* The split, as one result at the input. */
static void
put_partition(struct sarif *s)
{
	const struct mesh_analysis *a = s->a;
	const struct mesh_replication *r = s->o->repl;
	struct mesh_i_buf b;
	char *t;

	if (!occurs(s, K_PARTITION))
		return;
	t = r ? mesh_replication_running_text(r) : mesh_split_text(a);
	mesh_i_buf_init(&b);
	if (r != NULL)
		mesh_i_buf_printf(&b, "running cluster (replication): %s",
		    t ? t : "");
	else {
		mesh_i_buf_printf(&b, "SPLIT: %s; cut off: ", t ? t : "");
		names(&b, a->plan, a->cut_off, a->ncut_off <
		    MESH_GROUP_NAMES_MAX ? a->ncut_off : MESH_GROUP_NAMES_MAX,
		    a->ncut_off);
	}
	if (t == NULL)
		b.failed = 1;
	free(t);
	t = mesh_i_buf_take(&b);
	put_result(s, "partition", level(s, K_PARTITION), t, s->input, 0, 0);
	free(t);
}

static void
put_spofs(struct sarif *s)
{
	const struct mesh_analysis *a = s->a;
	size_t i;

	if (!occurs(s, K_SPOF))
		return;
	for (i = 0; i < a->ncutpoints; i++) {
		const struct mesh_cutpoint *cp = &a->cutpoints[i];
		struct mesh_i_buf b;
		char *t = mesh_cutpoint_text(a, cp);

		mesh_i_buf_init(&b);
		mesh_i_buf_printf(&b, "single point of failure: losing node "
		    "'%s' %s", a->plan->nodes[cp->node].name, t ? t : "");
		if (t == NULL)
			b.failed = 1;
		free(t);
		put_node_result(s, "single-point-of-failure",
		    level(s, K_SPOF), mesh_i_buf_take(&b), cp->node);
	}
}

/* The replication model's join verdict: nodes that cannot join, then the
 * join dependencies. */
static void
put_joining(struct sarif *s)
{
	const struct mesh_replication *r = s->o->repl;
	const struct mesh_plan *p = s->a->plan;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ncannot_join; i++) {
		struct mesh_i_buf b;

		mesh_i_buf_init(&b);
		mesh_i_buf_printf(&b, "node '%s' cannot join the cluster: no "
		    "route path through up nodes leads from it to the "
		    "cluster", p->nodes[r->cannot_join[i]].name);
		put_node_result(s, "cannot-join", level(s, K_CANNOT_JOIN),
		    mesh_i_buf_take(&b), r->cannot_join[i]);
	}
	for (i = 0; i < r->ndeps; i++) {
		const struct mesh_repl_dependency *d = &r->deps[i];
		struct mesh_i_buf b;

		mesh_i_buf_init(&b);
		mesh_i_buf_printf(&b, "join dependency: while node '%s' is "
		    "down, %zu %s cannot join: ", p->nodes[d->node].name,
		    d->size, d->size == 1 ? "node" : "nodes");
		names(&b, p, r->names + d->first, d->nlisted, d->size);
		put_node_result(s, "join-dependency",
		    level(s, K_JOIN_DEPENDENCY), mesh_i_buf_take(&b), d->node);
	}
}

/* A route with a position, under the link it would make: the pair of
 * its ends, lower index first. */
struct link_route {
	int lo, hi;
	int node;               /* the node storing it */
	size_t route;
};

static int
cmp_link_route(const void *x, const void *y)
{
	const struct link_route *a = x, *b = y;

	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->node != b->node)
		return a->node < b->node ? -1 : 1;
	return a->route < b->route ? -1 : a->route > b->route;
}

/* Every route with a position and a target, sorted by link, then by the
 * node storing it and its place, into *out (an array of *n the caller
 * frees; NULL when there are none). Linear but for the sort, so that each
 * bridge finds its route by bisection. Returns 0, or -1 when out of
 * memory (*out NULL). */
static int
link_routes(const struct mesh_plan *p, struct link_route **out, size_t *n)
{
	struct link_route *v;
	size_t i, j, m = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < p->nnodes; i++)
		m += p->nodes[i].nroutes;
	if (m == 0)
		return 0;
	if ((v = calloc(m, sizeof(*v))) == NULL)
		return -1;
	m = 0;
	for (i = 0; i < p->nnodes; i++)
		for (j = 0; j < p->nodes[i].nroutes; j++) {
			const struct mesh_route *r = &p->nodes[i].routes[j];
			int t = r->target;

			if (t < 0 || r->line <= 0 || t == (int)i)
				continue;
			v[m].lo = t < (int)i ? t : (int)i;
			v[m].hi = t < (int)i ? (int)i : t;
			v[m].node = (int)i;
			v[m].route = j;
			m++;
		}
	qsort(v, m, sizeof(*v), cmp_link_route);
	*out = v;
	*n = m;
	return 0;
}

/* The route of v[0 .. n-1] that makes the link x -- y: the first x stores,
 * else the first y stores; NULL when none. */
static const struct link_route *
find_route(const struct link_route *v, size_t n, int x, int y)
{
	struct link_route key = { x < y ? x : y, x < y ? y : x, -1, 0 };
	const struct link_route *first = NULL;
	size_t lo = 0, hi = n, i;

	while (lo < hi) {       /* the first entry not below key */
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_link_route(&v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < n && v[i].lo == key.lo && v[i].hi == key.hi; i++) {
		if (v[i].node == x)
			return &v[i];
		if (first == NULL)
			first = &v[i];
	}
	return first;
}

/* Each bridge, at the route that makes it. */
static void
put_bridges(struct sarif *s)
{
	const struct mesh_analysis *a = s->a;
	const struct mesh_plan *p = a->plan;
	struct link_route *routes = NULL;
	size_t i, nroutes = 0;

	if (a->nbridges > 0 && link_routes(p, &routes, &nroutes) != 0) {
		s->w.b->failed = 1;
		return;
	}
	for (i = 0; i < a->nbridges; i++) {
		int x = a->bridges[2 * i], y = a->bridges[2 * i + 1];
		const struct link_route *lr = find_route(routes, nroutes, x, y);
		const struct mesh_source *src;
		const char *file = NULL;
		int line = 0, column = 0;
		struct mesh_i_buf b;
		char *t;

		if (lr != NULL) {
			src = mesh_plan_route_source(p, lr->node, lr->route);
			file = src != NULL && src->file != NULL ? src->file :
			    p->file;
		}
		if (file != NULL) {
			line = p->nodes[lr->node].routes[lr->route].line;
			column = p->nodes[lr->node].routes[lr->route].column;
		} else
			file = s->input;
		mesh_i_buf_init(&b);
		mesh_i_buf_printf(&b, "bridge: the link %s -- %s is the only "
		    "way between two parts of the plan: losing it splits "
		    "them", p->nodes[x].name, p->nodes[y].name);
		t = mesh_i_buf_take(&b);
		put_result(s, "bridge", level(s, K_BRIDGE), t, file, line,
		    column);
		free(t);
	}
	free(routes);
}

char *
mesh_check_sarif(const struct mesh_analysis *a, const struct mesh_diags *d,
    const struct mesh_sarif_options *o)
{
	static const struct mesh_sarif_options none;
	struct mesh_i_buf b;
	struct sarif s;
	size_t i;
	char *log;

	memset(&s, 0, sizeof(s));
	s.a = a;
	s.o = o != NULL ? o : &none;
	s.input = s.o->input != NULL ? s.o->input : a->plan->file;
	if (collect_rules(&s, d) != 0)
		return NULL;
	mesh_i_buf_init(&b);
	mesh_i_jw_init(&s.w, &b, MESH_I_JW_G12);
	mesh_i_jw_object(&s.w, NULL, MESH_I_JW_LINES);
	mesh_i_jw_string(&s.w, "$schema", SARIF_SCHEMA);
	mesh_i_jw_string(&s.w, "version", "2.1.0");
	mesh_i_jw_array(&s.w, "runs", MESH_I_JW_LINES);
	mesh_i_jw_object(&s.w, NULL, MESH_I_JW_LINES);
	put_driver(&s);
	mesh_i_jw_array(&s.w, "results", MESH_I_JW_LINES);
	for (i = 0; d != NULL && i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		put_result(&s, g->code, mesh_severity_name(g->severity),
		    g->message, g->file != NULL ? g->file : s.input,
		    g->file != NULL ? g->line : 0,
		    g->file != NULL ? g->column : 0);
	}
	put_partition(&s);
	put_spofs(&s);
	put_joining(&s);
	put_bridges(&s);
	mesh_i_jw_end(&s.w);
	mesh_i_jw_end(&s.w);
	mesh_i_jw_end(&s.w);
	mesh_i_jw_end(&s.w);
	log = mesh_i_jw_take(&s.w);
	free(s.rules.id);
	return log;
}
