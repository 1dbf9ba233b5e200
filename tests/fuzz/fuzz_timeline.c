/* fuzz_timeline.c: libFuzzer harness for a plan's timeline and what-if runs (plan_timeline.c): the input is the rest of a JSON plan after fixed nodes; then the simulation and analyses. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* The plan up to its "nodes" (figure 1 with a fourth node behind node3):
 * the input follows, as in ', "timeline": [...], "whatif": [...]', and
 * the plan's closing brace. */
static const char head[] =
    "{\"name\": \"timeline fuzz\", \"nodes\": [\n"
    " {\"name\": \"node1\", \"routes\": [{\"host\": \"node2\"},"
    " {\"host\": \"node3\"}], \"labels\": {\"zone\": \"a\"}},\n"
    " {\"name\": \"node2\", \"labels\": {\"zone\": \"a\"}},\n"
    " {\"name\": \"node3\", \"routes\": [{\"host\": \"node4\"}]},\n"
    " {\"name\": \"node4\", \"labels\": {\"zone\": \"b\"}}]";
static const char tail[] = "}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t hl = sizeof(head) - 1, tl = sizeof(tail) - 1;
	uint8_t *buf = malloc(hl + size + tl);

	if (buf == NULL)
		return 0;
	memcpy(buf, head, hl);
	if (size > 0)
		memcpy(buf + hl, data, size);
	memcpy(buf + hl + size, tail, tl);
	fuzz_plan(buf, hl + size + tl, "fuzz.json", MESH_FORMAT_JSON);
	free(buf);
	return 0;
}
