/* review.c: the design-review report: one self-contained HTML file, or Markdown with the picture beside it. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meshsim/meshsim.h"
#include "meshsim/hazards.h"
#include "meshsim/picture.h"
#include "meshsim/review.h"
#include "meshsim/shard.h"
#include "base/progress.h"
#include "base/text.h"
#include "base/util.h"

/* How many names a list shows before "... and N more". */
#define REVIEW_LIST_MAX 25

/* The steps of a report, for progress: the picture and ten sections. */
#define REVIEW_STEPS 11

/* The report being written. */
struct rv {
	struct mesh_i_buf b;
	int md;                 /* Markdown, else HTML */
	const struct mesh_analysis *a;
	const struct mesh_plan *p;
	const struct mesh_diags *diags;
	struct mesh_review_parts parts;
	/* The replication model, for plans whose "cluster" is
	 * harper-replication (docs/replication.md); else NULL. */
	struct mesh_replication *repl;
	struct mesh_picture_notes notes;        /* of the picture */
	const char *by;         /* the domain key: parts.by or "zone" */
};

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Text, escaped for HTML (mesh_i_buf_xml()) or Markdown; control
 * characters, which would end a table row or a heading, or reach a
 * terminal as they are, shown as the text reports show them
 * (mesh_i_control()). */
static void
put(struct rv *r, const char *s)
{
	const char *start = s;
	char esc[MESH_I_CONTROL_ESC];

	if (!r->md) {
		mesh_i_buf_xml(&r->b, s);
		return;
	}
	for (; *s; s++) {
		size_t n = 0;

		if (MESH_I_MAY_CONTROL(*s))
			n = mesh_i_control(s, esc);
		if (n == 0 && strchr("\\`*_[]<>|#!~&", *s) == NULL)
			continue;
		mesh_i_buf_add(&r->b, start, (size_t)(s - start));
		/* The backslash of an escape is Markdown's to escape
		 * too. */
		mesh_i_buf_add(&r->b, "\\", 1);
		if (n > 0) {
			mesh_i_buf_puts(&r->b, esc);
			s += n - 1;
		} else {
			mesh_i_buf_add(&r->b, s, 1);
		}
		start = s + 1;
	}
	mesh_i_buf_puts(&r->b, start);
}

/* A file name as a Markdown link's destination: the bytes a URL path
 * cannot hold as they are (space, controls, non-ASCII, and those that
 * end or change the link), percent-encoded. */
static void
link(struct rv *r, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"#%()<>?[\\]`", *p))
			mesh_i_buf_printf(&r->b, "%%%02X", *p);
		else
			mesh_i_buf_add(&r->b, (const char *)p, 1);
}

/* Markup: written as is. */
static void
raw(struct rv *r, const char *s)
{
	mesh_i_buf_puts(&r->b, s);
}

static void
section(struct rv *r, const char *id, const char *title)
{
	if (r->md) {
		mesh_i_buf_printf(&r->b, "\n## %s\n\n", title);
		return;
	}
	mesh_i_buf_printf(&r->b, "</section>\n<section id=\"%s\">\n"
	    "<h2>%s</h2>\n", id, title);
}

/* The fence of a Markdown code span holding s: two backticks and a
 * space when s holds one; open and close. */
static const char *
fence(const char *s, int close)
{
	if (strchr(s, '`') == NULL)
		return "`";
	return close ? " ``" : "`` ";
}

/* Text inside a Markdown code span, which takes no backslash escapes:
 * only a table's '|' escaped, and control characters shown as the text
 * reports show them (mesh_i_control()). */
static void
code_text(struct rv *r, const char *s)
{
	const char *start = s;
	char esc[MESH_I_CONTROL_ESC];

	for (; *s; s++) {
		size_t n = 0;

		if (MESH_I_MAY_CONTROL(*s))
			n = mesh_i_control(s, esc);
		if (n == 0 && *s != '|')
			continue;
		mesh_i_buf_add(&r->b, start, (size_t)(s - start));
		mesh_i_buf_puts(&r->b, n > 0 ? esc : "\\|");
		s += n > 0 ? n - 1 : 0;
		start = s + 1;
	}
	mesh_i_buf_puts(&r->b, start);
}

/* A command, as code: text (markup-free) between backticks or in
 * <code>. */
static void
code(struct rv *r, const char *s)
{
	if (!r->md) {
		raw(r, "<code>");
		put(r, s);
		raw(r, "</code>");
		return;
	}
	raw(r, fence(s, 0));
	code_text(r, s);
	raw(r, fence(s, 1));
}

/* A command with an argument from the input, as code: head, arg, tail
 * (head and tail markup-free). */
static void
command(struct rv *r, const char *head, const char *arg, const char *tail)
{
	if (!r->md) {
		raw(r, "<code>");
		put(r, head);
		put(r, arg);
		put(r, tail);
		raw(r, "</code>");
		return;
	}
	raw(r, fence(arg, 0));
	code_text(r, head);
	code_text(r, arg);
	code_text(r, tail);
	raw(r, fence(arg, 1));
}

/* A paragraph's start and end. */
static void
para(struct rv *r)
{
	raw(r, r->md ? "" : "<p>");
}

static void
end_para(struct rv *r)
{
	raw(r, r->md ? "\n\n" : "</p>\n");
}

/* A table with the columns named in head, separated by '|'. */
static void
table(struct rv *r, const char *head)
{
	const char *s;

	if (r->md) {
		raw(r, "| ");
		for (s = head; *s; s++)
			if (*s == '|')
				raw(r, " | ");
			else
				mesh_i_buf_add(&r->b, s, 1);
		raw(r, " |\n|");
		for (s = head; s != NULL; s = strchr(s + 1, '|'))
			raw(r, " --- |");
		raw(r, "\n");
		return;
	}
	raw(r, "<div class=\"scroll\"><table>\n<thead><tr><th>");
	for (s = head; *s; s++)
		if (*s == '|')
			raw(r, "</th><th>");
		else
			mesh_i_buf_add(&r->b, s, 1);
	raw(r, "</th></tr></thead>\n<tbody>\n");
}

static void
row(struct rv *r)
{
	raw(r, r->md ? "|" : "<tr>");
}

static void
cell(struct rv *r)
{
	raw(r, r->md ? " " : "<td>");
}

static void
end_cell(struct rv *r)
{
	raw(r, r->md ? " |" : "</td>");
}

static void
end_row(struct rv *r)
{
	raw(r, r->md ? "\n" : "</tr>\n");
}

static void
end_table(struct rv *r)
{
	raw(r, r->md ? "\n" : "</tbody>\n</table></div>\n");
}

/* A cell holding text. */
static void
text_cell(struct rv *r, const char *s)
{
	cell(r);
	put(r, s);
	end_cell(r);
}

/* n node names of v, then "... and N more" up to total. */
static void
names(struct rv *r, const int *v, size_t n, size_t total)
{
	size_t i;

	for (i = 0; i < n && i < REVIEW_LIST_MAX; i++) {
		raw(r, i ? ", " : "");
		put(r, r->p->nodes[v[i]].name);
	}
	if (total > i)
		mesh_i_buf_printf(&r->b, "%s... and %zu more", i ? ", " : "",
		    total - i);
}

/* The row naming the surviving nodes that do not join the cluster (plan.h,
 * no_cluster: alone whatever their routes say), where there are any, as
 * the text report's "not clustering" line. Returns 0, or -1 when out of
 * memory. */
static int
not_clustering_row(struct rv *r)
{
	const struct mesh_analysis *a = r->a;
	size_t i, k = 0;
	int *v;

	for (i = 0; i < a->nnodes; i++)
		k += r->p->nodes[a->by_name[i]].no_cluster != 0;
	if (k == 0)
		return 0;
	if ((v = malloc(k * sizeof(*v))) == NULL)
		return -1;
	for (i = 0, k = 0; i < a->nnodes; i++)
		if (r->p->nodes[a->by_name[i]].no_cluster)
			v[k++] = a->by_name[i];
	row(r);
	text_cell(r, "not clustering");
	cell(r);
	names(r, v, k, k);
	raw(r, " (clustering off: no links to or from it)");
	end_cell(r);
	end_row(r);
	free(v);
	return 0;
}

/* The verdict and the table of answers. Returns 0, or -1 (ENOMEM). */
static int
verdict(struct rv *r)
{
	const struct mesh_analysis *a = r->a;
	char *rt;
	int good = a->connected && a->ncutpoints == 0;

	if (r->md)
		mesh_i_buf_printf(&r->b, "**Verdict: %s** ", good ? "OK" :
		    "PROBLEM");
	else
		mesh_i_buf_printf(&r->b, "<p class=\"verdict %s\"><span "
		    "class=\"badge\">%s</span> ", good ? "ok" : "bad",
		    good ? "&#10004; OK" : "&#10006; PROBLEM");
	if (r->repl != NULL)
		raw(r, "route graph (who can join): ");
	if (!a->connected) {
		if ((rt = mesh_split_text(a)) == NULL)
			return -1;
		raw(r, "split: ");
		put(r, rt);
		free(rt);
	} else if (a->ncutpoints > 0)
		mesh_i_buf_printf(&r->b, "connected, but %zu single %s of "
		    "failure", a->ncutpoints, plural(a->ncutpoints, "point",
		    "points"));
	else if (a->nnodes < 3)
		mesh_i_buf_printf(&r->b, "connected (%zu %s)", a->nnodes,
		    plural(a->nnodes, "node", "nodes"));
	else if (a->vertex_connectivity < 0)
		raw(r, "connected; no single node's loss splits it");
	else
		mesh_i_buf_printf(&r->b, "connected; survives any %d node %s",
		    a->vertex_connectivity - 1,
		    plural((size_t)a->vertex_connectivity - 1, "failure",
		    "failures"));
	raw(r, r->md ? "\n\n" : "</p>\n");

	table(r, "question|answer");
	row(r);
	text_cell(r, "connected?");
	cell(r);
	if (a->connected)
		raw(r, "yes");
	else
		mesh_i_buf_printf(&r->b, "no: %zu groups", a->ncomponents);
	end_cell(r);
	end_row(r);
	row(r);
	text_cell(r, "single points of failure?");
	cell(r);
	if (a->ncutpoints == 0)
		raw(r, "none");
	else {
		mesh_i_buf_printf(&r->b, "%zu: ", a->ncutpoints);
		for (size_t i = 0; i < a->ncutpoints && i < REVIEW_LIST_MAX;
		    i++) {
			raw(r, i ? ", " : "");
			put(r, r->p->nodes[a->cutpoints[i].node].name);
		}
		if (a->ncutpoints > REVIEW_LIST_MAX)
			mesh_i_buf_printf(&r->b, ", ... and %zu more",
			    a->ncutpoints - REVIEW_LIST_MAX);
	}
	end_cell(r);
	end_row(r);
	row(r);
	text_cell(r, "bridges (links whose loss splits it)?");
	cell(r);
	mesh_i_buf_printf(&r->b, "%zu", a->nbridges);
	end_cell(r);
	end_row(r);
	row(r);
	text_cell(r, "survives any k node failures?");
	cell(r);
	if (a->vertex_connectivity < 0) {
		mesh_i_buf_printf(&r->b, "not computed: exact connectivity "
		    "stops at %zu nodes (%zu here; ", a->connectivity_limit,
		    a->nnodes);
		code(r, "check --connectivity-limit");
		raw(r, " raises it); the single points of failure above are "
		    "exact");
	} else if (!a->connected || a->vertex_connectivity == 0)
		raw(r, "k = 0: it is split already");
	else
		mesh_i_buf_printf(&r->b, "k = %d (vertex connectivity %d, "
		    "edge connectivity %d)", a->vertex_connectivity - 1,
		    a->vertex_connectivity, a->edge_connectivity);
	end_cell(r);
	end_row(r);
	row(r);
	text_cell(r, "size");
	cell(r);
	mesh_i_buf_printf(&r->b, "%zu %s, %zu %s, %zu %s", a->nnodes,
	    plural(a->nnodes, "node", "nodes"), a->nlinks,
	    plural(a->nlinks, "link", "links"), a->nroutes,
	    plural(a->nroutes, "route", "routes"));
	if ((rt = mesh_routes_text(a)) == NULL)
		return -1;
	put(r, rt);
	free(rt);
	if (a->ndown > 0) {
		raw(r, "; down, not counted: ");
		names(r, a->down, a->ndown, a->ndown);
	}
	end_cell(r);
	end_row(r);
	if (not_clustering_row(r) != 0)
		return -1;
	end_table(r);
	return 0;
}

/* What the picture condensed or left out, after it. */
static void
picture_notes(struct rv *r)
{
	const struct mesh_picture_notes *n = &r->notes;

	if (n->condensed) {
		para(r);
		mesh_i_buf_printf(&r->b, "Condensed: %zu nodes are more than "
		    "the %d a picture can show one by one, so it draws ",
		    r->p->nnodes, MESH_PICTURE_NODES_MAX);
		if (n->by_pieces)
			raw(r, "the plan's pieces (no node has a failure-"
			    "domain label to group by)");
		else {
			raw(r, "the failure domains (label ");
			put(r, n->by);
			raw(r, ")");
		}
		raw(r, " as discs whose area grows with their nodes, each "
		    "with its count of nodes and of single points of failure, "
		    "and the links between two of them as one line with their "
		    "count");
		if (r->parts.fix != NULL && r->parts.fix->nroutes > 0)
			raw(r, "; the suggested routes likewise, dashed green");
		raw(r, ". Single nodes, the bridges and the routes are in the "
		    "sections below.");
		if (n->merged > 0)
			mesh_i_buf_printf(&r->b, " The %zu smallest %s are "
			    "merged into one disc, the last, to keep the "
			    "picture to %zu discs.", n->merged, n->by_pieces ?
			    "pieces" : "domains", n->ndomains);
		end_para(r);
		if (n->nunplaced > 0) {
			para(r);
			mesh_i_buf_printf(&r->b, "%zu %s found no room in the "
			    "picture and %s left out.", n->nunplaced,
			    plural(n->nunplaced, "label", "labels"),
			    plural(n->nunplaced, "is", "are"));
			end_para(r);
		}
		return;
	}
	if (n->ndropped > 0) {
		para(r);
		mesh_i_buf_printf(&r->b, "%zu %s found no room beside %s "
		    "node without covering another, so %s left out: ",
		    n->ndropped, plural(n->ndropped, "label", "labels"),
		    plural(n->ndropped, "its", "their"),
		    plural(n->ndropped, "it is", "they are"));
		for (size_t i = 0; i < n->ndropped; i++) {
			raw(r, i ? ", " : "");
			put(r, r->p->nodes[n->dropped[i]].name);
		}
		raw(r, ".");
		end_para(r);
	}
}

static void
topology(struct rv *r, const char *svg)
{
	const char *caption = "Single points of failure are diamonds, "
	    "nodes cut off squares; bridges are thick and dashed; the black "
	    "dot on a link marks the node whose config stores the route.";

	section(r, "topology", "Topology");
	if (r->md) {
		raw(r, "![topology](");
		link(r, r->parts.svg_name ? r->parts.svg_name :
		    "topology.svg");
		raw(r, ")\n\n");
	} else {
		raw(r, "<figure>\n");
		raw(r, svg);
		raw(r, "<figcaption>");
	}
	if (!r->notes.condensed)
		raw(r, caption);
	if (r->notes.ndomains > 0 && !r->notes.by_pieces) {
		raw(r, r->notes.condensed ? "Colours are " : " Colours are ");
		raw(r, "the failure domains, by label ");
		put(r, r->notes.by);
		raw(r, ", named in the legend.");
	}
	if (r->parts.fix != NULL && r->parts.fix->nroutes > 0)
		raw(r, " Dashed green: the routes suggested below (How to fix "
		    "it).");
	raw(r, r->md ? "\n" : "</figcaption>\n</figure>\n");
	if (r->md && (r->notes.condensed || r->notes.ndropped > 0))
		raw(r, "\n");
	picture_notes(r);
}

/* The YAML of a route to node t, in Harper's config, as one line (flow
 * style) for Markdown or as lines for HTML; its host as
 * mesh_i_buf_yaml() writes it. Out of memory fails the report. */
static void
route_yaml(struct rv *r, int t)
{
	const struct mesh_node *to = &r->p->nodes[t];
	struct mesh_i_buf y;
	char *host;

	mesh_i_buf_init(&y);
	mesh_i_buf_yaml(&y, to->host);
	if ((host = mesh_i_buf_take(&y)) == NULL) {
		r->b.failed = 1;
		return;
	}
	if (r->md) {
		raw(r, fence(host, 0));
		raw(r, "- {host: ");
		code_text(r, host);
		mesh_i_buf_printf(&r->b, ", port: %d}", to->port);
		raw(r, fence(host, 1));
	} else {
		raw(r, "<pre>- host: ");
		put(r, host);
		mesh_i_buf_printf(&r->b, "\n  port: %d</pre>", to->port);
	}
	free(host);
}

/* How to fix it: the suggested routes, drawn, listed, and the verdict
 * with them. */
static void
fix(struct rv *r)
{
	const struct mesh_suggestion *s = r->parts.fix;
	size_t i, more;

	section(r, "fix", "How to fix it");
	if (s == NULL) {
		para(r);
		raw(r, "No routes suggested: ");
		put(r, r->parts.fix_why != NULL ? r->parts.fix_why :
		    "not computed.");
		end_para(r);
		return;
	}
	if (s->nroutes == 0) {
		para(r);
		raw(r, "Nothing needs fixing: the plan is connected and no "
		    "single node's loss");
		if (s->domains != NULL) {
			raw(r, ", nor any one ");
			put(r, s->by);
			raw(r, "'s loss,");
		}
		raw(r, " splits it");
		raw(r, r->a->ndown > 0 ? " (the whole plan: the nodes taken "
		    "down are up here)." : ".");
		end_para(r);
		return;
	}
	more = s->nroutes - s->njoins;
	para(r);
	raw(r, "As ");
	if (s->domains != NULL)
		command(r, "meshsim suggest --by ", s->by, "");
	else
		code(r, "meshsim suggest");
	if (s->nroutes == 1)
		raw(r, " proposes: add this route");
	else
		mesh_i_buf_printf(&r->b, " proposes: add %s%zu routes",
		    s->njoins > 0 ? "" : "these ", s->nroutes);
	if (s->njoins > 0)
		mesh_i_buf_printf(&r->b, " (%zu to join the plan's %zu pieces, "
		    "%zu more)", s->njoins, s->njoins + 1, more);
	raw(r, r->a->ndown > 0 ? " to the whole plan (the nodes taken down "
	    "are up here)" : "");
	raw(r, s->nroutes == 1 ? ". It goes" : ". Each goes");
	raw(r, " into the config of the node in the first column, in "
	    "Harper's harperdb-config.yaml under clustering.hubServer"
	    ".cluster.network.routes (in a JSON plan: the node's "
	    "\"routes\").");
	end_para(r);
	table(r, "from (stores the route)|to|address|YAML to add to "
	    "from's config");
	for (i = 0; i < s->nroutes; i++) {
		const struct mesh_suggest_route *rt = &s->routes[i];
		const struct mesh_node *to = &r->p->nodes[rt->to];

		row(r);
		text_cell(r, r->p->nodes[rt->from].name);
		cell(r);
		put(r, to->name);
		if (i < s->njoins)
			raw(r, " (joins pieces)");
		end_cell(r);
		cell(r);
		put(r, to->host);
		mesh_i_buf_printf(&r->b, ":%d", to->port);
		end_cell(r);
		cell(r);
		route_yaml(r, rt->to);
		end_cell(r);
		end_row(r);
	}
	end_table(r);
	para(r);
	if (s->verified) {
		mesh_i_buf_printf(&r->b, "With %s: connected, and no single "
		    "node's loss", s->nroutes == 1 ? "it" : "them");
		if (s->domains != NULL) {
			raw(r, ", nor any one ");
			put(r, s->by);
			raw(r, "'s loss,");
		}
		mesh_i_buf_printf(&r->b, " splits it (checked: the plan with "
		    "%s was analysed again).", s->nroutes == 1 ? "this route" :
		    "these routes");
	} else
		raw(r, "With them the plan was analysed again and still has a "
		    "single point of failure: do not rely on this "
		    "suggestion.");
	if (s->domains != NULL && s->minimal)
		mesh_i_buf_printf(&r->b, " %zu %s the fewest that can do it "
		    "(the lower bound suggest computes).", s->nroutes,
		    plural(s->nroutes, "route is", "routes are"));
	else if (s->domains != NULL)
		mesh_i_buf_printf(&r->b, " At least %zu %s needed; this "
		    "search is greedy and may not find the fewest.",
		    s->lower_bound, s->lower_bound == 1 ? "is" : "are");
	else if (s->minimal)
		mesh_i_buf_printf(&r->b, " %zu %s the fewest that can do "
		    "it%s (max(d-1, ceil(p/2)) = %zu, Eswaran and Tarjan).",
		    more, plural(more, "route is", "routes are"),
		    s->njoins > 0 ? " once joined" : "", s->bound);
	else
		mesh_i_buf_printf(&r->b, " The fewest that could do it is %zu; "
		    "this suggestion does not reach it.", s->bound);
	end_para(r);
}

/* Single points of failure and bridges. Returns 0, or -1 (ENOMEM). */
static int
spofs(struct rv *r)
{
	const struct mesh_analysis *a = r->a;
	size_t i;

	section(r, "spof", "Single points of failure");
	if (a->ncutpoints == 0) {
		para(r);
		raw(r, "No single node's loss splits the plan.");
		end_para(r);
	} else {
		table(r, "node|its loss leaves");
		for (i = 0; i < a->ncutpoints; i++) {
			const struct mesh_cutpoint *cp = &a->cutpoints[i];
			char *t = mesh_cutpoint_text(a, cp);

			if (t == NULL)
				return -1;
			row(r);
			text_cell(r, r->p->nodes[cp->node].name);
			cell(r);
			put(r, t);
			free(t);
			end_cell(r);
			end_row(r);
		}
		end_table(r);
	}
	section(r, "bridges", "Bridges");
	if (a->nbridges == 0) {
		para(r);
		raw(r, "No single link's loss splits the plan.");
		end_para(r);
		return 0;
	}
	table(r, "link");
	for (i = 0; i < a->nbridges; i++) {
		row(r);
		cell(r);
		put(r, r->p->nodes[a->bridges[2 * i]].name);
		raw(r, r->md ? " -- " : " &mdash; ");
		put(r, r->p->nodes[a->bridges[2 * i + 1]].name);
		end_cell(r);
		end_row(r);
	}
	end_table(r);
	return 0;
}

/* The units of set u[0 .. n-1] of sweep sw. */
static void
units(struct rv *r, const struct mesh_sweep *sw, const int *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		raw(r, i ? " + " : "");
		put(r, sw->units->names[u[i]]);
	}
}

/* A sweep's table: per set size, sets tried, those that split, worst. */
static void
sweep_table(struct rv *r, const struct mesh_sweep *sw, const char *what)
{
	int s;

	mesh_i_buf_printf(&r->b, "%s%s failing together, every set of up to "
	    "%d%s:%s", r->md ? "" : "<p>", what, sw->k, r->a->ndown > 0 ?
	    " (in the whole plan: the nodes taken down are up here)" : "",
	    r->md ? "\n\n" : "</p>\n");
	table(r, "set size|sets tried|sets that split it|worst set|nodes it "
	    "cuts off");
	for (s = 1; s <= sw->k; s++) {
		const struct mesh_sweep_size *z = &sw->sizes[s];

		row(r);
		cell(r);
		mesh_i_buf_printf(&r->b, "%d", s);
		end_cell(r);
		cell(r);
		mesh_i_buf_printf(&r->b, "%llu", (unsigned long long)z->tried);
		end_cell(r);
		cell(r);
		mesh_i_buf_printf(&r->b, "%llu", (unsigned long long)z->hit);
		end_cell(r);
		cell(r);
		if (z->worst_units != NULL && z->worst > 0)
			units(r, sw, z->worst_units, (size_t)s);
		else
			raw(r, "none");
		end_cell(r);
		cell(r);
		mesh_i_buf_printf(&r->b, "%zu", z->worst);
		end_cell(r);
		end_row(r);
	}
	end_table(r);
}

static void
sweep(struct rv *r)
{
	const struct mesh_sweep *sw = r->parts.sweep;

	section(r, "sweep", "Sweep: two nodes down");
	if (sw == NULL || !sw->done) {
		para(r);
		raw(r, "Not computed");
		if (r->parts.sweep_cost > 0) {
			mesh_i_buf_printf(&r->b, ": skipped for size: its work "
			    "estimate (%.3g) is above the sweep's budget "
			    "(%.3g); ", r->parts.sweep_cost,
			    MESH_SWEEP_BUDGET);
			code(r, "meshsim sweep --k 2 --force");
			raw(r, " runs it");
		}
		raw(r, ".");
		end_para(r);
		return;
	}
	sweep_table(r, sw, "Nodes");
}

static void
domains(struct rv *r)
{
	const struct mesh_sweep *sw = r->parts.domains;
	size_t d;

	section(r, "domains", "Failure domains");
	if (r->parts.domains_cost > 0) {
		para(r);
		mesh_i_buf_printf(&r->b, "Not computed: skipped for size: the "
		    "sweep of the domains has a work estimate (%.3g) above "
		    "the sweep's budget (%.3g); ", r->parts.domains_cost,
		    MESH_SWEEP_BUDGET);
		command(r, "meshsim sweep --by ", r->by, " --k 1 --force");
		raw(r, " runs it.");
		end_para(r);
		return;
	}
	if (sw == NULL || !sw->done || !sw->by_found) {
		para(r);
		raw(r, "No node has a ");
		put(r, r->by);
		raw(r, " label: no failure domains beyond the hosts.");
		end_para(r);
		return;
	}
	table(r, "domain|nodes");
	for (d = 0; d < sw->units->n; d++) {
		size_t n = sw->units->start[d + 1] - sw->units->start[d];

		row(r);
		text_cell(r, sw->units->names[d]);
		cell(r);
		mesh_i_buf_printf(&r->b, "%zu: ", n);
		names(r, sw->units->nodes + sw->units->start[d], n, n);
		end_cell(r);
		end_row(r);
	}
	end_table(r);
	sweep_table(r, sw, "Domains");
}

static void
availability(struct rv *r)
{
	const struct mesh_availability *av = r->parts.availability;

	section(r, "availability", "Availability estimate");
	if (av == NULL) {
		para(r);
		if (r->parts.availability_cost > 0) {
			mesh_i_buf_printf(&r->b, "Not computed: skipped for "
			    "size: its work estimate (%.3g) is above the "
			    "budget (%.3g) of ", r->parts.availability_cost,
			    MESH_AVAIL_BUDGET);
			code(r, "meshsim availability");
			raw(r, ", which runs it with --force.");
		} else
			raw(r, r->p->nnodes == 0 ? "Not computed: the plan has "
			    "no nodes." : "Not computed.");
		end_para(r);
		return;
	}
	para(r);
	mesh_i_buf_printf(&r->b, "With each node up with probability %.6g "
	    "(%zu of %zu %s use this default), in %llu random trials "
	    "(seed %llu)%s:", av->default_availability, av->nusing_default,
	    av->nnodes, plural(av->nnodes, "node", "nodes"),
	    (unsigned long long)av->trials, (unsigned long long)av->seed,
	    r->a->ndown > 0 ? ", in the whole plan" : "");
	end_para(r);
	table(r, "measure|estimate|exact");
	row(r);
	text_cell(r, "the up nodes are all connected");
	cell(r);
	mesh_i_buf_printf(&r->b, "%.6f (95%%: %.6f to %.6f)",
	    av->probability_connected, av->ci95_low, av->ci95_high);
	end_cell(r);
	cell(r);
	if (av->has_exact)
		mesh_i_buf_printf(&r->b, "%.6f", av->exact.probability_connected);
	else
		mesh_i_buf_printf(&r->b, "not computed: exact enumeration stops "
		    "at %d nodes (%zu here); see the estimate",
		    MESH_AVAIL_EXACT_MAX, av->nnodes);
	end_cell(r);
	end_row(r);
	row(r);
	text_cell(r, "up nodes cut off, on average");
	cell(r);
	mesh_i_buf_printf(&r->b, "%.6f", av->expected_cut_off);
	end_cell(r);
	cell(r);
	if (av->has_exact)
		mesh_i_buf_printf(&r->b, "%.6f", av->exact.expected_cut_off);
	else
		mesh_i_buf_printf(&r->b, "not computed (above %d nodes, as "
		    "above)", MESH_AVAIL_EXACT_MAX);
	end_cell(r);
	end_row(r);
	row(r);
	text_cell(r, "every node up");
	cell(r);
	mesh_i_buf_printf(&r->b, "%.6f", av->probability_whole);
	end_cell(r);
	cell(r);
	if (av->has_exact)
		mesh_i_buf_printf(&r->b, "%.6f", av->exact.probability_whole);
	else
		mesh_i_buf_printf(&r->b, "not computed (above %d nodes, as "
		    "above)", MESH_AVAIL_EXACT_MAX);
	end_cell(r);
	end_row(r);
	end_table(r);
}

/* The restart hazards of the live mesh. Returns 0, or -1 (ENOMEM). */
static int
hazards(struct rv *r)
{
	const struct mesh_analysis *a = r->a;
	size_t *first = NULL, i, k = 0, nstranded = 0;
	int *strands = NULL, *stranded = NULL;

	section(r, "hazards", "Restart hazards of the live mesh");
	if (mesh_restart_hazards(r->p, a->is_down, &first, &strands) !=
	    MESH_OK || mesh_stranded(r->p, a->is_down, &stranded,
	    &nstranded) != MESH_OK) {
		free(first);
		free(strands);
		return -1;
	}
	para(r);
	raw(r, "The running mesh is a full mesh, but a node that restarts "
	    "dials only its own routes and is dialled only by the nodes "
	    "whose routes name it.");
	end_para(r);
	for (i = 0; i < a->nnodes; i++) {
		int v = a->by_name[i];
		size_t n = first[v + 1] - first[v];

		if (n == 0)
			continue;
		if (k++ == 0)
			table(r, "while this node is down|these would stay "
			    "alone if they restarted");
		row(r);
		text_cell(r, r->p->nodes[v].name);
		cell(r);
		names(r, strands + first[v], n, n);
		end_cell(r);
		end_row(r);
	}
	if (k > 0)
		end_table(r);
	else {
		para(r);
		mesh_i_buf_printf(&r->b, "None: whichever %snode goes down, any "
		    "node that restarts still finds a route neighbour up.",
		    a->ndown > 0 ? "other " : "");
		end_para(r);
	}
	if (nstranded > 0) {
		para(r);
		raw(r, "Stranded now (every route neighbour down: alone if "
		    "they restart): ");
		names(r, stranded, nstranded, nstranded);
		end_para(r);
	}
	free(first);
	free(strands);
	free(stranded);
	return 0;
}

/* One verdict line of the replication model. */
static void
repl_line(struct rv *r, const char *what, int good, const char *text)
{
	if (r->md)
		mesh_i_buf_printf(&r->b, "**Verdict (%s): %s** ", what,
		    good ? "OK" : "PROBLEM");
	else
		mesh_i_buf_printf(&r->b, "<p class=\"verdict %s\"><span "
		    "class=\"badge\">%s</span> %s: ", good ? "ok" : "bad",
		    good ? "&#10004; OK" : "&#10006; PROBLEM", what);
	put(r, text);
	raw(r, r->md ? "\n\n" : "</p>\n");
}

/* The replication model's two verdicts, before the route graph's.
 * Returns 0, or -1 (ENOMEM). */
static int
repl_verdicts(struct rv *r)
{
	char *run = mesh_replication_running_text(r->repl);
	char *join = mesh_replication_joining_text(r->repl);

	if (run == NULL || join == NULL) {
		free(run);
		free(join);
		return -1;
	}
	repl_line(r, "running cluster, replication",
	    mesh_replication_running_ok(r->repl), run);
	repl_line(r, "joining", mesh_replication_joining_ok(r->repl), join);
	para(r);
	raw(r, "Model: replication (Harper 4.4+). A formed cluster is a full "
	    "mesh of its members, and members that restart reconnect from "
	    "their node tables. The route graph, whose verdict follows, "
	    "decides who can join, or rejoin with an empty node table.");
	end_para(r);
	free(run);
	free(join);
	return 0;
}

/* Join dependencies of the replication model, in place of the restart
 * hazards of the live mesh. */
static void
repl_dependencies(struct rv *r)
{
	const struct mesh_replication *m = r->repl;
	size_t i;

	section(r, "joining", "Join dependencies (replication)");
	if (m->ncannot_join > 0) {
		para(r);
		raw(r, "Cannot join now (no route path to the cluster): ");
		names(r, m->cannot_join, m->ncannot_join, m->ncannot_join);
		end_para(r);
	}
	if (m->ndeps == 0) {
		para(r);
		raw(r, "No join dependency: no single node's loss keeps "
		    "another node from joining.");
		end_para(r);
		return;
	}
	table(r, "while this node is down|these cannot join, or rejoin "
	    "with an empty node table");
	for (i = 0; i < m->ndeps; i++) {
		const struct mesh_repl_dependency *d = &m->deps[i];

		row(r);
		text_cell(r, r->p->nodes[d->node].name);
		cell(r);
		names(r, m->names + d->first, d->nlisted, d->size);
		end_cell(r);
		end_row(r);
	}
	end_table(r);
}

static const char *
severity(enum mesh_severity s)
{
	return s == MESH_ERROR ? "error" : s == MESH_WARNING ? "warning" :
	    "note";
}

static void
diagnostics(struct rv *r)
{
	const struct mesh_diags *d = r->diags;
	size_t i;

	section(r, "diagnostics", "Diagnostics");
	if (d == NULL || d->n == 0) {
		para(r);
		raw(r, "None: the plan reads cleanly.");
		end_para(r);
		return;
	}
	table(r, "severity|code|where|message");
	for (i = 0; i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		row(r);
		text_cell(r, severity(g->severity));
		text_cell(r, g->code);
		cell(r);
		if (g->file != NULL)
			put(r, g->file);
		if (g->line > 0)
			mesh_i_buf_printf(&r->b, ":%d:%d", g->line, g->column);
		if (g->node != NULL) {
			raw(r, g->file != NULL ? " (node " : "node ");
			put(r, g->node);
			raw(r, g->file != NULL ? ")" : "");
		}
		end_cell(r);
		text_cell(r, g->message);
		end_row(r);
	}
	end_table(r);
}

/* The table of routes per node, by name. Returns 0, or -1 (ENOMEM). */
static int
routes(struct rv *r)
{
	const struct mesh_plan *p = r->p;
	int *order;
	size_t i, j;

	section(r, "routes", "Routes per node");
	if ((order = malloc((p->nnodes ? p->nnodes : 1) *
	    sizeof(*order))) == NULL)
		return -1;
	for (i = 0; i < p->nnodes; i++)
		order[i] = (int)i;
	if (mesh_plan_sort_nodes(p, order, p->nnodes) != 0) {
		free(order);
		return -1;
	}
	table(r, "node|address|routes stored|usable|routes to");
	for (i = 0; i < p->nnodes; i++) {
		const struct mesh_node *n = &p->nodes[order[i]];

		row(r);
		cell(r);
		put(r, n->name);
		if (r->a->is_down[order[i]])
			raw(r, " (down)");
		end_cell(r);
		cell(r);
		put(r, n->host);
		mesh_i_buf_printf(&r->b, ":%d", n->port);
		end_cell(r);
		cell(r);
		mesh_i_buf_printf(&r->b, "%zu", n->nroutes);
		end_cell(r);
		cell(r);
		mesh_i_buf_printf(&r->b, "%zu", r->a->stored[order[i]]);
		end_cell(r);
		cell(r);
		for (j = 0; j < n->nroutes && j < REVIEW_LIST_MAX; j++) {
			int t = n->routes[j].target;

			raw(r, j ? ", " : "");
			if (t >= 0)
				put(r, p->nodes[t].name);
			else {
				put(r, n->routes[j].host);
				mesh_i_buf_printf(&r->b, ":%d (no link)",
				    n->routes[j].port);
			}
		}
		if (n->nroutes > j)
			mesh_i_buf_printf(&r->b, ", ... and %zu more",
			    n->nroutes - j);
		if (n->nroutes == 0)
			raw(r, "none stored");
		end_cell(r);
		end_row(r);
	}
	end_table(r);
	free(order);
	return 0;
}

/* The stamp: what made the report, from which plan, when. Returns 0,
 * or -1 when out of memory. */
static int
stamp(struct rv *r)
{
	char fp[MESH_FINGERPRINT_SIZE], when[32];
	time_t t = (time_t)r->parts.when;
	struct tm tm;

	if (mesh_plan_fingerprint(r->p, fp) != MESH_OK)
		return -1;
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(when, "(date out of range)");
	if (r->md) {
		mesh_i_buf_printf(&r->b, "Made by meshsim %s on %s%s; plan "
		    "fingerprint `%s`\n\n", MESH_VERSION, when,
		    r->parts.when_fixed ? " (SOURCE_DATE_EPOCH)" : "", fp);
		return 0;
	}
	mesh_i_buf_printf(&r->b, "<p class=\"stamp\">Made by <span "
	    "class=\"version\">meshsim %s</span> on <time datetime=\"%s\">"
	    "%s</time>%s; plan fingerprint <code class=\"fingerprint\">%s"
	    "</code></p>\n", MESH_VERSION, when, when,
	    r->parts.when_fixed ? " (SOURCE_DATE_EPOCH)" : "", fp);
	return 0;
}

/* The picture's options for parts; pairs (2 per route, the caller frees
 * them) are the fix's routes. Returns 0, or -1 when out of memory. */
static int
picture_options(const struct mesh_review_parts *parts,
    struct mesh_picture_options *o, int **pairs)
{
	const struct mesh_suggestion *s = parts->fix;
	size_t i;

	memset(o, 0, sizeof(*o));
	*pairs = NULL;
	o->by = parts->by != NULL ? parts->by : "zone";
	if (s == NULL || s->nroutes == 0)
		return 0;
	if ((*pairs = malloc(2 * s->nroutes * sizeof(**pairs))) == NULL)
		return -1;
	for (i = 0; i < s->nroutes; i++) {
		(*pairs)[2 * i] = s->routes[i].from;
		(*pairs)[2 * i + 1] = s->routes[i].to;
	}
	o->fix = *pairs;
	o->nfix = s->nroutes;
	return 0;
}

/* The report's picture, with its notes (free them with
 * mesh_picture_notes_free()). Returns as mesh_picture_draw(). */
static enum mesh_error
picture(const struct mesh_analysis *a, const struct mesh_review_parts *parts,
    char **svg, struct mesh_picture_notes *notes)
{
	struct mesh_picture_options o;
	enum mesh_error err;
	int *pairs;

	*svg = NULL;
	memset(notes, 0, sizeof(*notes));
	if (picture_options(parts, &o, &pairs) != 0)
		return MESH_ENOMEM;
	err = mesh_picture_draw(a, &o, svg, notes);
	free(pairs);
	return err;
}

enum mesh_error
mesh_review_picture(const struct mesh_analysis *a,
    const struct mesh_review_parts *parts, char **svg)
{
	struct mesh_review_parts none;
	struct mesh_picture_notes notes;
	enum mesh_error err;

	if (parts == NULL) {
		memset(&none, 0, sizeof(none));
		parts = &none;
	}
	err = picture(a, parts, svg, &notes);
	mesh_picture_notes_free(&notes);
	return err;
}

static const char css[] =
    ":root{color-scheme:light}\n"
    "body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;"
    "max-width:60rem;padding:1rem;color:#111;background:#fff}\n"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;"
    "border-bottom:2px solid #0072B2;margin-top:2rem}\n"
    ".file,.stamp{color:#444;margin-top:0}\n"
    ".stamp{font-size:.9rem}\n"
    "td pre{margin:0}\n"
    ".verdict{font-size:1.15rem;padding:.6rem .8rem;border:3px solid}\n"
    ".verdict.ok{border-color:#0072B2;border-style:solid}\n"
    ".verdict.bad{border-color:#D55E00;border-style:dashed}\n"
    ".badge{font-weight:bold;margin-right:.4rem}\n"
    "figure{margin:0}figure svg{width:100%;height:auto;max-width:720px;"
    "display:block}\n"
    "figcaption{color:#333;font-size:.9rem}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;margin:.5rem 0}\n"
    "th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#eee}\n"
    "@media (max-width:600px){body{padding:.5rem;font-size:15px}"
    "th,td{padding:.2rem .3rem}}\n"
    "@media print{body{max-width:none;padding:0}h2{break-after:avoid}"
    "figure,tr{break-inside:avoid}.scroll{overflow:visible}"
    "th{background:none}}\n";

/* The whole report; returns MESH_OK, MESH_ENOMEM or MESH_EGRAPH. */
static enum mesh_error
review(const struct mesh_analysis *a, const struct mesh_diags *diags,
    const struct mesh_review_parts *parts, int md, char **out)
{
	struct rv r;
	struct mesh_i_tick tick;
	char *svg = NULL;
	enum mesh_error err = MESH_OK;
	const char *name;
	uint64_t step = 0;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	mesh_i_buf_init(&r.b);
	r.md = md;
	r.a = a;
	r.p = a->plan;
	r.diags = diags;
	if (parts != NULL)
		r.parts = *parts;
	r.by = r.parts.by != NULL ? r.parts.by : "zone";
	if (r.p->cluster == MESH_CLUSTER_HARPER_REPLICATION &&
	    (err = mesh_replication_analyze(r.p, a->is_down, &r.repl)) !=
	    MESH_OK)
		goto done;
	name = r.p->name ? r.p->name : "(unnamed plan)";
	mesh_i_tick_start(&tick, r.parts.progress, "report", REVIEW_STEPS);
	if ((err = picture(a, &r.parts, &svg, &r.notes)) != MESH_OK)
		goto done;
	mesh_i_tick_to(&tick, ++step);
	if (md) {
		raw(&r, "# meshsim report: ");
		put(&r, name);
		raw(&r, "\n\n");
		if (r.p->file != NULL) {
			raw(&r, "Plan file: ");
			put(&r, r.p->file);
			raw(&r, "\n\n");
		}
		if (stamp(&r) != 0) {
			err = MESH_ENOMEM;
			goto done;
		}
		raw(&r, "## Verdict\n\n");
	} else {
		raw(&r, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\">\n"
		    "<title>meshsim report: ");
		put(&r, name);
		raw(&r, "</title>\n<style>\n");
		raw(&r, css);
		raw(&r, "</style>\n</head>\n<body>\n<main>\n"
		    "<h1>meshsim report: ");
		put(&r, name);
		raw(&r, "</h1>\n");
		if (r.p->file != NULL) {
			raw(&r, "<p class=\"file\">plan file: ");
			put(&r, r.p->file);
			raw(&r, "</p>\n");
		}
		if (stamp(&r) != 0) {
			err = MESH_ENOMEM;
			goto done;
		}
		raw(&r, "<section id=\"verdict\">\n<h2>Verdict</h2>\n");
	}
	if (r.repl != NULL && repl_verdicts(&r) != 0) {
		err = MESH_ENOMEM;
		goto done;
	}
	if (verdict(&r) != 0) {
		err = MESH_ENOMEM;
		goto done;
	}
	mesh_i_tick_to(&tick, ++step);
	topology(&r, svg);
	mesh_i_tick_to(&tick, ++step);
	if (spofs(&r) != 0) {
		err = MESH_ENOMEM;
		goto done;
	}
	mesh_i_tick_to(&tick, ++step);
	fix(&r);
	mesh_i_tick_to(&tick, ++step);
	sweep(&r);
	mesh_i_tick_to(&tick, ++step);
	domains(&r);
	mesh_i_tick_to(&tick, ++step);
	availability(&r);
	mesh_i_tick_to(&tick, ++step);
	if (r.repl != NULL)
		repl_dependencies(&r);
	else if (hazards(&r) != 0) {
		err = MESH_ENOMEM;
		goto done;
	}
	mesh_i_tick_to(&tick, ++step);
	diagnostics(&r);
	mesh_i_tick_to(&tick, ++step);
	if (routes(&r) != 0) {
		err = MESH_ENOMEM;
		goto done;
	}
	mesh_i_tick_to(&tick, ++step);
	if (!md)
		raw(&r, "</section>\n</main>\n</body>\n</html>\n");
	if ((*out = mesh_i_buf_take(&r.b)) == NULL)
		err = MESH_ENOMEM;
	else
		mesh_i_tick_end(&tick);
done:
	mesh_replication_free(r.repl);
	mesh_picture_notes_free(&r.notes);
	free(svg);
	mesh_i_buf_free(&r.b);
	return err;
}

enum mesh_error
mesh_review_html(const struct mesh_analysis *a,
    const struct mesh_diags *diags, const struct mesh_review_parts *parts,
    char **out)
{
	return review(a, diags, parts, 0, out);
}

enum mesh_error
mesh_review_markdown(const struct mesh_analysis *a,
    const struct mesh_diags *diags, const struct mesh_review_parts *parts,
    char **out)
{
	return review(a, diags, parts, 1, out);
}
