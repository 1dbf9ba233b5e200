/* fuzz_status.c: libFuzzer harness for Harper's cluster_status answers (harper_ops.c, import harper-cluster-status): the input is one node's answer, made into a plan alone, beside a fixed answer, and against configured routes; then the reader harnesses' checks on each plan. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* server-two's answer, and the routes the cluster was configured with. */
static const char two_text[] =
    "{\"type\": \"cluster-status\", \"node_name\": \"server-two\","
    " \"is_enabled\": true, \"connections\": [\n"
    " {\"url\": \"wss://server-one:9933\", \"name\": \"server-one\","
    " \"database_sockets\": [{\"database\": \"data\", \"connected\": true},"
    " {\"database\": \"system\", \"connected\": false}]}]}";
static const char plan_text[] =
    "{\"cluster\": \"harper-replication\", \"nodes\": [\n"
    " {\"name\": \"server-one\", \"port\": 9933,"
    " \"routes\": [{\"host\": \"server-two\", \"port\": 9933}]},\n"
    " {\"name\": \"server-two\", \"port\": 9933},\n"
    " {\"name\": \"server-three\", \"port\": 9933}]}";

static struct mesh_ops_status *two;
static struct mesh_plan *configured;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct mesh_diags d;

	(void)argc;
	(void)argv;
	mesh_diags_init(&d);
	if (mesh_ops_status_parse(two_text, strlen(two_text), "two.json", &d,
	    &two) != MESH_OK ||
	    mesh_plan_parse(plan_text, strlen(plan_text), "plan.json",
	    MESH_FORMAT_JSON, &d, &configured) != MESH_OK)
		fuzz_fail(__FILE__, __LINE__, "the fixed inputs read");
	mesh_diags_clear(&d);
	return 0;
}

/* The plan of answers[0 .. n-1] from names, checked as a reader's. */
static void
plan_of(const char *const *names, const struct mesh_ops_status *const *a,
    size_t n, const struct mesh_plan *conf)
{
	struct mesh_diags d;
	struct mesh_plan *p = NULL;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_ops_status_plan(names, a, n, conf, &d, &p);
	fuzz_check_result(err, p, &d);
	if (p != NULL)
		fuzz_exercise(p, &d);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const unnamed[] = { NULL, NULL };
	static const char *const named[] = { "server-one", NULL };
	const struct mesh_ops_status *answers[2];
	struct mesh_ops_status *s = NULL;
	struct mesh_diags d;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_ops_status_parse((const char *)data, size, "status.json",
	    &d, &s);
	FUZZ_CHECK((err == MESH_OK) == (s != NULL),
	    "an answer is returned exactly on MESH_OK");
	FUZZ_CHECK(err != MESH_EINPUT || d.errors > 0,
	    "a refused answer has an error");
	mesh_diags_clear(&d);
	if (s == NULL)
		return 0;
	answers[0] = s;
	answers[1] = two;
	plan_of(unnamed, answers, 1, NULL);
	plan_of(named, answers, 2, NULL);
	plan_of(unnamed, answers, 2, configured);
	mesh_ops_status_free(s);
	return 0;
}
