/* fuzz_plan_json.c: libFuzzer harness for the JSON plan reader, then the analyses on each plan it reads. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_plan(data, size, "fuzz.json", MESH_FORMAT_JSON);
	return 0;
}
