/* domains.h: failure domains: sets of nodes that fail together (a zone, a machine). */
#ifndef MESHSIM_DOMAINS_H
#define MESHSIM_DOMAINS_H

#include <stddef.h>

#include "meshsim/plan.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * A partition of a plan's nodes into domains. Domain d holds
 * nodes[start[d] .. start[d + 1] - 1], sorted by name; domains are sorted
 * by name. of[v] is node v's domain.
 */
struct mesh_domains {
	size_t n;
	char **names;
	size_t *start;
	int *nodes;
	int *of;
};

/*
 * Partition the nodes of plan by key:
 * - NULL: every node is a domain of its own, named by the node.
 * - "host": nodes on the same host (compared as routes compare hosts) form
 *   a domain, named "host=H".
 * - any other key, a label such as "zone": nodes with the same value form a
 *   domain, named "zone=V"; and nodes that share a host are always in one
 *   domain (a machine takes all its nodes down), so domains that a host
 *   joins are merged, named "zone=a+zone=b". A node without the label is in
 *   its host's domain, "host=H".
 * Returns MESH_OK and sets *out (free with mesh_domains_free), or
 * MESH_ENOMEM.
 */
enum mesh_error mesh_domains_new(const struct mesh_plan *plan,
    const char *key, struct mesh_domains **out);

void mesh_domains_free(struct mesh_domains *d);

/*
 * The nodes that fail with key=value: "host=H" selects the nodes on host
 * H; "zone=V" the nodes labelled zone=V and every node sharing a host with
 * them. Sets *nodes (sorted by name; the caller frees it) and *n.
 * Returns MESH_OK, MESH_ENOTFOUND when no node matches, or MESH_ENOMEM.
 */
enum mesh_error mesh_domain_select(const struct mesh_plan *plan,
    const char *key, const char *value, int **nodes, size_t *n);

MESH_API_END

#endif
