/* cjson_igraph_check.c: the naive C way to check a plan, cJSON to parse and igraph to analyse: the second peer of make bench. */
/*
 * Usage: cjson_igraph_check [--answers] PLAN
 *
 * What a C programmer would write without meshsim: the whole file read
 * into memory, parsed into a cJSON tree, each node's endpoint (host case
 * folded and without one trailing dot, port 9932 by default, the host the
 * name by default) stored in a plain hash table (FNV-1a, linear probing:
 * libc's hsearch hashes such keys so badly that it would be the whole
 * story), every route
 * turned into an edge (self routes and unknown endpoints dropped), an
 * igraph graph made and simplified (one link per pair), then connected
 * components, articulation points and bridges. Prints the same summary as
 * tools/ig_check.py (--answers: the answers too). Built by make bench
 * only, never by make; not part of meshsim. Exit 2 on bad input or out of
 * memory, with a message; everything is freed by the process's exit.
 */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <igraph.h>

#define DEFAULT_PORT    9932

static void
die(const char *what)
{
	fprintf(stderr, "cjson_igraph_check: %s\n", what);
	exit(2);
}

/* "host:port", host case folded and without one trailing dot: malloc'd. */
static char *
endpoint(const char *host, int port)
{
	size_t n = strlen(host), i;
	char *s;

	if (n > 1 && host[n - 1] == '.')
		n--;
	if ((s = malloc(n + 16)) == NULL)
		die("out of memory");
	for (i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)host[i]);
	snprintf(s + n, 16, ":%d", port);
	return s;
}

/* The endpoints: open addressing over a power of two of slots. */
struct slot {
	char *key;
	int node;
};
static struct slot *table;
static size_t mask;

static struct slot *
find(const char *key)
{
	uint64_t h = 1469598103934665603ULL;
	const char *s;
	size_t i;

	for (s = key; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	for (i = (size_t)(h ^ h >> 32) & mask; table[i].key != NULL &&
	    strcmp(table[i].key, key) != 0; i = (i + 1) & mask)
		;
	return &table[i];
}

static int
port_of(const cJSON *obj)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(obj, "port");

	return cJSON_IsNumber(p) ? p->valueint : DEFAULT_PORT;
}

/* Print s as a JSON string (the names of generated plans need no more
 * than quotes and backslashes escaped). */
static void
put_name(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

int
main(int argc, char **argv)
{
	const char *path = argv[argc - 1];
	int answers = argc == 3 && strcmp(argv[1], "--answers") == 0;
	const cJSON *nodes, *node, *routes, *route;
	const char **names;
	igraph_vector_int_t edges, membership, csize, art, bridges;
	igraph_integer_t ncomp, largest = 0, i, c;
	igraph_t g;
	cJSON *root;
	FILE *f;
	char *text;
	long size;
	int n, k, nroutes = 0;

	if (argc != 2 && !answers)
		die("usage: cjson_igraph_check [--answers] PLAN");
	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		die("cannot read the plan");
	if ((text = malloc((size_t)size + 1)) == NULL)
		die("out of memory");
	if (fread(text, 1, (size_t)size, f) != (size_t)size)
		die("cannot read the plan");
	fclose(f);
	text[size] = '\0';
	if ((root = cJSON_Parse(text)) == NULL)
		die("invalid JSON");
	nodes = cJSON_GetObjectItemCaseSensitive(root, "nodes");
	if (!cJSON_IsArray(nodes))
		die("no nodes");
	n = cJSON_GetArraySize(nodes);
	for (mask = 16; mask < (size_t)n * 2; mask *= 2)
		;
	if ((names = malloc(((size_t)n + 1) * sizeof(*names))) == NULL ||
	    (table = calloc(mask, sizeof(*table))) == NULL)
		die("out of memory");
	mask--;
	k = 0;
	cJSON_ArrayForEach(node, nodes) {
		const cJSON *nm = cJSON_GetObjectItemCaseSensitive(node, "name");
		const cJSON *h = cJSON_GetObjectItemCaseSensitive(node, "host");
		struct slot *e;
		char *key;

		if (!cJSON_IsString(nm))
			die("a node without a name");
		names[k] = nm->valuestring;
		key = endpoint(cJSON_IsString(h) ? h->valuestring :
		    nm->valuestring, port_of(node));
		if ((e = find(key))->key == NULL) {
			e->key = key;
			e->node = k;
		} else {                /* the first node keeps it */
			free(key);
		}
		k++;
	}
	if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS)
		die("out of memory");
	k = 0;
	cJSON_ArrayForEach(node, nodes) {
		routes = cJSON_GetObjectItemCaseSensitive(node, "routes");
		cJSON_ArrayForEach(route, routes) {
			const cJSON *h = cJSON_GetObjectItemCaseSensitive(route,
			    "host");
			struct slot *e;
			char *key;

			nroutes++;
			if (!cJSON_IsString(h))
				continue;
			key = endpoint(h->valuestring, port_of(route));
			e = find(key);
			free(key);
			if (e->key == NULL || e->node == k)
				continue;
			if (igraph_vector_int_push_back(&edges, k) ||
			    igraph_vector_int_push_back(&edges, e->node))
				die("out of memory");
		}
		k++;
	}
	if (igraph_create(&g, &edges, n, IGRAPH_UNDIRECTED) ||
	    igraph_simplify(&g, 1, 1, NULL) ||
	    igraph_vector_int_init(&membership, 0) ||
	    igraph_vector_int_init(&csize, 0) ||
	    igraph_vector_int_init(&art, 0) ||
	    igraph_vector_int_init(&bridges, 0) ||
	    igraph_connected_components(&g, &membership, &csize, &ncomp,
	    IGRAPH_WEAK) ||
	    igraph_articulation_points(&g, &art) ||
	    igraph_bridges(&g, &bridges))
		die("igraph failed");
	for (c = 0; c < ncomp; c++)
		if (VECTOR(csize)[c] > largest)
			largest = VECTOR(csize)[c];
	printf("{\"nodes\": %d, \"links\": %ld, \"routes\": %d, "
	    "\"components\": %ld, \"largest_component\": %ld, "
	    "\"articulation_points\": %ld, \"bridges\": %ld", n,
	    (long)igraph_ecount(&g), nroutes, (long)ncomp, (long)largest,
	    (long)igraph_vector_int_size(&art),
	    (long)igraph_vector_int_size(&bridges));
	if (answers) {
		/* Nodes bucketed by component: a counting sort. */
		igraph_integer_t *start = calloc((size_t)ncomp + 1,
		    sizeof(*start));
		int *order = malloc(((size_t)n + 1) * sizeof(*order));

		if (start == NULL || order == NULL)
			die("out of memory");
		for (i = 0; i < n; i++)
			start[VECTOR(membership)[i] + 1]++;
		for (c = 0; c < ncomp; c++)
			start[c + 1] += start[c];
		for (i = 0; i < n; i++)
			order[start[VECTOR(membership)[i]]++] = (int)i;
		printf(", \"answers\": {\"components\": [");
		for (c = 0, i = 0; c < ncomp; c++) {
			printf(c ? ", [" : "[");
			for (; i < start[c]; i++) {
				printf(i && VECTOR(membership)[order[i - 1]] ==
				    c ? ", " : "");
				put_name(names[order[i]]);
			}
			printf("]");
		}
		printf("], \"articulation_points\": [");
		for (i = 0; i < igraph_vector_int_size(&art); i++) {
			printf(i ? ", " : "");
			put_name(names[VECTOR(art)[i]]);
		}
		printf("], \"bridges\": [");
		for (i = 0; i < igraph_vector_int_size(&bridges); i++) {
			igraph_integer_t a, b;

			igraph_edge(&g, VECTOR(bridges)[i], &a, &b);
			printf(i ? ", [" : "[");
			put_name(names[a]);
			printf(", ");
			put_name(names[b]);
			printf("]");
		}
		printf("]}");
	}
	printf("}\n");
	return 0;
}
