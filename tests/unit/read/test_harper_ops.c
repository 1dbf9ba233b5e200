/* test_harper_ops.c: Harper operations API payloads: requests (NATS era and 4.4+), their application as what-ifs, get_routes, network and cluster_status answers, drift. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "meshsim/harper_ops.h"

static const char *const abc[] = { "a", "b", "c" };

static struct mesh_ops_request *
request(const char *text, const char *file)
{
	struct mesh_ops_request *q;
	struct mesh_diags d;

	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_request_parse(text, strlen(text), file, &d,
	    &q), MESH_OK);
	mesh_diags_clear(&d);
	return q;
}

/* Parse text as a request that must be refused with code at line:col. */
static void
refused(const char *text, const char *code, int line, int column)
{
	struct mesh_ops_request *q;
	struct mesh_diags d;

	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_request_parse(text, strlen(text), "r.json",
	    &d, &q), MESH_EINPUT);
	assert_null(q);
	expect_error_at(&d, code, "r.json", line, column);
	mesh_diags_clear(&d);
}

static void
request_should_read_set_routes_with_default_port(void **state)
{
	struct mesh_ops_request *q;

	(void)state;
	q = request("{\"operation\": \"cluster_set_routes\", \"server\": "
	    "\"hub\",\n \"routes\": [{\"host\": \"c\"}, {\"host\": \"d\", "
	    "\"port\": 12345}]}", "r.json");
	assert_int_equal(q->op, MESH_OPS_SET_ROUTES);
	assert_int_equal(q->leaf, 0);
	assert_int_equal(q->routes.n, 2);
	assert_string_equal(q->routes.v[0].host, "c");
	assert_int_equal(q->routes.v[0].port, 9932);
	assert_int_equal(q->routes.v[0].line, 2);
	assert_int_equal(q->routes.v[0].column, 22);
	assert_int_equal(q->routes.v[1].port, 12345);
	assert_string_equal(q->file, "r.json");
	mesh_ops_request_free(q);
}

static void
request_should_refuse_malformed_payloads_with_positions(void **state)
{
	(void)state;
	refused("{\"operation\": \"cluster_set_routes\",", "invalid-json", 1,
	    36);
	refused("[1]", "not-an-object", 1, 1);
	refused("{\"routes\": []}", "missing-key", 1, 1);
	refused("{\"operation\": \"cluster_set_routes\", \"server\": \"hub\"}",
	    "missing-key", 1, 1);
	refused("{\"operation\": \"cluster_get_routes\", \"routes\": []}",
	    "unknown-operation", 1, 15);
	refused("{\"operation\": 7, \"routes\": []}", "wrong-type", 1, 15);
	refused("{\"operation\": \"cluster_delete_routes\",\n\"routes\": "
	    "[{\"port\": 1}]}", "route-without-host", 2, 12);
	refused("{\"operation\": \"cluster_delete_routes\", \"routes\": "
	    "[{\"host\": \"a\", \"port\": 65536}]}", "port-range", 1, 73);
	refused("{\"operation\": \"cluster_delete_routes\", \"routes\": "
	    "[{\"host\": [\"a\"]}]}", "wrong-type", 1, 60);
	refused("{\"operation\": \"cluster_set_routes\", \"server\": \"hubs\", "
	    "\"routes\": []}", "bad-server", 1, 47);
}

static void
request_without_server_should_set_leaf_routes_and_warn(void **state)
{
	struct mesh_ops_request *q;
	struct mesh_diags d;
	const char *text = "{\"operation\": \"cluster_set_routes\", "
	    "\"routes\": []}";

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_request_parse(text, strlen(text), "r.json",
	    &d, &q), MESH_OK);
	assert_int_equal(q->leaf, 1);
	assert_int_equal(must_find(&d, "missing-server")->severity,
	    MESH_WARNING);
	mesh_ops_request_free(q);
	mesh_diags_clear(&d);
}

static void
apply_should_skip_present_routes_and_set_the_rest(void **state)
{
	struct mesh_plan *p = plan_of(abc, 3, "a-b"), *after;
	struct mesh_ops_request *q = request("{\"operation\": "
	    "\"cluster_set_routes\", \"server\": \"hub\", \"routes\": ["
	    "{\"host\": \"B.\"}, {\"host\": \"c\"}, {\"host\": \"C\"}]}",
	    "r.json");
	struct mesh_ops_step step = { 0, NULL };
	struct mesh_ops_outcome *o;
	struct mesh_diags d;

	(void)state;
	step.req = q;
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_apply(p, &step, 1, &d, &after, &o),
	    MESH_OK);
	/* b. is b (case and trailing dot); C is c, set just before. */
	assert_int_equal(o[0].nset, 1);
	assert_int_equal(o[0].set[0], 1);
	assert_int_equal(o[0].nskipped, 2);
	assert_int_equal(o[0].skipped[0], 0);
	assert_int_equal(o[0].skipped[1], 2);
	assert_int_equal(o[0].ndeleted, 0);
	assert_int_equal(after->nnodes, 3);
	assert_int_equal(after->nlinks, 2);
	assert_int_equal(after->nodes[0].nroutes, 2);
	assert_int_equal(p->nlinks, 1);         /* the plan is untouched */
	assert_int_equal(d.n, 0);
	mesh_ops_outcomes_free(o, 1);
	mesh_plan_free(after);
	mesh_ops_request_free(q);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
apply_should_delete_hub_then_leaf_routes_in_order(void **state)
{
	struct mesh_plan *p = plan_of(abc, 3, "a-b a-c"), *after;
	struct mesh_ops_request *leaf = request("{\"operation\": "
	    "\"cluster_set_routes\", \"server\": \"leaf\", \"routes\": ["
	    "{\"host\": \"x\"}, {\"host\": \"c\"}]}", "leaf.json");
	struct mesh_ops_request *del = request("{\"operation\": "
	    "\"cluster_delete_routes\", \"routes\": [{\"host\": \"b\"}, "
	    "{\"host\": \"x\"}, {\"host\": \"b\"}, {\"host\": \"c\", "
	    "\"port\": 1}]}", "del.json");
	struct mesh_ops_step steps[2];
	struct mesh_ops_outcome *o;
	struct mesh_diags d;

	(void)state;
	steps[0].node = 0;
	steps[0].req = leaf;
	steps[1].node = 0;
	steps[1].req = del;
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_apply(p, steps, 2, &d, &after, &o),
	    MESH_OK);
	/* x is set as a leaf route; c is a hub route already. */
	assert_int_equal(o[0].nset, 1);
	assert_int_equal(o[0].nskipped, 1);
	/* b from hub, x from leaf; b again and c:1 are not there. */
	assert_int_equal(o[1].ndeleted, 2);
	assert_int_equal(o[1].deleted[0], 0);
	assert_int_equal(o[1].deleted[1], 1);
	assert_int_equal(o[1].nskipped, 2);
	assert_int_equal(after->nlinks, 1);
	assert_int_equal(after->nodes[0].nroutes, 1);
	assert_string_equal(after->nodes[0].routes[0].host, "c");
	mesh_ops_outcomes_free(o, 2);
	mesh_plan_free(after);
	mesh_ops_request_free(leaf);
	mesh_ops_request_free(del);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
apply_should_place_warnings_of_set_routes_in_the_request(void **state)
{
	struct mesh_plan *p = plan_of(abc, 3, "a-b"), *after;
	struct mesh_ops_request *q = request("{\"operation\": "
	    "\"cluster_set_routes\", \"server\": \"hub\",\n\"routes\": ["
	    "{\"host\": \"nowhere\"}]}", "r.json");
	struct mesh_ops_step step = { 1, NULL };
	struct mesh_ops_outcome *o;
	const struct mesh_diag *g;
	struct mesh_diags d;

	(void)state;
	step.req = q;
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_apply(p, &step, 1, &d, &after, &o),
	    MESH_OK);
	g = must_find(&d, "dangling-route");
	assert_string_equal(g->file, "r.json");
	assert_int_equal(g->line, 2);
	assert_int_equal(g->column, 21);
	assert_string_equal(g->node, "b");
	/* The route keeps its position in the request. */
	assert_int_equal(after->nodes[1].routes[0].line, 2);
	assert_int_equal(after->nodes[1].routes[0].column, 21);
	mesh_ops_outcomes_free(o, 1);
	mesh_plan_free(after);
	step.node = 3;
	assert_int_equal(mesh_ops_apply(p, &step, 1, &d, &after, &o),
	    MESH_EINVAL);
	assert_null(after);
	assert_null(o);
	mesh_ops_request_free(q);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
routes_plan_should_take_hub_routes_and_inventory_hosts(void **state)
{
	const char *g1 = "{\"hub\": [{\"host\": \"10.0.0.2\"}], "
	    "\"leaf\": [{\"host\": \"10.0.0.3\", \"port\": 9931}]}";
	const char *g2 = "{\"hub\": null}";
	const char *inv = "{\"n1\": \"10.0.0.1\", \"n2\": {\"host\": "
	    "\"10.0.0.2\", \"port\": 9932}}";
	const char *names[] = { "n1", "n2" };
	struct mesh_ops_get_routes *a[2];
	struct mesh_ops_inventory *in;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_get_routes_parse(g1, strlen(g1), "1.json",
	    &d, &a[0]), MESH_OK);
	assert_int_equal(mesh_ops_get_routes_parse(g2, strlen(g2), "2.json",
	    &d, &a[1]), MESH_OK);
	assert_int_equal(a[0]->leaf.n, 1);
	assert_int_equal(mesh_ops_inventory_parse(inv, strlen(inv), "i.json",
	    &d, &in), MESH_OK);
	assert_int_equal(mesh_ops_routes_plan(names,
	    (const struct mesh_ops_get_routes *const *)a, 2, in, &d, &p),
	    MESH_OK);
	assert_int_equal(p->nnodes, 2);
	assert_string_equal(p->nodes[0].host, "10.0.0.1");
	assert_int_equal(p->nodes[0].nroutes, 1);      /* leaf left out */
	assert_int_equal(p->nlinks, 1);
	assert_int_equal(d.n, 0);
	mesh_plan_free(p);
	mesh_ops_inventory_free(in);
	mesh_ops_get_routes_free(a[0]);
	mesh_ops_get_routes_free(a[1]);
	mesh_diags_clear(&d);
}

static void
network_should_report_gossip_links_and_routes_not_live(void **state)
{
	const char *text = "{\"nodes\": [\n"
	    "{\"name\": \"a\", \"connected_nodes\": [\"b\", \"c\"], "
	    "\"routes\": [{\"host\": \"b\"}]},\n"
	    "{\"name\": \"b\", \"connected_nodes\": [\"a\"], "
	    "\"routes\": [{\"host\": \"d\"}]},\n"
	    "{\"name\": \"c\", \"connected_nodes\": [\"a\", \"zz\"]},\n"
	    "{\"name\": \"d\", \"connected_nodes\": []}\n]}";
	const struct mesh_diag *g;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_network_parse(text, strlen(text), "n.json",
	    NULL, &d, &p), MESH_OK);
	assert_int_equal(p->nnodes, 4);
	assert_int_equal(p->nlinks, 2);
	/* a -- c is live, no route: gossip. a -- b is live and routed. */
	assert_int_equal(count_code(&d, "gossip-link"), 1);
	g = must_find(&d, "gossip-link");
	assert_string_equal(g->node, "a");
	assert_int_equal(g->line, 2);
	assert_int_equal(g->column, 40);
	assert_non_null(strstr(g->message, "a -- c"));
	/* b's route to d has no live connection. */
	assert_int_equal(count_code(&d, "route-not-live"), 1);
	g = must_find(&d, "route-not-live");
	assert_string_equal(g->node, "b");
	assert_int_equal(g->line, 3);
	assert_non_null(strstr(g->message, "'d'"));
	assert_int_equal(count_code(&d, "unknown-peer"), 1);
	assert_int_equal(must_find(&d, "drift")->severity, MESH_NOTE);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
network_should_refuse_wrong_types_with_positions(void **state)
{
	const char *text = "{\"nodes\": [{\"name\": \"a\", "
	    "\"connected_nodes\": [1]}, {\"name\": \"a\"}]}";
	const struct mesh_diag *g;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_network_parse(text, strlen(text), "n.json",
	    NULL, &d, &p), MESH_EINPUT);
	assert_null(p);
	g = must_find(&d, "wrong-type");
	assert_int_equal(g->column, 46);
	g = must_find(&d, "duplicate-name");
	assert_int_equal(g->column, 60);
	mesh_diags_clear(&d);
}

static void
inventory_should_refuse_repeats_and_warn_of_unused_names(void **state)
{
	const char *dup = "{\"n1\": \"h1\",\n \"n1\": \"h2\"}";
	const char *ok = "{\"n1\": \"h1\", \"zz\": {\"host\": \"h9\"}}";
	const char *names[] = { "n1" };
	const char *g = "{\"hub\": []}";
	struct mesh_ops_get_routes *a;
	struct mesh_ops_inventory *in;
	const struct mesh_diag *w;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_inventory_parse(dup, strlen(dup), "i.json",
	    &d, &in), MESH_EINPUT);
	assert_null(in);
	w = must_find(&d, "duplicate-name");
	assert_int_equal(w->line, 2);
	assert_int_equal(w->column, 2);
	mesh_diags_clear(&d);
	assert_int_equal(mesh_ops_inventory_parse(ok, strlen(ok), "i.json",
	    &d, &in), MESH_OK);
	assert_int_equal(mesh_ops_get_routes_parse(g, strlen(g), "g.json", &d,
	    &a), MESH_OK);
	assert_int_equal(mesh_ops_routes_plan(names,
	    (const struct mesh_ops_get_routes *const *)&a, 1, in, &d, &p),
	    MESH_OK);
	assert_string_equal(p->nodes[0].host, "h1");
	w = must_find(&d, "unused-inventory");
	assert_string_equal(w->node, "zz");
	assert_int_equal(w->column, 14);
	mesh_plan_free(p);
	mesh_ops_get_routes_free(a);
	mesh_ops_inventory_free(in);
	mesh_diags_clear(&d);
}

static void
apply_should_drop_warnings_that_no_longer_hold(void **state)
{
	const char *text = "{\"nodes\": [\n"
	    "{\"name\": \"a\", \"routes\": [{\"host\": \"b\"},\n"
	    "{\"host\": \"B.\"}, {\"host\": \"gone\"}]},\n"
	    "{\"name\": \"b\"}]}";
	struct mesh_plan *p, *after;
	struct mesh_ops_request *q = request("{\"operation\": "
	    "\"cluster_delete_routes\", \"routes\": [{\"host\": \"b\"}]}",
	    "r.json");
	struct mesh_ops_step step = { 0, NULL };
	struct mesh_ops_outcome *o;
	struct mesh_diags d;

	(void)state;
	step.req = q;
	assert_int_equal(parse_text(text, "p.json", MESH_FORMAT_JSON, &p, &d),
	    MESH_OK);
	assert_int_equal(count_code(&d, "duplicate-route"), 1);
	assert_int_equal(count_code(&d, "dangling-route"), 1);
	assert_int_equal(mesh_ops_apply(p, &step, 1, &d, &after, &o),
	    MESH_OK);
	/* b. now stands alone: no repeat; gone still dangles. */
	assert_int_equal(count_code(&d, "duplicate-route"), 0);
	assert_int_equal(count_code(&d, "dangling-route"), 1);
	assert_string_equal(must_find(&d, "dangling-route")->file, "p.json");
	assert_int_equal(after->nlinks, 1);
	assert_int_equal(after->nodes[0].routes[0].line, 3);
	mesh_ops_outcomes_free(o, 1);
	mesh_plan_free(after);
	mesh_ops_request_free(q);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
plan_json_should_read_back_as_the_same_plan(void **state)
{
	struct mesh_plan *p = plan_of(abc, 3, "a-b b-c"), *q;
	struct mesh_diags d;
	char *json;

	(void)state;
	json = plan_json(p);
	assert_non_null(json);
	assert_int_equal(parse_text(json, "p.json", MESH_FORMAT_JSON, &q, &d),
	    MESH_OK);
	assert_int_equal(q->nnodes, 3);
	assert_int_equal(q->nlinks, 2);
	assert_memory_equal(q->links, p->links, 4 * sizeof(int));
	assert_int_equal(d.n, 0);
	free(json);
	mesh_plan_free(q);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* Apply the requests texts[0 .. n-1], sent to nodes[i], to p; returns
 * the plan after (the caller frees it and *o with n). */
static struct mesh_plan *
apply_texts(const struct mesh_plan *p, const char *const *texts,
    const int *nodes, size_t n, struct mesh_diags *d,
    struct mesh_ops_outcome **o)
{
	struct mesh_ops_request *q[8];
	struct mesh_ops_step steps[8];
	struct mesh_plan *after;
	size_t i;

	assert_true(n <= 8);
	for (i = 0; i < n; i++) {
		q[i] = request(texts[i], "r.json");
		steps[i].node = nodes[i];
		steps[i].req = q[i];
	}
	assert_int_equal(mesh_ops_check_generation(p, 1,
	    (const struct mesh_ops_request *const *)q, n, d), MESH_OK);
	assert_int_equal(mesh_ops_apply(p, steps, n, d, &after, o), MESH_OK);
	for (i = 0; i < n; i++)
		mesh_ops_request_free(q[i]);
	return after;
}

static void
replication_request_should_read_its_target(void **state)
{
	struct mesh_ops_request *q;

	(void)state;
	q = request("{\"operation\": \"add_node\",\n \"hostname\": \"c\", "
	    "\"verify_tls\": false}", "r.json");
	assert_int_equal(q->op, MESH_OPS_ADD_NODE);
	assert_string_equal(q->opname, "add_node");
	assert_string_equal(q->target.host, "c");
	assert_int_equal(q->target.port, 0);
	assert_int_equal(q->target.line, 2);
	assert_int_equal(q->target.column, 14);
	assert_int_equal(q->op_line, 1);
	assert_int_equal(q->op_column, 15);
	mesh_ops_request_free(q);
	q = request("{\"operation\": \"set_node\", \"url\": "
	    "\"wss://[fe80::1]:9925/x\"}", "r.json");
	assert_int_equal(q->op, MESH_OPS_ADD_NODE);
	assert_string_equal(q->opname, "set_node");
	assert_string_equal(q->target.host, "fe80::1");
	assert_int_equal(q->target.port, 9925);
	mesh_ops_request_free(q);
	q = request("{\"operation\": \"remove_node\", \"hostname\": \"d\"}",
	    "r.json");
	assert_int_equal(q->op, MESH_OPS_REMOVE_NODE);
	mesh_ops_request_free(q);
	refused("{\"operation\": \"add_node\"}", "missing-key", 1, 1);
	refused("{\"operation\": \"update_node\", \"url\": \"ws://c\"}",
	    "missing-key", 1, 1);
	refused("{\"operation\": \"add_node\", \"url\": \"http://c\"}",
	    "bad-url", 1, 34);
	refused("{\"operation\": \"add_node\", \"url\": \"ws://c:\"}",
	    "bad-url", 1, 34);
	refused("{\"operation\": \"add_node\", \"url\": \"ws://c:70000\"}",
	    "bad-url", 1, 34);
	refused("{\"operation\": \"add_node\", \"hostname\": \"c\", "
	    "\"url\": \"wss://d:1\"}", "target-mismatch", 1, 51);
	refused("{\"operation\": \"add_node\", \"hostname\": 3}",
	    "wrong-type", 1, 39);
	refused("{\"operation\": \"configure_cluster\", \"connections\": []}",
	    "unsupported-operation", 1, 15);
}

static void
generation_should_refuse_requests_of_the_other(void **state)
{
	struct mesh_plan *p = plan_of(abc, 3, "a-b");
	struct mesh_ops_request *q[2];
	struct mesh_diags d;

	(void)state;
	q[0] = request("{\"operation\": \"add_node\", \"hostname\": \"c\"}",
	    "r.json");
	q[1] = request("{\"operation\": \"cluster_set_routes\", \"server\": "
	    "\"hub\", \"routes\": []}", "s.json");
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_check_generation(p, 0,
	    (const struct mesh_ops_request *const *)q, 1, &d), MESH_EINPUT);
	expect_error_at(&d, "wrong-generation", "r.json", 1, 15);
	mesh_diags_clear(&d);
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_check_generation(p, 1,
	    (const struct mesh_ops_request *const *)q + 1, 1, &d),
	    MESH_EINPUT);
	expect_error_at(&d, "wrong-generation", "s.json", 1, 15);
	mesh_diags_clear(&d);
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_check_generation(p, 1,
	    (const struct mesh_ops_request *const *)q, 1, &d), MESH_OK);
	assert_int_equal(mesh_ops_check_generation(p, 0,
	    (const struct mesh_ops_request *const *)q + 1, 1, &d), MESH_OK);
	assert_int_equal(d.n, 0);
	mesh_diags_clear(&d);
	mesh_ops_request_free(q[0]);
	mesh_ops_request_free(q[1]);
	mesh_plan_free(p);
}

static void
add_node_should_link_both_ways_and_bring_new_nodes(void **state)
{
	static const char *const texts[] = {
		"{\"operation\": \"add_node\", \"hostname\": \"C.\"}",
		"{\"operation\": \"add_node\", \"url\": \"wss://d:9925\"}",
		"{\"operation\": \"add_node\", \"hostname\": \"a\"}",
		"{\"operation\": \"add_node\", \"hostname\": \"b\"}",
		"{\"operation\": \"add_node\", \"hostname\": \"a\"}"
	};
	static const int nodes[] = { 1, 0, 0, 0, 1 };
	struct mesh_plan *p = plan_of(abc, 3, "a-b"), *after;
	struct mesh_ops_outcome *o;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	after = apply_texts(p, texts, nodes, 5, &d, &o);
	assert_int_equal(o[0].result, MESH_OPS_LINKED);
	assert_int_equal(o[0].target, 2);
	assert_int_equal(o[1].result, MESH_OPS_NEW_NODE);
	assert_int_equal(o[1].target, 3);
	assert_int_equal(o[2].result, MESH_OPS_SELF);
	/* a stores the route to b; b's request finds the link. */
	assert_int_equal(o[3].result, MESH_OPS_ALREADY);
	assert_int_equal(o[4].result, MESH_OPS_ALREADY);
	assert_int_equal(after->nnodes, 4);
	assert_string_equal(after->nodes[3].name, "d");
	assert_int_equal(after->nodes[3].port, 9925);
	/* a-b, b-c, a-d: a tree; the route of b names c's own host. */
	assert_int_equal(after->nlinks, 3);
	assert_string_equal(after->nodes[1].routes[0].host, "c");
	assert_string_equal(mesh_plan_route_source(after, 1, 0)->via,
	    "add_node");
	assert_int_equal(after->nodes[1].routes[0].line, 1);
	assert_int_equal(p->nlinks, 1);         /* the plan is untouched */
	assert_int_equal(d.n, 0);
	mesh_ops_outcomes_free(o, 5);
	mesh_plan_free(after);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
remove_node_should_undo_add_node_and_keep_configured_routes(void **state)
{
	static const char *const texts[] = {
		"{\"operation\": \"add_node\", \"hostname\": \"c\"}",
		"{\"operation\": \"remove_node\", \"hostname\": \"b\"}",
		"{\"operation\": \"remove_node\", \"hostname\": \"a\"}",
		"{\"operation\": \"remove_node\", \"hostname\": \"zz\"}",
		"{\"operation\": \"remove_node\", \"hostname\": \"b\"}"
	};
	/* b adds c; c removes b; b removes a (a configured route of a);
	 * nobody is at zz; c removes b again. */
	static const int nodes[] = { 1, 2, 1, 1, 2 };
	struct mesh_plan *p = plan_of(abc, 3, "a-b"), *after;
	struct mesh_ops_outcome *o;
	const struct mesh_diag *g;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	after = apply_texts(p, texts, nodes, 5, &d, &o);
	assert_int_equal(o[0].result, MESH_OPS_LINKED);
	assert_int_equal(o[1].result, MESH_OPS_UNLINKED);
	assert_int_equal(o[2].result, MESH_OPS_NOT_LINKED);
	assert_int_equal(o[2].kept, 1);
	assert_int_equal(o[3].result, MESH_OPS_NOT_FOUND);
	assert_int_equal(o[4].result, MESH_OPS_NOT_LINKED);
	assert_int_equal(o[4].kept, 0);
	assert_int_equal(after->nlinks, 1);     /* a-b stays */
	assert_int_equal(count_code(&d, "route-remains"), 1);
	g = must_find(&d, "route-remains");
	assert_string_equal(g->node, "a");
	assert_string_equal(g->file, "r.json");
	assert_int_equal(g->column, 42);
	mesh_ops_outcomes_free(o, 5);
	mesh_plan_free(after);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
update_node_should_add_only_a_node_it_does_not_know(void **state)
{
	static const char *const texts[] = {
		"{\"operation\": \"update_node\", \"hostname\": \"b\"}",
		"{\"operation\": \"update_node\", \"hostname\": \"c\"}",
		"{\"operation\": \"update_node\", \"hostname\": \"e\"}"
	};
	static const char *const abcd[] = { "a", "b", "c", "d" };
	/* a-b-c a chain, d alone: a knows c through b, not d. */
	static const int nodes[] = { 0, 0, 3 };
	struct mesh_plan *p = plan_of(abcd, 4, "a-b b-c"), *after;
	struct mesh_ops_outcome *o;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	after = apply_texts(p, texts, nodes, 3, &d, &o);
	assert_int_equal(o[0].result, MESH_OPS_KNOWN);
	assert_int_equal(o[1].result, MESH_OPS_KNOWN);
	assert_int_equal(o[2].result, MESH_OPS_NEW_NODE);
	assert_int_equal(after->nnodes, 5);
	assert_int_equal(after->nlinks, 3);
	mesh_ops_outcomes_free(o, 3);
	mesh_plan_free(after);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
repl_routes_should_edit_the_configured_routes(void **state)
{
	static const char *const texts[] = {
		"{\"operation\": \"cluster_set_routes\", \"routes\": "
		    "[\"ws://c:9925\", {\"hostname\": \"B\", \"port\": 9932}, "
		    "\"zz\", \"c\"]}",
		"{\"operation\": \"cluster_delete_routes\", \"routes\": "
		    "[{\"hostname\": \"b\"}, \"c:1\"]}"
	};
	/* a routes to b; a sets c (on c's port), b (there), zz (dangles),
	 * c again (set just before); then deletes b (any port), not c:1. */
	static const int nodes[] = { 0, 0 };
	struct mesh_plan *p = plan_of(abc, 3, "a-b"), *after;
	struct mesh_ops_outcome *o;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	after = apply_texts(p, texts, nodes, 2, &d, &o);
	assert_int_equal(o[0].nset, 2);
	assert_int_equal(o[0].set[0], 0);
	assert_int_equal(o[0].set[1], 2);
	assert_int_equal(o[0].nskipped, 2);
	assert_int_equal(o[1].ndeleted, 1);
	assert_int_equal(o[1].deleted[0], 0);
	assert_int_equal(o[1].nskipped, 1);
	assert_int_equal(after->nodes[0].nroutes, 2);
	assert_int_equal(after->nodes[0].routes[0].port, 9932);
	assert_int_equal(after->nlinks, 1);     /* a-c only */
	assert_int_equal(count_code(&d, "dangling-route"), 1);
	mesh_ops_outcomes_free(o, 2);
	mesh_plan_free(after);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static struct mesh_ops_status *
status(const char *text, const char *file)
{
	struct mesh_ops_status *s;
	struct mesh_diags d;

	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_status_parse(text, strlen(text), file, &d,
	    &s), MESH_OK);
	mesh_diags_clear(&d);
	return s;
}

static void
status_should_give_live_links_and_drift(void **state)
{
	struct mesh_ops_status *s[2];
	const struct mesh_diag *g;
	struct mesh_plan *conf = plan_of(abc, 3, "a-b a-c"), *p;
	const char *names[2] = { NULL, "b" };
	struct mesh_diags d;

	(void)state;
	/* a: b live, c known but down, d live (new); b: a half live. */
	s[0] = status("{\"type\": \"cluster-status\", \"node_name\": \"a\",\n"
	    "\"connections\": [\n"
	    "{\"name\": \"b\", \"database_sockets\": [{\"database\": \"x\", "
	    "\"connected\": true}]},\n"
	    "{\"name\": \"c\", \"database_sockets\": [{\"connected\": "
	    "false}]},\n"
	    "{\"name\": \"d\", \"url\": \"wss://d:9933\", "
	    "\"database_sockets\": [{\"connected\": true}]}]}", "a.json");
	s[1] = status("{\"node_name\": \"bee\", \"connections\": [\n"
	    "{\"url\": \"ws://A\", \"database_sockets\": [{\"database\": "
	    "\"x\", \"connected\": true}, {\"database\": \"y\", "
	    "\"connected\": false}]}]}", "b.json");
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_status_plan(names,
	    (const struct mesh_ops_status *const *)s, 2, NULL, &d, &p),
	    MESH_OK);
	assert_int_equal(p->cluster, MESH_CLUSTER_HARPER_REPLICATION);
	assert_int_equal(p->nnodes, 4);
	assert_int_equal(p->nlinks, 2);         /* a-b, a-d */
	assert_int_equal(count_code(&d, "not-connected"), 1);
	g = must_find(&d, "not-connected");
	assert_int_equal(g->line, 4);
	assert_int_equal(count_code(&d, "partial-connection"), 1);
	assert_non_null(strstr(must_find(&d, "partial-connection")->message,
	    "'y'"));
	assert_int_equal(count_code(&d, "name-mismatch"), 1);
	assert_int_equal(count_code(&d, "gossip-link"), 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* Against a-b a-c: a-d is unexplained, a's route to c not live (c
	 * not-connected no more: the route says it). */
	mesh_diags_init(&d);
	assert_int_equal(mesh_ops_status_plan(names,
	    (const struct mesh_ops_status *const *)s, 2, conf, &d, &p),
	    MESH_OK);
	assert_string_equal(p->nodes[0].name, "a");
	assert_int_equal(count_code(&d, "gossip-link"), 1);
	assert_non_null(strstr(must_find(&d, "gossip-link")->message,
	    "a -- d"));
	assert_int_equal(count_code(&d, "route-not-live"), 1);
	assert_string_equal(must_find(&d, "route-not-live")->node, "a");
	assert_int_equal(count_code(&d, "not-connected"), 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	mesh_ops_status_free(s[0]);
	mesh_ops_status_free(s[1]);
	mesh_plan_free(conf);
}

static void
status_should_refuse_bad_answers_with_positions(void **state)
{
	static const struct {
		const char *text, *code;
		int line, column;
	} bad[] = {
		{ "{\"connections\": [{\"node_name\": \"b\", \"status\": "
		    "\"open\"}]}", "wrong-generation", 1, 37 },
		{ "{\"node_name\": \"a\"}", "missing-key", 1, 1 },
		{ "{\"connections\": [{\"name\": \"b\", \"database_sockets\": "
		    "[{\"database\": \"x\"}]}]}", "missing-key", 1, 53 },
		{ "{\"connections\": [{}]}", "missing-key", 1, 18 },
		{ "{\"type\": \"x\", \"connections\": []}", "wrong-answer",
		    1, 10 },
		{ "{\"connections\": [{\"url\": \"wss://b:x\"}]}", "bad-url",
		    1, 26 }
	};
	struct mesh_ops_status *s;
	struct mesh_diags d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mesh_diags_init(&d);
		assert_int_equal(mesh_ops_status_parse(bad[i].text,
		    strlen(bad[i].text), "s.json", &d, &s), MESH_EINPUT);
		assert_null(s);
		expect_error_at(&d, bad[i].code, "s.json", bad[i].line,
		    bad[i].column);
		mesh_diags_clear(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_should_read_set_routes_with_default_port),
		cmocka_unit_test(request_should_refuse_malformed_payloads_with_positions),
		cmocka_unit_test(request_without_server_should_set_leaf_routes_and_warn),
		cmocka_unit_test(apply_should_skip_present_routes_and_set_the_rest),
		cmocka_unit_test(apply_should_delete_hub_then_leaf_routes_in_order),
		cmocka_unit_test(apply_should_place_warnings_of_set_routes_in_the_request),
		cmocka_unit_test(routes_plan_should_take_hub_routes_and_inventory_hosts),
		cmocka_unit_test(network_should_report_gossip_links_and_routes_not_live),
		cmocka_unit_test(network_should_refuse_wrong_types_with_positions),
		cmocka_unit_test(inventory_should_refuse_repeats_and_warn_of_unused_names),
		cmocka_unit_test(apply_should_drop_warnings_that_no_longer_hold),
		cmocka_unit_test(plan_json_should_read_back_as_the_same_plan),
		cmocka_unit_test(replication_request_should_read_its_target),
		cmocka_unit_test(generation_should_refuse_requests_of_the_other),
		cmocka_unit_test(
		    add_node_should_link_both_ways_and_bring_new_nodes),
		cmocka_unit_test(
		    remove_node_should_undo_add_node_and_keep_configured_routes),
		cmocka_unit_test(
		    update_node_should_add_only_a_node_it_does_not_know),
		cmocka_unit_test(
		    repl_routes_should_edit_the_configured_routes),
		cmocka_unit_test(status_should_give_live_links_and_drift),
		cmocka_unit_test(
		    status_should_refuse_bad_answers_with_positions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
