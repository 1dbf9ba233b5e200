/* fuzz_ops.c: libFuzzer harness for Harper's operations API payload readers (harper_ops.c): every input is read as a route request, a cluster_get_routes answer, a cluster_network answer and an inventory, each used as the CLI uses it; then the analyses on each plan made. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* What each input is used with: a plan for requests, answers of the
 * other nodes, an inventory, and a network answer for inventories. */
static const char plan_text[] =
    "{\"nodes\": [\n"
    " {\"name\": \"node1\", \"host\": \"3.62.184.20\", \"routes\": ["
    "{\"host\": \"3.62.184.22\"}, {\"host\": \"3.735.184.8\"}]},\n"
    " {\"name\": \"node2\", \"host\": \"3.62.184.22\"},\n"
    " {\"name\": \"node3\", \"host\": \"3.735.184.8\", \"routes\": ["
    "{\"host\": \"3.142.255.78\"}]},\n"
    " {\"name\": \"node4\", \"host\": \"3.142.255.78\"}]}";
static const char node2_answer[] =
    "{\"hub\": [{\"host\": \"3.735.184.8\", \"port\": 9932}], "
    "\"leaf\": []}";
static const char node3_answer[] = "{\"hub\": [], \"leaf\": []}";
static const char inventory_text[] =
    "{\"node1\": \"3.62.184.20\", \"node2\": \"3.62.184.22\","
    " \"node3\": {\"host\": \"3.735.184.8\", \"port\": 9932},"
    " \"node4\": \"3.142.255.78\"}";
static const char network_text[] =
    "{\"nodes\": [\n"
    " {\"name\": \"node1\", \"connected_nodes\": [\"node2\", \"node3\"],"
    " \"routes\": [{\"host\": \"3.62.184.22\", \"port\": 9932}]},\n"
    " {\"name\": \"node2\", \"connected_nodes\": [\"node1\"],"
    " \"routes\": []},\n"
    " {\"name\": \"node3\", \"connected_nodes\": [\"node1\"],"
    " \"routes\": []}]}";

static struct mesh_plan *plan;
static struct mesh_ops_get_routes *answer2, *answer3;
static struct mesh_ops_inventory *inventory;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct mesh_diags d;

	(void)argc;
	(void)argv;
	mesh_diags_init(&d);
	if (mesh_plan_parse(plan_text, strlen(plan_text), "plan.json",
	    MESH_FORMAT_JSON, &d, &plan) != MESH_OK ||
	    mesh_ops_get_routes_parse(node2_answer, strlen(node2_answer),
	    "node2.json", &d, &answer2) != MESH_OK ||
	    mesh_ops_get_routes_parse(node3_answer, strlen(node3_answer),
	    "node3.json", &d, &answer3) != MESH_OK ||
	    mesh_ops_inventory_parse(inventory_text, strlen(inventory_text),
	    "inventory.json", &d, &inventory) != MESH_OK)
		fuzz_fail(__FILE__, __LINE__, "the fixed inputs read");
	mesh_diags_clear(&d);
	return 0;
}

/* Check a plan made by an ops function and run the analyses on it. */
static void
made(enum mesh_error err, struct mesh_plan *p, struct mesh_diags *d)
{
	fuzz_check_result(err, p, d);
	if (p != NULL)
		fuzz_exercise(p, d);
	mesh_plan_free(p);
	mesh_diags_clear(d);
}

/* The input as a cluster_set_routes or cluster_delete_routes request,
 * sent to node1 and then node2 of the plan (as --apply does). */
static void
as_request(const char *buf, size_t len)
{
	struct mesh_ops_step steps[2];
	struct mesh_ops_outcome *o = NULL;
	struct mesh_ops_request *req = NULL;
	struct mesh_plan *after = NULL;
	struct mesh_diags d;
	enum mesh_error err;
	size_t i;

	mesh_diags_init(&d);
	err = mesh_ops_request_parse(buf, len, "request.json", &d, &req);
	FUZZ_CHECK((err == MESH_OK) == (req != NULL),
	    "a request is returned exactly on MESH_OK");
	FUZZ_CHECK(err != MESH_EINPUT || d.errors > 0,
	    "a refused request has an error");
	mesh_diags_clear(&d);
	if (req == NULL)
		return;
	steps[0].node = 0;
	steps[1].node = 1;
	steps[0].req = steps[1].req = req;
	err = mesh_ops_apply(plan, steps, 2, &d, &after, &o);
	FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
	    "a read request applies");
	for (i = 0; err == MESH_OK && i < 2; i++)
		FUZZ_CHECK(o[i].nset + o[i].ndeleted + o[i].nskipped ==
		    req->routes.n, "each route is set, deleted or skipped");
	mesh_ops_outcomes_free(o, 2);
	made(err, after, &d);
	mesh_ops_request_free(req);
}

/* The input as node1's cluster_get_routes answer, with those of node2
 * and node3, with and without the inventory. */
static void
as_get_routes(const char *buf, size_t len)
{
	static const char *const names[] = { "node1", "node2", "node3" };
	const struct mesh_ops_get_routes *answers[3];
	struct mesh_ops_get_routes *g = NULL;
	struct mesh_plan *p = NULL;
	struct mesh_diags d;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_ops_get_routes_parse(buf, len, "node1.json", &d, &g);
	FUZZ_CHECK((err == MESH_OK) == (g != NULL),
	    "an answer is returned exactly on MESH_OK");
	mesh_diags_clear(&d);
	if (g == NULL)
		return;
	answers[0] = g;
	answers[1] = answer2;
	answers[2] = answer3;
	err = mesh_ops_routes_plan(names, answers, 3, inventory, &d, &p);
	made(err, p, &d);
	err = mesh_ops_routes_plan(names, answers, 1, NULL, &d, &p);
	made(err, p, &d);
	mesh_ops_get_routes_free(g);
}

/* The input as a cluster_network answer, with and without the
 * inventory. */
static void
as_network(const char *buf, size_t len)
{
	struct mesh_plan *p = NULL;
	struct mesh_diags d;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_ops_network_parse(buf, len, "network.json", inventory, &d,
	    &p);
	made(err, p, &d);
	err = mesh_ops_network_parse(buf, len, "network.json", NULL, &d, &p);
	made(err, p, &d);
}

/* The input as an inventory, for the fixed network answer. */
static void
as_inventory(const char *buf, size_t len)
{
	struct mesh_ops_inventory *inv = NULL;
	struct mesh_plan *p = NULL;
	struct mesh_diags d;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_ops_inventory_parse(buf, len, "inventory.json", &d, &inv);
	FUZZ_CHECK((err == MESH_OK) == (inv != NULL),
	    "an inventory is returned exactly on MESH_OK");
	mesh_diags_clear(&d);
	if (inv == NULL)
		return;
	err = mesh_ops_network_parse(network_text, strlen(network_text),
	    "network.json", inv, &d, &p);
	made(err, p, &d);
	mesh_ops_inventory_free(inv);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;

	as_request(buf, size);
	as_get_routes(buf, size);
	as_network(buf, size);
	as_inventory(buf, size);
	return 0;
}
