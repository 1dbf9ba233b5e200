/* test_sweep.c: sweeps: hand-worked plans, and every count, worst set and minimal cut against brute force on random plans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "meshsim/sweep.h"

static struct mesh_sweep *
sweep_full(const struct mesh_plan *p, int k, const char *by,
    enum mesh_sweep_model model, int jobs, double parallel_min)
{
	struct mesh_sweep_options o;
	struct mesh_sweep *sw = NULL;

	memset(&o, 0, sizeof(o));
	o.k = k;
	o.by = by;
	o.model = model;
	o.jobs = jobs;
	o.parallel_min = parallel_min;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_non_null(sw);
	assert_int_equal(mesh_sweep_run(sw), MESH_OK);
	return sw;
}

static struct mesh_sweep *
sweep(const struct mesh_plan *p, int k, const char *by)
{
	return sweep_full(p, k, by, MESH_SWEEP_GRAPH, 1, 0);
}

/* The units of cut i as "a,b". */
static const char *
cut_names(const struct mesh_sweep *sw, size_t i)
{
	static char buf[512];
	size_t j;

	buf[0] = '\0';
	for (j = 0; j < sw->cuts[i].size; j++) {
		if (j > 0)
			strcat(buf, ",");
		strcat(buf, sw->units->names[sw->set_units[sw->cuts[i].first +
		    j]]);
	}
	return buf;
}

/* The worst set of size s as "a,b", or "" when none. */
static const char *
worst_names(const struct mesh_sweep *sw, int s)
{
	static char buf[512];
	int j;

	buf[0] = '\0';
	for (j = 0; sw->sizes[s].worst > 0 && j < s; j++) {
		if (j > 0)
			strcat(buf, ",");
		strcat(buf, sw->units->names[sw->sizes[s].worst_units[j]]);
	}
	return buf;
}

static const char *const letters[] = { "a", "b", "c", "d", "e", "f", "g",
	"h" };

static void
chain_should_be_split_by_each_inner_node(void **state)
{
	struct mesh_plan *p = plan_of(letters, 5, "a-b b-c c-d d-e");
	struct mesh_sweep *sw = sweep(p, 2, NULL);

	(void)state;
	assert_true(sw->connected);
	assert_int_equal(sw->k, 2);
	assert_int_equal(sw->sizes[1].tried, 5);
	assert_int_equal(sw->sizes[1].hit, 3);
	assert_int_equal(sw->sizes[1].worst, 2);
	assert_string_equal(worst_names(sw, 1), "c");
	/* Pairs: all but {a,b}, {a,e}, {d,e} split; {b,d} leaves three
	 * single nodes. */
	assert_int_equal(sw->sizes[2].tried, 10);
	assert_int_equal(sw->sizes[2].hit, 7);
	assert_int_equal(sw->sizes[2].worst, 2);
	assert_string_equal(worst_names(sw, 2), "b,d");
	assert_int_equal(sw->ncuts, 3);
	assert_string_equal(cut_names(sw, 0), "b");
	assert_int_equal(sw->cuts[0].effect, 1);
	assert_string_equal(cut_names(sw, 1), "c");
	assert_int_equal(sw->cuts[1].effect, 2);
	assert_string_equal(cut_names(sw, 2), "d");
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static void
ring_should_be_split_by_every_pair_of_non_neighbours(void **state)
{
	struct mesh_plan *p = plan_of(letters, 6, "a-b b-c c-d d-e e-f f-a");
	struct mesh_sweep *sw = sweep(p, 3, NULL);
	size_t i;

	(void)state;
	assert_int_equal(sw->sizes[1].hit, 0);
	assert_int_equal(sw->sizes[1].worst, 0);
	assert_null(sw->sizes[1].worst_units);
	assert_int_equal(sw->sizes[2].tried, 15);
	assert_int_equal(sw->sizes[2].hit, 9);
	assert_string_equal(worst_names(sw, 2), "a,d");
	/* Every splitting triple holds a splitting pair but for none: three
	 * in a row leave the other three connected. */
	assert_int_equal(sw->sizes[3].tried, 20);
	assert_int_equal(sw->ncuts, 9);
	for (i = 0; i < sw->ncuts; i++)
		assert_int_equal(sw->cuts[i].size, 2);
	assert_string_equal(cut_names(sw, 0), "a,c");
	assert_string_equal(cut_names(sw, 8), "d,f");
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static void
star_should_be_split_by_its_centre_alone(void **state)
{
	struct mesh_plan *p = plan_of(letters, 4, "a-b a-c a-d");
	struct mesh_sweep *sw = sweep(p, 2, NULL);

	(void)state;
	assert_int_equal(sw->sizes[1].hit, 1);
	assert_int_equal(sw->sizes[1].worst, 2);
	/* {a, leaf} leaves two leaves apart: it splits, but holds {a}. */
	assert_int_equal(sw->sizes[2].hit, 3);
	assert_int_equal(sw->sizes[2].worst, 1);
	assert_string_equal(worst_names(sw, 2), "a,b");
	assert_int_equal(sw->ncuts, 1);
	assert_string_equal(cut_names(sw, 0), "a");
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static void
two_triangles_should_be_split_by_the_shared_node_only(void **state)
{
	struct mesh_plan *p = plan_of(letters, 5,
	    "a-b b-c c-a c-d d-e e-c");
	struct mesh_sweep *sw = sweep(p, 3, NULL);

	(void)state;
	assert_int_equal(sw->sizes[1].hit, 1);
	assert_int_equal(sw->sizes[1].worst, 2);
	assert_int_equal(sw->sizes[2].hit, 4);
	assert_string_equal(worst_names(sw, 2), "a,c");
	assert_int_equal(sw->ncuts, 1);
	assert_string_equal(cut_names(sw, 0), "c");
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static void
splitting_should_not_be_monotone(void **state)
{
	struct mesh_plan *p = plan_of(letters, 3, "a-b b-c");
	struct mesh_sweep *sw = sweep(p, 3, NULL);

	(void)state;
	/* {b} splits; {a, b} leaves c alone, which counts as connected. */
	assert_int_equal(sw->sizes[1].hit, 1);
	assert_int_equal(sw->sizes[2].hit, 0);
	assert_int_equal(sw->sizes[3].hit, 0);
	assert_int_equal(sw->sizes[3].tried, 1);
	assert_int_equal(sw->ncuts, 1);
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static void
figure1_should_be_split_by_node1(void **state)
{
	static const char text[] = "{\"name\": \"documentation figure 1\", "
	    "\"nodes\": [{\"name\": \"node1\", \"host\": \"3.62.184.20\", "
	    "\"routes\": [{\"host\": \"3.62.184.22\"}, "
	    "{\"host\": \"3.735.184.8\"}]}, "
	    "{\"name\": \"node2\", \"host\": \"3.62.184.22\"}, "
	    "{\"name\": \"node3\", \"host\": \"3.735.184.8\"}]}";
	struct mesh_plan *p = plan_from_text(text, "f.json", MESH_FORMAT_JSON);
	struct mesh_sweep *sw;

	(void)state;
	sw = sweep(p, 2, NULL);
	assert_int_equal(sw->ncuts, 1);
	assert_string_equal(cut_names(sw, 0), "node1");
	assert_int_equal(sw->cuts[0].effect, 1);
	assert_int_equal(sw->sizes[2].hit, 0);
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

/* Nodes: name, host, zone (NULL: none); links between named nodes. */
struct spec {
	const char *name, *host, *zone;
};

static struct mesh_plan *
plan_with(const struct spec *sp, size_t n, const char *const *links,
    size_t nlinks)
{
	struct mesh_plan *p = mesh_plan_new("z", NULL);
	size_t i;

	assert_non_null(p);
	for (i = 0; i < n; i++) {
		assert_int_equal(mesh_plan_add_node(p, sp[i].name, sp[i].host,
		    9932 + (int)i, 0, 0), (int)i);
		if (sp[i].zone != NULL)
			assert_int_equal(mesh_plan_set_label(p, (int)i, "zone",
			    sp[i].zone), 0);
	}
	for (i = 0; i < nlinks; i += 2) {
		int a = mesh_plan_find(p, links[i]), b = mesh_plan_find(p,
		    links[i + 1]);

		assert_true(a >= 0 && b >= 0);
		assert_int_equal(mesh_plan_add_route(p, a, sp[b].host,
		    9932 + b, 0, 0), 0);
	}
	resolve_plan(p);
	return p;
}

static void
zones_should_be_swept_as_domains(void **state)
{
	/* Zone b joins a and c; zone d hangs off c; d2 shares a host with
	 * c1, so zones c and d are one domain. */
	static const struct spec sp[] = {
		{ "a1", "10.0.0.1", "a" }, { "a2", "10.0.0.2", "a" },
		{ "b1", "10.0.1.1", "b" }, { "b2", "10.0.1.2", "b" },
		{ "c1", "10.0.2.1", "c" }, { "c2", "10.0.2.2", "c" },
		{ "d1", "10.0.3.1", "d" }, { "d2", "10.0.2.1", "d" },
		{ "e1", "10.0.4.1", NULL },
	};
	static const char *const links[] = { "a1", "a2", "a1", "b1", "a2",
		"b2", "b1", "c1", "b2", "c2", "c1", "c2", "c2", "d1", "d1",
		"d2", "d1", "e1" };
	struct mesh_plan *p = plan_with(sp, 9, links, 18);
	struct mesh_sweep *sw = sweep(p, 2, "zone");

	(void)state;
	assert_true(sw->by_found);
	assert_int_equal(sw->units->n, 4);
	assert_string_equal(sw->units->names[0], "host=10.0.4.1");
	assert_string_equal(sw->units->names[1], "zone=a");
	assert_string_equal(sw->units->names[2], "zone=b");
	assert_string_equal(sw->units->names[3], "zone=c+zone=d");
	/* b splits a from the rest; c+d cuts off e1. */
	assert_int_equal(sw->sizes[1].tried, 4);
	assert_int_equal(sw->sizes[1].hit, 2);
	assert_int_equal(sw->sizes[1].worst, 2);
	assert_string_equal(worst_names(sw, 1), "zone=b");
	assert_int_equal(sw->ncuts, 2);
	assert_string_equal(cut_names(sw, 0), "zone=b");
	assert_int_equal(sw->cuts[0].effect, 2);
	assert_string_equal(cut_names(sw, 1), "zone=c+zone=d");
	assert_int_equal(sw->cuts[1].effect, 1);
	mesh_sweep_free(sw);

	/* A label no node has: each host is a domain. */
	sw = sweep(p, 1, "rack");
	assert_false(sw->by_found);
	assert_int_equal(sw->units->n, 8);
	mesh_sweep_free(sw);
	mesh_plan_free(p);

	/* A plan of no nodes lacks no label: found, whatever the key, and
	 * no host stands in (as suggest's by_found). */
	p = plan_of(letters, 0, "");
	sw = sweep(p, 1, "rack");
	assert_true(sw->by_found);
	assert_int_equal(sw->units->n, 0);
	assert_int_equal(sw->k, 0);
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static void
mesh_model_should_list_who_each_minimal_set_strands(void **state)
{
	struct mesh_plan *p = plan_of(letters, 5, "a-b a-c c-d d-e");
	struct mesh_sweep *sw = sweep_full(p, 2, NULL, MESH_SWEEP_MESH, 1, 0);
	const struct mesh_plan *pl = sw->plan;

	(void)state;
	/* The path b - a - c - d - e: a strands b, d strands e; {b, c}
	 * strands a and {c, e} strands d, though none of b, c, e does
	 * alone; {a, d} strands b, c and e, but holds {a}. */
	assert_int_equal(sw->sizes[1].hit, 2);
	assert_int_equal(sw->ncuts, 4);
	assert_string_equal(cut_names(sw, 0), "a");
	assert_int_equal(sw->cuts[0].effect, 1);
	assert_string_equal(pl->nodes[sw->stranded[sw->cuts[0].sfirst]].name,
	    "b");
	assert_string_equal(cut_names(sw, 1), "d");
	assert_string_equal(cut_names(sw, 2), "b,c");
	assert_int_equal(sw->cuts[2].effect, 1);
	assert_string_equal(pl->nodes[sw->stranded[sw->cuts[2].sfirst]].name,
	    "a");
	assert_string_equal(cut_names(sw, 3), "c,e");
	assert_string_equal(pl->nodes[sw->stranded[sw->cuts[3].sfirst]].name,
	    "d");
	assert_int_equal(sw->sizes[2].worst, 3);
	assert_string_equal(worst_names(sw, 2), "a,d");
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static void
split_plan_should_be_swept_group_by_group(void **state)
{
	struct mesh_plan *p = plan_of(letters, 7, "a-b b-c d-e e-f f-d");
	struct mesh_sweep *sw = sweep(p, 2, NULL);

	(void)state;
	assert_false(sw->connected);
	assert_int_equal(sw->ncomponents, 3);
	/* Groups {a,b,c}, {d,e,f}, {g}: 3 + 3 + 1 singles, 3 + 3 pairs. */
	assert_int_equal(sw->sizes[1].tried, 7);
	assert_int_equal(sw->sizes[2].tried, 6);
	assert_int_equal(sw->sizes[1].hit, 1);
	assert_int_equal(sw->sizes[2].hit, 0);
	assert_int_equal(sw->ncuts, 1);
	assert_string_equal(cut_names(sw, 0), "b");
	assert_int_equal(sw->cuts[0].group, 0);
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static void
k_should_be_clamped_to_the_units_of_the_largest_group(void **state)
{
	struct mesh_plan *p = plan_of(letters, 3, "a-b b-c");
	struct mesh_plan *empty = plan_of(letters, 0, "");
	struct mesh_sweep *sw = sweep(p, 7, NULL);

	(void)state;
	assert_int_equal(sw->k, 3);
	assert_int_equal(sw->k_requested, 7);
	mesh_sweep_free(sw);
	sw = sweep(empty, 2, NULL);
	assert_int_equal(sw->k, 0);
	assert_int_equal(sw->ncuts, 0);
	mesh_sweep_free(sw);
	mesh_plan_free(empty);
	mesh_plan_free(p);
}

static void
bad_options_should_be_refused(void **state)
{
	struct mesh_plan *p = plan_of(letters, 3, "a-b b-c");
	struct mesh_sweep_options o;
	struct mesh_sweep *sw = (struct mesh_sweep *)1;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.k = 0;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_EINVAL);
	assert_null(sw);
	o.k = 1;
	o.by = "zone=a";
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_EINVAL);
	o.by = "";
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_EINVAL);
	o.by = NULL;
	o.jobs = -1;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_EINVAL);
	o.jobs = 1;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_int_equal(mesh_sweep_run(sw), MESH_OK);
	assert_int_equal(mesh_sweep_run(sw), MESH_EINVAL);
	mesh_sweep_free(sw);
	mesh_sweep_free(NULL);
	mesh_plan_free(p);
}

/* Random plans and brute force. */

static uint64_t rng_state;

/* What the random plans covered: split plans, domains of several nodes,
 * minimal cuts of each size, cuts in a group other than the first. */
static struct {
	int split, multi, cuts[4], later_group;
} covered;

static uint32_t
rnd(uint32_t n)
{
	return next_random(&rng_state) % n;
}

/* A random plan: mixed shapes, some split, hosts shared now and then,
 * zones on most nodes. */
static struct mesh_plan *
random_plan(int id)
{
	struct mesh_plan *p = mesh_plan_new("r", NULL);
	int n = 1 + (int)rnd(11), shape = id % 6, i, j, *hostof;

	assert_non_null(p);
	hostof = add_random_nodes(p, &rng_state, n, id % 3 == 0, 3);
#define LINK(a, b) add_route_to(p, hostof, (a), (b))
	for (i = 1; i < n; i++) {
		switch (shape) {
		case 0:         /* a random tree */
			LINK(i, (int)rnd((uint32_t)i));
			break;
		case 1:         /* a ring with chords */
			LINK(i, i - 1);
			if (i == n - 1 && n > 2)
				LINK(i, 0);
			if (rnd(4) == 0)
				LINK(i, (int)rnd((uint32_t)i));
			break;
		case 2:         /* random links, often split */
			for (j = 0; j < i; j++)
				if (rnd(100) < 30)
					LINK(i, j);
			break;
		case 3:         /* two pieces, each a tree plus extras */
			if (i != n / 2)
				LINK(i, i < n / 2 ? (int)rnd((uint32_t)i) :
				    n / 2 + (int)rnd((uint32_t)(i - n / 2)));
			if (rnd(3) == 0 && i != n / 2)
				LINK(i, i < n / 2 ? (int)rnd((uint32_t)i) :
				    n / 2 + (int)rnd((uint32_t)(i - n / 2)));
			break;
		case 4:         /* dense */
			for (j = 0; j < i; j++)
				if (rnd(100) < 60)
					LINK(i, j);
			break;
		default:        /* a chain with a loner */
			if (i != n - 1)
				LINK(i, i - 1);
			break;
		}
	}
#undef LINK
	free(hostof);
	resolve_plan(p);
	return p;
}

struct bcut {
	int size;
	int units[3];
	int group;
	size_t effect;
	int stranded[16];
};

static int
bcut_cmp(const void *pa, const void *pb)
{
	const struct bcut *a = pa, *b = pb;
	int i;

	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	for (i = 0; i < a->size; i++)
		if (a->units[i] != b->units[i])
			return a->units[i] < b->units[i] ? -1 : 1;
	return (a->group > b->group) - (a->group < b->group);
}

/* Whether a hitting set (effect e, units set, group g) comes before the
 * worst so far: more nodes, else first by names, else by group. */
static bool
worst_before(size_t e, const int *set, int g, int size, size_t we,
    const int *wset, int wg)
{
	int i;

	if (e != we)
		return e > we;
	for (i = 0; i < size; i++)
		if (set[i] != wset[i])
			return set[i] < wset[i];
	return g < wg;
}

/* Brute force: every set of up to k units of each group, removed, the
 * survivors' components found by a plain breadth-first search (or the
 * stranded nodes by mesh_stranded()); compared with the sweep. */
static void
check_against_brute_force(const struct mesh_plan *p, int k, const char *by,
    enum mesh_sweep_model model, const struct mesh_sweep *sw)
{
	struct mesh_domains *dom = NULL;
	size_t n = p->nnodes, i, ncuts = 0;
	int comp[16], ngroups = 0, gsize[16], gfirst[16], gorder[16], grank[16];
	int g, v, q, s, kk;
	uint64_t tried[4] = { 0 }, hit[4] = { 0 };
	size_t worst[4] = { 0 };
	int worst_set[4][3], worst_group[4];
	struct bcut *cuts = calloc(4096, sizeof(*cuts));
	bool *is_down = calloc(n + 1, sizeof(bool));
	int maxu = 0;

	assert_non_null(cuts);
	assert_non_null(is_down);
	assert_int_equal(mesh_domains_new(p, by, &dom), MESH_OK);
	/* Components by BFS, ordered largest first, ties by first name. */
	for (v = 0; v < (int)n; v++)
		comp[v] = -1;
	for (v = 0; v < (int)n; v++) {
		int queue[16], head = 0, tail = 0;

		if (comp[v] >= 0)
			continue;
		comp[v] = ngroups;
		queue[tail++] = v;
		gfirst[ngroups] = v;
		while (head < tail) {
			int x = queue[head++];

			for (i = 0; i < p->nlinks; i++) {
				int a = p->links[2 * i];
				int b = p->links[2 * i + 1];
				int y = a == x ? b : b == x ? a : -1;

				if (y >= 0 && comp[y] < 0) {
					comp[y] = ngroups;
					queue[tail++] = y;
					if (strcmp(p->nodes[y].name,
					    p->nodes[gfirst[ngroups]].name) < 0)
						gfirst[ngroups] = y;
				}
			}
		}
		gsize[ngroups++] = tail;
	}
	for (g = 0; g < ngroups; g++)
		gorder[g] = g;
	for (g = 1; g < ngroups; g++)
		for (q = g; q > 0; q--) {
			int a = gorder[q - 1], b = gorder[q];

			if (gsize[a] > gsize[b] || (gsize[a] == gsize[b] &&
			    strcmp(p->nodes[gfirst[a]].name,
			    p->nodes[gfirst[b]].name) < 0))
				break;
			gorder[q - 1] = b;
			gorder[q] = a;
		}
	for (g = 0; g < ngroups; g++)
		grank[gorder[g]] = g;
	assert_int_equal(sw->ncomponents, (size_t)ngroups);
	assert_int_equal(sw->connected, ngroups <= 1);

	for (g = 0; g < ngroups; g++) {
		int units[16], nu = 0, gi = grank[g];
		bool splits[1 << 12];
		size_t eff[1 << 12];
		unsigned m, full;

		/* The group's units: domains with a node in it, in order. */
		for (i = 0; i < dom->n; i++) {
			size_t a;

			for (a = dom->start[i]; a < dom->start[i + 1]; a++)
				if (comp[dom->nodes[a]] == g)
					break;
			if (a < dom->start[i + 1])
				units[nu++] = (int)i;
		}
		if (nu > maxu)
			maxu = nu;
		full = 1u << nu;
		kk = k < nu ? k : nu;
		for (m = 1; m < full; m++) {
			int left = 0, best = 0, pieces = 0, seen[16];
			int pc = bit_count(m);

			splits[m] = false;
			eff[m] = 0;
			if (pc > kk)
				continue;
			for (v = 0; v < (int)n; v++) {
				is_down[v] = false;
				for (q = 0; q < nu; q++)
					if ((m >> q & 1) &&
					    dom->of[v] == units[q] &&
					    comp[v] == g)
						is_down[v] = true;
				seen[v] = 0;
			}
			tried[pc]++;
			if (model == MESH_SWEEP_MESH) {
				int *st = NULL;
				size_t nst = 0;

				assert_int_equal(mesh_stranded(p, is_down, &st,
				    &nst), MESH_OK);
				splits[m] = nst > 0;
				eff[m] = nst;
				free(st);
				continue;
			}
			for (v = 0; v < (int)n; v++) {
				int queue[16], head = 0, tail = 0;

				if (comp[v] != g || is_down[v] || seen[v])
					continue;
				seen[v] = 1;
				queue[tail++] = v;
				while (head < tail) {
					int x = queue[head++];

					for (i = 0; i < p->nlinks; i++) {
						int a = p->links[2 * i];
						int b = p->links[2 * i + 1];
						int y = a == x ? b : b == x ? a
						    : -1;

						if (y >= 0 && !is_down[y] &&
						    !seen[y]) {
							seen[y] = 1;
							queue[tail++] = y;
						}
					}
				}
				pieces++;
				left += tail;
				if (tail > best)
					best = tail;
			}
			splits[m] = pieces >= 2;
			eff[m] = (size_t)(left - best);
		}
		for (m = 1; m < full; m++) {
			unsigned sub;
			int pc = bit_count(m), set[3], a = 0;
			bool minimal = true;

			if (pc > kk || !splits[m])
				continue;
			hit[pc]++;
			for (q = 0; q < nu; q++)
				if (m >> q & 1)
					set[a++] = units[q];
			if (worst_before(eff[m], set, gi, pc, worst[pc],
			    worst_set[pc], worst_group[pc])) {
				worst[pc] = eff[m];
				memcpy(worst_set[pc], set, sizeof(set));
				worst_group[pc] = gi;
			}
			for (sub = (m - 1) & m; sub > 0; sub = (sub - 1) & m)
				if (splits[sub])
					minimal = false;
			if (!minimal)
				continue;
			assert_true(ncuts < 4096);
			cuts[ncuts].size = pc;
			memcpy(cuts[ncuts].units, set, sizeof(set));
			cuts[ncuts].group = gi;
			cuts[ncuts].effect = eff[m];
			if (model == MESH_SWEEP_MESH) {
				int *st = NULL;
				size_t nst = 0;

				for (v = 0; v < (int)n; v++) {
					is_down[v] = false;
					for (q = 0; q < nu; q++)
						if ((m >> q & 1) &&
						    dom->of[v] == units[q] &&
						    comp[v] == g)
							is_down[v] = true;
				}
				assert_int_equal(mesh_stranded(p, is_down, &st,
				    &nst), MESH_OK);
				assert_true(nst <= 16);
				memcpy(cuts[ncuts].stranded, st,
				    nst * sizeof(int));
				free(st);
			}
			ncuts++;
		}
	}
	assert_int_equal(sw->k, k < maxu ? k : maxu);
	for (s = 1; s <= sw->k; s++) {
		assert_int_equal(sw->sizes[s].tried, tried[s]);
		assert_int_equal(sw->sizes[s].hit, hit[s]);
		assert_int_equal(sw->sizes[s].worst, worst[s]);
		if (worst[s] > 0) {
			assert_memory_equal(sw->sizes[s].worst_units,
			    worst_set[s], (size_t)s * sizeof(int));
			assert_int_equal(sw->sizes[s].worst_group,
			    worst_group[s]);
		}
	}
	qsort(cuts, ncuts, sizeof(*cuts), bcut_cmp);
	assert_int_equal(sw->ncuts, ncuts);
	covered.split += ngroups > 1;
	for (i = 0; i < dom->n; i++)
		if (dom->start[i + 1] - dom->start[i] > 1) {
			covered.multi++;
			break;
		}
	for (i = 0; i < ncuts; i++) {
		covered.cuts[cuts[i].size]++;
		covered.later_group += cuts[i].group > 0;
	}
	for (i = 0; i < ncuts; i++) {
		const struct mesh_sweep_cut *c = &sw->cuts[i];

		assert_int_equal(c->size, cuts[i].size);
		assert_memory_equal(sw->set_units + c->first, cuts[i].units,
		    c->size * sizeof(int));
		assert_int_equal(c->group, cuts[i].group);
		assert_int_equal(c->effect, cuts[i].effect);
		if (model == MESH_SWEEP_MESH)
			assert_memory_equal(sw->stranded + c->sfirst,
			    cuts[i].stranded, c->effect * sizeof(int));
	}
	mesh_domains_free(dom);
	free(cuts);
	free(is_down);
}

static void
sweeps_should_match_brute_force_on_random_plans(void **state)
{
	static const char *const bys[] = { NULL, "zone", "host" };
	int id, k, b, model, checked = 0;

	(void)state;
	rng_state = 20240611;
	for (id = 0; id < 240; id++) {
		struct mesh_plan *p = random_plan(id);

		for (b = 0; b < 3; b++)
			for (model = 0; model < 2; model++)
				for (k = 1; k <= 3; k++) {
					struct mesh_sweep *sw = sweep_full(p,
					    k, bys[b],
					    (enum mesh_sweep_model)model, 1, 0);

					check_against_brute_force(p, k, bys[b],
					    (enum mesh_sweep_model)model, sw);
					mesh_sweep_free(sw);
					checked++;
				}
		mesh_plan_free(p);
	}
	assert_int_equal(checked, 240 * 3 * 2 * 3);
	assert_true(covered.split >= 1000);
	assert_true(covered.multi >= 1000);
	assert_true(covered.cuts[1] >= 1000);
	assert_true(covered.cuts[2] >= 500);
	assert_true(covered.cuts[3] >= 50);
	assert_true(covered.later_group >= 200);
}

static void
results_should_not_depend_on_the_processes(void **state)
{
	static const char *const bys[] = { NULL, "zone", "host" };
	int id;

	(void)state;
	rng_state = 7;
	for (id = 0; id < 36; id++) {
		struct mesh_plan *p = random_plan(id);
		enum mesh_sweep_model model = (enum mesh_sweep_model)(id % 2);
		const char *by = bys[id / 2 % 3];
		struct mesh_sweep *one = sweep_full(p, 3, by, model, 1, 0);
		/* Fork for every level, however small. */
		struct mesh_sweep *three = sweep_full(p, 3, by, model, 3, 1e-9);
		char *j1 = mesh_sweep_json(one, NULL);
		char *j3 = mesh_sweep_json(three, NULL);

		assert_non_null(j1);
		assert_non_null(j3);
		assert_string_equal(j1, j3);
		check_against_brute_force(p, 3, by, model, three);
		free(j1);
		free(j3);
		mesh_sweep_free(one);
		mesh_sweep_free(three);
		mesh_plan_free(p);
	}
}

static void
json_should_hold_every_documented_key_in_order(void **state)
{
	struct mesh_plan *p = plan_of(letters, 3, "a-b b-c");
	struct mesh_sweep *sw = sweep(p, 2, NULL);
	char *j = mesh_sweep_json(sw, NULL);
	static const char *const keys[] = { "\"plan\"", "\"file\"",
		"\"model\"", "\"k\"", "\"k_requested\"", "\"by\"", "\"units\"",
		"\"nodes\"", "\"links\"", "\"connected\"", "\"components\"",
		"\"tried\"", "\"splitting\"", "\"share_connected\"",
		"\"worst\"", "\"minimal_cuts\"", "\"minimal_cuts_detail\"",
		"\"notes\"", "\"diagnostics\"" };
	const char *at;
	size_t i;

	(void)state;
	assert_non_null(j);
	at = j;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *f = strstr(at, keys[i]);

		assert_non_null(f);
		at = f;
	}
	assert_non_null(strstr(j, "\"tried\": {\"1\": 3, \"2\": 3}"));
	assert_non_null(strstr(j, "\"worst\": {\"1\": {\"cut_off\": 1, "
	    "\"set\": [\"b\"], \"group\": 0}, \"2\": null}"));
	assert_non_null(strstr(j, "\"share_connected\": {\"1\": 0.6667, "
	    "\"2\": 1.0000}"));
	free(j);
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chain_should_be_split_by_each_inner_node),
		cmocka_unit_test(ring_should_be_split_by_every_pair_of_non_neighbours),
		cmocka_unit_test(star_should_be_split_by_its_centre_alone),
		cmocka_unit_test(two_triangles_should_be_split_by_the_shared_node_only),
		cmocka_unit_test(splitting_should_not_be_monotone),
		cmocka_unit_test(figure1_should_be_split_by_node1),
		cmocka_unit_test(zones_should_be_swept_as_domains),
		cmocka_unit_test(mesh_model_should_list_who_each_minimal_set_strands),
		cmocka_unit_test(split_plan_should_be_swept_group_by_group),
		cmocka_unit_test(k_should_be_clamped_to_the_units_of_the_largest_group),
		cmocka_unit_test(bad_options_should_be_refused),
		cmocka_unit_test(sweeps_should_match_brute_force_on_random_plans),
		cmocka_unit_test(results_should_not_depend_on_the_processes),
		cmocka_unit_test(json_should_hold_every_documented_key_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
