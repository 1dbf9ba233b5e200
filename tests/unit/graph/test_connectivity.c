/* test_connectivity.c: vertex and edge connectivity against known values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"
#include "graph/connectivity.h"
#include "graph/csr.h"

#define MAX_EDGES 512

/* An edge list under construction. */
struct tgraph {
	int n;
	int m;
	int e[2 * MAX_EDGES];
};

static void
tg_init(struct tgraph *t, int n)
{
	t->n = n;
	t->m = 0;
}

static void
tg_edge(struct tgraph *t, int u, int v)
{
	assert_true(t->m < MAX_EDGES);
	assert_true(u != v);
	t->e[2 * t->m] = u;
	t->e[2 * t->m + 1] = v;
	t->m++;
}

/* Add the complete graph on vertices first .. first + k - 1. */
static void
tg_complete(struct tgraph *t, int first, int k)
{
	int i, j;

	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
			tg_edge(t, first + i, first + j);
}

/* Add the cycle on vertices first .. first + k - 1 (k >= 3). */
static void
tg_cycle(struct tgraph *t, int first, int k)
{
	int i;

	for (i = 0; i < k; i++)
		tg_edge(t, first + i, first + (i + 1) % k);
}

/* Vertex and edge connectivity of t, both with no lower bound given. */
static void
connectivity_of(const struct tgraph *t, int *kappa, int *lambda)
{
	struct mesh_i_csr g;

	assert_int_equal(mesh_i_csr_build(&g, t->n, t->e, t->m), 0);
	*kappa = -7;
	*lambda = -7;
	assert_int_equal(mesh_i_vertex_connectivity(&g, 0, kappa), 0);
	assert_int_equal(mesh_i_edge_connectivity(&g, 0, lambda), 0);
	mesh_i_csr_free(&g);
}

static void
expect_connectivity(const struct tgraph *t, int kappa, int lambda)
{
	int k, l;

	connectivity_of(t, &k, &l);
	assert_int_equal(k, kappa);
	assert_int_equal(l, lambda);
}

static void
connectivity_should_be_0_for_the_empty_graph(void **state)
{
	struct tgraph t;

	(void)state;
	tg_init(&t, 0);
	expect_connectivity(&t, 0, 0);
}

static void
connectivity_should_be_0_for_a_single_vertex(void **state)
{
	struct tgraph t;

	(void)state;
	tg_init(&t, 1);
	expect_connectivity(&t, 0, 0);
}

static void
connectivity_should_be_1_for_two_adjacent_vertices(void **state)
{
	struct tgraph t;

	(void)state;
	tg_init(&t, 2);
	tg_edge(&t, 0, 1);
	expect_connectivity(&t, 1, 1);
}

static void
connectivity_should_be_0_for_two_vertices_without_an_edge(void **state)
{
	struct tgraph t;

	(void)state;
	tg_init(&t, 2);
	expect_connectivity(&t, 0, 0);
}

static void
connectivity_should_be_1_for_paths(void **state)
{
	struct tgraph t;
	int n, i;

	(void)state;
	for (n = 3; n <= 40; n++) {
		tg_init(&t, n);
		for (i = 0; i + 1 < n; i++)
			tg_edge(&t, i, i + 1);
		expect_connectivity(&t, 1, 1);
	}
}

static void
connectivity_should_be_2_for_cycles(void **state)
{
	struct tgraph t;
	int n;

	(void)state;
	for (n = 3; n <= 40; n++) {
		tg_init(&t, n);
		tg_cycle(&t, 0, n);
		expect_connectivity(&t, 2, 2);
	}
	tg_init(&t, 300);
	tg_cycle(&t, 0, 300);
	expect_connectivity(&t, 2, 2);
}

static void
connectivity_should_be_n_minus_1_for_complete_graphs(void **state)
{
	struct tgraph t;
	int n;

	(void)state;
	for (n = 2; n <= 7; n++) {
		tg_init(&t, n);
		tg_complete(&t, 0, n);
		expect_connectivity(&t, n - 1, n - 1);
	}
}

static void
connectivity_should_be_the_smaller_side_for_complete_bipartite_graphs(
    void **state)
{
	struct tgraph t;
	int a, b, i, j;

	(void)state;
	for (a = 1; a <= 5; a++) {
		for (b = 1; b <= 6; b++) {
			tg_init(&t, a + b);
			for (i = 0; i < a; i++)
				for (j = 0; j < b; j++)
					tg_edge(&t, i, a + j);
			expect_connectivity(&t, a < b ? a : b, a < b ? a : b);
		}
	}
}

static void
connectivity_should_be_3_for_the_petersen_graph(void **state)
{
	struct tgraph t;
	int i;

	(void)state;
	tg_init(&t, 10);
	for (i = 0; i < 5; i++) {
		tg_edge(&t, i, (i + 1) % 5);            /* outer cycle */
		tg_edge(&t, i, 5 + i);                  /* spokes */
		tg_edge(&t, 5 + i, 5 + (i + 2) % 5);    /* inner pentagram */
	}
	expect_connectivity(&t, 3, 3);
}

static void
vertex_connectivity_should_be_1_when_two_triangles_share_a_vertex(
    void **state)
{
	struct tgraph t;

	(void)state;
	tg_init(&t, 5);
	tg_complete(&t, 0, 3);
	tg_edge(&t, 2, 3);
	tg_edge(&t, 2, 4);
	tg_edge(&t, 3, 4);
	expect_connectivity(&t, 1, 2);
}

static void
connectivity_should_be_2_for_two_k4_joined_by_two_disjoint_edges(
    void **state)
{
	struct tgraph t;

	(void)state;
	tg_init(&t, 8);
	tg_complete(&t, 0, 4);
	tg_complete(&t, 4, 4);
	tg_edge(&t, 0, 4);
	tg_edge(&t, 1, 5);
	expect_connectivity(&t, 2, 2);
}

static void
connectivity_should_be_3_for_wheels(void **state)
{
	struct tgraph t;
	int n, i;

	(void)state;
	for (n = 4; n <= 12; n++) {
		/* hub 0, rim 1 .. n - 1 */
		tg_init(&t, n);
		tg_cycle(&t, 1, n - 1);
		for (i = 1; i < n; i++)
			tg_edge(&t, 0, i);
		expect_connectivity(&t, 3, 3);
	}
}

static void
connectivity_should_be_0_for_a_disconnected_graph(void **state)
{
	struct tgraph t;

	(void)state;
	tg_init(&t, 10);
	tg_complete(&t, 0, 5);
	tg_complete(&t, 5, 5);
	expect_connectivity(&t, 0, 0);

	/* Enough edges to be connected, and an isolated vertex. */
	tg_init(&t, 7);
	tg_complete(&t, 0, 6);
	expect_connectivity(&t, 0, 0);
}

static void
connectivity_should_be_d_for_the_hypercube_qd(void **state)
{
	struct tgraph t;
	int d, u, b;

	(void)state;
	for (d = 1; d <= 6; d++) {
		tg_init(&t, 1 << d);
		for (u = 0; u < (1 << d); u++)
			for (b = 0; b < d; b++)
				if (u < (u ^ (1 << b)))
					tg_edge(&t, u, u ^ (1 << b));
		expect_connectivity(&t, d, d);
	}
}

static void
vertex_connectivity_should_be_below_edge_connectivity_for_k5s_sharing_a_vertex(
    void **state)
{
	struct tgraph t;

	(void)state;
	/* kappa 1 (the shared vertex) < lambda = delta = 4 */
	tg_init(&t, 9);
	tg_complete(&t, 0, 5);
	tg_complete(&t, 4, 5);
	expect_connectivity(&t, 1, 4);
}

static void
connectivity_should_separate_kappa_lambda_and_min_degree(void **state)
{
	struct tgraph t;

	(void)state;
	/* Two K5 and vertex 0 of one joined to two vertices of the other:
	 * kappa 1 < lambda 2 < delta 4. */
	tg_init(&t, 10);
	tg_complete(&t, 0, 5);
	tg_complete(&t, 5, 5);
	tg_edge(&t, 0, 5);
	tg_edge(&t, 0, 6);
	expect_connectivity(&t, 1, 2);

	/* Two K6 joined by 0-6, 0-7, 1-8: kappa 2 < lambda 3 < delta 5. */
	tg_init(&t, 12);
	tg_complete(&t, 0, 6);
	tg_complete(&t, 6, 6);
	tg_edge(&t, 0, 6);
	tg_edge(&t, 0, 7);
	tg_edge(&t, 1, 8);
	expect_connectivity(&t, 2, 3);

	/* Two K7 joined by 0-7, 0-8, 0-9, 1-10: kappa 2 < lambda 4 <
	 * delta 6, with the vertices shuffled so that none of the special
	 * ones is first. */
	{
		static const int perm[14] = {
			9, 3, 12, 0, 7, 13, 5, 1, 11, 6, 2, 10, 4, 8
		};
		struct tgraph u;
		int i;

		tg_init(&t, 14);
		tg_complete(&t, 0, 7);
		tg_complete(&t, 7, 7);
		tg_edge(&t, 0, 7);
		tg_edge(&t, 0, 8);
		tg_edge(&t, 0, 9);
		tg_edge(&t, 1, 10);
		expect_connectivity(&t, 2, 4);
		tg_init(&u, 14);
		for (i = 0; i < t.m; i++)
			tg_edge(&u, perm[t.e[2 * i]], perm[t.e[2 * i + 1]]);
		expect_connectivity(&u, 2, 4);
	}
}

static void
vertex_connectivity_should_find_a_cut_vertex_of_least_degree(void **state)
{
	struct tgraph t;

	(void)state;
	/* Vertex 12 joins two K6 with two edges into each: it has the least
	 * degree (4) and is the only cut vertex, so only a pair of its
	 * neighbours, not a non-neighbour, shows kappa = 1. */
	tg_init(&t, 13);
	tg_complete(&t, 0, 6);
	tg_complete(&t, 6, 6);
	tg_edge(&t, 12, 0);
	tg_edge(&t, 12, 1);
	tg_edge(&t, 12, 6);
	tg_edge(&t, 12, 7);
	expect_connectivity(&t, 1, 2);
}

/* Load edge pairs e[0 .. 2m - 1] into t. */
static void
tg_load(struct tgraph *t, int n, const int *e, int m)
{
	int i;

	tg_init(t, n);
	for (i = 0; i < m; i++)
		tg_edge(t, e[2 * i], e[2 * i + 1]);
}

static void
connectivity_should_be_exact_where_flows_must_be_rerouted(void **state)
{
	/*
	 * Random graphs on which a deliberately broken flow (never cancelling
	 * the flow through a vertex; cancelling the wrong half-edge; skipping
	 * the pairs of neighbours) gave a wrong answer. Values checked with
	 * networkx.
	 */
	static const int cubic16[] = {
		0, 3, 0, 11, 0, 14, 1, 7, 1, 8, 1, 13, 2, 5, 2, 11, 2, 12,
		3, 5, 3, 15, 4, 7, 4, 9, 4, 15, 5, 11, 6, 8, 6, 10, 6, 13,
		7, 14, 8, 9, 9, 12, 10, 13, 10, 15, 12, 14,
	};
	static const int quartic10[] = {
		0, 2, 0, 3, 0, 5, 0, 9, 1, 2, 1, 3, 1, 7, 1, 9, 2, 4, 2, 9,
		3, 6, 3, 9, 4, 6, 4, 7, 4, 8, 5, 6, 5, 7, 5, 8, 6, 8, 7, 8,
	};
	static const int quintic12[] = {
		0, 1, 0, 3, 0, 9, 0, 10, 0, 11, 1, 5, 1, 6, 1, 7, 1, 10,
		2, 6, 2, 7, 2, 8, 2, 10, 2, 11, 3, 4, 3, 5, 3, 9, 3, 11,
		4, 7, 4, 8, 4, 9, 4, 10, 5, 6, 5, 7, 5, 8, 6, 8, 6, 9, 7, 8,
		9, 11, 10, 11,
	};
	static const int sep10[] = {
		0, 1, 0, 2, 0, 5, 0, 9, 1, 2, 1, 4, 1, 7, 2, 4, 2, 6, 3, 5,
		3, 6, 3, 7, 3, 8, 4, 6, 4, 7, 5, 8, 5, 9, 6, 9, 7, 8, 8, 9,
	};
	struct tgraph t;

	(void)state;
	tg_load(&t, 16, cubic16, 24);
	expect_connectivity(&t, 3, 3);
	tg_load(&t, 10, quartic10, 20);
	expect_connectivity(&t, 4, 4);
	tg_load(&t, 12, quintic12, 30);
	expect_connectivity(&t, 5, 5);
	tg_load(&t, 10, sep10, 20);
	expect_connectivity(&t, 3, 4);
}

static void
connectivity_should_be_known_values_for_larger_regular_graphs(void **state)
{
	struct tgraph t;
	int i, j, r, c;

	(void)state;
	/* Circulant C_60(1, 2, 3): 6-regular, 6-connected. */
	tg_init(&t, 60);
	for (i = 0; i < 60; i++)
		for (j = 1; j <= 3; j++)
			tg_edge(&t, i, (i + j) % 60);
	expect_connectivity(&t, 6, 6);

	/* Torus grid 12 x 12: 4-regular, 4-connected. */
	tg_init(&t, 144);
	for (r = 0; r < 12; r++) {
		for (c = 0; c < 12; c++) {
			tg_edge(&t, 12 * r + c, 12 * r + (c + 1) % 12);
			tg_edge(&t, 12 * r + c, 12 * ((r + 1) % 12) + c);
		}
	}
	expect_connectivity(&t, 4, 4);

	/* Barbell: two K8 joined by a path of three edges. */
	tg_init(&t, 18);
	tg_complete(&t, 0, 8);
	tg_complete(&t, 8, 8);
	tg_edge(&t, 7, 16);
	tg_edge(&t, 16, 17);
	tg_edge(&t, 17, 8);
	expect_connectivity(&t, 1, 1);
}

static void
connectivity_should_not_change_with_a_correct_lower_bound(void **state)
{
	struct tgraph t;
	struct mesh_i_csr g;
	int lower, k, l;

	(void)state;
	/* Two K6 joined by 0-6, 0-7, 1-8: kappa 2, lambda 3, delta 5. */
	tg_init(&t, 12);
	tg_complete(&t, 0, 6);
	tg_complete(&t, 6, 6);
	tg_edge(&t, 0, 6);
	tg_edge(&t, 0, 7);
	tg_edge(&t, 1, 8);
	assert_int_equal(mesh_i_csr_build(&g, t.n, t.e, t.m), 0);
	for (lower = -3; lower <= 2; lower++) {
		assert_int_equal(mesh_i_vertex_connectivity(&g, lower, &k), 0);
		assert_int_equal(k, 2);
	}
	for (lower = -3; lower <= 3; lower++) {
		assert_int_equal(mesh_i_edge_connectivity(&g, lower, &l), 0);
		assert_int_equal(l, 3);
	}
	/* Above the minimum degree a bound cannot hold: it is ignored. */
	assert_int_equal(mesh_i_vertex_connectivity(&g, 6, &k), 0);
	assert_int_equal(k, 2);
	assert_int_equal(mesh_i_edge_connectivity(&g, 99, &l), 0);
	assert_int_equal(l, 3);
	mesh_i_csr_free(&g);
}

/* ---- brute force over small graphs (n <= 9), adjacency as bitmasks ---- */

/* Whether the vertices in `keep` induce a connected subgraph of adj
 * (with `keep` non-empty). */
static int
bf_connected(const uint32_t *adj, uint32_t keep)
{
	uint32_t seen = keep & (~keep + 1), grow = seen;

	while (grow != 0) {
		uint32_t next = 0, left;
		int u;

		for (left = grow, u = 0; left != 0; left >>= 1, u++)
			if (left & 1)
				next |= adj[u];
		next &= keep & ~seen;
		seen |= next;
		grow = next;
	}
	return seen == keep;
}

/* The fewest vertices whose removal disconnects or leaves one vertex:
 * vertex subsets by size. */
static int
bf_vertex_connectivity(int n, const uint32_t *adj)
{
	uint32_t all = (UINT32_C(1) << n) - 1, s;
	int k;

	if (n < 2)
		return 0;
	for (k = 0; k <= n - 2; k++)
		for (s = 0; s <= all; s++)
			if (bit_count(s) == k && !bf_connected(adj, all & ~s))
				return k;
	return n - 1;
}

/* The fewest edges whose removal disconnects: edge subsets by size. */
static int
bf_edge_connectivity(int n, const uint32_t *adj, const struct tgraph *t)
{
	uint32_t all = (UINT32_C(1) << n) - 1;
	uint32_t cut[32];
	int idx[MAX_EDGES];
	int k, i;

	if (n < 2)
		return 0;
	for (k = 0; k <= t->m; k++) {
		/* idx[0] < ... < idx[k - 1]: every k-subset in turn */
		for (i = 0; i < k; i++)
			idx[i] = i;
		for (;;) {
			for (i = 0; i < n; i++)
				cut[i] = adj[i];
			for (i = 0; i < k; i++) {
				int u = t->e[2 * idx[i]], v = t->e[2 * idx[i] + 1];

				cut[u] &= ~(UINT32_C(1) << v);
				cut[v] &= ~(UINT32_C(1) << u);
			}
			if (!bf_connected(cut, all))
				return k;
			for (i = k - 1; i >= 0 && idx[i] == t->m - k + i; i--)
				;
			if (i < 0)
				break;
			idx[i]++;
			for (i++; i < k; i++)
				idx[i] = idx[i - 1] + 1;
		}
	}
	fail_msg("removing every edge of a %d-vertex graph kept it connected",
	    n);
	return -1;
}

/* A small deterministic generator (numerical recipes LCG). */
static uint32_t
lcg_next(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

/* Add edge {u, v} to both t (in a random order) and adj, if new. */
static void
random_edge(uint32_t *seed, struct tgraph *t, uint32_t *adj, int u, int v)
{
	if (u == v || (adj[u] & (UINT32_C(1) << v)))
		return;
	if (lcg_next(seed) & 1)
		tg_edge(t, u, v);
	else
		tg_edge(t, v, u);
	adj[u] |= UINT32_C(1) << v;
	adj[v] |= UINT32_C(1) << u;
}

/*
 * A random graph of at most 9 vertices into t and adj. Even rounds:
 * G(n, p). Odd rounds: two dense clusters joined by one to three edges,
 * under shuffled labels, for cuts smaller than the minimum degree.
 */
static void
random_small_graph(uint32_t *seed, int round, struct tgraph *t,
    uint32_t *adj)
{
	int label[9];
	int n, p, u, v, i, split, cross;

	if (round % 2 == 0)
		n = (int)(lcg_next(seed) % 10);
	else
		n = 6 + (int)(lcg_next(seed) % 4);
	p = 20 + (int)(lcg_next(seed) % 81);   /* percent */
	split = 2 + (int)(lcg_next(seed) % (unsigned)(n > 4 ? n - 3 : 1));
	for (i = 0; i < n; i++)
		label[i] = i;
	for (i = n - 1; i > 0 && round % 2 == 1; i--) {
		int j = (int)(lcg_next(seed) % (unsigned)(i + 1)), x = label[i];

		label[i] = label[j];
		label[j] = x;
	}
	tg_init(t, n);
	for (u = 0; u < n; u++)
		adj[u] = 0;
	for (u = 0; u < n; u++) {
		for (v = u + 1; v < n; v++) {
			if (round % 2 == 1 && (u < split) != (v < split))
				continue;
			if ((int)(lcg_next(seed) % 100) < (round % 2 ? 70 + p / 3 : p))
				random_edge(seed, t, adj, label[u], label[v]);
		}
	}
	if (round % 2 == 1) {
		cross = 1 + (int)(lcg_next(seed) % 3);
		u = (int)(lcg_next(seed) % (unsigned)split);
		for (i = 0; i < cross; i++) {
			/* Often from one vertex, so kappa < lambda. */
			if (lcg_next(seed) & 1)
				u = (int)(lcg_next(seed) % (unsigned)split);
			v = split + (int)(lcg_next(seed) % (unsigned)(n - split));
			random_edge(seed, t, adj, label[u], label[v]);
		}
	}
}

static void
connectivity_should_match_brute_force_on_small_random_graphs(void **state)
{
	uint32_t seed = 20240607u;
	/* How many graphs had kappa 0; kappa = lambda = delta; something
	 * else; kappa < lambda < delta. */
	int round, kinds[4] = { 0, 0, 0, 0 };

	(void)state;
	for (round = 0; round < 400; round++) {
		struct tgraph t;
		struct mesh_i_csr g;
		uint32_t adj[32];
		int n, u, bk, bl, k, l, delta;

		random_small_graph(&seed, round, &t, adj);
		n = t.n;
		bk = bf_vertex_connectivity(n, adj);
		bl = bf_edge_connectivity(n, adj, &t);
		delta = n;
		for (u = 0; u < n; u++)
			if (bit_count(adj[u]) < delta)
				delta = bit_count(adj[u]);

		assert_int_equal(mesh_i_csr_build(&g, t.n, t.e, t.m), 0);
		k = l = -7;
		assert_int_equal(mesh_i_vertex_connectivity(&g, 0, &k), 0);
		assert_int_equal(mesh_i_edge_connectivity(&g, 0, &l), 0);
		if (k != bk || l != bl)
			print_error("graph %d: n=%d m=%d\n", round, n, t.m);
		assert_int_equal(k, bk);
		assert_int_equal(l, bl);
		/* A correct lower bound, or one above delta, changes
		 * nothing. */
		assert_int_equal(mesh_i_vertex_connectivity(&g, bk, &k), 0);
		assert_int_equal(k, bk);
		assert_int_equal(mesh_i_edge_connectivity(&g, bk, &l), 0);
		assert_int_equal(l, bl);
		assert_int_equal(mesh_i_edge_connectivity(&g, bl, &l), 0);
		assert_int_equal(l, bl);
		assert_int_equal(mesh_i_vertex_connectivity(&g, delta + 1, &k), 0);
		assert_int_equal(k, bk);
		mesh_i_csr_free(&g);

		if (bk == 0)
			kinds[0]++;
		else if (bk == bl && bl == delta)
			kinds[1]++;
		else if (bk < bl && bl < delta)
			kinds[3]++;
		else
			kinds[2]++;
	}
	/* The sample must exercise every case, not just the easy ones. */
	assert_true(kinds[0] >= 10);
	assert_true(kinds[1] >= 10);
	assert_true(kinds[2] >= 10);
	assert_true(kinds[3] >= 5);
}

/* The fewest edges crossing a split of the vertices into two non-empty
 * sides: lambda again, for graphs too large to try edge subsets. */
static int
bf_edge_connectivity_by_cuts(int n, const uint32_t *adj)
{
	uint32_t all = (UINT32_C(1) << n) - 1, side;
	int best = -1;

	if (n < 2)
		return 0;
	/* vertex n - 1 stays outside, so each split is seen once */
	for (side = 1; side < (UINT32_C(1) << (n - 1)); side++) {
		int u, cross = 0;

		for (u = 0; u < n; u++)
			if (side & (UINT32_C(1) << u))
				cross += bit_count(adj[u] & all & ~side);
		if (best < 0 || cross < best)
			best = cross;
	}
	return best;
}

static void
connectivity_should_match_brute_force_on_sparse_random_graphs(void **state)
{
	uint32_t seed = 77u;
	int round, deep = 0;

	(void)state;
	for (round = 0; round < 150; round++) {
		struct tgraph t;
		struct mesh_i_csr g;
		uint32_t adj[32];
		int n = 10 + (int)(lcg_next(&seed) % 5);
		int want = 2 * n + (int)(lcg_next(&seed) % (unsigned)n);
		int u, v, bk, bl, k, l;

		/* n .. 1.5 n random edges over a Hamiltonian cycle: sparse,
		 * with many equally short paths, so that the flows have to
		 * reroute. */
		tg_init(&t, n);
		for (u = 0; u < n; u++)
			adj[u] = 0;
		for (u = 0; u < n; u++)
			random_edge(&seed, &t, adj, u, (u + 1) % n);
		while (t.m < want) {
			u = (int)(lcg_next(&seed) % (unsigned)n);
			v = (int)(lcg_next(&seed) % (unsigned)n);
			random_edge(&seed, &t, adj, u, v);
		}
		bk = bf_vertex_connectivity(n, adj);
		bl = bf_edge_connectivity_by_cuts(n, adj);
		if (bk >= 3)
			deep++;

		assert_int_equal(mesh_i_csr_build(&g, t.n, t.e, t.m), 0);
		k = l = -7;
		assert_int_equal(mesh_i_vertex_connectivity(&g, 0, &k), 0);
		assert_int_equal(mesh_i_edge_connectivity(&g, 0, &l), 0);
		if (k != bk || l != bl)
			print_error("graph %d: n=%d m=%d\n", round, n, t.m);
		assert_int_equal(k, bk);
		assert_int_equal(l, bl);
		mesh_i_csr_free(&g);
	}
	/* Most need three or more disjoint paths per pair. */
	assert_true(deep >= 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(connectivity_should_be_0_for_the_empty_graph),
		cmocka_unit_test(connectivity_should_be_0_for_a_single_vertex),
		cmocka_unit_test(
		    connectivity_should_be_1_for_two_adjacent_vertices),
		cmocka_unit_test(
		    connectivity_should_be_0_for_two_vertices_without_an_edge),
		cmocka_unit_test(connectivity_should_be_1_for_paths),
		cmocka_unit_test(connectivity_should_be_2_for_cycles),
		cmocka_unit_test(
		    connectivity_should_be_n_minus_1_for_complete_graphs),
		cmocka_unit_test(
		    connectivity_should_be_the_smaller_side_for_complete_bipartite_graphs),
		cmocka_unit_test(
		    connectivity_should_be_3_for_the_petersen_graph),
		cmocka_unit_test(
		    vertex_connectivity_should_be_1_when_two_triangles_share_a_vertex),
		cmocka_unit_test(
		    connectivity_should_be_2_for_two_k4_joined_by_two_disjoint_edges),
		cmocka_unit_test(connectivity_should_be_3_for_wheels),
		cmocka_unit_test(
		    connectivity_should_be_0_for_a_disconnected_graph),
		cmocka_unit_test(
		    connectivity_should_be_d_for_the_hypercube_qd),
		cmocka_unit_test(
		    vertex_connectivity_should_be_below_edge_connectivity_for_k5s_sharing_a_vertex),
		cmocka_unit_test(
		    connectivity_should_separate_kappa_lambda_and_min_degree),
		cmocka_unit_test(
		    vertex_connectivity_should_find_a_cut_vertex_of_least_degree),
		cmocka_unit_test(
		    connectivity_should_be_exact_where_flows_must_be_rerouted),
		cmocka_unit_test(
		    connectivity_should_be_known_values_for_larger_regular_graphs),
		cmocka_unit_test(
		    connectivity_should_not_change_with_a_correct_lower_bound),
		cmocka_unit_test(
		    connectivity_should_match_brute_force_on_small_random_graphs),
		cmocka_unit_test(
		    connectivity_should_match_brute_force_on_sparse_random_graphs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
