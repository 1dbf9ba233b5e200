/* suggest.h: the fewest routes to add so that no single node failure splits a plan. */
#ifndef MESHSIM_SUGGEST_H
#define MESHSIM_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "meshsim/meshsim.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/* A route to add: node `from` stores a route to node `to` (its host and
 * port). Node indices refer to the plan. */
struct mesh_suggest_route {
	int from;
	int to;
};

/*
 * What to add to a plan. routes[0 .. njoins - 1] join the plan's pieces
 * (components) into one; the rest remove every articulation point.
 * For the joined plan, leaves is p (the leaf blocks of its block-cut
 * tree), pieces is d (the most pieces one node's loss leaves) and bound
 * max(d - 1, ceil(p / 2)), the least number of routes that can remove
 * every articulation point (Eswaran and Tarjan 1976).
 * For target 2, ntwo is nroutes and minimal says whether nroutes - njoins
 * reached bound. For target 3, routes[ntwo ..] come after those of target
 * 2; bound3 is a lower bound on nroutes - njoins (the larger of bound and
 * half the route ends that nodes of degree below 3 lack), minimal says
 * whether it was reached, and reached whether the plan is 3-connected
 * (never for fewer than 4 nodes). verified says the plan with the routes
 * added was analysed again: connected, no articulation point and, when
 * reached is set for target 3, vertex connectivity at least 3.
 */
struct mesh_suggestion {
	struct mesh_suggest_route *routes;
	size_t nroutes;
	size_t njoins;
	size_t leaves;
	size_t pieces;
	size_t bound;
	int target;
	size_t ntwo;
	size_t bound3;
	bool minimal;
	bool reached;
	bool verified;
	int *before;            /* articulation points before, sorted by name */
	size_t nbefore;
	/*
	 * With a domain key (mesh_suggest_with(), target 2): by is the key
	 * and domains the plan's failure domains for it (domains.h); by_found
	 * says the key is host, the plan has no nodes, or a node has that
	 * label (else each host is a domain). The
	 * routes then also leave no domain whose loss splits the rest.
	 * split[0 .. nsplit - 1] are the domains whose loss leaves the plan
	 * in more pieces than it has (indices into domains, sorted by name),
	 * split_pieces[i] the pieces that loss leaves. domain_bound is the
	 * most pieces one domain's loss leaves, minus one, or, when larger,
	 * domain_excess (the pieces beyond one that the domains' losses
	 * leave in all) shared among routes that each mend at most all
	 * domains but those of its two ends: ceil(domain_excess / (domains
	 * - 1)). lower_bound is a lower bound on nroutes (joins included):
	 * the larger of domain_bound, the most pieces any one node's loss
	 * leaves (or the plan has) minus one, and half the route ends its
	 * leaf blocks and whole pieces lack (Eswaran and Tarjan), rounded
	 * up. worst_domain is the first domain by name whose loss leaves
	 * the most pieces (worst_pieces), or -1. minimal says whether
	 * nroutes reached lower_bound; the search is greedy, so a
	 * suggestion that does not may still be the fewest. Without a key,
	 * by and domains are NULL, worst_domain -1 and the rest zero.
	 */
	char *by;
	bool by_found;
	struct mesh_domains *domains;
	int *split;
	size_t *split_pieces;
	size_t nsplit;
	size_t domain_bound;
	size_t domain_excess;
	size_t lower_bound;
	int worst_domain;
	size_t worst_pieces;
};

/* What to suggest for: mesh_suggest_with(). */
struct mesh_suggest_options {
	int target;             /* 2 or 3 (0: 2) */
	const char *by;         /* NULL: single nodes; else a domain key
	                         * (domains.h), target 2 only */
};

/* Target 3 searches every pair of nodes for each route: plans up to this
 * many nodes. */
#define MESH_SUGGEST_TARGET3_MAX 150

/*
 * Suggest routes for plan (resolved) so that, for target 2, no single
 * node's loss splits it and, for target 3, no two nodes' loss does (a
 * greedy search, not always the fewest). Each route is stored
 * by the endpoint that stores fewer routes so far (ties by name), and the
 * construction prefers endpoints no other new route uses.
 * Returns MESH_OK with *out set (free with mesh_suggestion_free), or
 * MESH_EINVAL (target not 2 or 3, or target 3 on more than
 * MESH_SUGGEST_TARGET3_MAX nodes), MESH_ENOMEM or MESH_EGRAPH; on
 * failure *out is NULL.
 */
enum mesh_error mesh_suggest(const struct mesh_plan *plan, int target,
    struct mesh_suggestion **out);

/*
 * As mesh_suggest(), with options: with a domain key (opts->by), the
 * routes also leave no failure domain of that key whose loss splits the
 * rest of the plan (a greedy search: each route lowers the lower bound
 * when one of the candidates does, ties broken as docs/suggest.md says;
 * lower_bound and minimal say how far it is from proven). Returns
 * MESH_OK with *out set (free with mesh_suggestion_free), MESH_EINVAL
 * (target not 0, 2 or 3; a key that is empty or holds '='; a key with
 * target 3), MESH_ENOMEM or MESH_EGRAPH; on failure *out is NULL.
 */
enum mesh_error mesh_suggest_with(const struct mesh_plan *plan,
    const struct mesh_suggest_options *opts, struct mesh_suggestion **out);

/* Free a suggestion; NULL is accepted. */
void mesh_suggestion_free(struct mesh_suggestion *s);

/*
 * `meshsim suggest`'s JSON object (docs/json.md) for suggestion s on
 * plan p (the plan it was made for), diags its diagnostics (may be
 * NULL), pretty-printed, ending in a newline. Returns a string the
 * caller frees with free(), or NULL when out of memory.
 */
char *mesh_suggestion_json(const struct mesh_suggestion *s,
    const struct mesh_plan *p, const struct mesh_diags *diags);

/*
 * Add the suggested routes to plan's node configs and resolve it again.
 * Warnings of the new resolution go to diags (may be NULL). Returns
 * MESH_OK, or MESH_ENOMEM / MESH_EINPUT; on failure the plan may hold
 * some of the routes.
 */
enum mesh_error mesh_suggest_apply(struct mesh_plan *plan,
    const struct mesh_suggestion *s, struct mesh_diags *diags);

MESH_API_END

#endif
