/* test_kubernetes.c: Kubernetes manifests as Harper nodes: $(VAR), DNS names, namespaces, Services, env order, positions. */
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

/* A headless Service and a StatefulSet of n pods whose container gets
 * the env entries in env (YAML, indented for the list), into buf. */
static void
statefulset(char *buf, size_t size, int n, const char *env)
{
	snprintf(buf, size,
	    "apiVersion: v1\n"
	    "kind: Service\n"
	    "metadata:\n"
	    "  name: web\n"
	    "spec:\n"
	    "  clusterIP: None\n"
	    "  selector:\n"
	    "    app: web\n"
	    "---\n"
	    "apiVersion: apps/v1\n"
	    "kind: StatefulSet\n"
	    "metadata:\n"
	    "  name: web\n"
	    "spec:\n"
	    "  serviceName: web\n"
	    "  replicas: %d\n"
	    "  template:\n"
	    "    metadata:\n"
	    "      labels:\n"
	    "        app: web\n"
	    "    spec:\n"
	    "      containers:\n"
	    "        - name: harper\n"
	    "          image: harperdb/harperdb\n"
	    "          env:\n"
	    "            - name: CLUSTERING_ENABLED\n"
	    "              value: \"true\"\n"
	    "            - name: POD_NAME\n"
	    "              valueFrom:\n"
	    "                fieldRef:\n"
	    "                  fieldPath: metadata.name\n"
	    "%s", n, env);
}

/* Whether node i of p has alias host. */
static int
has_alias(const struct mesh_plan *p, int i, const char *host)
{
	const char *const *a;
	size_t n, j;

	n = mesh_plan_aliases(p, i, &a);
	for (j = 0; j < n; j++)
		if (strcmp(a[j], host) == 0)
			return 1;
	return 0;
}

/* Whether p links nodes a and b. */
static int
linked(const struct mesh_plan *p, int a, int b)
{
	size_t i;

	for (i = 0; i < p->nlinks; i++)
		if ((p->links[2 * i] == a && p->links[2 * i + 1] == b) ||
		    (p->links[2 * i] == b && p->links[2 * i + 1] == a))
			return 1;
	return 0;
}

static void
expansion_should_follow_kubernetes(void **state)
{
	struct mesh_diags d;
	struct mesh_plan *p;
	char buf[4096];

	(void)state;
	statefulset(buf, sizeof(buf), 2,
	    "            - name: CLUSTERING_NODENAME\n"
	    "              value: n-$(POD_NAME)-$$(POD_NAME)-$(NOPE)-$(x\n");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nnodes, 2);
	/* $$ is a dollar, an undefined reference and an unclosed one stay
	 * as written; the pod's own name per pod. */
	assert_string_equal(p->nodes[0].name,
	    "n-web-0-$(POD_NAME)-$(NOPE)-$(x");
	assert_string_equal(p->nodes[1].name,
	    "n-web-1-$(POD_NAME)-$(NOPE)-$(x");
	assert_string_equal(p->nodes[0].host, "web-0.web");
	assert_true(has_alias(p, 1, "web-1.web.default.svc.cluster.local"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
a_service_of_several_pods_should_link_to_the_first(void **state)
{
	struct mesh_diags d;
	struct mesh_plan *p;
	char buf[4096];

	(void)state;
	statefulset(buf, sizeof(buf), 3,
	    "            - name: CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES\n"
	    "              value: '[{\"host\": \"web.default.svc\"}]'\n");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nnodes, 3);
	assert_true(has_alias(p, 0, "web"));
	assert_false(has_alias(p, 1, "web"));
	assert_false(has_alias(p, 2, "web"));
	assert_true(linked(p, 0, 1));
	assert_true(linked(p, 0, 2));
	assert_false(linked(p, 1, 2));
	/* Each pod's route is warned, pod 0's too (a self-route). */
	assert_int_equal(count_code(&d, "service-worst-case"), 3);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
a_service_of_one_pod_should_be_its_alias(void **state)
{
	struct mesh_diags d;
	struct mesh_plan *p;
	char buf[4096];

	(void)state;
	statefulset(buf, sizeof(buf), 1, "");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nnodes, 1);
	assert_true(has_alias(p, 0, "web.default.svc.cluster.local"));
	assert_int_equal(count_code(&d, "service-worst-case"), 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
env_should_win_over_env_from(void **state)
{
	static const char text[] =
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: cm\n"
	    "data:\n"
	    "  HUBSERVER_CLUSTER_NETWORK_ROUTES: '[{\"host\": \"b\"}]'\n"
	    "  other: '[{\"host\": \"c\"}]'\n"
	    "---\n"
	    "apiVersion: v1\n"
	    "kind: Pod\n"
	    "metadata:\n"
	    "  name: a\n"
	    "spec:\n"
	    "  containers:\n"
	    "    - name: harper\n"
	    "      image: harperdb/harperdb\n"
	    "      envFrom:\n"
	    "        - prefix: CLUSTERING_\n"
	    "          configMapRef:\n"
	    "            name: cm\n"
	    "      env:\n"
	    "        - name: CLUSTERING_ENABLED\n"
	    "          value: 'true'\n"
	    "        - name: CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES\n"
	    "          valueFrom:\n"
	    "            configMapKeyRef: {name: cm, key: other}\n"
	    "---\n"
	    "apiVersion: v1\n"
	    "kind: Pod\n"
	    "metadata: {name: b}\n"
	    "spec:\n"
	    "  containers: [{name: h, image: harperdb/harperdb}]\n"
	    "---\n"
	    "apiVersion: v1\n"
	    "kind: Pod\n"
	    "metadata: {name: c}\n"
	    "spec:\n"
	    "  containers: [{name: h, image: harperdb/harperdb}]\n";
	struct mesh_diags d;
	struct mesh_plan *p;

	(void)state;
	assert_int_equal(parse_text(text, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nnodes, 3);
	assert_int_equal(p->nodes[0].nroutes, 1);
	assert_string_equal(p->nodes[0].routes[0].host, "c");
	/* At the ConfigMap's value, inside it. */
	assert_int_equal(p->nodes[0].routes[0].line, 7);
	assert_true(linked(p, 0, 2));
	assert_false(linked(p, 0, 1));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
a_mounted_config_should_keep_manifest_positions(void **state)
{
	static const char text[] =
	    "apiVersion: v1\n"
	    "kind: ConfigMap\n"
	    "metadata:\n"
	    "  name: conf\n"
	    "data:\n"
	    "  harperdb-config.yaml: |\n"
	    "      clustering:\n"
	    "        enabled: true\n"
	    "        hubServer:\n"
	    "          cluster:\n"
	    "            network:\n"
	    "              routes:\n"
	    "                - {host: x, port: 0}\n"
	    "---\n"
	    "apiVersion: v1\n"
	    "kind: Pod\n"
	    "metadata:\n"
	    "  name: a\n"
	    "spec:\n"
	    "  containers:\n"
	    "    - name: harper\n"
	    "      image: harperdb/harperdb\n"
	    "      volumeMounts:\n"
	    "        - name: c\n"
	    "          mountPath: /hdb/harperdb-config.yaml\n"
	    "          subPath: harperdb-config.yaml\n"
	    "  volumes:\n"
	    "    - name: c\n"
	    "      configMap: {name: conf}\n";
	struct mesh_diags d;
	struct mesh_plan *p;

	(void)state;
	assert_int_equal(parse_text(text, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_EINPUT);
	assert_null(p);
	/* port 0: line 13, column 35 of the manifest (29 of the text,
	 * which the block indents by 6). */
	expect_error_at(&d, "port-range", "k.yaml", 13, 35);
	mesh_diags_clear(&d);
}

/* A Deployment NAME of one Harper pod in namespace NS, behind a Service
 * SVC there (none when svc is NULL), whose pod routes to the hosts of
 * routes (a JSON list of route objects, or NULL), appended to buf (size
 * bytes in all). */
static void
deployment(char *buf, size_t size, const char *ns, const char *name,
    const char *svc, const char *routes)
{
	size_t n = strlen(buf);

	if (svc != NULL)
		n += (size_t)snprintf(buf + n, size - n,
		    "---\n"
		    "apiVersion: v1\n"
		    "kind: Service\n"
		    "metadata:\n"
		    "  name: %s\n"
		    "  namespace: %s\n"
		    "spec:\n"
		    "  selector:\n"
		    "    app: %s\n", svc, ns, name);
	assert_true(n < size);
	n += (size_t)snprintf(buf + n, size - n,
	    "---\n"
	    "apiVersion: apps/v1\n"
	    "kind: Deployment\n"
	    "metadata:\n"
	    "  name: %s\n"
	    "  namespace: %s\n"
	    "spec:\n"
	    "  template:\n"
	    "    metadata:\n"
	    "      labels:\n"
	    "        app: %s\n"
	    "    spec:\n"
	    "      containers:\n"
	    "        - name: harper\n"
	    "          image: harperdb/harperdb\n"
	    "          env:\n"
	    "            - name: CLUSTERING_ENABLED\n"
	    "              value: \"true\"\n", name, ns, name);
	assert_true(n < size);
	if (routes != NULL)
		n += (size_t)snprintf(buf + n, size - n,
		    "            - name: CLUSTERING_HUBSERVER_CLUSTER_NETWORK_"
		    "ROUTES\n"
		    "              value: '%s'\n", routes);
	assert_true(n < size);
}

/* The index of p's node named name, or -1. */
static int
node_of(const struct mesh_plan *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nnodes; i++)
		if (strcmp(p->nodes[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void
a_bare_name_should_resolve_in_the_pods_namespace(void **state)
{
	struct mesh_diags d;
	struct mesh_plan *p;
	char buf[8192] = "";
	int x, y, z;

	(void)state;
	/* Service hdb in namespaces a (pod x-1) and b (pod y-1); z-1, in b,
	 * routes to hdb (b's, though a's is first in the files) and to
	 * hdb.a.svc (a's). */
	deployment(buf, sizeof(buf), "a", "x", "hdb", NULL);
	deployment(buf, sizeof(buf), "b", "y", "hdb", NULL);
	deployment(buf, sizeof(buf), "b", "z", NULL,
	    "[{\"host\": \"hdb\"}, {\"host\": \"HDB.a.svc.\"}]");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	x = node_of(p, "x-1");
	y = node_of(p, "y-1");
	z = node_of(p, "z-1");
	assert_true(x >= 0 && y >= 0 && z >= 0);
	assert_int_equal(p->nlinks, 2);
	assert_true(linked(p, z, y));
	assert_true(linked(p, z, x));
	/* The bare name, which a's pod answers to too in the plan, is
	 * written in full; the other, a's only, as written. */
	assert_string_equal(p->nodes[z].routes[0].host,
	    "hdb.b.svc.cluster.local");
	assert_string_equal(p->nodes[z].routes[1].host, "HDB.a.svc.");
	assert_null(find_code(&d, "other-namespace"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* Only b has hdb: the bare name reaches it only, as written. */
	buf[0] = '\0';
	deployment(buf, sizeof(buf), "b", "y", "hdb", NULL);
	deployment(buf, sizeof(buf), "b", "z", NULL, "[{\"host\": \"hdb\"}]");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nlinks, 1);
	assert_string_equal(p->nodes[1].routes[0].host, "hdb");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	/* b's hdb selects no Harper pod (a proxy, say): the bare name is
	 * b's, which is no node, so no link to a's, and no warning of
	 * another namespace; route-outside says what it looked up. */
	buf[0] = '\0';
	deployment(buf, sizeof(buf), "a", "x", "hdb", NULL);
	strcat(buf, "---\napiVersion: v1\nkind: Service\nmetadata:\n"
	    "  name: hdb\n  namespace: b\nspec:\n  selector:\n"
	    "    app: proxy\n");
	deployment(buf, sizeof(buf), "b", "z", NULL, "[{\"host\": \"hdb\"}]");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nlinks, 0);
	assert_string_equal(p->nodes[1].routes[0].host,
	    "hdb.b.svc.cluster.local");
	assert_null(find_code(&d, "other-namespace"));
	assert_non_null(must_find(&d, "route-outside"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
a_name_only_in_another_namespace_should_not_link(void **state)
{
	struct mesh_diags d;
	struct mesh_plan *p;
	const struct mesh_diag *w;
	char buf[8192] = "";

	(void)state;
	/* hdb is a's; z-1, in c, routes to it by its bare name: Kubernetes
	 * looks hdb up in c only. hdb.a reaches it. */
	deployment(buf, sizeof(buf), "a", "x", "hdb", NULL);
	deployment(buf, sizeof(buf), "c", "z", NULL,
	    "[{\"host\": \"hdb\", \"port\": 9932}]");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nlinks, 0);
	assert_string_equal(p->nodes[1].routes[0].host,
	    "hdb.c.svc.cluster.local");
	w = must_find(&d, "other-namespace");
	assert_int_equal(w->severity, MESH_WARNING);
	assert_string_equal(w->file, "k.yaml");
	/* At the route in the env value: line 47, column 23. */
	assert_int_equal(w->line, 47);
	assert_int_equal(w->column, 23);
	assert_non_null(strstr(w->message, "namespace c only"));
	assert_non_null(strstr(w->message, "write hdb.a"));
	assert_int_equal(count_code(&d, "other-namespace"), 1);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	buf[0] = '\0';
	deployment(buf, sizeof(buf), "a", "x", "hdb", NULL);
	deployment(buf, sizeof(buf), "c", "z", NULL,
	    "[{\"host\": \"hdb.a\", \"port\": 9932}]");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nlinks, 1);
	assert_null(find_code(&d, "other-namespace"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* Replace the first old in buf (size bytes) with new. */
static void
s_replace(char *buf, size_t size, const char *old, const char *new)
{
	char *at = strstr(buf, old), *tail;
	size_t ol = strlen(old), nl = strlen(new);

	assert_non_null(at);
	assert_true(strlen(buf) - ol + nl < size);
	tail = strdup(at + ol);
	assert_non_null(tail);
	memcpy(at, new, nl);
	strcpy(at + nl, tail);
	free(tail);
}

static void
a_nodes_own_host_should_not_take_a_route_elsewhere(void **state)
{
	struct mesh_diags d;
	struct mesh_plan *p;
	char buf[8192] = "";
	const char *env;
	int x, y, z;

	(void)state;
	/* Native replication: x-1 (namespace a) calls itself hdb
	 * (replication.hostname), the plan's host of x-1; z-1 (b) routes
	 * to hdb, which Kubernetes resolves to b's Service hdb (y-1). */
	deployment(buf, sizeof(buf), "a", "x", NULL, NULL);
	deployment(buf, sizeof(buf), "b", "y", "hdb", NULL);
	deployment(buf, sizeof(buf), "b", "z", NULL, NULL);
	/* Every pod a replication node; x-1 named hdb, z-1 routing. */
	env = "            - name: CLUSTERING_ENABLED\n"
	    "              value: \"true\"\n";
	s_replace(buf, sizeof(buf), env,
	    "            - name: REPLICATION_HOSTNAME\n"
	    "              value: hdb\n");
	s_replace(buf, sizeof(buf), env,
	    "            - name: REPLICATION_PORT\n"
	    "              value: \"9933\"\n");
	s_replace(buf, sizeof(buf), env,
	    "            - name: REPLICATION_ROUTES\n"
	    "              value: '[\"hdb\"]'\n");
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	x = node_of(p, "hdb");
	y = node_of(p, "y-1");
	z = node_of(p, "z-1");
	assert_true(x >= 0 && y >= 0 && z >= 0);
	assert_string_equal(p->nodes[x].host, "hdb");
	assert_int_equal(p->nlinks, 1);
	assert_true(linked(p, z, y));
	assert_string_equal(p->nodes[z].routes[0].host,
	    "hdb.b.svc.cluster.local");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
replicas_should_be_checked(void **state)
{
	struct mesh_diags d;
	struct mesh_plan *p;
	char buf[4096], *r;

	(void)state;
	statefulset(buf, sizeof(buf), 3, "");
	r = strstr(buf, "replicas: 3");
	assert_non_null(r);
	memcpy(r, "replicas: x", 11);
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_EINPUT);
	expect_error_at(&d, "bad-replicas", "k.yaml", 16, 13);
	mesh_diags_clear(&d);
	/* Scaled to 0: no pod, so no Harper pod at all. */
	memcpy(r, "replicas: 0", 11);
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_EINPUT);
	assert_non_null(must_find(&d, "no-harper-pods"));
	mesh_diags_clear(&d);
}

/* The duplicate-object warning at file:line:column, naming the first
 * definition at first (FILE:LINE) and the kind and name of what. */
static void
expect_duplicate_at(const struct mesh_diags *d, int line, int column,
    const char *what, const char *first)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		if (strcmp(g->code, "duplicate-object") != 0 ||
		    g->line != line || g->column != column)
			continue;
		assert_int_equal(g->severity, MESH_WARNING);
		assert_string_equal(g->file, "k.yaml");
		assert_non_null(strstr(g->message, what));
		assert_non_null(strstr(g->message, first));
		assert_non_null(strstr(g->message, "kubectl apply keeps the "
		    "last definition, so meshsim reads this one"));
		return;
	}
	fail_msg("no duplicate-object warning at %d:%d", line, column);
}

static void
the_last_definition_of_an_object_should_win(void **state)
{
	struct mesh_diags d;
	struct mesh_plan *p;
	char buf[8192], more[4096];

	(void)state;
	/* The Service web and the StatefulSet web (two kinds: no
	 * duplicate) of 2 pods, then both again, the StatefulSet of 3:
	 * kubectl apply -f keeps 3 pods; a warning at each later
	 * metadata.name (line 33 starts the second). */
	statefulset(buf, sizeof(buf), 2, "");
	statefulset(more, sizeof(more), 3, "");
	assert_true(strlen(buf) + 4 + strlen(more) < sizeof(buf));
	strcat(buf, "---\n");
	strcat(buf, more);
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nnodes, 3);
	assert_string_equal(p->nodes[2].name, "web-2");
	assert_int_equal(count_code(&d, "duplicate-object"), 2);
	expect_duplicate_at(&d, 36, 9, "Service 'web' (namespace default)",
	    "(first at k.yaml:4)");
	expect_duplicate_at(&d, 45, 9, "StatefulSet 'web' (namespace default)",
	    "(first at k.yaml:13)");
	mesh_plan_free(p);
	mesh_diags_clear(&d);

	/* A third definition (of 1 pod): one warning more, naming the
	 * first still; the last wins. */
	statefulset(more, sizeof(more), 1, "");
	assert_true(strlen(buf) + 4 + strlen(more) < sizeof(buf));
	strcat(buf, "---\n");
	strcat(buf, more);
	assert_int_equal(parse_text(buf, "k.yaml", MESH_FORMAT_KUBERNETES, &p,
	    &d), MESH_OK);
	assert_int_equal(p->nnodes, 1);
	assert_int_equal(count_code(&d, "duplicate-object"), 4);
	expect_duplicate_at(&d, 77, 9, "StatefulSet 'web' (namespace default)",
	    "(first at k.yaml:13)");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* A Pod p named node in the List's items (indented for the list). */
#define LIST_POD(node) \
	"  - apiVersion: v1\n" \
	"    kind: Pod\n" \
	"    metadata:\n" \
	"      name: p\n" \
	"      namespace: n\n" \
	"    spec:\n" \
	"      containers:\n" \
	"        - name: harper\n" \
	"          image: harperdb/harperdb\n" \
	"          env:\n" \
	"            - name: CLUSTERING_ENABLED\n" \
	"              value: \"true\"\n" \
	"            - name: CLUSTERING_NODENAME\n" \
	"              value: " node "\n"

static void
a_pod_defined_twice_in_a_list_should_be_one_node(void **state)
{
	static const char text[] =
	    "apiVersion: v1\n"
	    "kind: List\n"
	    "items:\n"
	    LIST_POD("first")
	    LIST_POD("second")
	    "  - apiVersion: apps/v1\n"
	    "    kind: Deployment\n"
	    "    metadata:\n"
	    "      name: p\n"
	    "      namespace: n\n"
	    "    spec:\n"
	    "      template:\n"
	    "        spec:\n"
	    "          containers:\n"
	    "            - name: harper\n"
	    "              image: harperdb/harperdb\n"
	    "              env:\n"
	    "                - name: CLUSTERING_ENABLED\n"
	    "                  value: \"true\"\n";
	struct mesh_diags d;
	struct mesh_plan *p;

	(void)state;
	/* The second Pod p replaces the first; the Deployment p (another
	 * kind) is another object, of pod p-1. */
	assert_int_equal(parse_text(text, "k.yaml", MESH_FORMAT_KUBERNETES,
	    &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 2);
	assert_true(node_of(p, "second") >= 0);
	assert_true(node_of(p, "first") < 0);
	assert_true(node_of(p, "p-1") >= 0);
	assert_int_equal(count_code(&d, "duplicate-object"), 1);
	expect_duplicate_at(&d, 21, 13, "Pod 'p' (namespace n)",
	    "(first at k.yaml:7)");
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expansion_should_follow_kubernetes),
		cmocka_unit_test(
		    a_service_of_several_pods_should_link_to_the_first),
		cmocka_unit_test(a_service_of_one_pod_should_be_its_alias),
		cmocka_unit_test(env_should_win_over_env_from),
		cmocka_unit_test(
		    a_mounted_config_should_keep_manifest_positions),
		cmocka_unit_test(replicas_should_be_checked),
		cmocka_unit_test(
		    a_bare_name_should_resolve_in_the_pods_namespace),
		cmocka_unit_test(
		    a_name_only_in_another_namespace_should_not_link),
		cmocka_unit_test(
		    a_nodes_own_host_should_not_take_a_route_elsewhere),
		cmocka_unit_test(the_last_definition_of_an_object_should_win),
		cmocka_unit_test(
		    a_pod_defined_twice_in_a_list_should_be_one_node),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
