/* test_compose.c: docker compose files read into Harper nodes: environment forms, env files, command words, interpolation, replicas, hosts and sources. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"

/* A scratch folder for a test's files, removed by cleanup(). */
static char dir[64];
static char paths[4][128];
static int npaths;

/* Write text to NAME in the scratch folder; returns its path. */
static const char *
put(const char *name, const char *text)
{
	FILE *f;
	char *p;

	assert_true(npaths < 4);
	p = paths[npaths++];
	snprintf(p, sizeof(paths[0]), "%s/%s", dir, name);
	assert_non_null(f = fopen(p, "w"));
	fputs(text, f);
	fclose(f);
	return p;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/meshsim-compose-XXXXXX");
	npaths = 0;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
cleanup(void **state)
{
	(void)state;
	while (npaths > 0)
		unlink(paths[--npaths]);
	rmdir(dir);
	return 0;
}

/* The node of p named name, failing when there is none. */
static const struct mesh_node *
node_named(const struct mesh_plan *p, const char *name)
{
	int i = mesh_plan_find(p, name);

	assert_true(i >= 0);
	return &p->nodes[i];
}

/* Whether node i of p has the alias host. */
static int
has_alias(const struct mesh_plan *p, const char *name, const char *host)
{
	const char *const *v;
	size_t n, k;

	n = mesh_plan_aliases(p, mesh_plan_find(p, name), &v);
	for (k = 0; k < n; k++)
		if (strcmp(v[k], host) == 0)
			return 1;
	return 0;
}

/* Parse text as the compose file NAME in the scratch folder. */
static enum mesh_error
parse_compose(const char *name, const char *text, struct mesh_plan **p,
    struct mesh_diags *d)
{
	char file[128];

	snprintf(file, sizeof(file), "%s/%s", dir, name);
	return parse_text(text, file, MESH_FORMAT_COMPOSE, p, d);
}

static void
both_environment_forms_should_give_routes_hosts_and_sources(void **state)
{
	static const char text[] =
	    "name: proj\n"
	    "services:\n"
	    "  a:\n"
	    "    image: harperdb/harperdb\n"
	    "    hostname: a.internal\n"
	    "    environment:\n"
	    "      REPLICATION_HOSTNAME: a\n"
	    "      REPLICATION_ROUTES: '[\"b\"]'\n"
	    "  b:\n"
	    "    image: harperdb/harperdb\n"
	    "    environment:\n"
	    "      - REPLICATION_HOSTNAME=b\n"
	    "      - REPLICATION_ROUTES=[\"a.internal\"]\n"
	    "  db:\n"
	    "    image: postgres\n";
	const struct mesh_source *src;
	const struct mesh_node *a, *b;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse_compose("compose.yaml", text, &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 2);         /* db is no Harper node */
	a = node_named(p, "a");
	b = node_named(p, "b");
	assert_int_equal(a->nroutes, 1);
	assert_string_equal(a->routes[0].host, "b");
	assert_int_equal(a->routes[0].target, mesh_plan_find(p, "b"));
	assert_int_equal(b->routes[0].target, mesh_plan_find(p, "a"));
	/* The list form's value starts after "REPLICATION_ROUTES=". */
	assert_int_equal(b->routes[0].line, 13);
	assert_true(has_alias(p, "a", "a.internal"));
	assert_true(has_alias(p, "a", "proj-a-1"));
	assert_true(has_alias(p, "b", "proj-b-1"));
	assert_non_null(src = mesh_plan_route_source(p, mesh_plan_find(p,
	    "a"), 0));
	assert_string_equal(src->via, "compose environment");
	assert_int_equal(p->nlinks, 1);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
interpolation_should_follow_compose(void **state)
{
	static const char text[] =
	    "services:\n"
	    "  a:\n"
	    "    image: harperdb/harperdb\n"
	    "    environment:\n"
	    "      REPLICATION_HOSTNAME: a\n"
	    "      REPLICATION_ROUTES: '[\"${A}\", \"${EMPTY:-d1}\", "
	    "\"e${EMPTY-d2}\", \"${UNSET:-${A}2}\", \"${A:+alt}\", "
	    "\"q$$\"]'\n";
	static const char *const want[] = { "x", "d1", "e", "x2", "alt",
		"q$" };
	const struct mesh_node *a;
	struct mesh_plan *p;
	struct mesh_diags d;
	size_t i;

	(void)state;
	put(".env", "# for interpolation\nA=x\nEMPTY=\n");
	assert_int_equal(parse_compose("compose.yaml", text, &p, &d), MESH_OK);
	a = node_named(p, "a");
	assert_int_equal(a->nroutes, 6);
	for (i = 0; i < 6; i++)
		assert_string_equal(a->routes[i].host, want[i]);
	/* Only UNSET is unset: EMPTY is set, if empty. */
	assert_int_equal(count_code(&d, "compose-variable"), 1);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
a_bad_variable_should_be_refused_where_it_is(void **state)
{
	static const char text[] =
	    "services:\n"
	    "  a:\n"
	    "    image: harperdb/harperdb\n"
	    "    command: harperdb --REPLICATION_HOSTNAME ${X:-a\n";
	struct mesh_plan *p;
	struct mesh_diags d;
	char file[128];

	(void)state;
	assert_int_equal(parse_compose("c.yml", text, &p, &d), MESH_EINPUT);
	assert_null(p);
	snprintf(file, sizeof(file), "%s/c.yml", dir);
	expect_error_at(&d, "bad-interpolation", file, 4, 46);
	mesh_diags_clear(&d);
}

static void
a_command_string_should_split_as_a_shell_does(void **state)
{
	static const char text[] =
	    "services:\n"
	    "  a:\n"
	    "    image: harperdb/harperdb\n"
	    "    command: harperdb run --REPLICATION_ROUTES '[\"b\", \"c\"]' "
	    "--REPLICATION_HOSTNAME=a\n"
	    "  b:\n"
	    "    image: harperdb/harperdb\n"
	    "    entrypoint: [harperdb]\n"
	    "    command: [\"--REPLICATION_HOSTNAME\", \"b\"]\n"
	    "  c:\n"
	    "    image: harperdb/harperdb\n"
	    "    command: --REPLICATION_HOSTNAME \"c\"\n";
	const struct mesh_source *src;
	const struct mesh_node *a;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse_compose("c.yml", text, &p, &d), MESH_OK);
	a = node_named(p, "a");
	assert_int_equal(a->nroutes, 2);
	assert_string_equal(a->routes[0].host, "b");
	assert_string_equal(a->routes[1].host, "c");
	assert_int_equal(p->nlinks, 2);
	/* harperdb and run are the program, not stray words. */
	assert_null(find_code(&d, "bad-argument"));
	assert_non_null(src = mesh_plan_route_source(p, mesh_plan_find(p,
	    "a"), 0));
	assert_string_equal(src->via, "compose command");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
env_files_should_read_as_compose_and_lose_to_environment(void **state)
{
	static const char text[] =
	    "services:\n"
	    "  n1:\n"
	    "    image: harperdb/harperdb:4.3\n"
	    "    env_file: n.env\n"
	    "  n2:\n"
	    "    image: harperdb/harperdb:4.3\n"
	    "    env_file:\n"
	    "      - path: n.env\n"
	    "      - path: missing.env\n"
	    "        required: false\n"
	    "    environment:\n"
	    "      - CLUSTERING_NODENAME=n2\n"
	    "      - CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES\n";
	const struct mesh_source *src;
	const struct mesh_node *n1;
	const char *env;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	env = put("n.env",
	    "# shared\n"
	    "export CLUSTERING_ENABLED=true\n"
	    "CLUSTERING_NODENAME=\"n1\" # a comment\n"
	    "CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES='[{\"host\": "
	    "\"n2\"}]'\n");
	assert_int_equal(parse_compose("c.yml", text, &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 2);
	n1 = node_named(p, "n1");
	assert_int_equal(n1->nroutes, 1);
	assert_string_equal(n1->routes[0].host, "n2");
	assert_int_equal(n1->routes[0].line, 4);
	assert_non_null(src = mesh_plan_route_source(p, mesh_plan_find(p,
	    "n1"), 0));
	assert_string_equal(src->via, "env_file");
	assert_string_equal(src->file, env);
	/* environment's bare name unsets what the env file gave n2. */
	assert_int_equal(node_named(p, "n2")->nroutes, 0);
	assert_int_equal(count_code(&d, "compose-variable"), 1);
	assert_int_equal(p->nlinks, 1);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
replicas_should_expand_with_the_worst_case_warned_once(void **state)
{
	static const char text[] =
	    "name: p\n"
	    "services:\n"
	    "  h:\n"
	    "    image: harperdb/harperdb:4.3\n"
	    "    environment:\n"
	    "      CLUSTERING_ENABLED: \"true\"\n"
	    "      CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES: "
	    "'[{\"host\": \"h\"}]'\n"
	    "    deploy:\n"
	    "      replicas: 3\n";
	struct mesh_plan *p;
	struct mesh_diags d;
	int i;

	(void)state;
	assert_int_equal(parse_compose("c.yml", text, &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 3);
	assert_string_equal(node_named(p, "h-2")->host, "p-h-2");
	assert_true(has_alias(p, "h-1", "h"));
	assert_false(has_alias(p, "h-2", "h"));
	assert_false(has_alias(p, "h-3", "h"));
	/* Every route to h reaches h-1: h-1's own is a self-route. */
	for (i = 1; i < 3; i++)
		assert_int_equal(p->nodes[i].routes[0].target,
		    mesh_plan_find(p, "h-1"));
	assert_int_equal(p->nodes[0].routes[0].target, -1);
	assert_int_equal(count_code(&d, "self-route"), 1);
	assert_int_equal(p->nlinks, 2);
	assert_int_equal(count_code(&d, "compose-replicas"), 1);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
bad_replicas_and_types_should_be_refused_where_they_are(void **state)
{
	static const char *const texts[] = {
		"services:\n  h:\n    image: harperdb/harperdb\n"
		"    deploy:\n      replicas: 2x\n",
		"services:\n  h:\n    image: harperdb/harperdb\n"
		"    environment: 7\n",
		"services:\n  h: [harperdb]\n",
		"services:\n  db:\n    image: postgres\n",
	};
	static const char *const codes[] = { "bad-replicas", "wrong-type",
		"wrong-type", "no-harper-service" };
	static const int at[][2] = { { 5, 17 }, { 4, 18 }, { 2, 6 }, { 2, 3 } };
	struct mesh_plan *p;
	struct mesh_diags d;
	char file[128];
	size_t i;

	(void)state;
	snprintf(file, sizeof(file), "%s/c.yml", dir);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_int_equal(parse_compose("c.yml", texts[i], &p, &d),
		    MESH_EINPUT);
		assert_null(p);
		expect_error_at(&d, codes[i], file, at[i][0], at[i][1]);
		mesh_diags_clear(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    both_environment_forms_should_give_routes_hosts_and_sources,
		    setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    interpolation_should_follow_compose, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    a_bad_variable_should_be_refused_where_it_is, setup,
		    cleanup),
		cmocka_unit_test_setup_teardown(
		    a_command_string_should_split_as_a_shell_does, setup,
		    cleanup),
		cmocka_unit_test_setup_teardown(
		    env_files_should_read_as_compose_and_lose_to_environment,
		    setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    replicas_should_expand_with_the_worst_case_warned_once,
		    setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    bad_replicas_and_types_should_be_refused_where_they_are,
		    setup, cleanup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
