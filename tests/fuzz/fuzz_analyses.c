/* fuzz_analyses.c: libFuzzer harness for what the commands do with a plan once read (sweeps, availability, suggestions, diffs, pictures, reports, exports), on small plans written compactly or in JSON, one part of it an input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/*
 * An input starting with '{' is a JSON plan. Any other is a plan in a
 * compact form, so that almost every input is a plan and the fuzzer's
 * time goes to the analyses: the low 4 bits of byte 0 give the number of
 * nodes (1 to 16), byte 1 the features (bit 0: zone labels, bits 4-5
 * their number less one; bit 1: nodes share hosts, three to a host, each
 * on its own port; bit 2: availabilities; bit 3: the first node does not
 * join the cluster), and each further pair of bytes (a, b) a route from
 * node a % n to node b % n. Each input runs the analysis and one part of
 * the rest (fuzz_exercise_part): the high 4 bits of byte 0 give it in the
 * compact form, the length in bytes in JSON (mod FUZZ_PARTS); and the
 * part's variant (which parts a report has): bits 6-7 of byte 1 in the
 * compact form, the length divided by FUZZ_PARTS in JSON (mod 4).
 */
#define MAX_NODES       16
/* Routes of a compact plan, at most: enough for any shape of 16 nodes,
 * few enough that reading the plan stays cheap. */
#define MAX_ROUTES      32

/* The plan the compact input of size bytes at data stands for, built
 * with the library's calls (as a reader builds one) and resolved, its
 * diagnostics in d: MESH_OK with *out set, or MESH_ENOMEM (*out NULL). */
static enum mesh_error
compact_plan(const uint8_t *data, size_t size, struct mesh_diags *d,
    struct mesh_plan **out)
{
	struct mesh_plan *plan;
	enum mesh_error err;
	size_t n, i, k, npairs;
	unsigned flags;
	char name[16], host[16];
	int zones, ok = 1;

	*out = NULL;
	n = 1 + (size > 0 ? data[0] & 15 : 0) % MAX_NODES;
	flags = size > 1 ? data[1] : 0;
	zones = 1 + (int)((flags >> 4) & 3);
	npairs = size > 2 ? (size - 2) / 2 : 0;
	if (npairs > MAX_ROUTES)
		npairs = MAX_ROUTES;
	if ((plan = mesh_plan_new(NULL, "compact")) == NULL)
		return MESH_ENOMEM;
	for (i = 0; i < n && ok; i++) {
		snprintf(name, sizeof(name), "n%zu", i);
		snprintf(host, sizeof(host), "h%zu", i / 3);
		ok = mesh_plan_add_node(plan, name, (flags & 2) ? host : NULL,
		    (flags & 2) ? (int)(9000 + i) : MESH_DEFAULT_PORT, 0,
		    0) == (int)i;
		snprintf(name, sizeof(name), "z%zu", i % (size_t)zones);
		if (ok && (flags & 1))
			ok = mesh_plan_set_label(plan, (int)i, "zone", name) ==
			    0;
		if (ok && (flags & 4))
			plan->nodes[i].availability = (double)(5 + i % 5) / 10;
	}
	if (ok && (flags & 8))
		plan->nodes[0].no_cluster = 1;
	for (k = 0; k < npairs && ok; k++) {
		size_t a = data[2 + 2 * k] % n, b = data[3 + 2 * k] % n;

		snprintf(host, sizeof(host), (flags & 2) ? "h%zu" : "n%zu",
		    (flags & 2) ? b / 3 : b);
		ok = mesh_plan_add_route(plan, (int)a, host, (flags & 2) ?
		    (int)(9000 + b) : MESH_DEFAULT_PORT, 0, 0) == 0;
	}
	if (!ok || (err = mesh_plan_resolve(plan, d)) != MESH_OK) {
		/* Self-routes and repeated routes are warnings only. */
		FUZZ_CHECK(!ok || err == MESH_ENOMEM, "a compact plan resolves");
		mesh_plan_free(plan);
		return MESH_ENOMEM;
	}
	*out = plan;
	return MESH_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mesh_diags d;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;
	unsigned part, variant;

	mesh_diags_init(&d);
	if (size > 0 && data[0] == '{') {
		part = (unsigned)(size % FUZZ_PARTS);
		variant = (unsigned)(size / FUZZ_PARTS % 4);
		err = mesh_plan_parse((const char *)data, size, "fuzz.json",
		    MESH_FORMAT_JSON, &d, &plan);
	} else {
		part = size > 0 ? data[0] >> 4 : 0;
		variant = size > 1 ? data[1] >> 6 : 0;
		err = compact_plan(data, size, &d, &plan);
	}
	fuzz_check_result(err, plan, &d);
	if (plan != NULL)
		fuzz_exercise_part(plan, &d, part, variant);
	mesh_plan_free(plan);
	mesh_diags_clear(&d);
	return 0;
}
