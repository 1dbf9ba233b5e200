/* fuzz_kubernetes.c: libFuzzer harness for the Kubernetes manifest reader (kubernetes.c, and the Harper reader its ConfigMaps feed), then the reader harnesses' checks on each plan it reads. */
#include "fuzz.h"

/*
 * replicas: 99334 makes a plan of 99,334 pods from a few hundred bytes,
 * by design, which takes the analyses under ASan past libFuzzer's
 * timeout: the harness reads with a limit of 1,000 nodes, which the
 * too-many-nodes path then meets.
 */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct mesh_limits l;

	(void)argc;
	(void)argv;
	mesh_limits_default(&l);
	l.nodes = 1000;
	if (mesh_limits_set(&l) != MESH_OK)
		fuzz_fail(__FILE__, __LINE__, "mesh_limits_set");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_plan(data, size, "manifests.yaml", MESH_FORMAT_KUBERNETES);
	return 0;
}
