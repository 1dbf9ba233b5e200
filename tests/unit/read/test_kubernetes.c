/* test_kubernetes.c: Kubernetes manifests as Harper nodes: $(VAR), DNS names, Services, env order, positions. */
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
