/* test_harper_nodes.c: Harper nodes as deployment files describe them (config text, env, argv, aliases) built into a plan with route sources. */
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
#include "model/settings.h"
#include "read/harper_nodes.h"

/* Node a: its config held in the deployment file at line 10, indented by
 * four columns. */
static const char a_text[] =
    "clustering:\n"
    "  enabled: true\n"
    "  nodeName: a\n"
    "  hubServer:\n"
    "    cluster:\n"
    "      network:\n"
    "        routes:\n"
    "          - host: b-svc\n"
    "            port: 9932\n";

static const char *const a_hosts[] = { "a-svc" };
static const char *const b_hosts[] = { "b-svc", "b-alias" };
static const char *const c_hosts[] = { "c" };

#define VAR(n, v, l, c, via) { n, sizeof(n) - 1, v, sizeof(v) - 1, \
	{ "dep.yaml", l, c }, via }

/* Node b: all from environment variables. */
static const struct mesh_i_hvar b_env[] = {
	VAR("CLUSTERING_ENABLED", "true", 28, 30, "compose environment"),
	VAR("clustering_nodeName", "b", 29, 31, "compose environment"),
	VAR("CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES",
	    "[{\"host\": \"c\", \"port\": 9932}]", 30, 12,
	    "compose environment"),
};

/* Node c: all from its command line; its route names b's alias. */
static const struct mesh_i_harg c_args[] = {
	{ "--CLUSTERING_ENABLED", { "dep.yaml", 40, 7 }, "compose command" },
	{ "true", { "dep.yaml", 41, 7 }, "compose command" },
	{ "--clustering_nodename=c", { "dep.yaml", 42, 7 },
	    "compose command" },
	{ "--CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES",
	    { "dep.yaml", 43, 7 }, "compose command" },
	{ "[{\"host\": \"b-alias\"}]", { "dep.yaml", 44, 9 },
	    "compose command" },
};

/* The three nodes, a config text with a syntax error in a's when bad. */
static void
nodes_of(struct mesh_i_hnode *v, const char *a_config)
{
	memset(v, 0, 3 * sizeof(*v));
	v[0].name = "a-pod";
	v[0].at = (struct mesh_i_pos){ "dep.yaml", 5, 3 };
	v[0].hosts = a_hosts;
	v[0].nhosts = 1;
	v[0].config_text = a_config;
	v[0].config_len = strlen(a_config);
	v[0].config_at = (struct mesh_i_pos){ "dep.yaml", 10, 5 };
	v[1].name = "b-pod";
	v[1].at = (struct mesh_i_pos){ "dep.yaml", 25, 3 };
	v[1].hosts = b_hosts;
	v[1].nhosts = 2;
	v[1].env = b_env;
	v[1].nenv = sizeof(b_env) / sizeof(b_env[0]);
	v[2].name = "c-pod";
	v[2].at = (struct mesh_i_pos){ "dep.yaml", 38, 3 };
	v[2].hosts = c_hosts;
	v[2].nhosts = 1;
	v[2].args = c_args;
	v[2].nargs = sizeof(c_args) / sizeof(c_args[0]);
}

/* Node name's only route must reach target, written at line:column and
 * given by via. */
static void
expect_route(const struct mesh_plan *p, const char *name, const char *host,
    const char *target, int line, int column, const char *via)
{
	const struct mesh_source *s;
	const struct mesh_route *rt;
	int k = mesh_plan_find(p, name);

	assert_true(k >= 0);
	assert_int_equal(p->nodes[k].nroutes, 1);
	rt = &p->nodes[k].routes[0];
	assert_string_equal(rt->host, host);
	assert_int_equal(rt->port, 9932);
	assert_int_equal(rt->target, mesh_plan_find(p, target));
	assert_int_equal(rt->line, line);
	assert_int_equal(rt->column, column);
	assert_non_null(s = mesh_plan_route_source(p, k, 0));
	assert_string_equal(s->file, "dep.yaml");
	assert_string_equal(s->via, via);
}

static void
nodes_from_text_env_and_args_should_link_with_sources(void **state)
{
	struct mesh_i_hnode v[3];
	struct mesh_plan *p;
	struct mesh_diags d;
	const char *const *al;
	size_t i;
	int b;

	(void)state;
	nodes_of(v, a_text);
	mesh_diags_init(&d);
	assert_int_equal(mesh_i_harper_build(v, 3, "dep.yaml", NULL, &d, &p),
	    MESH_OK);
	for (i = 0; i < d.n; i++)
		assert_int_not_equal(d.v[i].severity, MESH_ERROR);
	assert_int_equal(p->nnodes, 3);
	assert_string_equal(p->file, "dep.yaml");
	assert_string_equal(p->nodes[mesh_plan_find(p, "a")].host, "a-svc");
	/* Text line 8, column 13 (the mapping's first key), shifted. */
	expect_route(p, "a", "b-svc", "b", 17, 17, "yaml");
	expect_route(p, "b", "c", "c", 30, 13, "compose environment");
	expect_route(p, "c", "b-alias", "b", 44, 10, "compose command");
	b = mesh_plan_find(p, "b");
	assert_int_equal(mesh_plan_aliases(p, b, &al), 1);
	assert_string_equal(al[0], "b-alias");
	assert_int_equal(mesh_plan_aliases(p, mesh_plan_find(p, "a"), &al), 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
a_later_source_should_win_and_keep_its_position(void **state)
{
	static const struct mesh_i_hvar env[] = {
		VAR("CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES",
		    "[{\"host\": \"c\"}]", 12, 20, "kubernetes env"),
	};
	struct mesh_i_hnode v[3];
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	nodes_of(v, a_text);
	v[0].env = env;
	v[0].nenv = 1;
	mesh_diags_init(&d);
	assert_int_equal(mesh_i_harper_build(v, 3, "dep.yaml", NULL, &d, &p),
	    MESH_OK);
	expect_route(p, "a", "c", "c", 12, 21, "kubernetes env");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
a_config_text_error_should_be_placed_in_the_deployment_file(void **state)
{
	static const char bad[] =
	    "clustering:\n"
	    "  enabled: true\n"
	    "  nodeName: [a\n";
	struct mesh_i_hnode v[3];
	struct mesh_plan *p;
	struct mesh_diags d;
	const struct mesh_diag *e;

	(void)state;
	nodes_of(v, bad);
	mesh_diags_init(&d);
	assert_int_equal(mesh_i_harper_build(v, 3, "dep.yaml", NULL, &d, &p),
	    MESH_EINPUT);
	assert_null(p);
	e = must_find(&d, "invalid-yaml");
	assert_string_equal(e->file, "dep.yaml");
	/* libyaml places the missing ']' at the text's end (line 4,
	 * column 1): line 13, shifted by the indent. */
	assert_int_equal(e->line, 13);
	assert_int_equal(e->column, 5);
	mesh_diags_clear(&d);
}

static void
a_stray_word_or_missing_value_should_warn_at_its_place(void **state)
{
	static const struct mesh_i_harg args[] = {
		{ "run", { "cmd.txt", 1, 1 }, "args file" },
		{ "--CLUSTERING_NODENAME", { "cmd.txt", 1, 5 }, "args file" },
	};
	struct mesh_i_hnode v[3];
	struct mesh_plan *p;
	struct mesh_diags d;
	size_t i, n = 0;

	(void)state;
	nodes_of(v, a_text);
	v[0].args = args;
	v[0].nargs = 2;
	mesh_diags_init(&d);
	assert_int_equal(mesh_i_harper_build(v, 3, "dep.yaml", NULL, &d, &p),
	    MESH_OK);
	for (i = 0; i < d.n; i++) {
		if (strcmp(d.v[i].code, "bad-argument") != 0)
			continue;
		assert_string_equal(d.v[i].file, "cmd.txt");
		assert_int_equal(d.v[i].line, 1);
		assert_int_equal(d.v[i].column, n++ == 0 ? 1 : 5);
	}
	assert_int_equal(n, 2);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* The routes of a, set by every source at once: HARPER_SET_CONFIG wins
 * whatever the order they are given in, and each other setting is kept
 * as lost, in the order applied. */
static void
harper_set_config_should_win_over_every_source(void **state)
{
	static const struct mesh_i_hvar env[] = {
		VAR("HARPER_SET_CONFIG", "{\"clustering\": {\"hubServer\": "
		    "{\"cluster\": {\"network\": {\"routes\": "
		    "[{\"host\": \"c\"}]}}}}}", 50, 10, "compose environment"),
		VAR("HARPER_DEFAULT_CONFIG", "{\"clustering\": {\"hubServer\": "
		    "{\"cluster\": {\"network\": {\"routes\": "
		    "[{\"host\": \"x\"}]}}}}}", 51, 10, "compose environment"),
		VAR("CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES",
		    "[{\"host\": \"y\"}]", 52, 10, "compose environment"),
	};
	static const struct mesh_i_harg args[] = {
		{ "--CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES=[{\"host\": "
		    "\"z\"}]", { "dep.yaml", 53, 9 }, "compose command" },
	};
	static const struct {
		int line, column;
		const char *via;
		int won;
	} want[] = {
		{ 17, 15, "yaml", 0 },
		{ 52, 10, "compose environment", 0 },
		{ 51, 74, "HARPER_DEFAULT_CONFIG", 0 },
		{ 53, 55, "compose command", 0 },
		{ 50, 74, "HARPER_SET_CONFIG", 1 },
	};
	const struct mesh_i_setting *st;
	struct mesh_i_hnode v[3];
	struct mesh_plan *p;
	struct mesh_diags d;
	size_t i, n;
	int a;

	(void)state;
	nodes_of(v, a_text);
	v[0].env = env;
	v[0].nenv = 3;
	v[0].args = args;
	v[0].nargs = 1;
	mesh_diags_init(&d);
	assert_int_equal(mesh_i_harper_build(v, 3, "dep.yaml", NULL, &d, &p),
	    MESH_OK);
	expect_route(p, "a", "c", "c", 50, 75, "HARPER_SET_CONFIG");
	a = mesh_plan_find(p, "a");
	n = mesh_i_plan_settings(p, a, &st);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < n; i++) {
		assert_string_equal(st[i].key,
		    "clustering.hubServer.cluster.network.routes");
		assert_string_equal(st[i].file, "dep.yaml");
		assert_int_equal(st[i].line, want[i].line);
		assert_int_equal(st[i].column, want[i].column);
		assert_string_equal(st[i].via, want[i].via);
		assert_int_equal(st[i].won, want[i].won);
		assert_true(st[i].routes);
	}
	/* b's routes come from one source: nothing kept. */
	assert_int_equal(mesh_i_plan_settings(p, mesh_plan_find(p, "b"),
	    &st), 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* HARPER_DEFAULT_CONFIG applies where nothing sets the key (c), and
 * loses where the config does (a). */
static void
harper_default_config_should_fill_only_what_is_unset(void **state)
{
	static const struct mesh_i_hvar env[] = {
		VAR("HARPER_DEFAULT_CONFIG", "{\"clustering\": {\"hubServer\": "
		    "{\"cluster\": {\"network\": {\"routes\": "
		    "[{\"host\": \"a-svc\"}]}}}}}", 60, 10, "kubernetes env"),
	};
	static const struct mesh_i_hvar aenv[] = {
		VAR("HARPER_DEFAULT_CONFIG", "{\"clustering\": {\"hubServer\": "
		    "{\"cluster\": {\"network\": {\"routes\": "
		    "[{\"host\": \"c\"}]}}}}}", 61, 10, "kubernetes env"),
	};
	struct mesh_harper_options o;
	struct mesh_i_hnode v[3];
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	nodes_of(v, a_text);
	v[0].env = aenv;
	v[0].nenv = 1;
	v[2].env = env;
	v[2].nenv = 1;
	v[2].args = NULL;
	v[2].nargs = 0;
	mesh_diags_init(&d);
	/* c has no config now, and no key that says its generation. */
	memset(&o, 0, sizeof(o));
	o.generation = MESH_HARPER_NATS;
	assert_int_equal(mesh_i_harper_build(v, 3, "dep.yaml", &o, &d, &p),
	    MESH_OK);
	expect_route(p, "a", "b-svc", "b", 17, 17, "yaml");
	expect_route(p, "c-pod", "a-svc", "a", 60, 75,
	    "HARPER_DEFAULT_CONFIG");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* Bad JSON in HARPER_SET_CONFIG: an error at its place in the value. */
static void
bad_json_in_a_config_variable_should_be_placed_in_the_value(void **state)
{
	static const struct mesh_i_hvar env[] = {
		VAR("HARPER_SET_CONFIG", "{\"clustering\": {enabled: true}}",
		    70, 12, "compose environment"),
	};
	struct mesh_i_hnode v[3];
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	nodes_of(v, a_text);
	v[1].env = env;
	v[1].nenv = 1;
	mesh_diags_init(&d);
	assert_int_equal(mesh_i_harper_build(v, 3, "dep.yaml", NULL, &d, &p),
	    MESH_EINPUT);
	assert_null(p);
	expect_error_at(&d, "bad-config-json", "dep.yaml", 70, 28);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    nodes_from_text_env_and_args_should_link_with_sources),
		cmocka_unit_test(a_later_source_should_win_and_keep_its_position),
		cmocka_unit_test(
		    a_config_text_error_should_be_placed_in_the_deployment_file),
		cmocka_unit_test(
		    a_stray_word_or_missing_value_should_warn_at_its_place),
		cmocka_unit_test(harper_set_config_should_win_over_every_source),
		cmocka_unit_test(
		    harper_default_config_should_fill_only_what_is_unset),
		cmocka_unit_test(
		    bad_json_in_a_config_variable_should_be_placed_in_the_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
