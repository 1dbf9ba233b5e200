/* test_harper_ops.c: Harper operations API payloads: requests, their application as what-ifs, get_routes and network answers, drift. */
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
