/* fuzz_kubernetes.c: libFuzzer harness for the Kubernetes manifest reader (kubernetes.c, and the Harper reader its ConfigMaps feed), then the reader harnesses' checks on each plan it reads. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_plan(data, size, "manifests.yaml", MESH_FORMAT_KUBERNETES);
	return 0;
}
