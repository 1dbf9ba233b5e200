/* test_harper.c: reading Harper configs: route forms and defaults, hosts, env overrides, round trips, errors with positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/harper.h"
#include "meshsim/meshsim.h"

/* Parse one config held in text, t.yaml (parse_text()). */
static enum mesh_error
parse(const char *text, struct mesh_plan **plan, struct mesh_diags *d)
{
	return parse_text(text, "t.yaml", MESH_FORMAT_HARPER, plan, d);
}

/* Load configs (the command line's spellings) with options. */
static enum mesh_error
load(const char *const *args, size_t n, const struct mesh_harper_options *o,
    struct mesh_plan **plan, struct mesh_diags *d)
{
	mesh_diags_init(d);
	return mesh_harper_load(args, n, o, d, plan);
}

/* Expect text to be refused with code at line:column. */
static void
refused_at(const char *text, const char *code, int line, int column)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	assert_int_equal(parse(text, &p, &d), MESH_EINPUT);
	assert_null(p);
	expect_error_at(&d, code, "t.yaml", line, column);
	mesh_diags_clear(&d);
}

static void
every_replication_route_form_should_get_its_port(void **state)
{
	static const char text[] =
	    "replication:\n"
	    "  hostname: hub\n"
	    "  securePort: 9943\n"
	    "  routes:\n"
	    "    - plain-host\n"
	    "    - ws://ws-host\n"
	    "    - wss://wss-host:9925/path\n"
	    "    - \"colon-host:9950\"\n"
	    "    - hostname: mapping-hostname\n"
	    "      port: 9951\n"
	    "    - host: mapping-host\n"
	    "    - \"[fe80::1]:9952\"\n";
	static const struct {
		const char *host;
		int port, line, column;
	} want[] = {
		{ "plain-host", 9943, 5, 7 },
		{ "ws-host", 9943, 6, 7 },
		{ "wss-host", 9925, 7, 7 },
		{ "colon-host", 9950, 8, 7 },
		{ "mapping-hostname", 9951, 9, 7 },
		{ "mapping-host", 9943, 11, 7 },
		{ "fe80::1", 9952, 12, 7 },
	};
	struct mesh_plan *p;
	struct mesh_diags d;
	size_t i;

	(void)state;
	assert_int_equal(parse(text, &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 1);
	assert_string_equal(p->nodes[0].name, "hub");
	assert_int_equal(p->nodes[0].port, 9943);
	assert_int_equal(p->nodes[0].nroutes, 7);
	for (i = 0; i < 7; i++) {
		assert_string_equal(p->nodes[0].routes[i].host, want[i].host);
		assert_int_equal(p->nodes[0].routes[i].port, want[i].port);
		assert_int_equal(p->nodes[0].routes[i].line, want[i].line);
		assert_int_equal(p->nodes[0].routes[i].column,
		    want[i].column);
	}
	/* Each route points outside: one warning each, no dangling-route. */
	assert_int_equal(count_code(&d, "route-outside"), 7);
	assert_int_equal(count_code(&d, "dangling-route"), 0);
	assert_string_equal(mesh_node_label(&p->nodes[0], "generation"),
	    "replication");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
replication_defaults_should_follow_the_server(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	/* Nothing set but the hostname: the template's securePort 9933. */
	assert_int_equal(parse("replication:\n  hostname: a\n  routes:\n"
	    "    - b\n", &p, &d), MESH_OK);
	assert_int_equal(p->nodes[0].port, 9933);
	assert_int_equal(p->nodes[0].routes[0].port, 9933);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* No securePort: replication.port. */
	assert_int_equal(parse("replication:\n  hostname: a\n  port: 9960\n"
	    "  routes: [b]\n", &p, &d), MESH_OK);
	assert_int_equal(p->nodes[0].port, 9960);
	assert_int_equal(p->nodes[0].routes[0].port, 9960);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* Both written as null: the operations API's port, default 9925. */
	assert_int_equal(parse("replication:\n  hostname: a\n  port: null\n"
	    "  securePort: ~\n  routes: [b]\n", &p, &d), MESH_OK);
	assert_int_equal(p->nodes[0].routes[0].port, 9925);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
nats_defaults_should_be_9932_and_the_file_name(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse("clustering:\n  enabled: true\n"
	    "  hubServer:\n    cluster:\n      network:\n        routes:\n"
	    "          - host: b\n", &p, &d), MESH_OK);
	/* No nodeName: the file's name without extension. */
	assert_string_equal(p->nodes[0].name, "t");
	assert_int_equal(p->nodes[0].port, 9932);
	assert_int_equal(p->nodes[0].routes[0].port, 9932);
	assert_string_equal(mesh_node_label(&p->nodes[0], "generation"),
	    "nats");
	assert_string_equal(mesh_node_label(&p->nodes[0], "host_source"),
	    "name");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
the_template_routes_null_should_be_no_routes(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse("clustering:\n  enabled: true\n"
	    "  nodeName: n1\n  hubServer:\n    cluster:\n      network:\n"
	    "        port: 9932\n        routes:\n", &p, &d), MESH_OK);
	assert_int_equal(p->nodes[0].nroutes, 0);
	assert_int_equal(d.n, 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
hosts_should_come_in_the_documented_order(void **state)
{
	static const char *const args[] = { "10.9.9.9=tests/harper/nats-a.yaml",
		"tests/harper/nats-b.yaml" };
	struct mesh_harper_options o;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.inventory = "tests/harper/inventory.json";
	assert_int_equal(load(args, 2, &o, &p, &d), MESH_OK);
	/* The prefix beats the inventory; the inventory's port applies. */
	assert_string_equal(p->nodes[0].host, "10.9.9.9");
	assert_string_equal(mesh_node_label(&p->nodes[0], "host_source"),
	    "prefix");
	assert_int_equal(p->nodes[0].port, 7000);
	assert_string_equal(p->nodes[1].host, "10.0.0.2");
	assert_string_equal(mesh_node_label(&p->nodes[1], "host_source"),
	    "inventory");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* replication.hostname beats the prefix. */
	assert_int_equal(parse("replication:\n  hostname: h1\n", &p, &d),
	    MESH_OK);
	assert_string_equal(mesh_node_label(&p->nodes[0], "host_source"),
	    "replication.hostname");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
env_files_should_override_the_config(void **state)
{
	static const char *const args[] = { "tests/harper/nats-a.yaml",
		"tests/harper/nats-b.yaml" };
	static const char *const envs[] = { "node2=tests/harper/node2.env" };
	struct mesh_harper_options o;
	const struct mesh_diag *g;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.envs = envs;
	o.nenvs = 1;
	assert_int_equal(load(args, 2, &o, &p, &d), MESH_OK);
	assert_int_equal(p->nodes[1].port, 9942);
	assert_int_equal(p->nodes[1].nroutes, 1);
	assert_string_equal(p->nodes[1].routes[0].host, "node1");
	/* node1's route names node2 on 9932, which it no longer uses. */
	g = must_find(&d, "port-mismatch");
	assert_string_equal(g->file, "tests/harper/nats-a.yaml");
	assert_int_equal(g->line, 8);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
env_errors_should_name_the_env_file(void **state)
{
	static const char *const args[] = { "tests/harper/repl-b.yaml" };
	static const char *const envs[] = {
		"server-two=tests/harper/port-range.env" };
	struct mesh_harper_options o;
	const struct mesh_diag *g;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.envs = envs;
	o.nenvs = 1;
	assert_int_equal(load(args, 1, &o, &p, &d), MESH_EINPUT);
	g = must_find(&d, "port-range");
	assert_string_equal(g->file, "tests/harper/port-range.env");
	assert_int_equal(g->line, 1);
	assert_int_equal(g->column, 56);
	mesh_diags_clear(&d);
}

/* The analysis of plan as JSON, without its "plan" and "file" lines. */
static char *
analysis_of(const struct mesh_plan *plan)
{
	struct mesh_analysis_options ao;
	struct mesh_analysis *a;
	char *json, *body;

	memset(&ao, 0, sizeof(ao));
	assert_int_equal(mesh_analyze(plan, &ao, &a), MESH_OK);
	json = mesh_analysis_json(a, NULL);
	assert_non_null(json);
	body = strstr(json, "\"nodes\":");
	assert_non_null(body);
	body = strdup(body);
	free(json);
	mesh_analysis_free(a);
	return body;
}

static void
import_then_check_should_match_the_hand_written_plan(void **state)
{
	static const char *const nats[] = {
		"scenarios/harper-nats/node1.yaml",
		"scenarios/harper-nats/node2.yaml",
		"scenarios/harper-nats/node3.yaml" };
	static const char *const repl[] = {
		"scenarios/harper-replication/node1.yaml",
		"scenarios/harper-replication/node2.yaml",
		"scenarios/harper-replication/node3.yaml" };
	static const char *const plans[] = {
		"scenarios/harper-nats/plan.json",
		"scenarios/harper-replication/plan.json" };
	struct mesh_harper_options o;
	struct mesh_plan *p, *q, *h;
	struct mesh_diags d;
	char *json, *a, *b, *c;
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		memset(&o, 0, sizeof(o));
		if (i == 0)
			o.inventory = "scenarios/harper-nats/inventory.json";
		assert_int_equal(load(i ? repl : nats, 3, &o, &p, &d),
		    MESH_OK);
		/* Only the docs' host 3.735.184.8 (735 > 255) is warned. */
		assert_int_equal(d.n, count_code(&d, "bad-ipv4"));
		assert_true(d.n > 0);
		mesh_diags_clear(&d);
		/* import: the plan JSON reads back as the same plan */
		json = plan_json(p);
		assert_non_null(json);
		assert_int_equal(parse_text(json, "i.json", MESH_FORMAT_JSON,
		    &q, &d), MESH_OK);
		assert_int_equal(d.n, count_code(&d, "bad-ipv4"));
		mesh_diags_clear(&d);
		mesh_diags_init(&d);
		assert_int_equal(mesh_plan_load(plans[i], MESH_FORMAT_AUTO,
		    &d, &h), MESH_OK);
		mesh_diags_clear(&d);
		a = analysis_of(p);
		b = analysis_of(q);
		c = analysis_of(h);
		assert_string_equal(a, b);
		assert_string_equal(a, c);
		free(a);
		free(b);
		free(c);
		free(json);
		mesh_plan_free(p);
		mesh_plan_free(q);
		mesh_plan_free(h);
	}
}

static void
errors_should_have_their_positions(void **state)
{
	(void)state;
	refused_at("a: [\n", "invalid-yaml", 2, 1);
	refused_at("- 1\n", "wrong-type", 1, 1);
	refused_at("clustering:\n  enabled: true\n  nodeName: n\n"
	    "  hubServer:\n    cluster:\n      network:\n        routes: 5\n",
	    "wrong-type", 7, 17);
	refused_at("replication:\n  hostname: a\n  port: 70000\n",
	    "port-range", 3, 9);
	refused_at("replication:\n  hostname: a\n  routes:\n"
	    "    - http://b:1\n", "bad-url", 4, 7);
	refused_at("replication:\n  hostname: a\n  routes:\n"
	    "    - \"b:x\"\n", "bad-url", 4, 7);
	refused_at("replication:\n  hostname: a\n  url: wss://:9\n",
	    "bad-url", 3, 8);
	refused_at("clustering:\n  enabled: true\n  nodeName: a b\n",
	    "bad-node-name", 3, 13);
	refused_at("clustering:\n  nodeName: a*\n", "bad-node-name", 2, 13);
	/* replication.hostname is a host, and is checked as one. */
	refused_at("replication:\n  hostname: a/b\n", "bad-host", 2, 13);
	refused_at("clustering:\n  nodeName: a\nclustering:\n  nodeName: b\n",
	    "duplicate-key", 3, 1);
	refused_at("replication:\n  routes:\n    - port: 9\n",
	    "route-without-host", 3, 7);
	refused_at("clustering:\n  enabled: false\n", "unknown-generation",
	    0, 0);
	refused_at("", "empty-file", 0, 0);
}

static void
set_errors_should_be_found(void **state)
{
	static const char *const dup[] = { "tests/harper/dup-a.yaml",
		"tests/harper/dup-b.yaml" };
	static const char *const mixed[] = { "tests/harper/nats-a.yaml",
		"tests/harper/repl-b.yaml" };
	static const char *const two[] = { "tests/harper/nats-a.yaml",
		"tests/harper/nats-b.yaml" };
	static const char *const envs[] = { "node2=tests/harper/bad-line.env" };
	struct mesh_harper_options o;
	const struct mesh_diag *g;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(load(dup, 2, &o, &p, &d), MESH_EINPUT);
	g = must_find(&d, "duplicate-name");
	assert_string_equal(g->file, "tests/harper/dup-b.yaml");
	assert_int_equal(g->line, 4);
	mesh_diags_clear(&d);

	assert_int_equal(load(mixed, 2, &o, &p, &d), MESH_EINPUT);
	g = must_find(&d, "mixed-generations");
	assert_string_equal(g->file, "tests/harper/repl-b.yaml");
	mesh_diags_clear(&d);
	/* --generation decides for every file. */
	o.generation = MESH_HARPER_NATS;
	assert_int_equal(load(mixed, 2, &o, &p, &d), MESH_OK);
	mesh_plan_free(p);
	mesh_diags_clear(&d);

	memset(&o, 0, sizeof(o));
	o.inventory = "tests/harper/inventory-unknown.json";
	assert_int_equal(load(two, 2, &o, &p, &d), MESH_EINPUT);
	g = must_find(&d, "unknown-node");
	assert_int_equal(g->line, 3);
	assert_int_equal(g->column, 3);
	mesh_diags_clear(&d);

	/* Found by fuzzing: the inventory's bytes went into hosts unchecked,
	 * and the plan written from them was not UTF-8. */
	memset(&o, 0, sizeof(o));
	o.inventory = "tests/harper/inventory-bad-utf8.json";
	assert_int_equal(load(two, 2, &o, &p, &d), MESH_EINPUT);
	g = must_find(&d, "invalid-utf8");
	assert_int_equal(g->line, 2);
	assert_int_equal(g->column, 16);
	mesh_diags_clear(&d);

	memset(&o, 0, sizeof(o));
	o.envs = envs;
	o.nenvs = 1;
	assert_int_equal(load(two, 2, &o, &p, &d), MESH_EINPUT);
	g = must_find(&d, "bad-env-line");
	assert_int_equal(g->line, 3);
	assert_int_equal(g->column, 5);
	mesh_diags_clear(&d);
}

static void
plan_json_should_give_every_route_its_port(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;
	char *json;

	(void)state;
	assert_int_equal(parse("replication:\n  hostname: a\n  routes: [b]\n",
	    &p, &d), MESH_OK);
	json = plan_json(p);
	assert_non_null(json);
	assert_non_null(strstr(json, "{\"host\": \"b\", \"port\": 9933, "
	    "\"source\": {\"file\": \"t.yaml\", \"line\": 3, \"column\": 12, "
	    "\"via\": \"yaml\"}}"));
	free(json);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* clustering.enabled: false: the node stays, marked, with no links; a
 * route to it is warned at the route, the effect on the enabled line. */
static void
disabled_node_should_make_no_links(void **state)
{
	static const char *const args[] = { "tests/harper/nats-a.yaml",
		"tests/harper/disabled-b.yaml" };
	static const struct mesh_harper_options none;
	const struct mesh_diag *g;
	struct mesh_plan *p;
	struct mesh_diags d;
	int k;

	(void)state;
	assert_int_equal(load(args, 2, &none, &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 2);
	assert_int_equal(p->nlinks, 0);
	k = mesh_plan_find(p, "node2");
	assert_true(k >= 0);
	assert_int_equal(p->nodes[k].no_cluster, 1);
	assert_int_equal(p->nodes[1 - k].no_cluster, 0);
	g = must_find(&d, "clustering-disabled");
	assert_string_equal(g->file, "tests/harper/disabled-b.yaml");
	assert_int_equal(g->line, 3);
	g = must_find(&d, "not-clustering");
	assert_string_equal(g->file, "tests/harper/nats-a.yaml");
	assert_int_equal(g->line, 8);
	assert_int_equal(count_code(&d, "not-clustering"), 1);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* Different cluster names: the route across them is left out, warned. */
static void
cluster_names_that_differ_should_make_no_link(void **state)
{
	static const char *const args[] = { "tests/harper/cluster-name.yaml",
		"tests/harper/nats-b.yaml" };
	static const struct mesh_harper_options none;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(load(args, 2, &none, &p, &d), MESH_OK);
	assert_int_equal(p->nlinks, 0);
	assert_int_equal(must_find(&d, "cluster-name-mismatch")->line, 10);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* The port of the only node of a NATS config with `port: V`, or -1 when
 * refused; *warned set to the number of quoted-number warnings. */
static int
nats_port(const char *v, size_t *warned)
{
	char text[256];
	struct mesh_plan *p;
	struct mesh_diags d;
	int port = -1;

	snprintf(text, sizeof(text), "clustering:\n  enabled: true\n"
	    "  nodeName: a\n  hubServer:\n    cluster:\n      network:\n"
	    "        port: %s\n", v);
	if (parse(text, &p, &d) == MESH_OK) {
		port = p->nodes[0].port;
		mesh_plan_free(p);
	}
	*warned = count_code(&d, "quoted-number");
	mesh_diags_clear(&d);
	return port;
}

static void
scalars_should_be_typed_as_yaml_1_2(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;
	const struct mesh_diag *g;
	size_t w;

	(void)state;
	/* YAML 1.1 booleans are strings: refused, with the fix. */
	refused_at("clustering:\n  enabled: yes\n  nodeName: a\n",
	    "wrong-type", 2, 12);
	assert_int_equal(parse("clustering:\n  enabled: off\n  nodeName: a\n",
	    &p, &d), MESH_EINPUT);
	g = must_find(&d, "wrong-type");
	assert_non_null(strstr(g->message, "write false"));
	mesh_diags_clear(&d);
	assert_int_equal(parse("clustering:\n  enabled: TRUE\n  nodeName: a\n",
	    &p, &d), MESH_OK);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* Integers of the core schema; a float is no port. */
	assert_int_equal(nats_port("9940", &w), 9940);
	assert_int_equal(w, 0);
	assert_int_equal(nats_port("0x2694", &w), 9876);
	assert_int_equal(nats_port("0o23324", &w), 9940);
	assert_int_equal(nats_port("+9940", &w), 9940);
	assert_int_equal(nats_port("9940.0", &w), -1);
	assert_int_equal(nats_port("0x", &w), -1);
	/* A quoted port is read, with a warning; quoted text is not. */
	assert_int_equal(nats_port("\"9941\"", &w), 9941);
	assert_int_equal(w, 1);
	assert_int_equal(nats_port("'9942'", &w), 9942);
	assert_int_equal(w, 1);
	assert_int_equal(nats_port("\"nine\"", &w), -1);
	assert_int_equal(nats_port("\"70000\"", &w), -1);
}

static void
unknown_keys_should_be_warned_with_a_suggestion(void **state)
{
	static const char *const nine[] = {
		"tests/harper/node9/harper-config.yaml",
		"tests/harper/nats-b.yaml" };
	struct mesh_plan *p;
	struct mesh_diags d;
	const struct mesh_diag *g;

	(void)state;
	assert_int_equal(parse("clustering:\n  enabled: true\n"
	    "  nodeName: a\n  hubServer:\n    cluster:\n      network:\n"
	    "        route: []\n", &p, &d), MESH_OK);
	g = must_find(&d, "unknown-key");
	assert_int_equal(g->severity, MESH_WARNING);
	assert_int_equal(g->line, 7);
	assert_int_equal(g->column, 9);
	assert_non_null(strstr(g->message, "did you mean 'routes'?"));
	assert_non_null(strstr(g->message, "no routes are read for a"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* Where Harper takes any key: not warned; a misspelt one is. */
	assert_int_equal(parse("clustering:\n  enabled: true\n"
	    "  nodeName: a\napp:\n  package: x\n  foo: 1\n"
	    "databases:\n  db:\n    tables:\n      t:\n        path: /t\n"
	    "http:\n  logging:\n    anything: 1\n"
	    "storage:\n  pth: /x\n", &p, &d), MESH_OK);
	assert_int_equal(count_code(&d, "unknown-key"), 1);
	g = must_find(&d, "unknown-key");
	assert_int_equal(g->line, 16);
	assert_non_null(strstr(g->message, "did you mean 'path'?"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* Below a "*" segment (databases.NAME): a key of the pattern's is
	 * known, a misspelt one is warned with the pattern's key. */
	assert_int_equal(parse("clustering:\n  enabled: true\n"
	    "  nodeName: a\ndatabases:\n  db:\n    path: /d\n"
	    "    auditPth: /a\n    tables:\n      t:\n        pth: /t\n",
	    &p, &d), MESH_OK);
	assert_int_equal(count_code(&d, "unknown-key"), 2);
	assert_int_equal(d.v[0].line, 7);
	assert_non_null(strstr(d.v[0].message, "did you mean 'auditPath'?"));
	assert_int_equal(d.v[1].line, 10);
	assert_non_null(strstr(d.v[1].message, "did you mean 'path'?"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* Harper 5's file name: the node is named after its directory. */
	assert_int_equal(load(nine, 2, NULL, &p, &d), MESH_OK);
	assert_string_equal(p->nodes[0].name, "node9");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_replication_route_form_should_get_its_port),
		cmocka_unit_test(replication_defaults_should_follow_the_server),
		cmocka_unit_test(nats_defaults_should_be_9932_and_the_file_name),
		cmocka_unit_test(disabled_node_should_make_no_links),
		cmocka_unit_test(cluster_names_that_differ_should_make_no_link),
		cmocka_unit_test(the_template_routes_null_should_be_no_routes),
		cmocka_unit_test(hosts_should_come_in_the_documented_order),
		cmocka_unit_test(env_files_should_override_the_config),
		cmocka_unit_test(env_errors_should_name_the_env_file),
		cmocka_unit_test(import_then_check_should_match_the_hand_written_plan),
		cmocka_unit_test(errors_should_have_their_positions),
		cmocka_unit_test(set_errors_should_be_found),
		cmocka_unit_test(plan_json_should_give_every_route_its_port),
		cmocka_unit_test(scalars_should_be_typed_as_yaml_1_2),
		cmocka_unit_test(unknown_keys_should_be_warned_with_a_suggestion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
