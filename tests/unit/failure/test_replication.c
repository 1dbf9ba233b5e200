/* test_replication.c: the replication model on hand-worked plans, and against a naive reference on random ones. */
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
#include "meshsim/replication.h"

static const char *const letters[] = { "a", "b", "c", "d", "e", "f", "g",
	"h", "i", "j", "k", "l" };
#define NMAX 12

/* Names of v[0 .. n-1], space-separated, into buf. */
static const char *
names_of(const struct mesh_plan *p, const int *v, size_t n, char *buf,
    size_t cap)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s",
		    i ? " " : "", p->nodes[v[i]].name);
	return buf;
}

/* The clusters as "a b | c". */
static const char *
clusters_of(const struct mesh_replication *r, char *buf, size_t cap)
{
	char one[256];
	size_t c, len = 0;

	buf[0] = '\0';
	for (c = 0; c < r->nclusters; c++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s",
		    c ? " | " : "", names_of(r->plan, r->cluster_nodes +
		    r->cluster_start[c], r->cluster_start[c + 1] -
		    r->cluster_start[c], one, sizeof(one)));
	return buf;
}

/* The dependencies as "b:1:a c:4:a b d e" (node:size:names). */
static const char *
deps_of(const struct mesh_replication *r, char *buf, size_t cap)
{
	char one[256];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < r->ndeps; i++) {
		const struct mesh_repl_dependency *d = &r->deps[i];

		len += (size_t)snprintf(buf + len, cap - len, "%s%s:%zu:%s",
		    i ? ", " : "", r->plan->nodes[d->node].name, d->size,
		    names_of(r->plan, r->names + d->first, d->nlisted, one,
		    sizeof(one)));
	}
	return buf;
}

/* Run the model on plan with the named nodes down ("" for none) and
 * compare clusters, cannot-join and dependencies with the strings. */
static void
check(const struct mesh_plan *p, const char *down, const char *clusters,
    const char *cannot, const char *deps)
{
	struct mesh_replication *r = NULL;
	bool is_down[NMAX] = { false };
	char buf[1024], name[32];
	int used;

	while (sscanf(down, " %31s%n", name, &used) == 1) {
		int v = mesh_plan_find(p, name);

		assert_true(v >= 0);
		is_down[v] = true;
		down += used;
	}
	assert_int_equal(mesh_replication_analyze(p, is_down, &r), MESH_OK);
	assert_string_equal(clusters_of(r, buf, sizeof(buf)), clusters);
	assert_string_equal(names_of(p, r->cannot_join, r->ncannot_join, buf,
	    sizeof(buf)), cannot);
	assert_string_equal(deps_of(r, buf, sizeof(buf)), deps);
	mesh_replication_free(r);
}

static void
figure1_should_survive_running_and_depend_on_node1_to_join(void **state)
{
	static const char *const names[] = { "node1", "node2", "node3" };
	struct mesh_plan *p = plan_of(names, 3, "node1-node2 node1-node3");

	(void)state;
	/* Formed: one cluster. While node1 is down, node2 and node3 are
	 * pieces of one node each: no piece is the cluster. */
	check(p, "", "node1 node2 node3", "", "node1:2:node2 node3");
	/* node1 down: the members stay one mesh; neither can join now. */
	check(p, "node1", "node2 node3", "node2 node3", "");
	check(p, "node3", "node1 node2", "", "");
	mesh_plan_free(p);
}

static void
chain_should_list_the_smaller_side_and_both_sides_on_a_tie(void **state)
{
	struct mesh_plan *p = plan_of(letters, 5, "a-b b-c c-d d-e");

	(void)state;
	check(p, "", "a b c d e", "",
	    "b:1:a, c:4:a b d e, d:1:e");
	/* c down: the running cluster keeps a, b, d, e meshed; the two
	 * halves tie, so no one can join now. */
	check(p, "c", "a b d e", "a b d e", "");
	mesh_plan_free(p);
}

static void
ring_should_have_no_dependency(void **state)
{
	struct mesh_plan *p = plan_of(letters, 4, "a-b b-c c-d d-a");

	(void)state;
	check(p, "", "a b c d", "", "");
	/* a down: b - c - d, c holds two pieces of one. */
	check(p, "a", "b c d", "", "c:2:b d");
	mesh_plan_free(p);
}

static void
lone_node_should_never_join_and_split_the_running_cluster(void **state)
{
	struct mesh_plan *p = plan_of(letters, 4, "a-b b-c");

	(void)state;
	check(p, "", "a b c | d", "d", "b:2:a c");
	/* Two formed clusters of equal size: none is the cluster. */
	mesh_plan_free(p);
	p = plan_of(letters, 4, "a-b c-d");
	check(p, "", "a b | c d", "a b c d", "");
	mesh_plan_free(p);
}

static void
pendant_pair_should_depend_on_its_hub_only_as_a_piece(void **state)
{
	struct mesh_plan *p = plan_of(letters, 6, "a-b b-c a-d d-e e-f");

	(void)state;
	/* While a is down: pieces {b, c} and {d, e, f}. */
	check(p, "", "a b c d e f", "",
	    "a:2:b c, b:1:c, d:2:e f, e:1:f");
	mesh_plan_free(p);
}

static void
more_than_the_name_limit_should_count_all_and_list_the_nearest(void **state)
{
	static char names[40][8];
	const char *np[40];
	char links[40 * 16] = "";
	struct mesh_replication *r = NULL;
	struct mesh_plan *p;
	size_t i, len = 0;

	(void)state;
	/* hub - x00 .. x29 - big: a star of 30 leaves, each tied to the
	 * hub only, and a ring of 8 through the hub that outweighs them. */
	for (i = 0; i < 40; i++) {
		if (i == 0)
			snprintf(names[i], sizeof(names[i]), "hub");
		else if (i <= 30)
			snprintf(names[i], sizeof(names[i]), "x%02zu", i - 1);
		else
			snprintf(names[i], sizeof(names[i]), "y%zu", i);
		np[i] = names[i];
	}
	for (i = 1; i <= 30; i++)
		len += (size_t)snprintf(links + len, sizeof(links) - len,
		    "hub-%s ", names[i]);
	for (i = 31; i < 40; i++)
		len += (size_t)snprintf(links + len, sizeof(links) - len,
		    "%s-%s ", i == 31 ? "hub" : names[i - 1], names[i]);
	p = plan_of(np, 40, links);
	assert_int_equal(mesh_replication_analyze(p, NULL, &r), MESH_OK);
	/* hub: pieces of 1 (30 of them) and the chain of 9: the chain is
	 * the cluster; 30 cannot join, 25 listed. y31 .. y38 hold up the
	 * chain's tail. */
	assert_int_equal(r->deps[0].node, mesh_plan_find(p, "hub"));
	assert_int_equal(r->deps[0].size, 30);
	assert_int_equal(r->deps[0].nlisted, MESH_GROUP_NAMES_MAX);
	assert_string_equal(p->nodes[r->names[0]].name, "x00");
	assert_string_equal(p->nodes[r->names[24]].name, "x24");
	mesh_replication_free(r);
	mesh_plan_free(p);
}

/* The naive reference: components of the up nodes without x by a
 * Floyd-Warshall-free flood fill over an adjacency matrix. */
static int
flood(bool adj[NMAX][NMAX], size_t n, const bool *gone, int *comp)
{
	size_t i, j;
	int nc = 0, changed;

	for (i = 0; i < n; i++)
		comp[i] = gone[i] ? -1 : (int)i;
	do {
		changed = 0;
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (adj[i][j] && comp[i] >= 0 && comp[j] >= 0 &&
				    comp[j] < comp[i]) {
					comp[i] = comp[j];
					changed = 1;
				}
	} while (changed);
	for (i = 0; i < n; i++)
		nc += comp[i] == (int)i;
	return nc;
}

/* The nodes outside the strictly largest piece (all on a tie), as a bit
 * set, among those not gone; only nodes in allowed count. */
static unsigned
outside_largest(const int *comp, size_t n, unsigned allowed)
{
	size_t count[NMAX] = { 0 }, i, max = 0;
	int best = -1, ties = 0;
	unsigned out = 0;

	for (i = 0; i < n; i++)
		if (comp[i] >= 0 && (allowed >> i & 1))
			count[comp[i]]++;
	for (i = 0; i < n; i++) {
		if (count[i] == 0)
			continue;
		if (count[i] > max) {
			max = count[i];
			best = (int)i;
			ties = 0;
		} else if (count[i] == max) {
			ties++;
		}
	}
	for (i = 0; i < n; i++)
		if (comp[i] >= 0 && (allowed >> i & 1) &&
		    (ties || comp[i] != best))
			out |= 1u << i;
	return out;
}

/* Bits of the up nodes that share x's component, x excluded. */
static unsigned
component_of(const int *comp, size_t n, size_t x)
{
	unsigned out = 0;
	size_t j;

	for (j = 0; j < n; j++)
		if (j != x && comp[j] >= 0 && comp[j] == comp[x])
			out |= 1u << j;
	return out;
}


static void
random_plans_should_match_the_naive_reference(void **state)
{
	uint64_t seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 400; round++) {
		bool adj[NMAX][NMAX] = { { false } }, none[NMAX] = { false },
		    down[NMAX], gone[NMAX];
		char links[NMAX * NMAX * 6] = "";
		struct mesh_replication *r = NULL;
		struct mesh_plan *p;
		size_t n, i, j, len = 0, d = 0, nup = 0;
		int whole[NMAX], comp[NMAX], cut[NMAX];
		unsigned upset = 0, got = 0, seen = 0;

		n = 1 + next_random(&seed) % NMAX;
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (next_random(&seed) % 100 < 30) {
					adj[i][j] = adj[j][i] = true;
					len += (size_t)snprintf(links + len,
					    sizeof(links) - len, "%s-%s ",
					    letters[i], letters[j]);
				}
		for (i = 0; i < n; i++) {
			down[i] = next_random(&seed) % 100 < 15;
			if (!down[i]) {
				upset |= 1u << i;
				nup++;
			}
		}
		p = plan_of(letters, n, links);
		assert_int_equal(mesh_replication_analyze(p, down, &r),
		    MESH_OK);

		/* Running: the clusters are the up nodes of the whole
		 * graph's components, one cluster per component. */
		flood(adj, n, none, whole);
		assert_int_equal(r->nup, nup);
		assert_int_equal(r->cluster_start[r->nclusters], nup);
		for (i = 0; i < r->nclusters; i++) {
			int c = whole[r->cluster_nodes[r->cluster_start[i]]];

			assert_false(seen >> c & 1);
			seen |= 1u << c;
			for (j = r->cluster_start[i];
			    j < r->cluster_start[i + 1]; j++)
				assert_int_equal(whole[r->cluster_nodes[j]], c);
		}

		/* Cannot join now. */
		flood(adj, n, down, comp);
		for (i = 0; i < r->ncannot_join; i++)
			got |= 1u << r->cannot_join[i];
		assert_int_equal(got, outside_largest(comp, n, upset));

		/* Dependencies: every up x whose loss leaves its component
		 * in two pieces or more, by name. */
		for (i = 0; i < n; i++) {
			unsigned in, want, mine = 0, pieces = 0;

			if (down[i])
				continue;
			in = component_of(comp, n, i);
			memcpy(gone, down, sizeof(gone));
			gone[i] = true;
			flood(adj, n, gone, cut);
			for (j = 0; j < n; j++)
				if ((in >> j & 1) && cut[j] == (int)j)
					pieces++;
			if (pieces < 2)
				continue;
			want = outside_largest(cut, n, in);
			assert_true(d < r->ndeps);
			assert_int_equal(r->deps[d].node, (int)i);
			assert_int_equal(r->deps[d].size, bit_count(want));
			assert_int_equal(r->deps[d].nlisted, bit_count(want));
			for (j = 0; j < r->deps[d].nlisted; j++) {
				int v = r->names[r->deps[d].first + j];

				if (j > 0)
					assert_true(v > r->names[
					    r->deps[d].first + j - 1]);
				mine |= 1u << v;
			}
			assert_int_equal(mine, want);
			d++;
		}
		assert_int_equal(d, r->ndeps);
		mesh_replication_free(r);
		mesh_plan_free(p);
	}
}

/* A JSON plan's "cluster" is read, written by export, and read back. */
static void
plan_cluster_should_read_and_export_and_read_back(void **state)
{
	static const char json[] = "{\"name\": \"r\", \"cluster\": "
	    "\"harper-replication\", \"nodes\": [{\"name\": \"a\", "
	    "\"routes\": [{\"host\": \"b\"}]}, {\"name\": \"b\"}]}";
	static const char plain[] = "{\"nodes\": [{\"name\": \"a\"}]}";
	struct mesh_plan *p = NULL, *q = NULL;
	struct mesh_diags d;
	char *out = NULL;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_parse(json, strlen(json), "r.json",
	    MESH_FORMAT_JSON, &d, &p), MESH_OK);
	assert_int_equal(p->cluster, MESH_CLUSTER_HARPER_REPLICATION);
	assert_int_equal(mesh_plan_export(p, MESH_EXPORT_JSON, &out), MESH_OK);
	assert_non_null(strstr(out, "\n  \"cluster\": \"harper-replication\",\n"));
	assert_int_equal(mesh_plan_parse(out, strlen(out), "e.json",
	    MESH_FORMAT_JSON, &d, &q), MESH_OK);
	assert_int_equal(q->cluster, MESH_CLUSTER_HARPER_REPLICATION);
	assert_int_equal(d.n, 0);
	free(out);
	mesh_plan_free(p);
	mesh_plan_free(q);
	/* Without it: nothing said, and export writes nothing. */
	assert_int_equal(mesh_plan_parse(plain, strlen(plain), "p.json",
	    MESH_FORMAT_JSON, &d, &p), MESH_OK);
	assert_int_equal(p->cluster, MESH_CLUSTER_UNSAID);
	assert_null(mesh_cluster_name(p->cluster));
	assert_int_equal(mesh_plan_export(p, MESH_EXPORT_JSON, &out), MESH_OK);
	assert_null(strstr(out, "cluster"));
	free(out);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* The JSON adds "model" after "file" and "replication" before
 * "diagnostics", and is the same bytes every time. */
static void
json_should_add_model_and_replication_around_the_analysis(void **state)
{
	static const char *const names[] = { "node1", "node2", "node3" };
	struct mesh_plan *p = plan_of(names, 3, "node1-node2 node1-node3");
	struct mesh_analysis *a = NULL;
	struct mesh_replication *r = NULL;
	char *base, *j1, *j2, *file, *model, *nodes, *repl, *diag;

	(void)state;
	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	assert_int_equal(mesh_replication_analyze(p, a->is_down, &r), MESH_OK);
	base = mesh_analysis_json(a, NULL);
	j1 = mesh_replication_json(a, r, NULL);
	j2 = mesh_replication_json(a, r, NULL);
	assert_non_null(base);
	assert_non_null(j1);
	assert_string_equal(j1, j2);
	file = strstr(j1, "\n  \"file\": ");
	model = strstr(j1, "\n  \"model\": \"replication\",\n");
	nodes = strstr(j1, "\n  \"nodes\": 3,");
	repl = strstr(j1, "\n  \"replication\": {\n    \"running\": "
	    "{\"ok\": true,");
	diag = strstr(j1, "\n  \"diagnostics\": ");
	assert_true(file && model && nodes && repl && diag);
	assert_true(file < model && model < nodes && nodes < repl &&
	    repl < diag);
	assert_non_null(strstr(j1, "{\"node\": \"node1\", \"size\": 2, "
	    "\"cannot_join\": [\"node2\", \"node3\"]}"));
	/* Everything else is the analysis's object, byte for byte. */
	assert_int_equal(strlen(j1) - strlen(base), (size_t)(nodes - model) +
	    (size_t)(diag - repl));
	free(base);
	free(j1);
	free(j2);
	mesh_replication_free(r);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(figure1_should_survive_running_and_depend_on_node1_to_join),
		cmocka_unit_test(chain_should_list_the_smaller_side_and_both_sides_on_a_tie),
		cmocka_unit_test(ring_should_have_no_dependency),
		cmocka_unit_test(lone_node_should_never_join_and_split_the_running_cluster),
		cmocka_unit_test(pendant_pair_should_depend_on_its_hub_only_as_a_piece),
		cmocka_unit_test(more_than_the_name_limit_should_count_all_and_list_the_nearest),
		cmocka_unit_test(random_plans_should_match_the_naive_reference),
		cmocka_unit_test(plan_cluster_should_read_and_export_and_read_back),
		cmocka_unit_test(json_should_add_model_and_replication_around_the_analysis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
