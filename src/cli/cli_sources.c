/* cli_sources.c: where each route of a plan read from configs comes from: check's JSON "route_sources" and the --explain text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "cli/cli.h"
#include "model/settings.h"
#include "out/json_writer.h"

/* Whether some route of p names its source. */
static int
any_source(const struct mesh_plan *p)
{
	size_t i, j;

	for (i = 0; i < p->nnodes; i++)
		for (j = 0; j < p->nodes[i].nroutes; j++)
			if (mesh_plan_route_source(p, (int)i, j) != NULL)
				return 1;
	return 0;
}

/* A source {"file", "line", "column", "via"} under key, on one line. */
static void
json_source(struct mesh_i_jw *w, const char *key, const char *file,
    int line, int column, const char *via)
{
	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	mesh_i_jw_string_or_null(w, "file", file);
	mesh_i_jw_int(w, "line", line);
	mesh_i_jw_int(w, "column", column);
	mesh_i_jw_string_or_null(w, "via", via);
	mesh_i_jw_end(w);
}

/* The "route_sources" list, a route a line, as a member of the report's
 * top-level object whose key b ends in. */
static void
json_routes(struct mesh_i_buf *b, const struct mesh_plan *p)
{
	const struct mesh_i_setting *st;
	const struct mesh_source *src;
	const struct mesh_route *rt;
	struct mesh_i_jw w;
	size_t i, j, k, ns;

	mesh_i_jw_init(&w, b, MESH_I_JW_G12);
	mesh_i_jw_inside(&w, 1);
	mesh_i_jw_array(&w, NULL, MESH_I_JW_LINES);
	for (i = 0; i < p->nnodes; i++) {
		ns = mesh_i_plan_settings(p, (int)i, &st);
		for (j = 0; j < p->nodes[i].nroutes; j++) {
			rt = &p->nodes[i].routes[j];
			src = mesh_plan_route_source(p, (int)i, j);
			mesh_i_jw_object(&w, NULL, MESH_I_JW_INLINE);
			mesh_i_jw_string(&w, "from", p->nodes[i].name);
			mesh_i_jw_string_or_null(&w, "to", rt->target >= 0 ?
			    p->nodes[rt->target].name : NULL);
			mesh_i_jw_string(&w, "host", rt->host);
			mesh_i_jw_int(&w, "port", rt->port);
			json_source(&w, "source", src ? src->file : p->file,
			    rt->line, rt->column, src ? src->via : NULL);
			mesh_i_jw_array(&w, "overrides", MESH_I_JW_INLINE);
			for (k = 0; k < ns; k++)
				if (st[k].routes && !st[k].won)
					json_source(&w, NULL, st[k].file,
					    st[k].line, st[k].column,
					    st[k].via);
			mesh_i_jw_end(&w);
			mesh_i_jw_end(&w);
		}
	}
	mesh_i_jw_end(&w);
}

char *
cli_sources_json(const struct mesh_plan *p, char *json)
{
	const char *at, *next;
	struct mesh_i_buf b;

	if (json == NULL || !any_source(p))
		return json;
	/* Before the top-level "diagnostics", the last key (as
	 * cli_apply_json()). */
	for (at = NULL, next = json; (next = strstr(next,
	    "\n  \"diagnostics\": ")) != NULL; next++)
		at = next;
	if (at == NULL) {
		free(json);
		return NULL;
	}
	mesh_i_buf_init(&b);
	mesh_i_buf_add(&b, json, (size_t)(at - json) + 1);
	mesh_i_buf_puts(&b, "  \"route_sources\": ");
	json_routes(&b, p);
	mesh_i_buf_puts(&b, ",");
	mesh_i_buf_puts(&b, at);
	free(json);
	return mesh_i_buf_take(&b);
}

/* qsort: node indices by name. */
static const struct mesh_plan *sort_plan;

static int
by_name(const void *a, const void *b)
{
	return strcmp(sort_plan->nodes[*(const size_t *)a].name,
	    sort_plan->nodes[*(const size_t *)b].name);
}

/* "FILE:LINE:COLUMN (VIA)" into out. */
static void
put_where(FILE *out, const char *file, int line, int column,
    const char *via)
{
	cli_printf(out, "%s", file ? file : "-");
	if (line > 0)
		cli_printf(out, ":%d:%d", line, column);
	cli_printf(out, " (%s)", via ? via : "the plan");
}

int
cli_sources_text(FILE *out, const struct mesh_plan *p)
{
	const struct mesh_i_setting *st;
	const struct mesh_source *src;
	const struct mesh_route *rt;
	size_t i, j, k, x, ns, *order;
	const char *key;

	if ((order = malloc((p->nnodes ? p->nnodes : 1) *
	    sizeof(*order))) == NULL)
		return -1;
	for (i = 0; i < p->nnodes; i++)
		order[i] = i;
	sort_plan = p;
	qsort(order, p->nnodes, sizeof(*order), by_name);
	cli_printf(out, "\nwhere the routes come from:\n");
	for (x = 0; x < p->nnodes; x++) {
		i = order[x];
		cli_printf(out, "  %s:\n", p->nodes[i].name);
		if (p->nodes[i].nroutes == 0)
			cli_printf(out, "    no routes\n");
		for (j = 0; j < p->nodes[i].nroutes; j++) {
			rt = &p->nodes[i].routes[j];
			src = mesh_plan_route_source(p, (int)i, j);
			cli_printf(out, "    route to %s:%d ", rt->host,
			    rt->port);
			if (rt->target >= 0)
				cli_printf(out, "(%s): ",
				    p->nodes[rt->target].name);
			else
				cli_printf(out, "(no node there): ");
			put_where(out, src ? src->file : p->file, rt->line,
			    rt->column, src ? src->via : NULL);
			fputc('\n', out);
		}
		/* Each key several sources set: the winner, then the rest
		 * in the order applied. */
		ns = mesh_i_plan_settings(p, (int)i, &st);
		for (k = 0; k < ns; k++) {
			key = st[k].key;
			for (j = 0; j < k && strcmp(st[j].key, key) != 0; j++)
				continue;
			if (j < k)
				continue;       /* shown at its first */
			cli_printf(out, "    %s, set by several sources:\n",
			    key);
			for (j = k; j < ns; j++)
				if (strcmp(st[j].key, key) == 0 && st[j].won) {
					cli_printf(out, "      won:  ");
					put_where(out, st[j].file, st[j].line,
					    st[j].column, st[j].via);
					fputc('\n', out);
				}
			for (j = k; j < ns; j++)
				if (strcmp(st[j].key, key) == 0 &&
				    !st[j].won) {
					cli_printf(out, "      lost: ");
					put_where(out, st[j].file, st[j].line,
					    st[j].column, st[j].via);
					fputc('\n', out);
				}
		}
	}
	free(order);
	return ferror(out) ? -1 : 0;
}
