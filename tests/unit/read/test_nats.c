/* test_nats.c: NATS's config syntax (values, positions, variables from the config and the environment) and nats-server.conf read into a plan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "read/nats_conf.h"

/* Parse text (file "t.conf"), which must parse; r's diagnostics in d. */
static void
parse_ok(const char *text, struct mesh_i_nconf *c, struct mesh_diags *d)
{
	struct mesh_i_reader r = { d, "t.conf", 0, 0 };

	mesh_diags_init(d);
	assert_int_equal(mesh_i_nconf_parse(&r, "t.conf", text, strlen(text),
	    c), 0);
	assert_int_equal(r.errors, 0);
}

/* The value of key path a.b (one or two keys) in c. */
static const struct mesh_i_nval *
get(const struct mesh_i_nconf *c, const char *a, const char *b)
{
	const struct mesh_i_nkey *k = mesh_i_nmap_get(c->root, a);

	assert_non_null(k);
	if (b == NULL)
		return k->val;
	k = mesh_i_nmap_get(k->val, b);
	assert_non_null(k);
	return k->val;
}

static void
test_values(void **state)
{
	static const char text[] =
	    "a: 1k; b = 2KB, c 3MiB\n"
	    "d: -4\n"
	    "e: 1.5\n"
	    "f: 127.0.0.1:4222\n"
	    "g: \"x\\ty\\x41\\\"\"\n"
	    "h: 'raw \\n'\n"
	    "i: YES\n"
	    "j: off\n"
	    "k: (\nline one\nline two\n)\n"
	    "l { m: [1, 2\n 3 # c\n // d\n ] }\n"
	    "n: 2026-12-03T03:49:02Z\n";
	struct mesh_i_nconf c;
	struct mesh_diags d;
	const struct mesh_i_nval *v;

	(void)state;
	parse_ok(text, &c, &d);
	assert_int_equal(get(&c, "a", NULL)->num, 1000);
	assert_int_equal(get(&c, "b", NULL)->num, 2048);
	assert_int_equal(get(&c, "c", NULL)->num, 3 * 1024 * 1024);
	assert_int_equal(get(&c, "d", NULL)->num, -4);
	assert_int_equal(get(&c, "e", NULL)->type, MESH_I_NFLOAT);
	v = get(&c, "f", NULL);
	assert_int_equal(v->type, MESH_I_NSTRING);
	assert_string_equal(v->str, "127.0.0.1:4222");
	assert_int_equal(v->at.line, 4);
	assert_int_equal(v->at.column, 4);
	assert_string_equal(get(&c, "g", NULL)->str, "x\tyA\"");
	assert_string_equal(get(&c, "h", NULL)->str, "raw \\n");
	v = get(&c, "i", NULL);
	assert_int_equal(v->type, MESH_I_NBOOL);
	assert_int_equal(v->num, 1);
	assert_int_equal(get(&c, "j", NULL)->num, 0);
	assert_string_equal(get(&c, "k", NULL)->str, "\nline one\nline two");
	v = get(&c, "l", "m");
	assert_int_equal(v->type, MESH_I_NARRAY);
	assert_int_equal(v->nitems, 3);
	assert_int_equal(v->items[2]->num, 3);
	assert_int_equal(v->items[2]->at.line, 14);
	assert_int_equal(get(&c, "n", NULL)->type, MESH_I_NDATE);
	mesh_i_nconf_free(&c);
	mesh_diags_clear(&d);
}

static void
test_variables(void **state)
{
	static const char text[] =
	    "P: 6222\n"
	    "cluster { Q: [a, b]\n port: $P\n routes: $Q\n"
	    " e: $MESHSIM_T_ENV }\n"
	    "P: 7000\n";
	struct mesh_i_nconf c;
	struct mesh_diags d;
	const struct mesh_i_nval *v;
	const struct mesh_diag *g;

	(void)state;
	setenv("MESHSIM_T_ENV", "[x, 42]", 1);
	parse_ok(text, &c, &d);
	v = get(&c, "cluster", "port");
	assert_int_equal(v->num, 6222);         /* defined before its use */
	assert_int_equal(v->at.line, 3);
	v = get(&c, "cluster", "routes");
	assert_int_equal(v->nitems, 2);
	assert_string_equal(v->items[1]->str, "b");
	v = get(&c, "cluster", "e");
	assert_int_equal(v->env, 1);
	assert_int_equal(v->items[1]->num, 42);
	g = must_find(&d, "env-variable");
	assert_int_equal(g->severity, MESH_WARNING);
	assert_int_equal(g->line, 5);
	assert_non_null(must_find(&d, "duplicate-key"));
	assert_int_equal(get(&c, "P", NULL)->num, 7000);
	assert_int_equal(mesh_i_nmap_get(c.root, "P")->used, 1);
	mesh_i_nconf_free(&c);
	mesh_diags_clear(&d);
	unsetenv("MESHSIM_T_ENV");
}

/* text must be refused with code at line:column of t.conf. */
static void
refused(const char *text, const char *code, int line, int column)
{
	struct mesh_diags d;
	struct mesh_i_reader r;
	struct mesh_i_nconf c;

	mesh_diags_init(&d);
	r.diags = &d;
	r.file = "t.conf";
	r.errors = 0;
	r.nomem = 0;
	assert_int_equal(mesh_i_nconf_parse(&r, "t.conf", text, strlen(text),
	    &c), -1);
	expect_error_at(&d, code, "t.conf", line, column);
	mesh_i_nconf_free(&c);
	mesh_diags_clear(&d);
}

static void
test_refused(void **state)
{
	(void)state;
	refused("a: $NOPE_MESHSIM\n", "undefined-variable", 1, 4);
	refused("a {\n b: 1\n", "invalid-nats-conf", 1, 3);
	refused("a: \"x\\q\"\n", "invalid-nats-conf", 1, 6);
	refused("a: [1,, 2]\n", "invalid-nats-conf", 1, 7);
	refused("a: 1 2\n", "invalid-nats-conf", 1, 6);
	refused("a:\n", "invalid-nats-conf", 1, 3);
	refused("a: .5\n", "invalid-nats-conf", 1, 4);
	refused("a: (\nno end\n", "invalid-nats-conf", 1, 4);
	refused("a: 99999999999999999999\n", "invalid-nats-conf", 1, 4);
	refused("include nope-meshsim.conf\n", "bad-include", 1, 9);
}

/* A config read through mesh_plan_parse(): node, port, routes and where
 * they come from. */
static void
test_plan(void **state)
{
	static const char text[] =
	    "server_name: n1\n"
	    "cluster {\n"
	    "  listen: 10.0.0.1:6250\n"
	    "  routes: [ nats-route://u:p@10.0.0.2:6250,"
	    " \"tls://[fe80::1]:7\" ]\n"
	    "}\n";
	struct mesh_plan *p;
	struct mesh_diags d;
	const struct mesh_source *src;

	(void)state;
	assert_int_equal(parse_text(text, "n.conf", MESH_FORMAT_NATS, &p, &d),
	    MESH_OK);
	assert_int_equal(p->nnodes, 1);
	assert_string_equal(p->nodes[0].name, "n1");
	assert_string_equal(p->nodes[0].host, "10.0.0.1");
	assert_int_equal(p->nodes[0].port, 6250);
	assert_int_equal(p->nodes[0].nroutes, 2);
	assert_string_equal(p->nodes[0].routes[0].host, "10.0.0.2");
	assert_int_equal(p->nodes[0].routes[0].column, 13);
	assert_string_equal(p->nodes[0].routes[1].host, "fe80::1");
	assert_int_equal(p->nodes[0].routes[1].port, 7);
	src = mesh_plan_route_source(p, 0, 1);
	assert_non_null(src);
	assert_string_equal(src->file, "n.conf");
	assert_string_equal(src->via, "nats.conf");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_variables),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
