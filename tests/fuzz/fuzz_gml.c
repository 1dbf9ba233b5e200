/* fuzz_gml.c: libFuzzer harness for the GML reader (igraph), then the analyses on each plan it reads. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_plan(data, size, "fuzz.gml", MESH_FORMAT_GML);
	return 0;
}
