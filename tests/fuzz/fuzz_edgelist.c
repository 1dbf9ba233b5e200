/* fuzz_edgelist.c: libFuzzer harness for the edge list and NCOL readers (igraph), each on every input, then the analyses on each plan they read. */
#include "fuzz.h"

/*
 * An edge list makes a vertex for every number up to its largest (up to
 * 999999, EDGELIST_MAX_ID): "0 999999" is a plan of a million nodes that
 * takes seconds to read and analyse. That is by design (README), so
 * inputs with a number of 4 to 6 significant digits are read as NCOL only
 * (7 or more are refused at once, and still read): more than 1,000 nodes
 * make the exports' read-back slow under ASan, whose realloc() always
 * copies while igraph grows its vectors one element at a time.
 */
static int
has_big_number(const uint8_t *data, size_t size)
{
	size_t i = 0, digits;

	while (i < size) {
		if (data[i] < '0' || data[i] > '9') {
			i++;
			continue;
		}
		while (i < size && data[i] == '0')
			i++;
		for (digits = 0; i < size && data[i] >= '0' && data[i] <= '9';
		    i++)
			digits++;
		if (digits >= 4 && digits <= 6)
			return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!has_big_number(data, size))
		fuzz_plan(data, size, "fuzz.edges", MESH_FORMAT_EDGELIST);
	fuzz_plan(data, size, "fuzz.ncol", MESH_FORMAT_NCOL);
	return 0;
}
