/* test_suggest.c: suggested routes remove every single point of failure, and as few as the bound max(d-1, ceil(p/2)) allows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <igraph.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "meshsim/suggest.h"

/*
 * The bound max(d - 1, ceil(p / 2)) of a connected plan, computed apart
 * from suggest.c: leaf blocks through igraph's biconnected components, d
 * through mesh_analyze(). 0 when there is no articulation point.
 */
static size_t
bound_of(const struct mesh_plan *p)
{
	struct mesh_analysis *a = NULL;
	igraph_vector_int_t edges, ap;
	igraph_vector_int_list_t comps;
	igraph_integer_t nc, i, j;
	igraph_t g;
	char *is_ap;
	size_t k, d = 0, leaves = 0, half;

	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	assert_true(a->connected);
	if (a->ncutpoints == 0) {
		mesh_analysis_free(a);
		return 0;
	}
	for (k = 0; k < a->ncutpoints; k++)
		if (a->cutpoints[k].ngroups + 1 > d)
			d = a->cutpoints[k].ngroups + 1;
	assert_int_equal(igraph_vector_int_init(&edges,
	    (igraph_integer_t)(2 * p->nlinks)), 0);
	for (k = 0; k < 2 * p->nlinks; k++)
		VECTOR(edges)[k] = p->links[k];
	assert_int_equal(igraph_create(&g, &edges,
	    (igraph_integer_t)p->nnodes, IGRAPH_UNDIRECTED), 0);
	assert_int_equal(igraph_vector_int_list_init(&comps, 0), 0);
	assert_int_equal(igraph_vector_int_init(&ap, 0), 0);
	assert_int_equal(igraph_biconnected_components(&g, &nc, NULL, NULL,
	    &comps, &ap), 0);
	is_ap = calloc(p->nnodes + 1, 1);
	assert_non_null(is_ap);
	for (i = 0; i < igraph_vector_int_size(&ap); i++)
		is_ap[VECTOR(ap)[i]] = 1;
	for (i = 0; i < nc; i++) {
		igraph_vector_int_t *c = igraph_vector_int_list_get_ptr(&comps,
		    i);
		int cuts = 0;

		for (j = 0; j < igraph_vector_int_size(c); j++)
			cuts += is_ap[VECTOR(*c)[j]];
		leaves += cuts == 1;
	}
	free(is_ap);
	igraph_vector_int_destroy(&ap);
	igraph_vector_int_list_destroy(&comps);
	igraph_vector_int_destroy(&edges);
	igraph_destroy(&g);
	mesh_analysis_free(a);
	half = (leaves + 1) / 2;
	return d - 1 > half ? d - 1 : half;
}

/* A copy of p's nodes and routes, resolved. */
static struct mesh_plan *
copy_plan(const struct mesh_plan *p)
{
	struct mesh_plan *c = mesh_plan_new(p->name, NULL);
	size_t i, j;

	assert_non_null(c);
	for (i = 0; i < p->nnodes; i++) {
		assert_int_equal(mesh_plan_add_node(c, p->nodes[i].name,
		    p->nodes[i].host, p->nodes[i].port, 0, 0), (int)i);
		for (j = 0; j < p->nodes[i].nroutes; j++)
			assert_int_equal(mesh_plan_add_route(c, (int)i,
			    p->nodes[i].routes[j].host,
			    p->nodes[i].routes[j].port, 0, 0), 0);
	}
	resolve_plan(c);
	return c;
}

/*
 * Suggest for p and check the result: after the joins the plan is
 * connected and the rest number exactly the bound of the joined plan;
 * after all routes, no articulation point. Returns the suggestion's
 * route count.
 */
static size_t
check_plan(const struct mesh_plan *p)
{
	struct mesh_suggestion *s = NULL, joins;
	struct mesh_analysis *a = NULL;
	struct mesh_plan *c;
	size_t ncomp, bound, n;

	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	ncomp = a->ncomponents;
	mesh_analysis_free(a);
	assert_int_equal(mesh_suggest(p, 2, &s), MESH_OK);
	assert_non_null(s);
	assert_true(s->verified);
	assert_true(s->minimal);
	assert_int_equal(s->njoins, ncomp > 1 ? ncomp - 1 : 0);

	/* The joined plan: its bound, computed apart, is what was added. */
	c = copy_plan(p);
	joins = *s;
	joins.nroutes = s->njoins;
	assert_int_equal(mesh_suggest_apply(c, &joins, NULL), MESH_OK);
	if (c->nnodes >= 3) {
		bound = bound_of(c);
		assert_int_equal(s->bound, bound);
		assert_int_equal(s->nroutes - s->njoins, bound);
	}
	mesh_plan_free(c);

	/* With a leaf for every endpoint (p >= 2 * routes, p even), the
	 * routes land on distinct nodes. */
	if (s->njoins == 0 && s->leaves % 2 == 0 &&
	    s->leaves >= 2 * s->nroutes) {
		size_t i, j;

		for (i = 0; i < s->nroutes; i++)
			for (j = 0; j < i; j++) {
				assert_int_not_equal(s->routes[i].from,
				    s->routes[j].from);
				assert_int_not_equal(s->routes[i].from,
				    s->routes[j].to);
				assert_int_not_equal(s->routes[i].to,
				    s->routes[j].from);
				assert_int_not_equal(s->routes[i].to,
				    s->routes[j].to);
			}
	}

	/* All routes: connected, no articulation point, every route new. */
	c = copy_plan(p);
	assert_int_equal(mesh_suggest_apply(c, s, NULL), MESH_OK);
	assert_int_equal(c->nlinks, p->nlinks + s->nroutes);
	assert_int_equal(mesh_analyze(c, NULL, &a), MESH_OK);
	assert_true(a->connected);
	assert_int_equal(a->ncutpoints, 0);
	mesh_analysis_free(a);
	mesh_plan_free(c);
	n = s->nroutes;
	mesh_suggestion_free(s);
	return n;
}

/*
 * Target 3: the first routes are those of target 2 (as many as its
 * bound), at least bound3 in all; with 4 nodes or more the plan ends
 * 3-connected. Returns the route count.
 */
static size_t
check_plan3(const struct mesh_plan *p)
{
	struct mesh_suggestion *s = NULL;
	struct mesh_analysis *a = NULL;
	struct mesh_plan *c;
	size_t n;

	assert_int_equal(mesh_suggest(p, 3, &s), MESH_OK);
	assert_true(s->verified);
	assert_int_equal(s->target, 3);
	assert_int_equal(s->ntwo - s->njoins, s->bound);
	assert_int_equal(s->reached, p->nnodes >= 4);
	if (s->reached)
		assert_true(s->nroutes - s->njoins >= s->bound3);
	c = copy_plan(p);
	assert_int_equal(mesh_suggest_apply(c, s, NULL), MESH_OK);
	assert_int_equal(c->nlinks, p->nlinks + s->nroutes);
	assert_int_equal(mesh_analyze(c, NULL, &a), MESH_OK);
	assert_true(a->connected);
	assert_int_equal(a->ncutpoints, 0);
	if (s->reached)
		assert_true(a->vertex_connectivity >= 3);
	mesh_analysis_free(a);
	mesh_plan_free(c);
	n = s->nroutes;
	mesh_suggestion_free(s);
	return n;
}

/* The routes of a suggestion for a hand-written plan, as "a>b c>d". */
static void
expect_routes(const char *const *names, size_t n, const char *links,
    const char *want, size_t want_joins)
{
	struct mesh_plan *p = plan_of(names, n, links);
	struct mesh_suggestion *s = NULL;
	char got[512];
	size_t i, len = 0;

	check_plan(p);
	assert_int_equal(mesh_suggest(p, 2, &s), MESH_OK);
	got[0] = '\0';
	for (i = 0; i < s->nroutes; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s>%s",
		    i ? " " : "", p->nodes[s->routes[i].from].name,
		    p->nodes[s->routes[i].to].name);
	assert_string_equal(got, want);
	assert_int_equal(s->njoins, want_joins);
	mesh_suggestion_free(s);
	mesh_plan_free(p);
}

static const char *const N[] = { "a", "b", "c", "d", "e", "f", "g", "h" };

static void
test_star(void **state)
{
	(void)state;
	/* Figure 1: a stores both routes; b, the lighter, stores the new. */
	expect_routes(N, 3, "a-b a-c", "b>c", 0);
	/* A star of five: d - 1 = 3 dominates ceil(4/2) = 2; three
	 * routes, each stored by a different leaf. */
	expect_routes(N, 5, "a-b a-c a-d a-e", "b>d e>b c>b", 0);
}

static void
test_chain(void **state)
{
	(void)state;
	expect_routes(N, 5, "a-b b-c c-d d-e", "e>a", 0);
}

static void
test_two_triangles(void **state)
{
	(void)state;
	/* Two triangles at c: d = 2, p = 2: one route, stored by a (it
	 * stores one route, as d does; a comes first by name). */
	expect_routes(N, 5, "a-b b-c c-a c-d d-e e-c", "a>d", 0);
}

static void
test_spider(void **state)
{
	(void)state;
	/* Three paths of two from a: d = 3 dominates p = 3: 2 routes. */
	expect_routes(N, 7, "a-b b-c a-d d-e a-f f-g", "c>g e>b", 0);
}

static void
test_islands(void **state)
{
	(void)state;
	/* Two pieces and a loner: two joins make the chain c-b-a-d-e-f,
	 * then one route closes it. */
	expect_routes(N, 6, "a-b b-c d-e", "a>d e>f c>f", 2);
}

static void
test_nothing(void **state)
{
	struct mesh_suggestion *s = NULL;
	struct mesh_plan *p;

	(void)state;
	p = plan_of(N, 4, "a-b b-c c-d d-a");
	assert_int_equal(mesh_suggest(p, 2, &s), MESH_OK);
	assert_int_equal(s->nroutes, 0);
	assert_true(s->verified);
	mesh_suggestion_free(s);
	s = NULL;
	assert_int_equal(mesh_suggest(p, 4, &s), MESH_EINVAL);
	assert_null(s);
	mesh_plan_free(p);
	/* One node, two linked nodes: nothing to add. */
	p = plan_of(N, 1, "");
	assert_int_equal(check_plan(p), 0);
	mesh_plan_free(p);
	p = plan_of(N, 2, "a-b");
	assert_int_equal(check_plan(p), 0);
	mesh_plan_free(p);
	/* Two nodes apart: one join. */
	p = plan_of(N, 2, "");
	assert_int_equal(check_plan(p), 1);
	mesh_plan_free(p);
}

/* A small deterministic generator (xorshift). */
static uint64_t rng_state;

static unsigned
next(unsigned bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % bound);
}

/* A random plan: a random tree (or forest) plus a few extra links. */
static struct mesh_plan *
random_plan(int split)
{
	struct mesh_plan *p = mesh_plan_new("random", NULL);
	char name[16];
	int n = 1 + (int)next(40), i, extra, roots;

	assert_non_null(p);
	roots = split ? 1 + (int)next(4) : 1;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "n%02d", i);
		assert_int_equal(mesh_plan_add_node(p, name, NULL, 9932, 0, 0),
		    i);
	}
	for (i = roots; i < n; i++) {
		int parent = (int)next((unsigned)i);

		snprintf(name, sizeof(name), "n%02d", parent);
		assert_int_equal(mesh_plan_add_route(p, i, name, 9932, 0, 0),
		    0);
	}
	extra = (int)next((unsigned)n / 2 + 1);
	for (i = 0; i < extra; i++) {
		int u = (int)next((unsigned)n), v = (int)next((unsigned)n);

		/* Split plans keep their pieces apart: links only down. */
		if (u == v || (split && (u < roots || v < roots)))
			continue;
		snprintf(name, sizeof(name), "n%02d", v);
		assert_int_equal(mesh_plan_add_route(p, u, name, 9932, 0, 0),
		    0);
	}
	resolve_plan(p);
	return p;
}

static void
test_target3(void **state)
{
	struct mesh_suggestion *s = NULL;
	struct mesh_plan *p;

	(void)state;
	/* A ring of four: two chords make K4, the minimum (every node
	 * lacks one route end). */
	p = plan_of(N, 4, "a-b b-c c-d d-a");
	assert_int_equal(check_plan3(p), 2);
	assert_int_equal(mesh_suggest(p, 3, &s), MESH_OK);
	assert_true(s->minimal);
	assert_int_equal(s->bound3, 2);
	mesh_suggestion_free(s);
	mesh_plan_free(p);
	/* Three nodes cannot get there; target 2 is still met. */
	p = plan_of(N, 3, "a-b a-c");
	assert_int_equal(check_plan3(p), 1);
	mesh_plan_free(p);
	/* Already 3-connected: nothing. */
	p = plan_of(N, 4, "a-b a-c a-d b-c b-d c-d");
	assert_int_equal(check_plan3(p), 0);
	mesh_plan_free(p);
}

static void
test_random(void **state)
{
	int i;

	(void)state;
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < 1200; i++) {
		struct mesh_plan *p = random_plan(i % 3 == 2);

		check_plan(p);
		if (i % 4 == 0)
			check_plan3(p);
		mesh_plan_free(p);
	}
}

/* Whether losing each domain of d (two nodes or more) leaves plan c in
 * one piece, through mesh_analyze() with the domain down. */
static void
assert_domains_whole(const struct mesh_plan *c, const struct mesh_domains *d)
{
	struct mesh_analysis_options o;
	struct mesh_analysis *a = NULL;
	size_t i;

	for (i = 0; i < d->n; i++) {
		memset(&o, 0, sizeof(o));
		o.down = d->nodes + d->start[i];
		o.ndown = d->start[i + 1] - d->start[i];
		if (o.ndown < 2 || o.ndown + 2 > c->nnodes)
			continue;
		assert_int_equal(mesh_analyze(c, &o, &a), MESH_OK);
		assert_true(a->connected);
		mesh_analysis_free(a);
	}
}

/*
 * Suggest --by zone for p and check it apart from suggest.c: with the
 * routes added (labels kept: the plan itself), no cut node and no zone
 * whose loss splits the rest; at least lower_bound routes, exactly as
 * many when minimal; the routes of mesh_suggest() are not changed by
 * mesh_suggest_with() without a key. Returns the route count.
 */
static size_t
check_by(struct mesh_plan *p)
{
	struct mesh_suggest_options o = { 2, "zone" };
	struct mesh_suggestion *s = NULL, *plain = NULL, *same = NULL;
	struct mesh_suggest_options none = { 2, NULL };
	struct mesh_domains *d = NULL;
	struct mesh_analysis *a = NULL;
	size_t n, i;

	assert_int_equal(mesh_suggest_with(p, &o, &s), MESH_OK);
	assert_true(s->verified);
	assert_string_equal(s->by, "zone");
	assert_true(s->nroutes >= s->lower_bound);
	assert_int_equal(s->minimal, s->nroutes == s->lower_bound);
	assert_true(s->lower_bound >= s->domain_bound);
	assert_int_equal(mesh_suggest(p, 2, &plain), MESH_OK);
	assert_int_equal(mesh_suggest_with(p, &none, &same), MESH_OK);
	assert_null(same->by);
	assert_null(same->domains);
	assert_int_equal(plain->nroutes, same->nroutes);
	for (i = 0; i < plain->nroutes; i++) {
		assert_int_equal(plain->routes[i].from, same->routes[i].from);
		assert_int_equal(plain->routes[i].to, same->routes[i].to);
	}
	/* In a connected plan, nodes and domains can only ask for more
	 * than nodes alone, whose minimum plain reaches. */
	if (plain->njoins == 0)
		assert_true(s->lower_bound >= plain->nroutes);
	assert_int_equal(mesh_domains_new(p, "zone", &d), MESH_OK);
	assert_int_equal(mesh_suggest_apply(p, s, NULL), MESH_OK);
	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	assert_true(a->connected);
	assert_int_equal(a->ncutpoints, 0);
	mesh_analysis_free(a);
	assert_domains_whole(p, d);
	n = s->nroutes;
	mesh_domains_free(d);
	mesh_suggestion_free(s);
	mesh_suggestion_free(plain);
	mesh_suggestion_free(same);
	return n;
}

static void
test_by_random(void **state)
{
	static const char *const zones[] = { "eu-west-1a", "eu-west-1b",
	    "us-east-1a", "us-east-1b", "ap-south-1a" };
	size_t routes = 0;
	int i;
	size_t v;

	(void)state;
	rng_state = 0x2545f4914f6cdd1dULL;
	for (i = 0; i < 300; i++) {
		struct mesh_plan *p = random_plan(i % 4 == 3);
		unsigned nz = 2 + (unsigned)(i % 4);

		for (v = 0; v < p->nnodes; v++)
			assert_int_equal(mesh_plan_set_label(p, (int)v, "zone",
			    zones[next(nz)]), 0);
		routes += check_by(p);
		mesh_plan_free(p);
	}
	/* The plans need routes: the test tests something. */
	assert_true(routes > 300);
}

/* Two regions (test plan of docs/suggest.md): every route stays within
 * a region when one that does lowers the bound as well, and the zone
 * that hangs off another gets its second way out. */
static void
test_by_regions(void **state)
{
	struct mesh_plan *p = plan_from_text(
	    "{\"nodes\": ["
	    "{\"name\": \"ua1\", \"host\": \"ua1\", \"labels\": {\"zone\": "
	    "\"us-east-1a\"}, \"routes\": [{\"host\": \"ub1\"}, "
	    "{\"host\": \"ea1\"}]},"
	    "{\"name\": \"ua2\", \"host\": \"ua2\", \"labels\": {\"zone\": "
	    "\"us-east-1a\"}, \"routes\": [{\"host\": \"ua1\"}]},"
	    "{\"name\": \"ub1\", \"host\": \"ub1\", \"labels\": {\"zone\": "
	    "\"us-east-1b\"}, \"routes\": [{\"host\": \"eb1\"}]},"
	    "{\"name\": \"ub2\", \"host\": \"ub2\", \"labels\": {\"zone\": "
	    "\"us-east-1b\"}, \"routes\": [{\"host\": \"ub1\"}]},"
	    "{\"name\": \"ea1\", \"host\": \"ea1\", \"labels\": {\"zone\": "
	    "\"eu-west-1a\"}, \"routes\": [{\"host\": \"eb1\"}]},"
	    "{\"name\": \"ea2\", \"host\": \"ea2\", \"labels\": {\"zone\": "
	    "\"eu-west-1a\"}, \"routes\": [{\"host\": \"ea1\"}]},"
	    "{\"name\": \"eb1\", \"host\": \"eb1\", \"labels\": {\"zone\": "
	    "\"eu-west-1b\"}},"
	    "{\"name\": \"eb2\", \"host\": \"eb2\", \"labels\": {\"zone\": "
	    "\"eu-west-1b\"}, \"routes\": [{\"host\": \"eb1\"}]},"
	    "{\"name\": \"ec1\", \"host\": \"ec1\", \"labels\": {\"zone\": "
	    "\"eu-west-1c\"}, \"routes\": [{\"host\": \"ea1\"}, "
	    "{\"host\": \"ea2\"}, {\"host\": \"ec2\"}]},"
	    "{\"name\": \"ec2\", \"host\": \"ec2\", \"labels\": {\"zone\": "
	    "\"eu-west-1c\"}, \"routes\": [{\"host\": \"ea1\"}, "
	    "{\"host\": \"ea2\"}]}]}", "regions.json", MESH_FORMAT_JSON);
	struct mesh_suggest_options o = { 2, "zone" };
	struct mesh_suggestion *s = NULL;
	size_t i;

	(void)state;
	assert_int_equal(mesh_suggest_with(p, &o, &s), MESH_OK);
	assert_true(s->verified);
	assert_true(s->minimal);
	assert_int_equal(s->nsplit, 1);
	assert_string_equal(s->domains->names[s->split[0]], "zone=eu-west-1a");
	assert_int_equal(s->nroutes, 2);
	for (i = 0; i < s->nroutes; i++) {
		const char *a = s->domains->names[
		    s->domains->of[s->routes[i].from]];
		const char *b = s->domains->names[
		    s->domains->of[s->routes[i].to]];

		/* "zone=us-east-1" or "zone=eu-west-1": one region. */
		assert_int_equal(strncmp(a, b, 14), 0);
	}
	mesh_suggestion_free(s);
	mesh_plan_free(p);
}

static void
test_by_invalid(void **state)
{
	struct mesh_plan *p = plan_of(N, 3, "a-b b-c");
	struct mesh_suggestion *s = (struct mesh_suggestion *)&s;
	struct mesh_suggest_options o = { 2, "" };

	(void)state;
	assert_int_equal(mesh_suggest_with(p, &o, &s), MESH_EINVAL);
	assert_null(s);
	o.by = "zone=a";
	assert_int_equal(mesh_suggest_with(p, &o, &s), MESH_EINVAL);
	o.by = "zone";
	o.target = 3;
	assert_int_equal(mesh_suggest_with(p, &o, &s), MESH_EINVAL);
	o.target = 4;
	assert_int_equal(mesh_suggest_with(p, &o, &s), MESH_EINVAL);
	/* No node has the label: each host is a domain, and it says so. */
	o.target = 0;
	assert_int_equal(mesh_suggest_with(p, &o, &s), MESH_OK);
	assert_false(s->by_found);
	assert_true(s->verified);
	assert_int_equal(s->nroutes, 1);
	mesh_suggestion_free(s);
	mesh_plan_free(p);
}

/* A plan of no nodes: nothing to group, yet host and a label are both
 * found (no node lacks them), as sweep's by_found; with nodes, host is
 * found and a label no node has is not. */
static void
test_by_no_nodes(void **state)
{
	static const char *const keys[] = { "host", "zone" };
	struct mesh_suggest_options o = { 2, NULL };
	struct mesh_suggestion *s = NULL;
	struct mesh_plan *p;
	size_t n, k;

	(void)state;
	for (n = 0; n <= 2; n += 2) {
		p = plan_of(N, n, n ? "a-b" : "");
		for (k = 0; k < 2; k++) {
			o.by = keys[k];
			assert_int_equal(mesh_suggest_with(p, &o, &s),
			    MESH_OK);
			assert_int_equal(s->by_found, k == 0 || n == 0);
			assert_int_equal(s->domains->n, n);
			assert_int_equal(s->nroutes, 0);
			assert_true(s->verified);
			mesh_suggestion_free(s);
			s = NULL;
		}
		mesh_plan_free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_two_triangles),
		cmocka_unit_test(test_spider),
		cmocka_unit_test(test_islands),
		cmocka_unit_test(test_nothing),
		cmocka_unit_test(test_target3),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_by_random),
		cmocka_unit_test(test_by_regions),
		cmocka_unit_test(test_by_invalid),
		cmocka_unit_test(test_by_no_nodes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
