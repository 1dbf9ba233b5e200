/* fuzz_graphml.c: libFuzzer harness for the GraphML reader (igraph, libxml2), then the analyses on each plan it reads. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_plan(data, size, "fuzz.graphml", MESH_FORMAT_GRAPHML);
	return 0;
}
