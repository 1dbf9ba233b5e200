/* drawing.c: the topology drawn: a deterministic igraph layout, and SVG or Graphviz DOT with single points of failure and bridges marked. */
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/igraph_glue.h"
#include "meshsim/picture.h"
#include "base/map.h"
#include "base/util.h"

/* The drawing area of the SVG, and the legend below it. */
#define PIC_W 720.0
#define PIC_MARGIN 48.0
#define PIC_PLOT_H 480.0
#define PIC_LEGEND_H 170.0
#define PIC_R 14.0              /* node radius */

/* Okabe-Ito colours. */
#define C_NODE "#56B4E9"        /* sky blue */
#define C_SPOF "#E69F00"        /* orange */
#define C_CUTOFF "#CC79A7"      /* reddish purple */
#define C_LINK "#0072B2"        /* blue */
#define C_BRIDGE "#D55E00"      /* vermillion */
#define C_DOWN "#999999"        /* grey */

/* Link flags. */
#define L_LOW_STORES 1          /* the lower-indexed end stores the route */
#define L_HIGH_STORES 2
#define L_BRIDGE 4
#define L_DOWN 8                /* an end is down */

/* Node kinds. */
enum kind { K_NODE, K_SPOF, K_CUTOFF, K_DOWN };

/* Round to 3 decimals so that the bytes do not hang on the last bits. */
static double
round3(double v)
{
	return floor(v * 1000.0 + 0.5) / 1000.0;
}

/* A circle of n points in [0, 1], the first at the top. */
static void
circle(double *xy, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		double t = n > 1 ? 2.0 * M_PI * (double)i / (double)n : 0;

		xy[2 * i] = n > 1 ? 0.5 + 0.5 * sin(t) : 0.5;
		xy[2 * i + 1] = n > 1 ? 0.5 - 0.5 * cos(t) : 0.5;
	}
}

/* What kamada_kawai() works on, for mesh_i_igraph_call(). */
struct layout {
	const struct mesh_plan *plan;
	double *xy;
	igraph_vector_int_t edges;
	igraph_matrix_t res;
	igraph_t g;
	int have_edges, have_g, have_res;
};

/* The igraph calls of kamada_kawai(). */
static enum mesh_error
layout_steps(void *ctx)
{
	struct layout *l = ctx;
	const struct mesh_plan *plan = l->plan;
	igraph_error_t e;
	size_t i, n = plan->nnodes;

	if ((e = igraph_vector_int_init(&l->edges, (igraph_integer_t)(2 *
	    plan->nlinks))) != IGRAPH_SUCCESS)
		return mesh_i_igraph_error(e);
	l->have_edges = 1;
	for (i = 0; i < 2 * plan->nlinks; i++)
		VECTOR(l->edges)[i] = plan->links[i];
	if ((e = igraph_create(&l->g, &l->edges, (igraph_integer_t)n,
	    IGRAPH_UNDIRECTED)) != IGRAPH_SUCCESS)
		return mesh_i_igraph_error(e);
	l->have_g = 1;
	if ((e = igraph_matrix_init(&l->res, 0, 0)) != IGRAPH_SUCCESS)
		return mesh_i_igraph_error(e);
	l->have_res = 1;
	if ((e = igraph_layout_kamada_kawai(&l->g, &l->res, 0,
	    (igraph_integer_t)(50 * n), 0.0, (igraph_real_t)n, NULL, NULL,
	    NULL, NULL, NULL)) != IGRAPH_SUCCESS)
		return mesh_i_igraph_error(e);
	for (i = 0; i < n; i++) {
		l->xy[2 * i] = MATRIX(l->res, (igraph_integer_t)i, 0);
		l->xy[2 * i + 1] = MATRIX(l->res, (igraph_integer_t)i, 1);
	}
	return MESH_OK;
}

/* Kamada-Kawai from a circle; returns MESH_OK, MESH_ENOMEM or
 * MESH_EGRAPH. */
static enum mesh_error
kamada_kawai(const struct mesh_plan *plan, double *xy)
{
	struct layout l;
	enum mesh_error err;

	memset(&l, 0, sizeof(l));
	l.plan = plan;
	l.xy = xy;
	err = mesh_i_igraph_call(layout_steps, &l);
	if (l.have_res)
		igraph_matrix_destroy(&l.res);
	if (l.have_g)
		igraph_destroy(&l.g);
	if (l.have_edges)
		igraph_vector_int_destroy(&l.edges);
	return err;
}

enum mesh_error
mesh_picture_layout(const struct mesh_plan *plan, double **xy)
{
	double *p, minx, maxx, miny, maxy, s, ox, oy;
	enum mesh_error err;
	size_t i, n = plan->nnodes;

	*xy = NULL;
	if ((p = calloc(n ? 2 * n : 1, sizeof(*p))) == NULL)
		return MESH_ENOMEM;
	if (n <= 3 || n > MESH_PICTURE_KK_MAX) {
		circle(p, n);
	} else if ((err = kamada_kawai(plan, p)) != MESH_OK) {
		free(p);
		return err;
	}
	if (n > 0) {
		minx = maxx = p[0];
		miny = maxy = p[1];
		for (i = 1; i < n; i++) {
			minx = fmin(minx, p[2 * i]);
			maxx = fmax(maxx, p[2 * i]);
			miny = fmin(miny, p[2 * i + 1]);
			maxy = fmax(maxy, p[2 * i + 1]);
		}
		/* One scale for both axes, centred. */
		s = fmax(maxx - minx, maxy - miny);
		if (!(s > 0))
			s = 1;
		ox = (1 - (maxx - minx) / s) / 2;
		oy = (1 - (maxy - miny) / s) / 2;
		for (i = 0; i < n; i++) {
			p[2 * i] = round3(ox + (p[2 * i] - minx) / s);
			p[2 * i + 1] = round3(oy + (p[2 * i + 1] - miny) / s);
		}
	}
	*xy = p;
	return MESH_OK;
}

/* What the drawings share: node kinds and link flags. */
struct scene {
	const struct mesh_analysis *a;
	enum kind *kind;        /* per plan node */
	int *flags;             /* per plan link */
	double *xy;             /* SVG only: pixel coordinates */
};

static void
scene_free(struct scene *s)
{
	free(s->kind);
	free(s->flags);
	free(s->xy);
}

/* The link index of (u, v) in the map, or -1. */
static int
link_of(const struct mesh_plan *p, const struct mesh_i_map *m, int u, int v)
{
	if (u > v) {
		int t = u;

		u = v;
		v = t;
	}
	return mesh_i_map_get(m, p->nodes[u].name, v);
}

/* Fill the scene. Returns MESH_OK or MESH_ENOMEM (s is then freed). */
static enum mesh_error
scene_init(struct scene *s, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;
	struct mesh_i_map m;
	size_t i, j;
	int l;

	memset(s, 0, sizeof(*s));
	s->a = a;
	mesh_i_map_init(&m);
	s->kind = calloc(p->nnodes ? p->nnodes : 1, sizeof(*s->kind));
	s->flags = calloc(p->nlinks ? p->nlinks : 1, sizeof(*s->flags));
	if (s->kind == NULL || s->flags == NULL)
		goto fail;
	for (i = 0; i < p->nlinks; i++)
		if (mesh_i_map_put(&m, p->nodes[p->links[2 * i]].name,
		    p->links[2 * i + 1], (int)i) == -2)
			goto fail;
	for (i = 0; i < p->nnodes; i++)
		s->kind[i] = a->is_down[i] ? K_DOWN : K_NODE;
	for (i = 0; i < a->ncut_off; i++)
		s->kind[a->cut_off[i]] = K_CUTOFF;
	for (i = 0; i < a->ncutpoints; i++)
		s->kind[a->cutpoints[i].node] = K_SPOF;
	for (i = 0; i < p->nnodes; i++)
		for (j = 0; j < p->nodes[i].nroutes; j++) {
			int t = p->nodes[i].routes[j].target;

			if (t < 0 || t == (int)i ||
			    (l = link_of(p, &m, (int)i, t)) < 0)
				continue;
			s->flags[l] |= (int)i < t ? L_LOW_STORES :
			    L_HIGH_STORES;
		}
	for (i = 0; i < a->nbridges; i++)
		if ((l = link_of(p, &m, a->bridges[2 * i],
		    a->bridges[2 * i + 1])) >= 0)
			s->flags[l] |= L_BRIDGE;
	for (i = 0; i < p->nlinks; i++)
		if (a->is_down[p->links[2 * i]] ||
		    a->is_down[p->links[2 * i + 1]])
			s->flags[i] |= L_DOWN;
	mesh_i_map_free(&m);
	return MESH_OK;
fail:
	mesh_i_map_free(&m);
	scene_free(s);
	return MESH_ENOMEM;
}

/* A coordinate, one decimal, never "-0.0". */
static void
put_num(struct mesh_i_buf *b, double v)
{
	v = floor(v * 10.0 + 0.5) / 10.0;
	if (v == 0)
		v = 0;
	mesh_i_buf_printf(b, "%.1f", v);
}

/* before, x, sep, y: a point and what comes before it. */
static void
put_xy(struct mesh_i_buf *b, const char *before, double x, const char *sep,
    double y)
{
	mesh_i_buf_puts(b, before);
	put_num(b, x);
	mesh_i_buf_puts(b, sep);
	put_num(b, y);
}

/* A node's mark at (x, y). */
static void
svg_mark(struct mesh_i_buf *b, enum kind k, double x, double y)
{
	double r = PIC_R;

	switch (k) {
	case K_SPOF:
		put_xy(b, "<polygon class=\"spof\" points=\"", x, ",",
		    y - r - 4);
		put_xy(b, " ", x + r + 4, ",", y);
		put_xy(b, " ", x, ",", y + r + 4);
		put_xy(b, " ", x - r - 4, ",", y);
		mesh_i_buf_printf(b, "\" fill=\"%s\" stroke=\"#000\" "
		    "stroke-width=\"2\"/>\n", C_SPOF);
		break;
	case K_CUTOFF:
		put_xy(b, "<rect class=\"cutoff\" x=\"", x - r,
		    "\" y=\"", y - r);
		mesh_i_buf_printf(b, "\" width=\"%.1f\" height=\"%.1f\" "
		    "fill=\"%s\" stroke=\"#000\" stroke-width=\"2\"/>\n",
		    2 * r, 2 * r, C_CUTOFF);
		break;
	case K_DOWN:
		put_xy(b, "<g class=\"down\"><circle cx=\"", x, "\" cy=\"", y);
		mesh_i_buf_printf(b, "\" r=\"%.1f\" fill=\"#fff\" stroke=\"%s\" "
		    "stroke-width=\"2\" stroke-dasharray=\"3 3\"/>"
		    "<path d=\"M", r, C_DOWN);
		put_xy(b, "", x - r * 0.6, " ", y - r * 0.6);
		put_xy(b, "L", x + r * 0.6, " ", y + r * 0.6);
		put_xy(b, "M", x - r * 0.6, " ", y + r * 0.6);
		put_xy(b, "L", x + r * 0.6, " ", y - r * 0.6);
		mesh_i_buf_printf(b, "\" stroke=\"%s\" stroke-width=\"2\"/>"
		    "</g>\n", C_DOWN);
		break;
	default:
		put_xy(b, "<circle class=\"node\" cx=\"", x, "\" cy=\"", y);
		mesh_i_buf_printf(b, "\" r=\"%.1f\" fill=\"%s\" stroke=\"#000\" "
		    "stroke-width=\"2\"/>\n", r, C_NODE);
		break;
	}
}

/* A line from (x1, y1) to (x2, y2) in the style of link flags f. */
static void
svg_line(struct mesh_i_buf *b, int f, double x1, double y1, double x2,
    double y2)
{
	put_xy(b, "<line x1=\"", x1, "\" y1=\"", y1);
	put_xy(b, "\" x2=\"", x2, "\" y2=\"", y2);
	if (f & L_DOWN)
		mesh_i_buf_printf(b, "\" class=\"link-down\" stroke=\"%s\" "
		    "stroke-width=\"1.5\" stroke-dasharray=\"2 4\"/>\n",
		    C_DOWN);
	else if (f & L_BRIDGE)
		mesh_i_buf_printf(b, "\" class=\"bridge\" stroke=\"%s\" "
		    "stroke-width=\"4\" stroke-dasharray=\"10 6\"/>\n",
		    C_BRIDGE);
	else
		mesh_i_buf_printf(b, "\" class=\"link\" stroke=\"%s\" "
		    "stroke-width=\"2\"/>\n", C_LINK);
}

/* The dot near (x1, y1) on the way to (x2, y2): x1 stores the route. */
static void
svg_store_dot(struct mesh_i_buf *b, double x1, double y1, double x2,
    double y2)
{
	double dx = x2 - x1, dy = y2 - y1, len = sqrt(dx * dx + dy * dy);
	double t = len > 0 ? (PIC_R + 9) / len : 0;

	if (t > 0.45)
		t = 0.45;
	put_xy(b, "<circle class=\"store\" cx=\"", x1 + dx * t,
	    "\" cy=\"", y1 + dy * t);
	mesh_i_buf_puts(b, "\" r=\"4.5\" fill=\"#000\"/>\n");
}

/* A label under (x, y). */
static void
svg_label(struct mesh_i_buf *b, const char *text, double x, double y)
{
	put_xy(b, "<text x=\"", x, "\" y=\"", y);
	mesh_i_buf_puts(b, "\">");
	mesh_i_buf_xml(b, text);
	mesh_i_buf_puts(b, "</text>\n");
}

/* One line of the legend: text at x, beside a mark or line at y. */
static void
legend_text(struct mesh_i_buf *b, double x, double y, const char *text)
{
	put_xy(b, "<text class=\"l\" x=\"", x, "\" y=\"", y + 4);
	mesh_i_buf_printf(b, "\">%s</text>\n", text);
}

/* The legend below the plot, from y0. */
static void
svg_legend(struct mesh_i_buf *b, double y0)
{
	static const char *const text[] = {
		"node", "single point of failure (diamond)",
		"cut off from the largest group (square)",
		"down (crossed, dashed)",
	};
	static const enum kind kinds[] = { K_NODE, K_SPOF, K_CUTOFF, K_DOWN };
	static const char *const line_text[] = {
		"link; the dot marks the node storing the route",
		"bridge: its loss splits (thick, dashed)",
		"link to a down node (dotted)",
	};
	static const int lines[] = { 0, L_BRIDGE, L_DOWN };
	double x, y;
	size_t i;

	mesh_i_buf_puts(b, "<g class=\"legend\" font-size=\"13\">\n");
	/* Left column: node marks; right column: links. */
	for (i = 0; i < 4; i++) {
		y = y0 + 20 + 36.0 * (double)i;
		svg_mark(b, kinds[i], PIC_MARGIN + 12, y);
		legend_text(b, PIC_MARGIN + 36, y, text[i]);
	}
	x = PIC_W / 2 + 10;
	for (i = 0; i < 3; i++) {
		y = y0 + 20 + 36.0 * (double)i;
		svg_line(b, lines[i], x, y, x + 44, y);
		if (i == 0)
			svg_store_dot(b, x - 14, y, x + 44, y);
		legend_text(b, x + 56, y, line_text[i]);
	}
	mesh_i_buf_puts(b, "</g>\n");
}

enum mesh_error
mesh_picture_svg(const struct mesh_analysis *a, char **out)
{
	const struct mesh_plan *p = a->plan;
	struct mesh_i_buf b;
	struct scene s;
	enum mesh_error err;
	double *xy = NULL, h = PIC_PLOT_H + PIC_LEGEND_H;
	size_t i;

	*out = NULL;
	if ((err = scene_init(&s, a)) != MESH_OK)
		return err;
	if ((err = mesh_picture_layout(p, &xy)) != MESH_OK) {
		scene_free(&s);
		return err;
	}
	for (i = 0; i < p->nnodes; i++) {
		xy[2 * i] = PIC_MARGIN + xy[2 * i] * (PIC_W - 2 * PIC_MARGIN);
		xy[2 * i + 1] = PIC_MARGIN + xy[2 * i + 1] * (PIC_PLOT_H -
		    2 * PIC_MARGIN);
	}
	mesh_i_buf_init(&b);
	mesh_i_buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-labelledby=\"topology-title\" "
	    "font-family=\"sans-serif\">\n", PIC_W, h, PIC_W, h);
	mesh_i_buf_puts(&b, "<title id=\"topology-title\">topology of ");
	mesh_i_buf_xml(&b, p->name ? p->name : "(unnamed)");
	mesh_i_buf_puts(&b, "</title>\n<rect width=\"100%\" height=\"100%\" "
	    "fill=\"#fff\"/>\n<g class=\"links\">\n");
	for (i = 0; i < p->nlinks; i++) {
		int u = p->links[2 * i], v = p->links[2 * i + 1];

		svg_line(&b, s.flags[i], xy[2 * u], xy[2 * u + 1],
		    xy[2 * v], xy[2 * v + 1]);
	}
	for (i = 0; i < p->nlinks; i++) {
		int u = p->links[2 * i], v = p->links[2 * i + 1];

		if (s.flags[i] & L_LOW_STORES)
			svg_store_dot(&b, xy[2 * u], xy[2 * u + 1],
			    xy[2 * v], xy[2 * v + 1]);
		if (s.flags[i] & L_HIGH_STORES)
			svg_store_dot(&b, xy[2 * v], xy[2 * v + 1],
			    xy[2 * u], xy[2 * u + 1]);
	}
	mesh_i_buf_puts(&b, "</g>\n<g class=\"nodes\">\n");
	for (i = 0; i < p->nnodes; i++)
		svg_mark(&b, s.kind[i], xy[2 * i], xy[2 * i + 1]);
	mesh_i_buf_puts(&b, "</g>\n<g class=\"labels\" font-size=\"13\" "
	    "text-anchor=\"middle\" paint-order=\"stroke\" stroke=\"#fff\" "
	    "stroke-width=\"3\" fill=\"#000\">\n");
	for (i = 0; i < p->nnodes; i++)
		svg_label(&b, p->nodes[i].name, xy[2 * i],
		    xy[2 * i + 1] + PIC_R + 18);
	mesh_i_buf_puts(&b, "</g>\n");
	svg_legend(&b, PIC_PLOT_H);
	mesh_i_buf_puts(&b, "</svg>\n");
	free(xy);
	scene_free(&s);
	if ((*out = mesh_i_buf_take(&b)) == NULL)
		return MESH_ENOMEM;
	return MESH_OK;
}

/* s as a DOT quoted string. */
static void
put_dot_id(struct mesh_i_buf *b, const char *s)
{
	mesh_i_buf_puts(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			mesh_i_buf_add(b, "\\", 1);
		if (*s == '\n')
			mesh_i_buf_puts(b, "\\n");
		else
			mesh_i_buf_add(b, s, 1);
	}
	mesh_i_buf_puts(b, "\"");
}

enum mesh_error
mesh_picture_dot(const struct mesh_analysis *a, char **out)
{
	static const char *const node_attrs[] = {
		"",
		" [shape=diamond, fillcolor=\"" C_SPOF "\", penwidth=2]",
		" [shape=square, fillcolor=\"" C_CUTOFF "\"]",
		" [fillcolor=\"#ffffff\", color=\"" C_DOWN "\", "
		    "style=\"filled,dashed\", xlabel=\"down\"]",
	};
	const struct mesh_plan *p = a->plan;
	struct mesh_i_buf b;
	struct scene s;
	enum mesh_error err;
	size_t i;

	*out = NULL;
	if ((err = scene_init(&s, a)) != MESH_OK)
		return err;
	mesh_i_buf_init(&b);
	mesh_i_buf_puts(&b, "// meshsim: single points of failure are "
	    "diamonds, nodes cut off squares,\n// bridges thick and dashed; "
	    "the dot marks the end whose node stores the route.\n"
	    "graph meshsim {\n\tgraph [label=");
	put_dot_id(&b, p->name ? p->name : "(unnamed)");
	mesh_i_buf_puts(&b, ", labelloc=t, fontname=\"sans-serif\"];\n"
	    "\tnode [shape=circle, style=filled, fillcolor=\"" C_NODE "\", "
	    "fontname=\"sans-serif\"];\n"
	    "\tedge [color=\"" C_LINK "\", penwidth=2];\n");
	for (i = 0; i < p->nnodes; i++) {
		mesh_i_buf_puts(&b, "\t");
		put_dot_id(&b, p->nodes[i].name);
		mesh_i_buf_puts(&b, node_attrs[s.kind[i]]);
		mesh_i_buf_puts(&b, ";\n");
	}
	for (i = 0; i < p->nlinks; i++) {
		int u = p->links[2 * i], v = p->links[2 * i + 1], f = s.flags[i];
		int both = (f & L_LOW_STORES) && (f & L_HIGH_STORES);

		/* The storing node first: its end is the tail. */
		if (!(f & L_LOW_STORES) && (f & L_HIGH_STORES)) {
			int t = u;

			u = v;
			v = t;
		}
		mesh_i_buf_puts(&b, "\t");
		put_dot_id(&b, p->nodes[u].name);
		mesh_i_buf_puts(&b, " -- ");
		put_dot_id(&b, p->nodes[v].name);
		mesh_i_buf_puts(&b, both ? " [dir=both, arrowtail=dot, "
		    "arrowhead=dot" : " [dir=back, arrowtail=dot");
		if (f & L_DOWN)
			mesh_i_buf_puts(&b, ", style=dotted, color=\"" C_DOWN
			    "\", penwidth=1");
		else if (f & L_BRIDGE)
			mesh_i_buf_puts(&b, ", style=dashed, color=\"" C_BRIDGE
			    "\", penwidth=4");
		mesh_i_buf_puts(&b, "];\n");
	}
	mesh_i_buf_puts(&b, "}\n");
	scene_free(&s);
	if ((*out = mesh_i_buf_take(&b)) == NULL)
		return MESH_ENOMEM;
	return MESH_OK;
}
