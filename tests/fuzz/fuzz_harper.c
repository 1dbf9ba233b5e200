/* fuzz_harper.c: libFuzzer harness for the Harper config reader (harper.c): one or more harperdb-config.yaml files and an inventory, then the analyses on each plan it reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/*
 * The input is one or more YAML configs separated by lines "#==" (a YAML
 * comment, so one config stays one config). A part whose first line is
 * "#inventory" is, after that line, the inventory (JSON). A first line
 * "#nats" or "#replication" forces that generation. Config i is written
 * to node<i>.yaml and given as that path, the second as "10.0.0.2=PATH".
 */
#define SEPARATOR       "\n#==\n"
#define MAX_PARTS       5       /* configs and the inventory */

/* A part of the input. */
struct part {
	const uint8_t *p;
	size_t n;
};

/* Whether the n bytes at p start with the string s. */
static int
starts(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);

	return n >= k && memcmp(p, s, k) == 0;
}

/* Split data at SEPARATOR into at most max parts; returns how many. */
static size_t
split(const uint8_t *data, size_t size, struct part *parts, size_t max)
{
	size_t np = 0, start = 0, i, k = sizeof(SEPARATOR) - 1;

	for (i = 0; i + k <= size && np + 1 < max; i++) {
		if (memcmp(data + i, SEPARATOR, k) != 0)
			continue;
		parts[np].p = data + start;
		parts[np++].n = i - start;
		start = i + k;
		i = start - 1;
	}
	parts[np].p = data + start;
	parts[np++].n = size - start;
	return np;
}

/* The configs and inventory of one input, through mesh_harper_load(). */
static void
load(const struct part *parts, size_t np, enum mesh_harper_generation gen)
{
	struct mesh_harper_options opts;
	struct mesh_diags d;
	struct mesh_plan *plan = NULL;
	char *paths[MAX_PARTS], *args[MAX_PARTS], name[32];
	char *inventory = NULL;
	enum mesh_error err;
	size_t i, n = 0, len;

	memset(&opts, 0, sizeof(opts));
	opts.generation = gen;
	for (i = 0; i < np; i++) {
		if (starts(parts[i].p, parts[i].n, "#inventory\n")) {
			len = strlen("#inventory\n");
			free(inventory);
			inventory = fuzz_write("inventory.json",
			    parts[i].p + len, parts[i].n - len);
			continue;
		}
		snprintf(name, sizeof(name), "node%zu.yaml", n + 1);
		paths[n] = fuzz_write(name, parts[i].p, parts[i].n);
		if (n == 1) {
			len = strlen(paths[n]) + sizeof("10.0.0.2=");
			if ((args[n] = malloc(len)) == NULL)
				abort();
			snprintf(args[n], len, "10.0.0.2=%s", paths[n]);
		} else {
			args[n] = paths[n];
		}
		n++;
	}
	opts.inventory = inventory;
	if (n > 0) {
		mesh_diags_init(&d);
		err = mesh_harper_load((const char *const *)args, n, &opts, &d,
		    &plan);
		fuzz_check_result(err, plan, &d);
		if (plan != NULL) {
			FUZZ_CHECK(plan->nnodes == n, "a node per config");
			fuzz_exercise(plan, &d);
		}
		mesh_plan_free(plan);
		mesh_diags_clear(&d);
	}
	for (i = 0; i < n; i++) {
		if (args[i] != paths[i])
			free(args[i]);
		free(paths[i]);
	}
	free(inventory);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum mesh_harper_generation gen = MESH_HARPER_AUTO;
	struct part parts[MAX_PARTS];
	size_t np;

	if (starts(data, size, "#nats\n"))
		gen = MESH_HARPER_NATS;
	else if (starts(data, size, "#replication\n"))
		gen = MESH_HARPER_REPLICATION;
	np = split(data, size, parts, MAX_PARTS);
	/* The first config alone, from memory, as check --input-format
	 * harper reads a plan. */
	fuzz_plan(parts[0].p, parts[0].n, "node1.yaml", MESH_FORMAT_HARPER);
	load(parts, np, gen);
	return 0;
}
