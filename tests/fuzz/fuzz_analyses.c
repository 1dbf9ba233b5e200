/* fuzz_analyses.c: libFuzzer harness for what the commands do with a plan once read (sweeps, availability, suggestions, diffs, pictures, reports, exports), on small plans written compactly or in JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/*
 * An input starting with '{' is a JSON plan. Any other is a plan in a
 * compact form, so that almost every input is a plan and the fuzzer's
 * time goes to the analyses: byte 0 gives the number of nodes (1 to 16),
 * byte 1 the features (bit 0: zone labels, bits 4-5 their number less
 * one; bit 1: nodes share hosts, three to a host, each on its own port;
 * bit 2: availabilities; bit 3: the first node does not join the
 * cluster), and each further pair of bytes (a, b) a route from node
 * a % n to node b % n.
 */
#define MAX_NODES       16

/* Append the text printf would write to the buffer at *p (room enough
 * by construction); advance *p. */
#define PUT(p, ...)     ((p) += sprintf((p), __VA_ARGS__))

/* The JSON plan the compact input of size bytes at data stands for: a
 * malloc'd string the caller frees (aborts when out of memory). */
static char *
compact_plan(const uint8_t *data, size_t size)
{
	size_t n, i, k, npairs;
	unsigned flags;
	char *text, *p;
	int zones;

	n = 1 + (size > 0 ? data[0] : 0) % MAX_NODES;
	flags = size > 1 ? data[1] : 0;
	zones = 1 + (int)((flags >> 4) & 3);
	npairs = size > 2 ? (size - 2) / 2 : 0;
	if ((text = malloc(64 + n * 160 + npairs * 48)) == NULL)
		abort();
	p = text;
	PUT(p, "{\"nodes\": [");
	for (i = 0; i < n; i++) {
		PUT(p, "%s{\"name\": \"n%zu\"", i ? ", " : "", i);
		if (flags & 2)
			PUT(p, ", \"host\": \"h%zu\", \"port\": %zu", i / 3,
			    9000 + i);
		if (flags & 1)
			PUT(p, ", \"labels\": {\"zone\": \"z%zu\"}",
			    i % (size_t)zones);
		if (flags & 4)
			PUT(p, ", \"availability\": 0.%zu", 5 + i % 5);
		if ((flags & 8) && i == 0)
			PUT(p, ", \"clustering\": false");
		PUT(p, ", \"routes\": [");
		for (k = 0; k < npairs; k++) {
			size_t a = data[2 + 2 * k] % n, b = data[3 + 2 * k] % n;

			if (a != i)
				continue;
			if (flags & 2)
				PUT(p, "%s{\"host\": \"h%zu\", \"port\": %zu}",
				    p[-1] == '[' ? "" : ", ", b / 3, 9000 + b);
			else
				PUT(p, "%s{\"host\": \"n%zu\"}",
				    p[-1] == '[' ? "" : ", ", b);
		}
		PUT(p, "]}");
	}
	PUT(p, "]}");
	return text;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mesh_diags d;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;
	char *text = NULL;

	mesh_diags_init(&d);
	if (size > 0 && data[0] == '{')
		err = mesh_plan_parse((const char *)data, size, "fuzz.json",
		    MESH_FORMAT_JSON, &d, &plan);
	else {
		text = compact_plan(data, size);
		err = mesh_plan_parse(text, strlen(text), "compact.json",
		    MESH_FORMAT_JSON, &d, &plan);
		/* Self-routes and repeated routes are warnings only. */
		FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
		    "a compact plan reads");
	}
	fuzz_check_result(err, plan, &d);
	if (plan != NULL)
		fuzz_exercise_all(plan, &d);
	mesh_plan_free(plan);
	mesh_diags_clear(&d);
	free(text);
	return 0;
}
