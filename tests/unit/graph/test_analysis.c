/* test_analysis.c: the analyses: components, single points of failure and what they cut off, bridges, connectivity, route storage. */
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
#include "base/util.h"

static struct mesh_analysis *
analyse(const struct mesh_plan *p, const char *down)
{
	struct mesh_analysis_options o;
	struct mesh_analysis *a = NULL;
	int idx[16];
	char buf[256], *tok, *save = NULL;

	memset(&o, 0, sizeof(o));
	if (down != NULL) {
		snprintf(buf, sizeof(buf), "%s", down);
		for (tok = strtok_r(buf, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save))
			idx[o.ndown++] = mesh_plan_find(p, tok);
		o.down = idx;
	}
	assert_int_equal(mesh_analyze(p, &o, &a), MESH_OK);
	assert_non_null(a);
	return a;
}

static const char *
name(const struct mesh_analysis *a, int v)
{
	return a->plan->nodes[v].name;
}

static const char *const letters[] = { "a", "b", "c", "d", "e", "f", "g",
	"h" };

static void
star_centre_should_cut_off_every_leaf_but_the_first(void **state)
{
	struct mesh_plan *p = plan_of(letters, 4, "a-b a-c a-d");
	struct mesh_analysis *a = analyse(p, NULL);
	const struct mesh_cutpoint *cp;

	(void)state;
	assert_true(a->connected);
	assert_int_equal(a->ncutpoints, 1);
	cp = &a->cutpoints[0];
	assert_string_equal(name(a, cp->node), "a");
	/* Three pieces of one node: b stays (first name), c and d go. */
	assert_int_equal(cp->ngroups, 2);
	assert_int_equal(cp->stays, 1);
	assert_int_equal(a->groups[cp->first].size, 1);
	assert_string_equal(name(a, a->group_nodes[a->groups[cp->first].first]),
	    "c");
	assert_string_equal(name(a,
	    a->group_nodes[a->groups[cp->first + 1].first]), "d");
	assert_int_equal(a->vertex_connectivity, 1);
	assert_int_equal(a->edge_connectivity, 1);
	assert_int_equal(a->nbridges, 3);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
cut_off_groups_should_be_the_smaller_pieces_largest_first(void **state)
{
	/* d joins a triangle (a b c) to a path e-f and a lone g, and h
	 * hangs off f. Losing d: {a,b,c} stays, {e,f,h} and {g} go. */
	struct mesh_plan *p = plan_of(letters, 8,
	    "a-b b-c c-a d-a d-e e-f d-g f-h");
	struct mesh_analysis *a = analyse(p, NULL);
	const struct mesh_cutpoint *cp = NULL;
	const struct mesh_group *g;
	size_t i;

	(void)state;
	for (i = 0; i < a->ncutpoints; i++)
		if (strcmp(name(a, a->cutpoints[i].node), "d") == 0)
			cp = &a->cutpoints[i];
	assert_non_null(cp);
	if (cp == NULL)
		return;
	assert_int_equal(cp->ngroups, 2);
	g = &a->groups[cp->first];
	assert_int_equal(g->size, 3);
	assert_int_equal(g->nlisted, 3);
	assert_string_equal(name(a, a->group_nodes[g->first]), "e");
	assert_string_equal(name(a, a->group_nodes[g->first + 1]), "f");
	assert_string_equal(name(a, a->group_nodes[g->first + 2]), "h");
	g = &a->groups[cp->first + 1];
	assert_int_equal(g->size, 1);
	assert_string_equal(name(a, a->group_nodes[g->first]), "g");
	/* Articulation points sorted by name: a, d, e, f. */
	assert_int_equal(a->ncutpoints, 4);
	assert_string_equal(name(a, a->cutpoints[0].node), "a");
	assert_string_equal(name(a, a->cutpoints[1].node), "d");
	assert_string_equal(name(a, a->cutpoints[2].node), "e");
	assert_string_equal(name(a, a->cutpoints[3].node), "f");
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
parent_side_piece_should_be_cut_off_when_smaller(void **state)
{
	/* A path a-b-c-d-e-f: losing e leaves {a,b,c,d} and {f};
	 * losing b leaves {a} and {c,d,e,f}. */
	struct mesh_plan *p = plan_of(letters, 6, "a-b b-c c-d d-e e-f");
	struct mesh_analysis *a = analyse(p, NULL);
	size_t i;

	(void)state;
	assert_int_equal(a->ncutpoints, 4);
	for (i = 0; i < a->ncutpoints; i++) {
		const struct mesh_cutpoint *cp = &a->cutpoints[i];
		const struct mesh_group *g = &a->groups[cp->first];
		const char *n = name(a, cp->node);

		assert_int_equal(cp->ngroups, 1);
		if (strcmp(n, "b") == 0)
			assert_string_equal(name(a, a->group_nodes[g->first]),
			    "a");
		if (strcmp(n, "e") == 0)
			assert_string_equal(name(a, a->group_nodes[g->first]),
			    "f");
		if (strcmp(n, "c") == 0) {	/* {a,b} vs {d,e,f} */
			assert_int_equal(cp->stays, 3);
			assert_int_equal(g->size, 2);
			assert_string_equal(name(a,
			    a->group_nodes[g->first]), "a");
		}
	}
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
large_groups_should_list_at_most_the_cap_with_the_exact_size(void **state)
{
	/* A hub h with a chain of 60 behind one neighbour and one leaf:
	 * losing h cuts off the leaf... and the chain is the largest. */
	char names[64][16];
	const char *np[64];
	char links[2048] = "";
	struct mesh_plan *p;
	struct mesh_analysis *a;
	const struct mesh_group *g;
	int i;

	(void)state;
	for (i = 0; i < 63; i++) {
		snprintf(names[i], sizeof(names[i]), "n%02d", i);
		np[i] = names[i];
	}
	/* n00 is the cut point; n01 .. n40 a path; n41 .. n62 a path. */
	for (i = 1; i < 63; i++) {
		char one[32];

		if (i == 1 || i == 41)
			snprintf(one, sizeof(one), " n00-n%02d", i);
		else
			snprintf(one, sizeof(one), " n%02d-n%02d", i - 1, i);
		strcat(links, one);
	}
	p = plan_of(np, 63, links);
	a = analyse(p, NULL);
	assert_string_equal(name(a, a->cutpoints[0].node), "n00");
	assert_int_equal(a->cutpoints[0].ngroups, 1);
	g = &a->groups[a->cutpoints[0].first];
	assert_int_equal(g->size, 22);
	assert_int_equal(g->nlisted, 22);
	mesh_analysis_free(a);
	mesh_plan_free(p);

	/* Make the small side longer than the cap. */
	links[0] = '\0';
	for (i = 1; i < 63; i++) {
		char one[32];

		if (i == 1 || i == 31)
			snprintf(one, sizeof(one), " n00-n%02d", i);
		else
			snprintf(one, sizeof(one), " n%02d-n%02d", i - 1, i);
		strcat(links, one);
	}
	p = plan_of(np, 63, links);
	a = analyse(p, NULL);
	g = &a->groups[a->cutpoints[0].first];
	assert_int_equal(g->size, 30);
	assert_int_equal(g->nlisted, MESH_GROUP_NAMES_MAX);
	/* The nearest 25 of n01 .. n30 are n01 .. n25, listed by name. */
	assert_string_equal(name(a, a->group_nodes[g->first]), "n01");
	assert_string_equal(name(a, a->group_nodes[g->first + 24]), "n25");
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
components_should_be_largest_first_ties_by_first_name(void **state)
{
	static const char *const n[] = { "z", "y", "x", "w", "v", "u" };
	struct mesh_plan *p = plan_of(n, 6, "z-y x-w");
	struct mesh_analysis *a = analyse(p, NULL);

	(void)state;
	assert_false(a->connected);
	assert_int_equal(a->ncomponents, 4);
	assert_string_equal(name(a, a->comp_nodes[a->comp_start[0]]), "w");
	assert_string_equal(name(a, a->comp_nodes[a->comp_start[1]]), "y");
	assert_string_equal(name(a, a->comp_nodes[a->comp_start[2]]), "u");
	assert_string_equal(name(a, a->comp_nodes[a->comp_start[3]]), "v");
	assert_int_equal(a->ncut_off, 4);
	assert_int_equal(a->vertex_connectivity, 0);
	assert_int_equal(a->edge_connectivity, 0);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

/* The pieces the loss of cutpoint cp leaves, by igraph: its component
 * (membership memb of g) without it. Every piece, largest first, must be
 * the analysis's (largest, then the groups), with its exact size, its
 * names (as many as the cap allows) all in it, and the tie count. */
static void
check_pieces(const igraph_t *g, const igraph_vector_int_t *memb,
    const struct mesh_analysis *a, const struct mesh_cutpoint *cp)
{
	igraph_t h;
	igraph_vector_int_t pm, psize;
	igraph_integer_t np, c;
	int sizes[64] = { 0 }, n = 0, i, j, v = cp->node;
	size_t k, t;

	assert_int_equal(igraph_copy(&h, g), 0);
	assert_int_equal(igraph_delete_vertices(&h, igraph_vss_1(v)), 0);
	assert_int_equal(igraph_vector_int_init(&pm, 0), 0);
	assert_int_equal(igraph_vector_int_init(&psize, 0), 0);
	assert_int_equal(igraph_connected_components(&h, &pm, &psize, &np,
	    IGRAPH_WEAK), 0);
	/* Pieces of v's component: components of h holding its nodes. */
	for (c = 0; c < np; c++) {
		igraph_integer_t u;

		for (u = 0; u < igraph_vcount(&h); u++)
			if (VECTOR(pm)[u] == c)
				break;
		if (VECTOR(*memb)[u < v ? u : u + 1] == VECTOR(*memb)[v])
			sizes[n++] = (int)VECTOR(psize)[c];
	}
	/* Largest first. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && sizes[j - 1] < sizes[j]; j--) {
			int x = sizes[j];

			sizes[j] = sizes[j - 1];
			sizes[j - 1] = x;
		}
	assert_int_equal((size_t)n, cp->ngroups + 1);
	assert_int_equal(cp->stays, (size_t)sizes[0]);
	assert_int_equal(cp->largest.size, (size_t)sizes[0]);
	for (k = 0, i = 0; i < n; i++)
		k += sizes[i] == sizes[0];
	assert_int_equal(cp->nlargest, k);
	for (k = 0; k <= cp->ngroups; k++) {
		const struct mesh_group *pc = k == 0 ? &cp->largest :
		    &a->groups[cp->first + k - 1];
		igraph_integer_t piece = -1;

		assert_int_equal(pc->size, (size_t)sizes[k]);
		assert_int_equal(pc->nlisted, pc->size < MESH_GROUP_NAMES_MAX ?
		    pc->size : MESH_GROUP_NAMES_MAX);
		for (t = 0; t < pc->nlisted; t++) {
			int u = a->group_nodes[pc->first + t];

			assert_int_not_equal(u, v);
			u = u < v ? u : u - 1;
			if (piece < 0)
				piece = VECTOR(pm)[u];
			assert_int_equal(VECTOR(pm)[u], piece);
			assert_int_equal((size_t)VECTOR(psize)[piece], pc->size);
			if (t > 0)
				assert_true(strcmp(name(a, a->group_nodes[
				    pc->first + t - 1]), name(a,
				    a->group_nodes[pc->first + t])) < 0);
		}
	}
	igraph_vector_int_destroy(&psize);
	igraph_vector_int_destroy(&pm);
	igraph_destroy(&h);
}

/* The analysis runs its own depth-first search over a compact array;
 * igraph's routines are the oracle here (networkx is the other, in
 * tests/differential.py). */
static void
cuts_and_components_should_agree_with_igraph(void **state)
{
	char names[60][16];
	const char *nv[60];
	struct mesh_i_buf links;
	unsigned long seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 200; round++) {
		int n = 2 + round % 59, m = (int)(seed % (unsigned)(2 * n)), i;
		igraph_vector_int_t ev, res, memb, csize;
		igraph_integer_t ncomp, from, to;
		struct mesh_analysis *a;
		struct mesh_plan *p;
		igraph_t g;
		size_t k, found;
		char *text;

		mesh_i_buf_init(&links);
		for (i = 0; i < n; i++) {
			snprintf(names[i], sizeof(names[i]), "v%02d", i);
			nv[i] = names[i];
		}
		for (i = 0; i < m; i++) {
			int x, y;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			x = (int)((seed >> 33) % (unsigned)n);
			y = (int)((seed >> 13) % (unsigned)n);
			if (x != y)
				mesh_i_buf_printf(&links, "%s%s-%s", links.len ?
				    " " : "", names[x], names[y]);
		}
		text = mesh_i_buf_take(&links);
		p = plan_of(nv, (size_t)n, text ? text : "");
		free(text);
		a = analyse(p, NULL);

		assert_int_equal(igraph_vector_int_init(&ev, 0), 0);
		for (k = 0; k < p->nlinks; k++) {
			assert_int_equal(igraph_vector_int_push_back(&ev,
			    p->links[2 * k]), 0);
			assert_int_equal(igraph_vector_int_push_back(&ev,
			    p->links[2 * k + 1]), 0);
		}
		assert_int_equal(igraph_create(&g, &ev, n, IGRAPH_UNDIRECTED),
		    0);
		assert_int_equal(igraph_vector_int_init(&res, 0), 0);
		assert_int_equal(igraph_vector_int_init(&memb, 0), 0);
		assert_int_equal(igraph_vector_int_init(&csize, 0), 0);

		assert_int_equal(igraph_connected_components(&g, &memb,
		    &csize, &ncomp, IGRAPH_WEAK), 0);
		assert_int_equal(a->ncomponents, (size_t)ncomp);
		/* The largest component is listed first. */
		assert_int_equal(a->comp_start[1],
		    (size_t)igraph_vector_int_max(&csize));

		assert_int_equal(igraph_articulation_points(&g, &res), 0);
		assert_int_equal(a->ncutpoints,
		    (size_t)igraph_vector_int_size(&res));
		for (k = 0; k < a->ncutpoints; k++) {
			assert_true(igraph_vector_int_contains(&res,
			    a->cutpoints[k].node));
			check_pieces(&g, &memb, a, &a->cutpoints[k]);
		}

		assert_int_equal(igraph_bridges(&g, &res), 0);
		assert_int_equal(a->nbridges,
		    (size_t)igraph_vector_int_size(&res));
		for (k = 0, found = 0; k < (size_t)igraph_vector_int_size(&res);
		    k++) {
			size_t b;

			assert_int_equal(igraph_edge(&g, VECTOR(res)[k], &from,
			    &to), 0);
			for (b = 0; b < a->nbridges; b++)
				if ((a->bridges[2 * b] == from &&
				    a->bridges[2 * b + 1] == to) ||
				    (a->bridges[2 * b] == to &&
				    a->bridges[2 * b + 1] == from))
					found++;
		}
		assert_int_equal(found, a->nbridges);

		igraph_vector_int_destroy(&csize);
		igraph_vector_int_destroy(&memb);
		igraph_vector_int_destroy(&res);
		igraph_vector_int_destroy(&ev);
		igraph_destroy(&g);
		mesh_analysis_free(a);
		mesh_plan_free(p);
	}
}

static void
down_nodes_should_leave_only_survivors(void **state)
{
	struct mesh_plan *p = plan_of(letters, 5, "a-b b-c c-d d-e e-a");
	struct mesh_analysis *a = analyse(p, "c,a");

	(void)state;
	assert_int_equal(a->nnodes, 3);
	assert_int_equal(a->ndown, 2);
	assert_string_equal(name(a, a->down[0]), "a");
	assert_string_equal(name(a, a->down[1]), "c");
	assert_false(a->connected);     /* b alone; d-e */
	assert_int_equal(a->nlinks, 1);
	assert_int_equal(a->stored_total, 1);
	assert_int_equal(a->stored[mesh_plan_find(p, "d")], 1);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
everything_down_should_count_as_connected(void **state)
{
	struct mesh_plan *p = plan_of(letters, 2, "a-b");
	struct mesh_analysis *a = analyse(p, "a,b");

	(void)state;
	assert_int_equal(a->nnodes, 0);
	assert_true(a->connected);
	assert_int_equal(a->vertex_connectivity, 0);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
down_index_out_of_range_should_be_refused(void **state)
{
	struct mesh_plan *p = plan_of(letters, 2, "a-b");
	struct mesh_analysis_options o;
	struct mesh_analysis *a = NULL;
	int bad = 7;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.down = &bad;
	o.ndown = 1;
	assert_int_equal(mesh_analyze(p, &o, &a), MESH_EINVAL);
	assert_null(a);
	mesh_plan_free(p);
}

static void
connectivity_above_the_limit_should_be_skipped_and_say_so(void **state)
{
	/* K4: kappa = 3, which needs flows; a limit of 3 nodes skips. */
	struct mesh_plan *p = plan_of(letters, 4, "a-b a-c a-d b-c b-d c-d");
	struct mesh_analysis_options o;
	struct mesh_analysis *a = NULL;
	char *json;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.connectivity_limit = 3;
	assert_int_equal(mesh_analyze(p, &o, &a), MESH_OK);
	assert_non_null(a);
	assert_int_equal(a->vertex_connectivity, -1);
	assert_int_equal(a->edge_connectivity, -1);
	json = mesh_analysis_json(a, NULL);
	assert_non_null(json);
	assert_non_null(strstr(json, "\"vertex_connectivity\": null"));
	assert_non_null(strstr(json, "\"connectivity_limit\": 3"));
	free(json);
	mesh_analysis_free(a);
	a = analyse(p, NULL);
	assert_int_equal(a->vertex_connectivity, 3);
	assert_int_equal(a->edge_connectivity, 3);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
route_storage_should_name_the_node_storing_most(void **state)
{
	struct mesh_plan *p = plan_of(letters, 4, "b-a b-c c-d d-b");
	struct mesh_analysis *a = analyse(p, NULL);

	(void)state;
	assert_int_equal(a->stored_total, 4);
	assert_string_equal(name(a, a->top_storer), "b");
	assert_int_equal(a->stored[a->top_storer], 2);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
json_should_be_the_same_bytes_every_time(void **state)
{
	struct mesh_plan *p = plan_of(letters, 6, "a-b b-c c-a c-d d-e f-a");
	struct mesh_analysis *a1 = analyse(p, NULL), *a2 = analyse(p, NULL);
	char *j1 = mesh_analysis_json(a1, NULL), *j2 = mesh_analysis_json(a2,
	    NULL);

	(void)state;
	assert_non_null(j1);
	assert_non_null(j2);
	assert_string_equal(j1, j2);
	assert_non_null(strstr(j1, "\"bridges\": [[\"a\", \"f\"], "
	    "[\"c\", \"d\"], [\"d\", \"e\"]]"));
	free(j1);
	free(j2);
	mesh_analysis_free(a1);
	mesh_analysis_free(a2);
	mesh_analysis_free(NULL);
	mesh_plan_free(p);
}

/* cutpoint text of plan p's cutpoint named at. */
static char *
text_of(const struct mesh_analysis *a, const char *at)
{
	size_t i;

	for (i = 0; i < a->ncutpoints; i++)
		if (strcmp(name(a, a->cutpoints[i].node), at) == 0)
			return mesh_cutpoint_text(a, &a->cutpoints[i]);
	fail_msg("%s is no cutpoint", at);
	return NULL;
}

static void
spof_sentence_should_name_every_piece_and_ties(void **state)
{
	/* The docs' figure: a stores the routes to b and c. */
	struct mesh_plan *p = plan_of(letters, 3, "a-b a-c");
	struct mesh_analysis *a = analyse(p, NULL);
	char *t = text_of(a, "a");

	(void)state;
	assert_int_equal(a->cutpoints[0].nlargest, 2);
	assert_string_equal(t, "splits the rest into 2 pieces: {b} and {c}");
	free(t);
	mesh_analysis_free(a);
	mesh_plan_free(p);

	/* d leaves {a, b, c}, {e, f}, {g, h}: two equal smaller ones. */
	p = plan_of(letters, 8, "a-b b-c c-d d-e e-f d-g g-h");
	a = analyse(p, NULL);
	t = text_of(a, "d");
	assert_string_equal(t, "splits the rest into 3 pieces: {a, b, c} "
	    "(3 nodes), {e, f} (2 nodes) and {g, h} (2 nodes)");
	free(t);
	/* c leaves {a, b} and {d, e, f, g, h}. */
	t = text_of(a, "c");
	assert_string_equal(t, "splits the rest into 2 pieces: "
	    "{d, e, f, g, h} (5 nodes) and {a, b} (2 nodes)");
	free(t);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
spof_sentence_should_cap_names_and_pieces(void **state)
{
	char names[128][16];
	const char *np[128];
	struct mesh_i_buf links;
	struct mesh_plan *p;
	struct mesh_analysis *a;
	char *l, *t;
	int i;

	(void)state;
	/* h00 with a path of 40 (h01 .. h40) and leaves h41, h42, h43. */
	mesh_i_buf_init(&links);
	for (i = 0; i < 44; i++) {
		snprintf(names[i], sizeof(names[i]), "h%02d", i);
		np[i] = names[i];
		if (i > 0)
			mesh_i_buf_printf(&links, " h%02d-h%02d", i == 1 ||
			    i > 40 ? 0 : i - 1, i);
	}
	l = mesh_i_buf_take(&links);
	p = plan_of(np, 44, l);
	free(l);
	a = analyse(p, NULL);
	t = text_of(a, "h00");
	assert_string_equal(t, "splits the rest into 4 pieces: the largest "
	    "(40 nodes) and 3 smaller: {h41}, {h42} and {h43}");
	free(t);
	mesh_analysis_free(a);
	mesh_plan_free(p);

	/* Two equal paths of 30 behind h00: a tie, so both named, capped. */
	mesh_i_buf_init(&links);
	for (i = 0; i < 61; i++) {
		snprintf(names[i], sizeof(names[i]), "h%02d", i);
		np[i] = names[i];
		if (i > 0)
			mesh_i_buf_printf(&links, " h%02d-h%02d", i == 1 ||
			    i == 31 ? 0 : i - 1, i);
	}
	l = mesh_i_buf_take(&links);
	p = plan_of(np, 61, l);
	free(l);
	a = analyse(p, NULL);
	t = text_of(a, "h00");
	assert_non_null(strstr(t, "splits the rest into 2 pieces: {h01, "));
	assert_non_null(strstr(t, "h25, ... and 5 more} (30 nodes) and "
	    "{h31, "));
	assert_non_null(strstr(t, "h55, ... and 5 more} (30 nodes)"));
	free(t);
	mesh_analysis_free(a);
	mesh_plan_free(p);

	/* A star of 30 leaves: 25 pieces named, then the rest counted. */
	mesh_i_buf_init(&links);
	for (i = 0; i < 31; i++) {
		snprintf(names[i], sizeof(names[i]), "s%02d", i);
		np[i] = names[i];
		if (i > 0)
			mesh_i_buf_printf(&links, " s00-s%02d", i);
	}
	l = mesh_i_buf_take(&links);
	p = plan_of(np, 31, l);
	free(l);
	a = analyse(p, NULL);
	t = text_of(a, "s00");
	assert_non_null(strstr(t, "splits the rest into 30 pieces: {s01}, "));
	assert_non_null(strstr(t, ", {s25} and 5 more pieces (5 nodes)"));
	assert_null(strstr(t, "s26"));
	free(t);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
route_counts_should_say_what_down_nodes_change(void **state)
{
	/* b, c, d each store a route to a and to e; a stores one to e. */
	struct mesh_plan *p = plan_of(letters, 5,
	    "b-a b-e c-a c-e d-a d-e a-e");
	struct mesh_analysis *a = analyse(p, NULL);
	char *t = mesh_routes_text(a), *json;

	(void)state;
	assert_string_equal(t, "");
	free(t);
	mesh_analysis_free(a);
	a = analyse(p, "a");
	assert_int_equal(a->nroutes, 6);
	assert_int_equal(a->stored_total, 3);
	assert_int_equal(a->nroutes_to_down, 3);
	assert_int_equal(a->nroutes_of_down, 1);
	t = mesh_routes_text(a);
	assert_string_equal(t, " (3 make links, 3 lead to down nodes; not "
	    "counted: 1 stored by down nodes)");
	free(t);
	json = mesh_analysis_json(a, NULL);
	assert_non_null(strstr(json, "\"routes\": 6,\n  \"routes_linking\": 3,"
	    "\n  \"routes_to_down\": 3,\n  \"routes_of_down\": 1,"));
	assert_non_null(strstr(json, "\"route_storage\": {\"total\": 3,"));
	/* With a down, e alone joins b, c and d: its loss leaves three
	 * single nodes, none of them the largest. */
	assert_non_null(strstr(json, "{\"node\": \"e\", \"stays\": 1, "
	    "\"cuts_off\": [{\"size\": 1, \"nodes\": [\"c\"]}, {\"size\": 1, "
	    "\"nodes\": [\"d\"]}], \"largest\": {\"size\": 1, \"nodes\": "
	    "[\"b\"]}, \"largest_pieces\": 3}"));
	free(json);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
split_verdict_should_call_no_group_the_largest_on_a_tie(void **state)
{
	struct mesh_plan *p = plan_of(letters, 5, "a-b c-d");
	struct mesh_analysis *a = analyse(p, NULL);
	char *t = mesh_split_text(a);

	(void)state;
	assert_string_equal(t, "3 groups; the 2 largest have 2 nodes each, "
	    "1 node is in smaller groups");
	free(t);
	mesh_analysis_free(a);
	a = analyse(p, "e");
	t = mesh_split_text(a);
	assert_string_equal(t, "2 groups of 2 nodes each: none is the "
	    "largest");
	free(t);
	mesh_analysis_free(a);
	a = analyse(p, "a");
	t = mesh_split_text(a);
	assert_string_equal(t, "3 groups; 2 nodes are cut off from the "
	    "largest group");
	free(t);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(star_centre_should_cut_off_every_leaf_but_the_first),
		cmocka_unit_test(cut_off_groups_should_be_the_smaller_pieces_largest_first),
		cmocka_unit_test(parent_side_piece_should_be_cut_off_when_smaller),
		cmocka_unit_test(large_groups_should_list_at_most_the_cap_with_the_exact_size),
		cmocka_unit_test(components_should_be_largest_first_ties_by_first_name),
		cmocka_unit_test(down_nodes_should_leave_only_survivors),
		cmocka_unit_test(everything_down_should_count_as_connected),
		cmocka_unit_test(down_index_out_of_range_should_be_refused),
		cmocka_unit_test(connectivity_above_the_limit_should_be_skipped_and_say_so),
		cmocka_unit_test(route_storage_should_name_the_node_storing_most),
		cmocka_unit_test(json_should_be_the_same_bytes_every_time),
		cmocka_unit_test(cuts_and_components_should_agree_with_igraph),
		cmocka_unit_test(spof_sentence_should_name_every_piece_and_ties),
		cmocka_unit_test(spof_sentence_should_cap_names_and_pieces),
		cmocka_unit_test(route_counts_should_say_what_down_nodes_change),
		cmocka_unit_test(split_verdict_should_call_no_group_the_largest_on_a_tie),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
