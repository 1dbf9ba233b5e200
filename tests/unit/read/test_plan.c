/* test_plan.c: reading plans: the JSON reader, resolution of routes into links, diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "read/readers.h"

/* Parse text as a JSON plan, t.json (parse_text()). */
static enum mesh_error
parse(const char *text, struct mesh_plan **plan, struct mesh_diags *d)
{
	return parse_text(text, "t.json", MESH_FORMAT_JSON, plan, d);
}

static void
plan_should_default_host_to_name_and_port_to_9932(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse("{\"nodes\": [{\"name\": \"a\"}]}", &p, &d),
	    MESH_OK);
	assert_string_equal(p->nodes[0].host, "a");
	assert_int_equal(p->nodes[0].port, 9932);
	assert_int_equal(d.n, 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
routes_should_match_hosts_ignoring_case_and_trailing_dot(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse("{\"nodes\": ["
	    "{\"name\": \"a\", \"host\": \"Db.Example.COM\", "
	    "\"routes\": [{\"host\": \"b.example.com.\"}]},"
	    "{\"name\": \"b\", \"host\": \"B.EXAMPLE.com\"}]}", &p, &d),
	    MESH_OK);
	assert_int_equal(p->nlinks, 1);
	assert_int_equal(p->links[0], 0);
	assert_int_equal(p->links[1], 1);
	assert_int_equal(p->nodes[0].routes[0].target, 1);
	assert_int_equal(d.n, 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
links_listed_from_both_ends_should_count_once(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse("{\"nodes\": ["
	    "{\"name\": \"a\", \"routes\": [{\"host\": \"b\"}]},"
	    "{\"name\": \"b\", \"routes\": [{\"host\": \"a\"}]}]}", &p, &d),
	    MESH_OK);
	assert_int_equal(p->nroutes, 2);
	assert_int_equal(p->nlinks, 1);
	assert_int_equal(d.n, 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
port_mismatch_should_warn_and_make_no_link(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;
	const struct mesh_diag *g;

	(void)state;
	assert_int_equal(parse("{\"nodes\": [\n"
	    "{\"name\": \"a\", \"routes\": [{\"host\": \"b\", \"port\": 1}]},\n"
	    "{\"name\": \"b\"}]}", &p, &d), MESH_OK);
	assert_int_equal(p->nlinks, 0);
	g = must_find(&d, "port-mismatch");
	assert_int_equal(g->severity, MESH_WARNING);
	assert_int_equal(g->line, 2);
	assert_int_equal(g->column, 35);
	assert_string_equal(g->node, "a");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
a_route_to_an_alias_of_two_nodes_should_warn(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;
	const struct mesh_diag *g;
	int a, b, c;

	(void)state;
	/* hdb: an alias of a and b (as HDB.); solo: of d alone; b's own
	 * host wins over c's alias b. Only the route to hdb is warned. */
	assert_int_equal(parse("{\"nodes\": [\n"
	    "{\"name\": \"a\", \"aliases\": [\"hdb\"]},\n"
	    "{\"name\": \"b\", \"aliases\": [\"HDB.\"]},\n"
	    "{\"name\": \"d\", \"aliases\": [\"solo\"]},\n"
	    "{\"name\": \"c\", \"aliases\": [\"b\"], \"routes\": [\n"
	    "  {\"host\": \"hdb\"}, {\"host\": \"solo\"}, {\"host\": \"b\"}]}"
	    "]}", &p, &d), MESH_OK);
	assert_int_equal(p->nlinks, 3);
	assert_int_equal(d.n, 1);
	g = must_find(&d, "shared-alias");
	assert_int_equal(g->severity, MESH_WARNING);
	assert_int_equal(g->line, 6);
	assert_int_equal(g->column, 12);
	assert_string_equal(g->node, "c");
	assert_non_null(strstr(g->message, "whichever of the 2 nodes"));
	assert_non_null(strstr(g->message, "links it to 'a' only"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* Port 0 ("any port"), three nodes with the alias, one node twice. */
	mesh_diags_init(&d);
	assert_non_null(p = mesh_plan_new(NULL, NULL));
	assert_true((a = mesh_plan_add_node(p, "a", NULL, 0, 0, 0)) >= 0);
	assert_true((b = mesh_plan_add_node(p, "b", NULL, 0, 0, 0)) >= 0);
	assert_true((c = mesh_plan_add_node(p, "c", NULL, 0, 0, 0)) >= 0);
	assert_true(mesh_plan_add_node(p, "d", NULL, 0, 0, 0) >= 0);
	assert_int_equal(mesh_plan_add_alias(p, b, "x"), 0);
	assert_int_equal(mesh_plan_add_alias(p, c, "x"), 0);
	assert_int_equal(mesh_plan_add_alias(p, c, "X."), 0);
	assert_int_equal(mesh_plan_add_alias(p, 3, "x"), 0);
	assert_int_equal(mesh_plan_add_route(p, a, "x", 0, 1, 1), 0);
	assert_int_equal(mesh_plan_resolve(p, &d), MESH_OK);
	assert_int_equal(p->nlinks, 1);
	g = must_find(&d, "shared-alias");
	assert_non_null(strstr(g->message, "whichever of the 3 nodes"));
	assert_non_null(strstr(g->message, "links it to 'b' only"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
port_out_of_range_should_be_an_error_at_the_value(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;
	const struct mesh_diag *g;

	(void)state;
	assert_int_equal(parse("{\n  \"nodes\": [\n    {\"name\": \"a\",\n"
	    "     \"port\": 70000}]}", &p, &d), MESH_EINPUT);
	assert_null(p);
	g = must_find(&d, "port-range");
	assert_int_equal(g->severity, MESH_ERROR);
	assert_int_equal(g->line, 4);
	assert_int_equal(g->column, 14);
	assert_string_equal(g->message, "port 70000 is out of range (1-65535)");
	mesh_diags_clear(&d);
}

static void
columns_should_count_characters_not_bytes(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;
	const struct mesh_diag *g;

	(void)state;
	/* "é" is two bytes, one column. */
	assert_int_equal(parse("{\"nodes\": [{\"name\": \"\xc3\xa9\", "
	    "\"port\": 0}]}", &p, &d), MESH_EINPUT);
	g = must_find(&d, "port-range");
	assert_int_equal(g->column, 34);   /* bytes would say 35 */
	mesh_diags_clear(&d);
}

static void
every_error_should_be_reported_not_just_the_first(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse("{\"nodes\": [{\"name\": \"a\", \"port\": 0},"
	    "{\"name\": \"a\"}, {\"port\": 1}]}", &p, &d), MESH_EINPUT);
	assert_non_null(find_code(&d, "port-range"));
	assert_non_null(find_code(&d, "duplicate-name"));
	assert_non_null(find_code(&d, "missing-name"));
	assert_int_equal(d.errors, 3);
	mesh_diags_clear(&d);
}

static void
diagnostics_should_be_sorted_by_position(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;
	size_t i;

	(void)state;
	assert_int_equal(parse("{\"nodes\": [\n"
	    "{\"name\": \"a\", \"routes\": [{\"host\": \"x\"}]},\n"
	    "{\"name\": \"b\", \"rutes\": 1}]}", &p, &d), MESH_OK);
	assert_int_equal(d.n, 2);
	for (i = 1; i < d.n; i++)
		assert_true(d.v[i - 1].line < d.v[i].line ||
		    (d.v[i - 1].line == d.v[i].line &&
		    d.v[i - 1].column <= d.v[i].column));
	assert_string_equal(d.v[0].code, "dangling-route");
	assert_string_equal(d.v[1].code, "unknown-key");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
builder_should_refuse_a_taken_name(void **state)
{
	struct mesh_plan *p = mesh_plan_new("x", NULL);

	(void)state;
	assert_non_null(p);
	assert_int_equal(mesh_plan_add_node(p, "a", NULL, 1, 0, 0), 0);
	assert_int_equal(mesh_plan_add_node(p, "a", "h", 2, 0, 0), -2);
	assert_int_equal(p->nnodes, 1);
	assert_int_equal(mesh_plan_find(p, "a"), 0);
	assert_int_equal(mesh_plan_find(p, "b"), -1);
	mesh_plan_free(p);
	mesh_plan_free(NULL);
}

static void
gml_should_name_nodes_by_label_made_unique(void **state)
{
	static const char gml[] = "graph [\n directed 1\n"
	    " node [ id 0 label \"Paris\" ]\n node [ id 1 label \"paris\" ]\n"
	    " node [ id 2 label \"Lyon\" ]\n node [ id 3 ]\n"
	    " edge [ source 0 target 2 ]\n edge [ source 2 target 0 ]\n"
	    " edge [ source 0 target 2 ]\n edge [ source 1 target 1 ]\n"
	    " edge [ source 3 target 1 ]\n]\n";
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_parse(gml, strlen(gml), "t.gml",
	    MESH_FORMAT_AUTO, &d, &p), MESH_OK);
	assert_int_equal(p->nnodes, 4);
	assert_string_equal(p->nodes[0].name, "Paris#0");
	assert_string_equal(p->nodes[1].name, "paris#1");
	assert_string_equal(p->nodes[2].name, "Lyon");
	assert_string_equal(p->nodes[3].name, "3");
	/* Parallel edges, both directions: one link; the loop dropped. */
	assert_int_equal(p->nlinks, 2);
	assert_non_null(find_code(&d, "self-route"));
	assert_null(find_code(&d, "duplicate-route"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* A node with "clustering": false stays in the plan, makes no links (its
 * routes, routes to it), is alone in the analysis, and its export reads
 * back to the same analysis. */
static void
not_clustering_node_should_make_no_links_and_survive_export(void **state)
{
	static const char text[] = "{\"nodes\": ["
	    "{\"name\": \"a\", \"clustering\": false, \"routes\": "
	    "[{\"host\": \"b\"}, {\"host\": \"c\"}]},"
	    "{\"name\": \"b\", \"routes\": [{\"host\": \"c\"}]},"
	    "{\"name\": \"c\", \"clustering\": true},"
	    "{\"name\": \"d\", \"routes\": [{\"host\": \"a\"}]}]}";
	struct mesh_plan *p, *q;
	struct mesh_diags d, e;
	struct mesh_analysis *a, *b;
	char *out, *ja, *jb;
	size_t i, nwarn = 0;

	(void)state;
	assert_int_equal(parse(text, &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 4);
	assert_int_equal(p->nroutes, 4);
	assert_int_equal(p->nodes[0].no_cluster, 1);
	assert_int_equal(p->nodes[2].no_cluster, 0);
	/* Only b -- c links. */
	assert_int_equal(p->nlinks, 1);
	assert_int_equal(p->links[0], 1);
	assert_int_equal(p->links[1], 2);
	assert_int_equal(p->nodes[0].routes[0].target, -1);
	assert_int_equal(p->nodes[3].routes[0].target, -1);
	for (i = 0; i < d.n; i++)
		nwarn += strcmp(d.v[i].code, "not-clustering") == 0;
	assert_int_equal(nwarn, 3);

	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	assert_false(a->connected);
	assert_int_equal(a->ncomponents, 3);
	i = 0;
	assert_int_equal(mesh_analysis_next_not_clustering(a, &i), 0);
	assert_int_equal(mesh_analysis_next_not_clustering(a, &i), -1);
	assert_int_equal(i, a->nnodes);
	ja = mesh_analysis_json(a, NULL);
	assert_non_null(ja);
	assert_non_null(strstr(ja, "\"not_clustering\": [\"a\"]"));

	assert_int_equal(mesh_plan_export(p, MESH_EXPORT_JSON, &out), MESH_OK);
	assert_non_null(strstr(out, "\"clustering\": false"));
	assert_int_equal(parse(out, &q, &e), MESH_OK);
	assert_int_equal(q->nodes[0].no_cluster, 1);
	assert_int_equal(q->nlinks, 1);
	assert_int_equal(mesh_analyze(q, NULL, &b), MESH_OK);
	jb = mesh_analysis_json(b, NULL);
	assert_non_null(jb);
	assert_string_equal(ja, jb);

	free(ja);
	free(jb);
	free(out);
	mesh_analysis_free(a);
	mesh_analysis_free(b);
	mesh_plan_free(p);
	mesh_plan_free(q);
	mesh_diags_clear(&d);
	mesh_diags_clear(&e);
}

static void
routes_to_an_alias_should_link_to_its_node(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;
	const char *const *al;

	(void)state;
	/* c's own host "x" wins over a's alias "x"; "A2.local." matches
	 * "a2.local" (case, trailing dot); "y" on another port links too,
	 * as a route to a host on any port does. */
	assert_int_equal(parse("{\"nodes\": ["
	    "{\"name\": \"a\", \"aliases\": [\"A2.local.\", \"x\", \"y\"]},"
	    "{\"name\": \"b\", \"routes\": [{\"host\": \"a2.local\"},"
	    " {\"host\": \"x\"}]},"
	    "{\"name\": \"c\", \"host\": \"x\","
	    " \"routes\": [{\"host\": \"y\", \"port\": 1}]}]}", &p, &d),
	    MESH_OK);
	assert_int_equal(mesh_plan_aliases(p, 0, &al), 3);
	assert_string_equal(al[0], "A2.local.");
	assert_int_equal(mesh_plan_aliases(p, 1, &al), 0);
	assert_int_equal(p->nodes[1].routes[0].target, 0);
	assert_int_equal(p->nodes[1].routes[1].target, 2);
	assert_int_equal(p->nodes[2].routes[0].target, -1);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	assert_int_equal(parse("{\"nodes\": [{\"name\": \"a\","
	    " \"aliases\": \"x\"}]}", &p, &d), MESH_EINPUT);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].code, "wrong-type");
	mesh_diags_clear(&d);
}

static void
route_sources_should_be_kept_per_route(void **state)
{
	struct mesh_plan *p = mesh_plan_new(NULL, "plan.json");
	const struct mesh_source *s;

	(void)state;
	assert_non_null(p);
	assert_int_equal(mesh_plan_add_node(p, "a", NULL, 1, 0, 0), 0);
	assert_int_equal(mesh_plan_add_route(p, 0, "b", 1, 3, 4), 0);
	assert_int_equal(mesh_plan_add_route(p, 0, "c", 1, 5, 6), 0);
	assert_null(mesh_plan_route_source(p, 0, 0));
	assert_int_equal(mesh_plan_set_route_source(p, 0, 1, "a.env", "env"),
	    0);
	assert_null(mesh_plan_route_source(p, 0, 0));
	s = mesh_plan_route_source(p, 0, 1);
	assert_non_null(s);
	assert_string_equal(s->file, "a.env");
	assert_string_equal(s->via, "env");
	assert_null(mesh_plan_route_source(p, 0, 2));
	assert_null(mesh_plan_route_source(p, 5, 0));
	mesh_plan_free(p);
}

static void
formats_should_be_sniffed_by_content(void **state)
{
	static const char compose[] = "version: '3'\nservices:\n  a: {}\n";
	static const char k8s[] = "apiVersion: apps/v1\nkind: StatefulSet\n";
	static const char harper[] = "clustering:\n  enabled: true\n";
	static const char nats[] = "server_name: a\ncluster {\n}\n";
	static const char json[] = " {\"nodes\": []}";

	(void)state;
	assert_int_equal(mesh_format_sniff("c.yml", compose,
	    sizeof(compose) - 1), MESH_FORMAT_COMPOSE);
	assert_int_equal(mesh_format_sniff("k.yaml", k8s, sizeof(k8s) - 1),
	    MESH_FORMAT_KUBERNETES);
	assert_int_equal(mesh_format_sniff("h.yaml", harper,
	    sizeof(harper) - 1), MESH_FORMAT_HARPER);
	assert_int_equal(mesh_format_sniff("n.conf", json, sizeof(json) - 1),
	    MESH_FORMAT_NATS);
	assert_int_equal(mesh_format_sniff("server", nats, sizeof(nats) - 1),
	    MESH_FORMAT_NATS);
	assert_int_equal(mesh_format_sniff("plan", json, sizeof(json) - 1),
	    MESH_FORMAT_JSON);
	/* A .json file is JSON whatever it holds. */
	assert_int_equal(mesh_format_sniff("p.json", compose,
	    sizeof(compose) - 1), MESH_FORMAT_JSON);
	assert_int_equal(mesh_format_from_name("kubernetes"),
	    MESH_FORMAT_KUBERNETES);
	assert_string_equal(mesh_format_name(MESH_FORMAT_NATS), "nats");
}

/* Routes and labels from the pools (mesh_i_plan_reserve()), added to
 * nodes out of order and beyond the estimate: each node keeps its own,
 * in order, and the plan frees them all (valgrind and ASan check that). */
static void
pooled_routes_and_labels_should_stay_with_their_node(void **state)
{
	struct mesh_plan *p = mesh_plan_new("pool", NULL);
	int i;

	(void)state;
	assert_non_null(p);
	assert_int_equal(mesh_i_plan_reserve(p, 2, 3, 2), 0);
	assert_int_equal(mesh_plan_add_node(p, "a", NULL, 1, 1, 1), 0);
	assert_int_equal(mesh_plan_add_node(p, "b", NULL, 1, 2, 1), 1);
	assert_int_equal(mesh_plan_add_node(p, "c", NULL, 1, 3, 1), 2);
	assert_int_equal(mesh_plan_add_route(p, 0, "b", 1, 1, 2), 0);
	assert_int_equal(mesh_plan_add_route(p, 0, "c", 1, 1, 3), 0);
	assert_int_equal(mesh_plan_add_route(p, 1, "c", 1, 2, 2), 0);
	assert_int_equal(mesh_plan_add_route(p, 0, "x", 1, 1, 4), 0);
	for (i = 0; i < 5; i++)
		assert_int_equal(mesh_plan_add_route(p, 2, "a", 1, 3, i), 0);
	assert_int_equal(mesh_plan_set_label(p, 1, "zone", "z1"), 0);
	assert_int_equal(mesh_plan_set_label(p, 0, "zone", "z0"), 0);
	assert_int_equal(mesh_plan_set_label(p, 1, "rack", "r1"), 0);
	assert_int_equal(mesh_plan_set_label(p, 1, "zone", "z2"), 0);
	assert_int_equal(p->nodes[0].nroutes, 3);
	assert_string_equal(p->nodes[0].routes[0].host, "b");
	assert_string_equal(p->nodes[0].routes[1].host, "c");
	assert_string_equal(p->nodes[0].routes[2].host, "x");
	assert_int_equal(p->nodes[1].nroutes, 1);
	assert_string_equal(p->nodes[1].routes[0].host, "c");
	assert_int_equal(p->nodes[2].nroutes, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(p->nodes[2].routes[i].column, i);
	assert_int_equal(p->nodes[1].nlabels, 2);
	assert_string_equal(p->nodes[1].labels[0].key, "rack");
	assert_string_equal(mesh_node_label(&p->nodes[1], "zone"), "z2");
	assert_string_equal(mesh_node_label(&p->nodes[0], "zone"), "z0");
	assert_int_equal(mesh_plan_find(p, "c"), 2);
	assert_int_equal(mesh_plan_find(p, "d"), -1);
	mesh_plan_free(p);
}

/* A plan of n nodes with every kind of route resolution in it: found
 * by host and port, by host alone (port 0), in capitals, dangling, on the
 * wrong port, to itself, twice. */
static struct mesh_plan *
mixed_plan(int n)
{
	struct mesh_plan *p = mesh_plan_new("mixed", "m.json");
	char name[32], host[32];
	int i, k;

	assert_non_null(p);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		snprintf(host, sizeof(host), "h%d.example", i);
		assert_int_equal(mesh_plan_add_node(p, name, host, 9000 + i % 7,
		    i + 1, 1), i);
	}
	for (i = 0; i < n; i++)
		for (k = 1; k <= 3; k++) {
			int t = (int)(((unsigned)i * 7919u + (unsigned)k * 104729u)
			    % (unsigned)n), port = 9000 + t % 7;

			switch ((i + k) % 11) {
			case 0: port = 0; break;                /* any port */
			case 1: port = 1234; break;             /* mismatch */
			case 2: t = n + i; break;               /* dangling */
			case 3: t = i; break;                   /* itself */
			default: break;
			}
			snprintf(host, sizeof(host), (i + k) % 5 ? "h%d.example" :
			    "H%d.EXAMPLE.", t);
			assert_int_equal(mesh_plan_add_route(p, i, host,
			    t == i ? 9000 + i % 7 : port, i + 1, k), 0);
			if ((i + k) % 13 == 0)  /* twice */
				assert_int_equal(mesh_plan_add_route(p, i,
				    host, port, i + 1, k + 10), 0);
		}
	return p;
}

/* Two threads look the routes of a large plan up as one does: the same
 * targets, links and diagnostics, in the same order. */
static void
resolve_on_two_threads_should_match_one(void **state)
{
	struct mesh_plan *one = mixed_plan(30000), *two = mixed_plan(30000);
	struct mesh_diags d1, d2;
	size_t i, j;

	(void)state;
	assert_true(one->nroutes > 65536);
	mesh_diags_init(&d1);
	mesh_diags_init(&d2);
	mesh_i_plan_lookup_threshold((size_t)-1);
	assert_int_equal(mesh_plan_resolve(one, &d1), MESH_OK);
	mesh_i_plan_lookup_threshold(0);
	assert_int_equal(mesh_plan_resolve(two, &d2), MESH_OK);
	mesh_i_plan_lookup_threshold(65536);
	assert_true(one->nlinks > 0);
	assert_int_equal(one->nlinks, two->nlinks);
	assert_memory_equal(one->links, two->links,
	    2 * one->nlinks * sizeof(*one->links));
	for (i = 0; i < one->nnodes; i++)
		for (j = 0; j < one->nodes[i].nroutes; j++)
			assert_int_equal(one->nodes[i].routes[j].target,
			    two->nodes[i].routes[j].target);
	assert_true(d1.n > 1000);
	assert_int_equal(d1.n, d2.n);
	for (i = 0; i < d1.n; i++) {
		assert_string_equal(d1.v[i].code, d2.v[i].code);
		assert_string_equal(d1.v[i].message, d2.v[i].message);
		assert_int_equal(d1.v[i].line, d2.v[i].line);
	}
	mesh_diags_clear(&d1);
	mesh_diags_clear(&d2);
	mesh_plan_free(one);
	mesh_plan_free(two);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plan_should_default_host_to_name_and_port_to_9932),
		cmocka_unit_test(pooled_routes_and_labels_should_stay_with_their_node),
		cmocka_unit_test(routes_should_match_hosts_ignoring_case_and_trailing_dot),
		cmocka_unit_test(links_listed_from_both_ends_should_count_once),
		cmocka_unit_test(resolve_on_two_threads_should_match_one),
		cmocka_unit_test(
		    not_clustering_node_should_make_no_links_and_survive_export),
		cmocka_unit_test(port_mismatch_should_warn_and_make_no_link),
		cmocka_unit_test(a_route_to_an_alias_of_two_nodes_should_warn),
		cmocka_unit_test(port_out_of_range_should_be_an_error_at_the_value),
		cmocka_unit_test(columns_should_count_characters_not_bytes),
		cmocka_unit_test(every_error_should_be_reported_not_just_the_first),
		cmocka_unit_test(diagnostics_should_be_sorted_by_position),
		cmocka_unit_test(builder_should_refuse_a_taken_name),
		cmocka_unit_test(gml_should_name_nodes_by_label_made_unique),
		cmocka_unit_test(routes_to_an_alias_should_link_to_its_node),
		cmocka_unit_test(route_sources_should_be_kept_per_route),
		cmocka_unit_test(formats_should_be_sniffed_by_content),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
