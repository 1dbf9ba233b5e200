/* diff.c: compare two plans: names, routes and links by set difference, and the analyses, sweeps and availability of both. */
#include <stdlib.h>
#include <string.h>

#include "meshsim/diff.h"
#include "base/util.h"

/* A growing list of owned strings, sorted and made distinct at the end. */
struct strs {
	char **v;
	size_t n, cap;
};

/* Append s (taken over; NULL means out of memory). Returns 0 or -1. */
static int
strs_take(struct strs *l, char *s)
{
	if (s == NULL)
		return -1;
	if (l->n == l->cap) {
		size_t c = l->cap ? 2 * l->cap : 16;
		char **p = realloc(l->v, c * sizeof(*p));

		if (p == NULL) {
			free(s);
			return -1;
		}
		l->v = p;
		l->cap = c;
	}
	l->v[l->n++] = s;
	return 0;
}

static void
strs_free(struct strs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop repeats. */
static void
strs_sort(struct strs *l)
{
	size_t i, k = 0;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_str);
	for (i = 0; i < l->n; i++) {
		if (k > 0 && strcmp(l->v[k - 1], l->v[i]) == 0)
			free(l->v[i]);
		else
			l->v[k++] = l->v[i];
	}
	l->n = k;
}

static void
list_free(struct mesh_diff_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/*
 * Into *only, copies of the strings of sorted a that sorted b lacks.
 * Returns 0, or -1 when out of memory.
 */
static int
minus(const struct strs *a, const struct strs *b, struct mesh_diff_list *only)
{
	struct strs r;
	size_t i, j = 0;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < a->n; i++) {
		while (j < b->n && strcmp(b->v[j], a->v[i]) < 0)
			j++;
		if (j < b->n && strcmp(b->v[j], a->v[i]) == 0)
			continue;
		if (strs_take(&r, strdup(a->v[i])) != 0) {
			strs_free(&r);
			return -1;
		}
	}
	only->v = r.v;
	only->n = r.n;
	return 0;
}

/* The pair of nodes a, b as "A -- B", in name order. */
static char *
pair_name(const struct mesh_plan *p, int a, int b)
{
	const char *x = p->nodes[a].name, *y = p->nodes[b].name;

	if (strcmp(x, y) > 0) {
		const char *t = x;

		x = y;
		y = t;
	}
	return mesh_i_asprintf("%s -- %s", x, y);
}

/*
 * The nodes, routes, links, articulation points and bridges of plan p
 * (analysed in a) as sorted string lists: s[0 .. 4]. Returns 0 or -1.
 */
static int
names_of(const struct mesh_plan *p, const struct mesh_analysis *a,
    struct strs s[5])
{
	size_t i, j;

	for (i = 0; i < p->nnodes; i++) {
		const struct mesh_node *n = &p->nodes[i];

		if (strs_take(&s[0], strdup(n->name)) != 0)
			return -1;
		for (j = 0; j < n->nroutes; j++) {
			const struct mesh_route *r = &n->routes[j];
			char *t = r->target >= 0 ?
			    mesh_i_asprintf("%s -> %s", n->name,
			    p->nodes[r->target].name) :
			    mesh_i_asprintf("%s -> %s:%d", n->name, r->host,
			    r->port);

			if (strs_take(&s[1], t) != 0)
				return -1;
		}
	}
	for (i = 0; i < p->nlinks; i++)
		if (strs_take(&s[2], pair_name(p, p->links[2 * i],
		    p->links[2 * i + 1])) != 0)
			return -1;
	for (i = 0; i < a->ncutpoints; i++)
		if (strs_take(&s[3], strdup(p->nodes[a->cutpoints[i].node].
		    name)) != 0)
			return -1;
	for (i = 0; i < a->nbridges; i++)
		if (strs_take(&s[4], pair_name(p, a->bridges[2 * i],
		    a->bridges[2 * i + 1])) != 0)
			return -1;
	for (i = 0; i < 5; i++)
		strs_sort(&s[i]);
	return 0;
}

/* The k=2 sweep of p into side (skipped above the work budget),
 * reported through progress (may be NULL). */
static enum mesh_error
sweep_side(const struct mesh_plan *p, const struct mesh_progress *progress,
    struct mesh_diff_side *side)
{
	struct mesh_sweep_options o;
	struct mesh_sweep *sw = NULL;
	enum mesh_error err;
	size_t i;
	int s;

	memset(&o, 0, sizeof(o));
	o.k = MESH_DIFF_SWEEP_K;
	o.model = MESH_SWEEP_GRAPH;
	o.jobs = 1;
	o.progress = progress;
	if ((err = mesh_sweep_new(p, &o, &sw)) != MESH_OK)
		return err;
	if (sw->cost > MESH_SWEEP_BUDGET)
		goto done;
	if ((err = mesh_sweep_run(sw)) != MESH_OK)
		goto done;
	side->sweep_k = sw->k;
	for (s = 1; s <= sw->k; s++) {
		side->sweep_tried[s] = sw->sizes[s].tried;
		side->sweep_splitting[s] = sw->sizes[s].hit;
	}
	for (i = 0; i < sw->ncuts; i++)
		if (sw->cuts[i].size <= MESH_DIFF_SWEEP_K)
			side->sweep_minimal[sw->cuts[i].size]++;
done:
	mesh_sweep_free(sw);
	return err;
}

/* The availability of p into side, reported through progress (may be
 * NULL). */
static enum mesh_error
availability_side(const struct mesh_plan *p, const struct mesh_diff *d,
    const struct mesh_progress *progress, struct mesh_diff_side *side)
{
	struct mesh_avail_options o;
	struct mesh_availability *a = NULL;
	enum mesh_error err;

	memset(&o, 0, sizeof(o));
	o.node_availability = d->node_availability;
	o.trials = d->trials;
	o.seed = d->seed;
	o.jobs = 1;
	o.progress = progress;
	if ((err = mesh_availability(p, &o, &a)) != MESH_OK)
		return err;
	side->availability = a->probability_connected;
	side->has_exact = a->has_exact != 0;
	side->availability_exact = a->has_exact ?
	    a->exact.probability_connected : 0;
	mesh_availability_free(a);
	return MESH_OK;
}

/* Everything about plan p: its side, and its names into s; progress
 * (may be NULL) hears of the sweep and the availability. */
static enum mesh_error
analyse(const struct mesh_plan *p, const struct mesh_diff *d,
    const struct mesh_progress *progress, struct mesh_diff_side *side,
    struct strs s[5])
{
	struct mesh_analysis *a = NULL;
	enum mesh_error err;

	if ((err = mesh_analyze(p, NULL, &a)) != MESH_OK)
		return err;
	side->nnodes = p->nnodes;
	side->nlinks = p->nlinks;
	side->nroutes = p->nroutes;
	side->connected = a->connected;
	side->ncomponents = a->ncomponents;
	side->narticulation = a->ncutpoints;
	side->nbridges = a->nbridges;
	side->vertex_connectivity = a->vertex_connectivity;
	side->edge_connectivity = a->edge_connectivity;
	if (names_of(p, a, s) != 0)
		err = MESH_ENOMEM;
	mesh_analysis_free(a);
	if (err == MESH_OK)
		err = sweep_side(p, progress, side);
	if (err == MESH_OK)
		err = availability_side(p, d, progress, side);
	return err;
}

/* How many names a reason lists before "and N more". */
#define REASON_NAMES_MAX 10

/* head and the names of l separated by commas (at most REASON_NAMES_MAX),
 * as a malloc'd string, or NULL when out of memory. */
static char *
joined(const char *head, const struct mesh_diff_list *l)
{
	struct mesh_i_buf b;
	size_t i;

	mesh_i_buf_init(&b);
	mesh_i_buf_puts(&b, head);
	for (i = 0; i < l->n && i < REASON_NAMES_MAX; i++) {
		if (i > 0)
			mesh_i_buf_puts(&b, ", ");
		mesh_i_buf_puts(&b, l->v[i]);
	}
	if (l->n > REASON_NAMES_MAX)
		mesh_i_buf_printf(&b, " and %zu more", l->n - REASON_NAMES_MAX);
	return mesh_i_buf_take(&b);
}

/* The reasons, worse and better, and the verdict. Returns 0 or -1. */
static int
judge(struct mesh_diff *d)
{
	const struct mesh_diff_side *o = &d->side[0], *n = &d->side[1];
	struct strs w, b;
	int rc = -1, changed;

	memset(&w, 0, sizeof(w));
	memset(&b, 0, sizeof(b));
	if (o->connected && !n->connected &&
	    strs_take(&w, strdup("split: OLD was connected, NEW is not")) != 0)
		goto done;
	if (n->ncomponents > o->ncomponents &&
	    strs_take(&w, mesh_i_asprintf("more groups: %zu, was %zu",
	    n->ncomponents, o->ncomponents)) != 0)
		goto done;
	if (d->articulation_introduced.n > 0 &&
	    strs_take(&w, joined(d->articulation_introduced.n > 1 ?
	    "new single points of failure: " :
	    "new single point of failure: ", &d->articulation_introduced)) != 0)
		goto done;
	if (o->vertex_connectivity >= 0 && n->vertex_connectivity >= 0 &&
	    n->vertex_connectivity < o->vertex_connectivity &&
	    strs_take(&w, mesh_i_asprintf("lower vertex connectivity: %d, "
	    "was %d", n->vertex_connectivity, o->vertex_connectivity)) != 0)
		goto done;
	if (o->edge_connectivity >= 0 && n->edge_connectivity >= 0 &&
	    n->edge_connectivity < o->edge_connectivity &&
	    strs_take(&w, mesh_i_asprintf("lower edge connectivity: %d, "
	    "was %d", n->edge_connectivity, o->edge_connectivity)) != 0)
		goto done;

	if (!o->connected && n->connected &&
	    strs_take(&b, strdup("joined: OLD was split, NEW is "
	    "connected")) != 0)
		goto done;
	if (n->ncomponents < o->ncomponents &&
	    strs_take(&b, mesh_i_asprintf("fewer groups: %zu, was %zu",
	    n->ncomponents, o->ncomponents)) != 0)
		goto done;
	if (d->articulation_removed.n > 0 &&
	    strs_take(&b, joined(d->articulation_removed.n > 1 ?
	    "single points of failure removed: " :
	    "single point of failure removed: ", &d->articulation_removed)) != 0)
		goto done;
	if (o->vertex_connectivity >= 0 && n->vertex_connectivity >= 0 &&
	    n->vertex_connectivity > o->vertex_connectivity &&
	    strs_take(&b, mesh_i_asprintf("higher vertex connectivity: %d, "
	    "was %d", n->vertex_connectivity, o->vertex_connectivity)) != 0)
		goto done;
	if (o->edge_connectivity >= 0 && n->edge_connectivity >= 0 &&
	    n->edge_connectivity > o->edge_connectivity &&
	    strs_take(&b, mesh_i_asprintf("higher edge connectivity: %d, "
	    "was %d", n->edge_connectivity, o->edge_connectivity)) != 0)
		goto done;

	changed = d->nodes_added.n || d->nodes_removed.n ||
	    d->routes_added.n || d->routes_removed.n || d->links_added.n ||
	    d->links_removed.n || d->bridges_introduced.n ||
	    d->bridges_removed.n || o->nroutes != n->nroutes;
	if (w.n > 0)
		d->verdict = MESH_DIFF_WORSE;
	else if (b.n > 0)
		d->verdict = MESH_DIFF_BETTER;
	else
		d->verdict = changed ? MESH_DIFF_CHANGED : MESH_DIFF_SAME;
	d->worse_because.v = w.v;
	d->worse_because.n = w.n;
	d->better_because.v = b.v;
	d->better_because.n = b.n;
	memset(&w, 0, sizeof(w));
	memset(&b, 0, sizeof(b));
	rc = 0;
done:
	strs_free(&w);
	strs_free(&b);
	return rc;
}

enum mesh_error
mesh_diff(const struct mesh_plan *old, const struct mesh_plan *new,
    const struct mesh_diff_options *opts, struct mesh_diff **out)
{
	struct mesh_diff *d;
	struct strs s[2][5];
	struct mesh_diff_list *add[5], *rem[5];
	const struct mesh_progress *progress = opts != NULL ? opts->progress :
	    NULL;
	enum mesh_error err = MESH_ENOMEM;
	size_t i, k;

	*out = NULL;
	if (old == NULL || new == NULL)
		return MESH_EINVAL;
	if (opts != NULL && opts->node_availability > 1)
		return MESH_EINVAL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return MESH_ENOMEM;
	memset(s, 0, sizeof(s));
	d->trials = opts != NULL && opts->trials > 0 ? opts->trials :
	    MESH_DIFF_TRIALS;
	d->seed = opts != NULL ? opts->seed : MESH_AVAIL_SEED_DEFAULT;
	d->node_availability = opts != NULL && opts->node_availability >= 0 ?
	    opts->node_availability : MESH_AVAIL_DEFAULT;
	if ((err = analyse(old, d, progress, &d->side[0], s[0])) != MESH_OK ||
	    (err = analyse(new, d, progress, &d->side[1], s[1])) != MESH_OK)
		goto done;
	add[0] = &d->nodes_added;
	rem[0] = &d->nodes_removed;
	add[1] = &d->routes_added;
	rem[1] = &d->routes_removed;
	add[2] = &d->links_added;
	rem[2] = &d->links_removed;
	add[3] = &d->articulation_introduced;
	rem[3] = &d->articulation_removed;
	add[4] = &d->bridges_introduced;
	rem[4] = &d->bridges_removed;
	err = MESH_ENOMEM;
	for (k = 0; k < 5; k++)
		if (minus(&s[1][k], &s[0][k], add[k]) != 0 ||
		    minus(&s[0][k], &s[1][k], rem[k]) != 0)
			goto done;
	if (judge(d) != 0)
		goto done;
	err = MESH_OK;
done:
	for (i = 0; i < 2; i++)
		for (k = 0; k < 5; k++)
			strs_free(&s[i][k]);
	if (err != MESH_OK)
		mesh_diff_free(d);
	else
		*out = d;
	return err;
}

void
mesh_diff_free(struct mesh_diff *d)
{
	if (d == NULL)
		return;
	list_free(&d->nodes_added);
	list_free(&d->nodes_removed);
	list_free(&d->routes_added);
	list_free(&d->routes_removed);
	list_free(&d->links_added);
	list_free(&d->links_removed);
	list_free(&d->articulation_introduced);
	list_free(&d->articulation_removed);
	list_free(&d->bridges_introduced);
	list_free(&d->bridges_removed);
	list_free(&d->worse_because);
	list_free(&d->better_because);
	free(d);
}

const char *
mesh_diff_verdict_name(enum mesh_diff_verdict v)
{
	switch (v) {
	case MESH_DIFF_SAME:
		return "same";
	case MESH_DIFF_CHANGED:
		return "changed";
	case MESH_DIFF_BETTER:
		return "better";
	case MESH_DIFF_WORSE:
		return "worse";
	}
	return "?";
}
