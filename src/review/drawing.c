/* drawing.c: the topology drawn: a deterministic igraph layout, and SVG or Graphviz DOT with single points of failure and bridges marked. */
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/igraph_glue.h"
#include "meshsim/picture.h"
#include "base/map.h"
#include "base/text.h"
#include "base/util.h"
#include "review/placer.h"

/* The drawing area of the SVG: 720 wide, the plot as high as its
 * layout needs between these bounds, then the legend. */
#define PIC_W 720.0
#define PIC_MARGIN 48.0
#define PIC_MARGIN_WIDE 110.0   /* left and right, when condensed */
#define PIC_PLOT_MIN 240.0
#define PIC_PLOT_MAX 760.0
#define PIC_R 14.0              /* the largest node radius */
#define PIC_UNIT_MAX 110.0      /* pixels per layout unit, at most */
#define FR_SEED 1               /* igraph's generator, for layouts */
#define KK_MAX 12               /* domains drawn by Kamada-Kawai, at most */
#define CLUSTERS_MAX 40         /* discs of a condensed picture, at most */

/* Labels: room around each box, the line height of two-line labels (in
 * font sizes), and how much wider bold text is. */
#define LABEL_PAD 1.5
#define LINE_H 1.25
#define BOLD 1.12

/* The legend: font size, a symbol's width, a row's height. */
#define LEGEND_FS 13.0
#define LEGEND_SYM 44.0
#define LEGEND_ROW 30.0

/* Okabe-Ito colours. */
#define C_NODE "#56B4E9"        /* sky blue */
#define C_SPOF "#E69F00"        /* orange */
#define C_CUTOFF "#CC79A7"      /* reddish purple */
#define C_LINK "#0072B2"        /* blue */
#define C_BRIDGE "#D55E00"      /* vermillion */
#define C_DOWN "#999999"        /* grey */
#define C_FIX "#009E73"         /* bluish green: suggested routes */

/* Colours of failure domains: Okabe-Ito but the bluish green of the fix
 * and black, then Paul Tol's light scheme; beyond these they repeat (the
 * legend and the domains' names tell them apart). */
static const char *const domain_colours[] = {
	"#E69F00", "#56B4E9", "#F0E442", "#CC79A7", "#0072B2", "#D55E00",
	"#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99",
	"#BBCC33", "#AAAA00", "#DDDDDD",
};
#define NCOLOURS (sizeof(domain_colours) / sizeof(domain_colours[0]))

/* Link flags. */
#define L_LOW_STORES 1          /* the lower-indexed end stores the route */
#define L_HIGH_STORES 2
#define L_BRIDGE 4
#define L_DOWN 8                /* an end is down */
#define L_FIX 16                /* a suggested route, not a link */

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

/* What kamada_kawai() works on, for mesh_i_igraph_call(): n nodes and
 * nedges edges (pairs of indices below n). */
struct layout {
	size_t n, nedges;
	const int *pairs;
	int fr;                 /* Fruchterman-Reingold, not Kamada-Kawai */
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
	igraph_error_t e;
	size_t i, n = l->n;

	if ((e = mesh_i_ig.vector_int_init(&l->edges, (igraph_integer_t)(2 *
	    l->nedges))) != IGRAPH_SUCCESS)
		return mesh_i_igraph_error(e);
	l->have_edges = 1;
	for (i = 0; i < 2 * l->nedges; i++)
		VECTOR(l->edges)[i] = l->pairs[i];
	if ((e = mesh_i_ig.create(&l->g, &l->edges, (igraph_integer_t)n,
	    IGRAPH_UNDIRECTED)) != IGRAPH_SUCCESS)
		return mesh_i_igraph_error(e);
	l->have_g = 1;
	if ((e = mesh_i_ig.matrix_init(&l->res, l->fr ? (igraph_integer_t)n : 0,
	    l->fr ? 2 : 0)) != IGRAPH_SUCCESS)
		return mesh_i_igraph_error(e);
	l->have_res = 1;
	if (l->fr) {
		/* From a circle, with igraph's generator seeded: the same
		 * graph gives the same layout. (igraph is not thread-safe;
		 * pictures are drawn on one thread.) */
		circle(l->xy, n);
		for (i = 0; i < n; i++) {
			MATRIX(l->res, (igraph_integer_t)i, 0) = l->xy[2 * i];
			MATRIX(l->res, (igraph_integer_t)i, 1) =
			    l->xy[2 * i + 1];
		}
		if ((e = mesh_i_ig.rng_seed(mesh_i_ig.rng_default(),
		    FR_SEED)) != IGRAPH_SUCCESS ||
		    (e = mesh_i_ig.layout_fruchterman_reingold(&l->g, &l->res,
		    1, 500, sqrt((double)n), IGRAPH_LAYOUT_AUTOGRID, NULL,
		    NULL, NULL, NULL, NULL)) != IGRAPH_SUCCESS)
			return mesh_i_igraph_error(e);
	} else if ((e = mesh_i_ig.layout_kamada_kawai(&l->g, &l->res, 0,
	    (igraph_integer_t)(50 * n), 0.0, (igraph_real_t)n, NULL, NULL,
	    NULL, NULL, NULL)) != IGRAPH_SUCCESS)
		return mesh_i_igraph_error(e);
	for (i = 0; i < n; i++) {
		l->xy[2 * i] = MATRIX(l->res, (igraph_integer_t)i, 0);
		l->xy[2 * i + 1] = MATRIX(l->res, (igraph_integer_t)i, 1);
	}
	return MESH_OK;
}

/* Kamada-Kawai from a circle of n nodes and the edges in pairs, into xy
 * (2 n), or, when fr is set, Fruchterman-Reingold (with its grid above
 * 1,000 nodes) from a circle with igraph's generator seeded; returns
 * MESH_OK, MESH_ENOMEM or MESH_EGRAPH. */
static enum mesh_error
graph_layout(size_t n, const int *pairs, size_t nedges, double *xy, int fr)
{
	struct layout l;
	enum mesh_error err;

	memset(&l, 0, sizeof(l));
	l.fr = fr;
	l.n = n;
	l.pairs = pairs;
	l.nedges = nedges;
	l.xy = xy;
	err = mesh_i_igraph_call(layout_steps, &l);
	if (l.have_res)
		mesh_i_ig.matrix_destroy(&l.res);
	if (l.have_g)
		mesh_i_ig.destroy(&l.g);
	if (l.have_edges)
		mesh_i_ig.vector_int_destroy(&l.edges);
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
	} else if ((err = graph_layout(n, plan->links, plan->nlinks, p, 0)) !=
	    MESH_OK) {
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

/* Free what s holds; s is then empty and may be freed again. */
static void
scene_free(struct scene *s)
{
	free(s->kind);
	free(s->flags);
	free(s->xy);
	s->kind = NULL;
	s->flags = NULL;
	s->xy = NULL;
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

/* A node's mark of kind k at (x, y), radius r, filled with fill (NULL:
 * the kind's own colour). */
static void
svg_mark(struct mesh_i_buf *b, enum kind k, double x, double y, double r,
    const char *fill)
{
	double d = r * 1.3;     /* a diamond's half diagonal */

	switch (k) {
	case K_SPOF:
		put_xy(b, "<polygon class=\"spof\" points=\"", x, ",", y - d);
		put_xy(b, " ", x + d, ",", y);
		put_xy(b, " ", x, ",", y + d);
		put_xy(b, " ", x - d, ",", y);
		mesh_i_buf_printf(b, "\" fill=\"%s\" stroke=\"#000\" "
		    "stroke-width=\"2.5\"/>\n", fill ? fill : C_SPOF);
		break;
	case K_CUTOFF:
		put_xy(b, "<rect class=\"cutoff\" x=\"", x - r, "\" y=\"",
		    y - r);
		put_xy(b, "\" width=\"", 2 * r, "\" height=\"", 2 * r);
		mesh_i_buf_printf(b, "\" fill=\"%s\" stroke=\"#000\" "
		    "stroke-width=\"2\"/>\n", fill ? fill : C_CUTOFF);
		break;
	case K_DOWN:
		put_xy(b, "<g class=\"down\"><circle cx=\"", x, "\" cy=\"", y);
		mesh_i_buf_puts(b, "\" r=\"");
		put_num(b, r);
		mesh_i_buf_printf(b, "\" fill=\"#fff\" stroke=\"%s\" "
		    "stroke-width=\"2\" stroke-dasharray=\"3 3\"/>"
		    "<path d=\"M", C_DOWN);
		put_xy(b, "", x - r * 0.6, " ", y - r * 0.6);
		put_xy(b, "L", x + r * 0.6, " ", y + r * 0.6);
		put_xy(b, "M", x - r * 0.6, " ", y + r * 0.6);
		put_xy(b, "L", x + r * 0.6, " ", y - r * 0.6);
		mesh_i_buf_printf(b, "\" stroke=\"%s\" stroke-width=\"2\"/>"
		    "</g>\n", C_DOWN);
		break;
	default:
		put_xy(b, "<circle class=\"node\" cx=\"", x, "\" cy=\"", y);
		mesh_i_buf_puts(b, "\" r=\"");
		put_num(b, r);
		mesh_i_buf_printf(b, "\" fill=\"%s\" stroke=\"#000\" "
		    "stroke-width=\"2\"/>\n", fill ? fill : C_NODE);
		break;
	}
}

/* A line from (x1, y1) to (x2, y2) in the style of link flags f (L_FIX:
 * a suggested route), w wide (0: the style's own width). */
static void
svg_line(struct mesh_i_buf *b, int f, double x1, double y1, double x2,
    double y2, double w)
{
	put_xy(b, "<line x1=\"", x1, "\" y1=\"", y1);
	put_xy(b, "\" x2=\"", x2, "\" y2=\"", y2);
	if (f & L_FIX) {
		mesh_i_buf_printf(b, "\" class=\"fix\" stroke=\"%s\" "
		    "stroke-width=\"", C_FIX);
		put_num(b, w > 0 ? w : 3);
		mesh_i_buf_puts(b, "\" stroke-dasharray=\"7 4\"/>\n");
	} else if (f & L_DOWN) {
		mesh_i_buf_printf(b, "\" class=\"link-down\" stroke=\"%s\" "
		    "stroke-width=\"1.5\" stroke-dasharray=\"2 4\"/>\n",
		    C_DOWN);
	} else if (f & L_BRIDGE) {
		mesh_i_buf_printf(b, "\" class=\"bridge\" stroke=\"%s\" "
		    "stroke-width=\"", C_BRIDGE);
		put_num(b, w > 0 ? w + 2 : 4);
		mesh_i_buf_puts(b, "\" stroke-dasharray=\"10 6\"/>\n");
	} else {
		mesh_i_buf_printf(b, "\" class=\"link\" stroke=\"%s\" "
		    "stroke-width=\"", C_LINK);
		put_num(b, w > 0 ? w : 2);
		mesh_i_buf_puts(b, "\"/>\n");
	}
}

/* Where the dot goes near (x1, y1), outside a mark of radius r, on the
 * way to (x2, y2); into *x, *y. */
static void
store_dot_at(double x1, double y1, double x2, double y2, double r,
    double *x, double *y)
{
	double dx = x2 - x1, dy = y2 - y1, len = sqrt(dx * dx + dy * dy);
	double t = len > 0 ? (r * 1.3 + 5) / len : 0;

	if (t > 0.45)
		t = 0.45;
	*x = x1 + dx * t;
	*y = y1 + dy * t;
}

/* The dot near (x1, y1), outside a mark of radius r, on the way to
 * (x2, y2): x1 stores the route. */
static void
svg_store_dot(struct mesh_i_buf *b, double x1, double y1, double x2,
    double y2, double r)
{
	double x, y;

	store_dot_at(x1, y1, x2, y2, r, &x, &y);
	put_xy(b, "<circle class=\"store\" cx=\"", x, "\" cy=\"", y);
	mesh_i_buf_puts(b, "\" r=\"");
	put_num(b, r > 10 ? 4.5 : 3);
	mesh_i_buf_puts(b, "\" fill=\"#000\"/>\n");
}

/* Domain colour d. */
static const char *
domain_colour(size_t d)
{
	return domain_colours[d % NCOLOURS];
}

/* What a drawing works on. */
struct draw {
	const struct mesh_analysis *a;
	const struct mesh_plan *p;
	struct scene s;
	struct mesh_i_buf b;
	struct mesh_i_placer pl;
	const char *by;         /* the domain key, or NULL */
	int coloured;           /* fill nodes by domain */
	int condensed, by_pieces;
	size_t ndom;
	size_t merged;          /* condensed: domains merged into the last */
	char **dom_name;        /* per domain, owned */
	size_t *dom_n;          /* nodes per domain */
	int *dom_of;            /* per node */
	double *xy;             /* per node: pixels (not condensed) */
	double *dxy, *dr;       /* per domain: centre and radius, pixels */
	double h;               /* the plot's height */
	double r, fs;           /* node radius, font size */
	const int *fix;
	size_t nfix;
	int *dropped;
	size_t ndropped;
	size_t ndropped_other;  /* cluster and count labels left out */
	size_t nlabels;
};

/* Free what d holds (d itself is the caller's). */
static void
draw_free(struct draw *d)
{
	size_t i;

	if (d->dom_name != NULL)
		for (i = 0; i < d->ndom; i++)
			free(d->dom_name[i]);
	free(d->dom_name);
	free(d->dom_n);
	free(d->dom_of);
	free(d->xy);
	free(d->dxy);
	free(d->dr);
	free(d->dropped);
	mesh_i_placer_free(&d->pl);
	mesh_i_buf_free(&d->b);
	scene_free(&d->s);
}

/* Node v's domain value by key: its label, or for "host" (unless it is
 * a label) its host; NULL when it has none. */
static const char *
dom_value(const struct mesh_node *v, const char *key)
{
	const char *s = mesh_node_label(v, key);

	return s == NULL && strcmp(key, "host") == 0 ? v->host : s;
}

/* Strings (char *) by strcmp. */
static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Room for the domains: n of them. Returns 0 or -1 (ENOMEM). */
static int
domains_alloc(struct draw *d, size_t n)
{
	d->ndom = n;
	d->dom_name = calloc(n ? n : 1, sizeof(*d->dom_name));
	d->dom_n = calloc(n ? n : 1, sizeof(*d->dom_n));
	d->dxy = calloc(n ? 2 * n : 1, sizeof(*d->dxy));
	d->dr = calloc(n ? n : 1, sizeof(*d->dr));
	return d->dom_name && d->dom_n && d->dxy && d->dr ? 0 : -1;
}

/* The domains by the values of label key: sorted by value, then "(no
 * KEY)" for nodes without it. Returns 0 or -1 (ENOMEM). */
static int
domains_by_label(struct draw *d, const char *key)
{
	const struct mesh_plan *p = d->p;
	struct mesh_i_map m;
	const char **vals = NULL;
	size_t i, nv = 0, unlabelled = 0;
	int rc = -1, k;

	mesh_i_map_init(&m);
	if ((vals = malloc((p->nnodes ? p->nnodes : 1) * sizeof(*vals))) ==
	    NULL)
		goto done;
	for (i = 0; i < p->nnodes; i++) {
		const char *v = dom_value(&p->nodes[i], key);

		if (v == NULL) {
			unlabelled++;
			continue;
		}
		if ((k = mesh_i_map_put(&m, v, 0, (int)nv)) == -2)
			goto done;
		if (k == -1)
			vals[nv++] = v;
	}
	qsort(vals, nv, sizeof(*vals), cmp_str);
	mesh_i_map_free(&m);
	mesh_i_map_init(&m);
	if (domains_alloc(d, nv + (unlabelled > 0)) != 0)
		goto done;
	for (i = 0; i < nv; i++) {
		if ((d->dom_name[i] = strdup(vals[i])) == NULL ||
		    mesh_i_map_put(&m, vals[i], 0, (int)i) == -2)
			goto done;
	}
	if (unlabelled > 0) {
		struct mesh_i_buf nb;

		mesh_i_buf_init(&nb);
		mesh_i_buf_printf(&nb, "(no %s)", key);
		if ((d->dom_name[nv] = mesh_i_buf_take(&nb)) == NULL)
			goto done;
	}
	for (i = 0; i < p->nnodes; i++) {
		const char *v = dom_value(&p->nodes[i], key);

		d->dom_of[i] = v != NULL ? mesh_i_map_get(&m, v, 0) : (int)nv;
		d->dom_n[d->dom_of[i]]++;
	}
	rc = 0;
done:
	mesh_i_map_free(&m);
	free(vals);
	return rc;
}

/* The clusters of a condensed picture without a label: the pieces of the
 * surviving nodes, largest first, then the down nodes. Returns 0 or -1
 * (ENOMEM). */
static int
domains_by_piece(struct draw *d)
{
	const struct mesh_analysis *a = d->a;
	size_t c, i, n = a->ncomponents + (a->ndown > 0);

	if (domains_alloc(d, n) != 0)
		return -1;
	for (c = 0; c < a->ncomponents; c++) {
		struct mesh_i_buf nb;

		mesh_i_buf_init(&nb);
		mesh_i_buf_printf(&nb, "piece %zu", c + 1);
		if ((d->dom_name[c] = mesh_i_buf_take(&nb)) == NULL)
			return -1;
		for (i = a->comp_start[c]; i < a->comp_start[c + 1]; i++) {
			d->dom_of[a->comp_nodes[i]] = (int)c;
			d->dom_n[c]++;
		}
	}
	if (a->ndown > 0) {
		if ((d->dom_name[c] = strdup("down")) == NULL)
			return -1;
		for (i = 0; i < a->ndown; i++) {
			d->dom_of[a->down[i]] = (int)c;
			d->dom_n[c]++;
		}
	}
	return 0;
}

/* A domain and its size, to sort by. */
struct dsize {
	size_t n;
	int i;
};

/* Most nodes first, then by index (names sorted). */
static int
cmp_by_size(const void *x, const void *y)
{
	const struct dsize *a = x, *b = y;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return a->i - b->i;
}

/* By index alone. */
static int
cmp_by_index(const void *x, const void *y)
{
	return ((const struct dsize *)x)->i - ((const struct dsize *)y)->i;
}

/*
 * A condensed picture of more than CLUSTERS_MAX clusters: the largest
 * CLUSTERS_MAX - 1 kept, in their order, the rest merged into a last one,
 * "N more". Returns 0 or -1 (ENOMEM; d unaltered).
 */
static int
merge_small(struct draw *d)
{
	size_t i, k = CLUSTERS_MAX - 1, n = d->ndom;
	struct dsize *order = NULL;
	int *to = NULL;
	char **names = NULL, *more = NULL;
	size_t *sizes = NULL;
	struct mesh_i_buf nb;
	int rc = -1;

	if (n <= CLUSTERS_MAX)
		return 0;
	mesh_i_buf_init(&nb);
	mesh_i_buf_printf(&nb, "%zu more (merged)", n - k);
	if ((more = mesh_i_buf_take(&nb)) == NULL ||
	    (order = malloc(n * sizeof(*order))) == NULL ||
	    (to = malloc(n * sizeof(*to))) == NULL ||
	    (names = calloc(k + 1, sizeof(*names))) == NULL ||
	    (sizes = calloc(k + 1, sizeof(*sizes))) == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		order[i].n = d->dom_n[i];
		order[i].i = (int)i;
	}
	qsort(order, n, sizeof(*order), cmp_by_size);
	/* The kept ones back in name order. */
	qsort(order, k, sizeof(*order), cmp_by_index);
	for (i = 0; i < n; i++)
		to[i] = (int)k;
	for (i = 0; i < k; i++)
		to[order[i].i] = (int)i;
	for (i = 0; i < n; i++) {
		sizes[to[i]] += d->dom_n[i];
		if (to[i] < (int)k) {
			names[to[i]] = d->dom_name[i];
			d->dom_name[i] = NULL;
		}
	}
	names[k] = more;
	more = NULL;
	for (i = 0; i < d->p->nnodes; i++)
		d->dom_of[i] = to[d->dom_of[i]];
	for (i = 0; i < n; i++)
		free(d->dom_name[i]);
	free(d->dom_name);
	free(d->dom_n);
	d->dom_name = names;
	d->dom_n = sizes;
	d->ndom = k + 1;
	d->merged = n - k;
	names = NULL;
	sizes = NULL;
	rc = 0;
done:
	free(order);
	free(to);
	free(names);
	free(sizes);
	free(more);
	return rc;
}

/* The domains: by o's key (or "zone"), else the pieces when condensed,
 * else one domain, uncoloured. Returns 0 or -1 (ENOMEM). */
static int
domains_init(struct draw *d, const struct mesh_picture_options *o)
{
	const struct mesh_plan *p = d->p;
	const char *key = o != NULL ? o->by : NULL;
	size_t i;

	if (key == NULL)
		key = "zone";
	else if (*key == '\0')
		key = NULL;
	if (key != NULL) {
		for (i = 0; i < p->nnodes; i++)
			if (dom_value(&p->nodes[i], key) != NULL)
				break;
		if (i == p->nnodes)
			key = NULL;
	}
	d->by = key;
	d->condensed = p->nnodes > MESH_PICTURE_NODES_MAX;
	if ((d->dom_of = calloc(p->nnodes ? p->nnodes : 1,
	    sizeof(*d->dom_of))) == NULL)
		return -1;
	if (key != NULL) {
		d->coloured = 1;
		if (domains_by_label(d, key) != 0)
			return -1;
		return d->condensed ? merge_small(d) : 0;
	}
	if (d->condensed) {
		d->by_pieces = 1;
		d->coloured = 1;
		if (domains_by_piece(d) != 0)
			return -1;
		return merge_small(d);
	}
	if (domains_alloc(d, 1) != 0 ||
	    (d->dom_name[0] = strdup("all")) == NULL)
		return -1;
	d->dom_n[0] = p->nnodes;
	return 0;
}

/* Domain centres (in layout units) on a circle, the first at the top, in
 * order, so that neighbours' discs of radius rad (per domain) keep gap
 * apart; into d->dxy. */
static void
centres(struct draw *d, const double *rad, double gap)
{
	size_t i, k = d->ndom;
	double c = 0;

	if (k == 1) {
		d->dxy[0] = d->dxy[1] = 0;
		return;
	}
	for (i = 0; i < k; i++) {
		double need = rad[i] + rad[(i + 1) % k] + gap;

		if (k == 2)
			need /= 2;
		else
			need /= 2 * sin(M_PI / (double)k);
		c = fmax(c, need);
	}
	for (i = 0; i < k; i++) {
		double t = 2.0 * M_PI * (double)i / (double)k;

		d->dxy[2 * i] = c * sin(t);
		d->dxy[2 * i + 1] = -c * cos(t);
		if (k == 2)
			d->dxy[2 * i + 1] = 0;
	}
}

/* Whether the graph of n nodes and the m edges in pairs is connected;
 * scratch holds n ints (a union-find forest). */
static int
connected(size_t n, const int *pairs, size_t m, int *scratch)
{
	size_t i, roots = n;

	for (i = 0; i < n; i++)
		scratch[i] = (int)i;
	for (i = 0; i < m; i++) {
		int a = pairs[2 * i], b = pairs[2 * i + 1];

		while (scratch[a] != a)
			a = scratch[a] = scratch[scratch[a]];
		while (scratch[b] != b)
			b = scratch[b] = scratch[scratch[b]];
		if (a != b) {
			scratch[a] = b;
			roots--;
		}
	}
	return roots <= 1;
}

/* A node's distance from the centre, to sort by. */
struct rad {
	double r;
	size_t i;
};

/* Nearest first, then by index. */
static int
cmp_rad(const void *x, const void *y)
{
	const struct rad *a = x, *b = y;

	if (a->r != b->r)
		return a->r < b->r ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * The n points xy around (cx, cy) spread evenly over the unit disc: each
 * keeps its direction, and the k-th nearest goes to radius sqrt((k + .5)
 * / n), so that as many fall in each ring as its area holds (a force
 * layout leaves a dense core and a few far nodes). Returns 0, or -1 when
 * out of memory (xy unaltered).
 */
static int
equalize(double *xy, size_t n, double cx, double cy)
{
	struct rad *v = malloc((n ? n : 1) * sizeof(*v));
	size_t k;

	if (v == NULL)
		return -1;
	for (k = 0; k < n; k++) {
		v[k].r = hypot(xy[2 * k] - cx, xy[2 * k + 1] - cy);
		v[k].i = k;
	}
	qsort(v, n, sizeof(*v), cmp_rad);
	for (k = 0; k < n; k++) {
		size_t i = v[k].i;
		double to = sqrt(((double)k + 0.5) / (double)n);
		double dx = xy[2 * i] - cx, dy = xy[2 * i + 1] - cy;

		if (v[k].r > 0) {
			xy[2 * i] = dx / v[k].r * to;
			xy[2 * i + 1] = dy / v[k].r * to;
		} else {
			xy[2 * i] = 0;
			xy[2 * i + 1] = -to;
		}
	}
	free(v);
	return 0;
}

/* Positions of domain dom's nodes in the unit disc (or square), centred:
 * Kamada-Kawai on the links inside it. loc is scratch per plan node;
 * out gets x, y per node of the plan (only this domain's are set).
 * Returns MESH_OK, MESH_ENOMEM or MESH_EGRAPH. */
static enum mesh_error
domain_layout(struct draw *d, int dom, int *loc, double *out)
{
	const struct mesh_plan *p = d->p;
	size_t i, n = 0, m = 0;
	int *pairs = NULL, *nodes = NULL;
	double *xy = NULL, cx = 0, cy = 0, far = 0;
	enum mesh_error err = MESH_ENOMEM;
	int fr;

	if ((nodes = malloc(d->dom_n[dom] * sizeof(*nodes) + 1)) == NULL ||
	    (xy = calloc(2 * d->dom_n[dom] + 1, sizeof(*xy))) == NULL)
		goto done;
	for (i = 0; i < p->nnodes; i++)
		if (d->dom_of[i] == dom) {
			loc[i] = (int)n;
			nodes[n++] = (int)i;
		}
	for (i = 0; i < p->nlinks; i++)
		m += d->dom_of[p->links[2 * i]] == dom &&
		    d->dom_of[p->links[2 * i + 1]] == dom;
	if ((pairs = malloc((2 * m + 1) * sizeof(*pairs))) == NULL)
		goto done;
	for (i = 0, m = 0; i < p->nlinks; i++) {
		int u = p->links[2 * i], v = p->links[2 * i + 1];

		if (d->dom_of[u] == dom && d->dom_of[v] == dom) {
			pairs[2 * m] = loc[u];
			pairs[2 * m++ + 1] = loc[v];
		}
	}
	/* Kamada-Kawai draws a small connected graph well, but pushes its
	 * pieces far apart and leaves larger ones crowded in places;
	 * Fruchterman-Reingold keeps pieces near and fills the disc. */
	fr = n > 3 && (n > KK_MAX || !connected(n, pairs, m, loc));
	if (n <= 3)
		circle(xy, n);
	else if ((err = graph_layout(n, pairs, m, xy, fr)) != MESH_OK)
		goto done;
	for (i = 0; i < n; i++) {
		cx += xy[2 * i];
		cy += xy[2 * i + 1];
	}
	cx /= (double)(n ? n : 1);
	cy /= (double)(n ? n : 1);
	for (i = 0; i < n; i++)
		far = fmax(far, hypot(xy[2 * i] - cx, xy[2 * i + 1] - cy));
	if (!(far > 0))
		far = 1;
	if (fr && equalize(xy, n, cx, cy) != 0) {
		err = MESH_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (fr) {
			out[2 * nodes[i]] = round3(xy[2 * i]);
			out[2 * nodes[i] + 1] = round3(xy[2 * i + 1]);
			continue;
		}
		out[2 * nodes[i]] = round3((xy[2 * i] - cx) / far);
		out[2 * nodes[i] + 1] = round3((xy[2 * i + 1] - cy) / far);
	}
	err = MESH_OK;
done:
	free(nodes);
	free(xy);
	free(pairs);
	return err;
}

/* Units to pixels: the discs (centre dxy, radius dr, in units) fitted
 * into the width, at most PIC_PLOT_MAX high; sets d->h and scales dxy,
 * dr and, when not condensed, xy (units) in place. Returns the scale. */
static double
to_pixels(struct draw *d)
{
	size_t i;
	double minx = 0, maxx = 0, miny = 0, maxy = 0, s, ox, bw, bh;
	/* Clusters' labels are wider than their discs: more room aside. */
	double mx = d->condensed ? PIC_MARGIN_WIDE : PIC_MARGIN;

	for (i = 0; i < d->ndom; i++) {
		double x = d->dxy[2 * i], y = d->dxy[2 * i + 1], r = d->dr[i];

		if (i == 0 || x - r < minx)
			minx = x - r;
		if (i == 0 || x + r > maxx)
			maxx = x + r;
		if (i == 0 || y - r < miny)
			miny = y - r;
		if (i == 0 || y + r > maxy)
			maxy = y + r;
	}
	bw = fmax(maxx - minx, 1e-9);
	bh = fmax(maxy - miny, 1e-9);
	s = (PIC_W - 2 * mx) / bw;
	if (bh * s > PIC_PLOT_MAX - 2 * PIC_MARGIN)
		s = (PIC_PLOT_MAX - 2 * PIC_MARGIN) / bh;
	/* A few nodes are not blown up to the whole width. */
	if (s > PIC_UNIT_MAX)
		s = PIC_UNIT_MAX;
	ox = mx + ((PIC_W - 2 * mx) - bw * s) / 2;
	d->h = fmax(bh * s + 2 * PIC_MARGIN, PIC_PLOT_MIN);
	for (i = 0; i < d->ndom; i++) {
		d->dxy[2 * i] = ox + (d->dxy[2 * i] - minx) * s;
		d->dxy[2 * i + 1] = PIC_MARGIN + (d->dxy[2 * i + 1] - miny) *
		    s;
		d->dr[i] *= s;
	}
	if (!d->condensed)
		for (i = 0; i < d->p->nnodes; i++) {
			d->xy[2 * i] = ox + (d->xy[2 * i] - minx) * s;
			d->xy[2 * i + 1] = PIC_MARGIN + (d->xy[2 * i + 1] -
			    miny) * s;
		}
	return s;
}

/* Lay out every node (not condensed): each domain's nodes by
 * Kamada-Kawai inside a disc whose area grows with them, the discs on a
 * circle; one domain: the whole plan as mesh_picture_layout() places it.
 * Returns MESH_OK, MESH_ENOMEM or MESH_EGRAPH. */
static enum mesh_error
layout_nodes(struct draw *d)
{
	const struct mesh_plan *p = d->p;
	size_t i, n = p->nnodes;
	int *loc = NULL;
	double *unit = NULL, s;
	enum mesh_error err = MESH_ENOMEM;

	if ((loc = calloc(n + 1, sizeof(*loc))) == NULL ||
	    (d->xy = calloc(2 * n + 1, sizeof(*d->xy))) == NULL)
		goto done;
	if (!d->coloured) {
		if ((err = mesh_picture_layout(p, &unit)) != MESH_OK)
			goto done;
		d->dr[0] = 0.75 + 0.75 * sqrt((double)n);
		for (i = 0; i < 2 * n; i++)
			d->xy[i] = (unit[i] - 0.5) * 2 * d->dr[0];
	} else {
		for (i = 0; i < d->ndom; i++) {
			if ((err = domain_layout(d, (int)i, loc, d->xy)) !=
			    MESH_OK)
				goto done;
			d->dr[i] = 1.0 + 0.8 * sqrt((double)d->dom_n[i]);
		}
		centres(d, d->dr, 1.2);
		for (i = 0; i < n; i++) {
			int dom = d->dom_of[i];
			double rin = d->dom_n[dom] > 1 ? d->dr[dom] - 1.0 : 0;

			d->xy[2 * i] = d->dxy[2 * dom] + d->xy[2 * i] * rin;
			d->xy[2 * i + 1] = d->dxy[2 * dom + 1] +
			    d->xy[2 * i + 1] * rin;
		}
	}
	s = to_pixels(d);
	d->r = fmin(PIC_R, fmax(5.0, 0.32 * s));
	d->fs = d->r >= 12 ? 13 : d->r >= 8 ? 12 : 11;
	err = MESH_OK;
done:
	free(loc);
	free(unit);
	return err;
}

/* Lay out the clusters of a condensed picture: discs whose area grows
 * with their nodes, on a circle. */
static void
layout_clusters(struct draw *d)
{
	size_t i;

	for (i = 0; i < d->ndom; i++)
		d->dr[i] = 0.5 + 0.12 * sqrt((double)d->dom_n[i]);
	centres(d, d->dr, 3.2);
	to_pixels(d);
	d->fs = 12;
}

/* A label's box with its text's centre at x and baseline at y. */
static struct mesh_i_box
label_box(double x, double y, double w, double fs, int lines)
{
	struct mesh_i_box b;

	b.x0 = x - w / 2 - LABEL_PAD;
	b.x1 = x + w / 2 + LABEL_PAD;
	b.y0 = y - MESH_I_TEXT_ASCENT * fs - LABEL_PAD;
	b.y1 = y + MESH_I_TEXT_DESCENT * fs + (lines - 1) * LINE_H * fs +
	    LABEL_PAD;
	return b;
}

/*
 * Place a label of w pixels wide and lines lines beside a mark of
 * radius rr at (x, y) (inside it first when inside is set): the first of
 * the candidate spots around it where the label's box is free. Sets
 * (*tx, *ty) to the text's centre and first baseline and takes the box.
 * Returns 1 when placed, 0 when no spot is free, -1 when out of memory.
 */
static int
place(struct draw *d, double x, double y, double rr, double w, int lines,
    int inside, double *tx, double *ty)
{
	double fs = d->fs, th = (MESH_I_TEXT_ASCENT + MESH_I_TEXT_DESCENT +
	    (lines - 1) * LINE_H) * fs, hh = th / 2 + LABEL_PAD;
	double hw = w / 2 + LABEL_PAD, q = rr * 0.75;
	/* Box centres: inside, below, above, right, left, the diagonals,
	 * then a line further below and above, then further aside. */
	double c[][2] = {
		{ x, y }, { x, y + rr + 1 + hh }, { x, y - rr - 1 - hh },
		{ x + rr + 2 + hw, y }, { x - rr - 2 - hw, y },
		{ x + q + hw, y + q + hh }, { x - q - hw, y + q + hh },
		{ x + q + hw, y - q - hh }, { x - q - hw, y - q - hh },
		{ x, y + rr + 1 + 3 * hh }, { x, y - rr - 1 - 3 * hh },
		{ x + rr + 8 + hw, y + hh }, { x - rr - 8 - hw, y + hh },
		{ x + rr + 8 + hw, y - hh }, { x - rr - 8 - hw, y - hh },
	};
	size_t i;

	for (i = inside ? 0 : 1; i < sizeof(c) / sizeof(c[0]); i++) {
		/* The baseline of the first line, from the box's centre. */
		double by = c[i][1] - th / 2 + MESH_I_TEXT_ASCENT * fs;
		struct mesh_i_box b = label_box(c[i][0], by, w, fs, lines);

		if (!mesh_i_placer_free_at(&d->pl, &b))
			continue;
		if (mesh_i_placer_take(&d->pl, &b) != 0)
			return -1;
		*tx = c[i][0];
		*ty = by;
		d->nlabels++;
		return 1;
	}
	return 0;
}

/* A text at (x, y) of the given class, text-anchor middle. */
static void
put_text(struct draw *d, const char *cls, double x, double y,
    const char *text)
{
	mesh_i_buf_printf(&d->b, "<text class=\"%s\"", cls);
	put_xy(&d->b, " x=\"", x, "\" y=\"", y);
	mesh_i_buf_puts(&d->b, "\">");
	mesh_i_buf_xml(&d->b, text);
	mesh_i_buf_puts(&d->b, "</text>\n");
}

/* The legend's flow: items left to right, rows of LEGEND_ROW. */
struct flow {
	struct mesh_i_buf *b;
	double x, y;
};

/* Room for an item of text beside a symbol: a new row when the row is
 * full. Returns the symbol's x; the text goes at x + LEGEND_SYM. */
static double
flow_item(struct flow *f, const char *text)
{
	double w = LEGEND_SYM + mesh_i_text_width(text, LEGEND_FS) + 24;
	double x;

	if (f->x > PIC_MARGIN && f->x + w > PIC_W - PIC_MARGIN / 2) {
		f->x = PIC_MARGIN;
		f->y += LEGEND_ROW;
	}
	x = f->x;
	f->x += w;
	return x;
}

/* The text of the item whose symbol is at x. */
static void
flow_text(struct flow *f, double x, const char *text)
{
	put_xy(f->b, "<text class=\"l\" x=\"", x + LEGEND_SYM, "\" y=\"",
	    f->y + 4);
	mesh_i_buf_puts(f->b, "\">");
	mesh_i_buf_xml(f->b, text);
	mesh_i_buf_puts(f->b, "</text>\n");
}

/* The next item on a new row, unless the row is empty. */
static void
flow_newline(struct flow *f)
{
	if (f->x > PIC_MARGIN) {
		f->x = PIC_MARGIN;
		f->y += LEGEND_ROW;
	}
}

/* A legend item: node mark k, filled with fill (NULL: its own). */
static void
legend_mark(struct flow *f, enum kind k, const char *fill, const char *text)
{
	double x = flow_item(f, text);

	svg_mark(f->b, k, x + 12, f->y, 9, fill);
	flow_text(f, x, text);
}

/* A legend item: a line in the style of flags, with a storing dot when
 * dot is set. */
static void
legend_line(struct flow *f, int flags, int dot, const char *text)
{
	double x = flow_item(f, text);

	svg_line(f->b, flags, x, f->y, x + LEGEND_SYM - 8, f->y, 0);
	if (dot)
		svg_store_dot(f->b, x - 6, f->y, x + 30, f->y, 4);
	flow_text(f, x, text);
}

/* The legend, into b from y = 0; returns its height. */
static double
legend(const struct draw *d, struct mesh_i_buf *b)
{
	struct flow f;
	size_t i;
	int fix = d->nfix > 0;

	f.b = b;
	f.x = PIC_MARGIN;
	f.y = 22;
	if (d->condensed) {
		struct mesh_i_buf t;
		char *s;
		double x;

		mesh_i_buf_init(&t);
		mesh_i_buf_printf(&t, "a %s: its area grows with its nodes; "
		    "SPOFs: its single points of failure", d->by_pieces ?
		    "piece of the plan" : d->by);
		if ((s = mesh_i_buf_take(&t)) != NULL) {
			x = flow_item(&f, s);
			put_xy(b, "<circle class=\"cluster\" cx=\"", x + 12,
			    "\" cy=\"", f.y);
			mesh_i_buf_puts(b, "\" r=\"10\" fill=\"#fff\" "
			    "stroke=\"#000\" stroke-width=\"1.5\"/>\n");
			flow_text(&f, x, s);
			free(s);
		} else
			b->failed = 1;
		legend_line(&f, 0, 0, "links between two of them (count "
		    "beside)");
		legend_line(&f, L_BRIDGE, 0, "the same, one or more a bridge "
		    "(thick, dashed)");
		if (fix)
			legend_line(&f, L_FIX, 0, "suggested routes between "
			    "them (dashed green, count beside)");
	} else {
		legend_mark(&f, K_NODE, d->coloured ? "#fff" : NULL,
		    d->coloured ? "node (filled by its domain)" : "node");
		legend_mark(&f, K_SPOF, d->coloured ? "#fff" : NULL,
		    "single point of failure (diamond)");
		legend_mark(&f, K_CUTOFF, d->coloured ? "#fff" : NULL,
		    "cut off from the largest group (square)");
		legend_mark(&f, K_DOWN, NULL, "down (crossed, dashed)");
		flow_newline(&f);
		legend_line(&f, 0, 1, "link; the dot marks the node storing "
		    "the route");
		legend_line(&f, L_BRIDGE, 0, "bridge: its loss splits (thick, "
		    "dashed)");
		legend_line(&f, L_DOWN, 0, "link to a down node (dotted)");
		if (fix)
			legend_line(&f, L_FIX, 1, "suggested route (the fix; "
			    "dashed green)");
	}
	if (d->coloured) {
		struct mesh_i_buf t;
		char *s;

		flow_newline(&f);
		mesh_i_buf_init(&t);
		if (d->by_pieces)
			mesh_i_buf_puts(&t, "pieces (no failure-domain "
			    "label):");
		else
			mesh_i_buf_printf(&t, "failure domains (%s):", d->by);
		if ((s = mesh_i_buf_take(&t)) == NULL) {
			b->failed = 1;
			return 0;
		}
		put_xy(b, "<text class=\"l\" font-weight=\"bold\" x=\"",
		    f.x, "\" y=\"", f.y + 4);
		mesh_i_buf_puts(b, "\">");
		mesh_i_buf_xml(b, s);
		mesh_i_buf_puts(b, "</text>\n");
		f.x += mesh_i_text_width(s, LEGEND_FS) * 1.1 + 16;
		free(s);
		for (i = 0; i < d->ndom; i++) {
			double x = flow_item(&f, d->dom_name[i]);

			put_xy(b, "<rect class=\"swatch\" x=\"", x + 2,
			    "\" y=\"", f.y - 9);
			mesh_i_buf_printf(b, "\" width=\"20\" height=\"18\" "
			    "fill=\"%s\" stroke=\"#000\"/>\n",
			    domain_colour(i));
			flow_text(&f, x, d->dom_name[i]);
		}
	}
	return f.y + LEGEND_ROW;
}

/* Node order for labels: single points of failure, nodes cut off, the
 * rest; then by links, most first; then by name. */
struct lorder {
	int node;
	int rank;
	size_t deg;
	const char *name;
};

/* In label order (struct lorder). */
static int
cmp_lorder(const void *x, const void *y)
{
	const struct lorder *a = x, *b = y;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->deg != b->deg)
		return a->deg > b->deg ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Every node drawn, labelled where there is room. Returns 0, or -1 when
 * out of memory. */
static int
draw_nodes(struct draw *d)
{
	const struct mesh_plan *p = d->p;
	struct mesh_i_buf *b = &d->b;
	struct lorder *ord = NULL;
	size_t i, n = p->nnodes;
	double r = d->r;
	int rc = -1;

	if (d->coloured)
		for (i = 0; i < d->ndom; i++) {
			put_xy(b, "<circle class=\"domain\" cx=\"",
			    d->dxy[2 * i], "\" cy=\"", d->dxy[2 * i + 1]);
			mesh_i_buf_puts(b, "\" r=\"");
			put_num(b, d->dr[i]);
			mesh_i_buf_printf(b, "\" fill=\"%s\" fill-opacity="
			    "\"0.15\" stroke=\"%s\" stroke-width=\"2\"/>\n",
			    domain_colour(i), domain_colour(i));
		}
	mesh_i_buf_puts(b, "<g class=\"links\">\n");
	for (i = 0; i < p->nlinks; i++) {
		int u = p->links[2 * i], v = p->links[2 * i + 1];

		svg_line(b, d->s.flags[i], d->xy[2 * u], d->xy[2 * u + 1],
		    d->xy[2 * v], d->xy[2 * v + 1], 0);
	}
	for (i = 0; i < d->nfix; i++) {
		int u = d->fix[2 * i], v = d->fix[2 * i + 1];

		svg_line(b, L_FIX, d->xy[2 * u], d->xy[2 * u + 1],
		    d->xy[2 * v], d->xy[2 * v + 1], 0);
		svg_store_dot(b, d->xy[2 * u], d->xy[2 * u + 1],
		    d->xy[2 * v], d->xy[2 * v + 1], r);
	}
	for (i = 0; i < p->nlinks; i++) {
		int u = p->links[2 * i], v = p->links[2 * i + 1];

		if (d->s.flags[i] & L_LOW_STORES)
			svg_store_dot(b, d->xy[2 * u], d->xy[2 * u + 1],
			    d->xy[2 * v], d->xy[2 * v + 1], r);
		if (d->s.flags[i] & L_HIGH_STORES)
			svg_store_dot(b, d->xy[2 * v], d->xy[2 * v + 1],
			    d->xy[2 * u], d->xy[2 * u + 1], r);
	}
	mesh_i_buf_puts(b, "</g>\n<g class=\"nodes\">\n");
	for (i = 0; i < n; i++)
		svg_mark(b, d->s.kind[i], d->xy[2 * i], d->xy[2 * i + 1], r,
		    d->coloured && d->s.kind[i] != K_DOWN ?
		    domain_colour((size_t)d->dom_of[i]) : NULL);
	/* The marks are taken first: no label covers a node. */
	for (i = 0; i < n; i++) {
		double rr = (d->s.kind[i] == K_SPOF ? r * 1.3 : r) + 1;
		struct mesh_i_box bx;

		bx.x0 = d->xy[2 * i] - rr;
		bx.x1 = d->xy[2 * i] + rr;
		bx.y0 = d->xy[2 * i + 1] - rr;
		bx.y1 = d->xy[2 * i + 1] + rr;
		if (mesh_i_placer_take(&d->pl, &bx) != 0)
			goto done;
	}
	/* And the dots that say who stores a route. */
	for (i = 0; i < p->nlinks + d->nfix; i++) {
		const int *e = i < p->nlinks ? p->links + 2 * i :
		    d->fix + 2 * (i - p->nlinks);
		int f = i < p->nlinks ? d->s.flags[i] : L_LOW_STORES, end;

		for (end = 0; end < 2; end++) {
			int u = e[end], v = e[1 - end];
			struct mesh_i_box bx;
			double x, y;

			/* For a fix, the first end stores it. */
			if (i < p->nlinks ? !(f & (u < v ? L_LOW_STORES :
			    L_HIGH_STORES)) : end != 0)
				continue;
			store_dot_at(d->xy[2 * u], d->xy[2 * u + 1],
			    d->xy[2 * v], d->xy[2 * v + 1], r, &x, &y);
			bx.x0 = x - 4.5;
			bx.x1 = x + 4.5;
			bx.y0 = y - 4.5;
			bx.y1 = y + 4.5;
			if (mesh_i_placer_take(&d->pl, &bx) != 0)
				goto done;
		}
	}
	mesh_i_buf_printf(b, "</g>\n<g class=\"labels\" font-size=\"%.0f\" "
	    "text-anchor=\"middle\" paint-order=\"stroke\" stroke=\"#fff\" "
	    "stroke-width=\"3\" fill=\"#000\">\n", d->fs);
	/* The domains' names, above their discs. */
	for (i = 0; d->coloured && i < d->ndom; i++) {
		double tx, ty, w = mesh_i_text_width(d->dom_name[i], d->fs) *
		    BOLD;
		int k = place(d, d->dxy[2 * i], d->dxy[2 * i + 1], d->dr[i],
		    w, 1, 0, &tx, &ty);

		if (k < 0)
			goto done;
		if (k > 0)
			put_text(d, "domain-name\" font-weight=\"bold", tx, ty,
			    d->dom_name[i]);
	}
	if ((ord = calloc(n + 1, sizeof(*ord))) == NULL ||
	    (d->dropped = malloc((n + 1) * sizeof(*d->dropped))) == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		ord[i].node = (int)i;
		ord[i].rank = d->s.kind[i] == K_SPOF ? 0 :
		    d->s.kind[i] == K_CUTOFF ? 1 : 2;
		ord[i].name = p->nodes[i].name;
	}
	for (i = 0; i < p->nlinks; i++) {
		ord[p->links[2 * i]].deg++;
		ord[p->links[2 * i + 1]].deg++;
	}
	qsort(ord, n, sizeof(*ord), cmp_lorder);
	for (i = 0; i < n; i++) {
		int v = ord[i].node, k;
		double tx, ty;

		k = place(d, d->xy[2 * v], d->xy[2 * v + 1],
		    (d->s.kind[v] == K_SPOF ? r * 1.3 : r), mesh_i_text_width(
		    p->nodes[v].name, d->fs), 1, 0, &tx, &ty);
		if (k < 0)
			goto done;
		if (k > 0)
			put_text(d, "node-name", tx, ty, p->nodes[v].name);
		else
			d->dropped[d->ndropped++] = v;
	}
	mesh_i_buf_puts(b, "</g>\n");
	if (mesh_plan_sort_nodes(p, d->dropped, d->ndropped) != 0)
		goto done;
	rc = 0;
done:
	free(ord);
	return rc;
}

/* A pair of clusters and what joins them: links, bridges, fixes. */
struct cpair {
	int a, b;
	int fix;                /* a suggested route, not a link */
	int bridge;
};

/* Links before suggestions, then by the pair. */
static int
cmp_cpair(const void *x, const void *y)
{
	const struct cpair *p = x, *q = y;

	if (p->fix != q->fix)
		return p->fix - q->fix;
	if (p->a != q->a)
		return p->a - q->a;
	return p->b - q->b;
}

/* The clusters drawn as discs with the links between them counted.
 * Returns 0, or -1 when out of memory. */
static int
draw_clusters(struct draw *d)
{
	const struct mesh_plan *p = d->p;
	struct mesh_i_buf *b = &d->b, t;
	struct cpair *pr = NULL;
	size_t i, j, np = 0, *spof = NULL, *inside = NULL, *cut = NULL;
	int rc = -1;

	if ((pr = malloc((p->nlinks + d->nfix + 1) * sizeof(*pr))) == NULL ||
	    (spof = calloc(d->ndom, sizeof(*spof))) == NULL ||
	    (inside = calloc(d->ndom, sizeof(*inside))) == NULL ||
	    (cut = calloc(d->ndom, sizeof(*cut))) == NULL)
		goto done;
	for (i = 0; i < p->nlinks + d->nfix; i++) {
		int fix = i >= p->nlinks;
		const int *e = fix ? d->fix + 2 * (i - p->nlinks) :
		    p->links + 2 * i;
		int x = d->dom_of[e[0]], y = d->dom_of[e[1]];

		if (x == y) {
			inside[x] += fix;
			continue;
		}
		pr[np].a = x < y ? x : y;
		pr[np].b = x < y ? y : x;
		pr[np].fix = fix;
		pr[np++].bridge = !fix && (d->s.flags[i] & L_BRIDGE);
	}
	qsort(pr, np, sizeof(*pr), cmp_cpair);
	for (i = 0; i < p->nnodes; i++) {
		spof[d->dom_of[i]] += d->s.kind[i] == K_SPOF;
		cut[d->dom_of[i]] += d->s.kind[i] == K_CUTOFF;
	}
	mesh_i_buf_puts(b, "<g class=\"links\">\n");
	for (i = 0; i < np; i = j) {
		size_t cnt = 0, nb = 0;
		double x1, y1, x2, y2, off, dx, dy, len;

		for (j = i; j < np && pr[j].a == pr[i].a && pr[j].b ==
		    pr[i].b && pr[j].fix == pr[i].fix; j++) {
			cnt++;
			nb += pr[j].bridge;
		}
		x1 = d->dxy[2 * pr[i].a];
		y1 = d->dxy[2 * pr[i].a + 1];
		x2 = d->dxy[2 * pr[i].b];
		y2 = d->dxy[2 * pr[i].b + 1];
		/* Suggested routes run beside the links, not on them. */
		dx = x2 - x1;
		dy = y2 - y1;
		len = fmax(hypot(dx, dy), 1e-9);
		off = pr[i].fix ? 9 : 0;
		x1 += -dy / len * off;
		x2 += -dy / len * off;
		y1 += dx / len * off;
		y2 += dx / len * off;
		svg_line(b, pr[i].fix ? L_FIX : nb ? L_BRIDGE : 0, x1, y1,
		    x2, y2, 1.5 + 1.2 * log2((double)cnt));
	}
	mesh_i_buf_puts(b, "</g>\n<g class=\"clusters\">\n");
	for (i = 0; i < d->ndom; i++) {
		put_xy(b, "<circle class=\"cluster\" cx=\"", d->dxy[2 * i],
		    "\" cy=\"", d->dxy[2 * i + 1]);
		mesh_i_buf_puts(b, "\" r=\"");
		put_num(b, d->dr[i]);
		mesh_i_buf_printf(b, "\" fill=\"%s\" stroke=\"#000\" "
		    "stroke-width=\"%s\"/>\n", domain_colour(i),
		    spof[i] ? "3" : "1.5");
	}
	mesh_i_buf_printf(b, "</g>\n<g class=\"labels\" font-size=\"%.0f\" "
	    "text-anchor=\"middle\" paint-order=\"stroke\" stroke=\"#fff\" "
	    "stroke-width=\"3\" fill=\"#000\">\n", d->fs);
	for (i = 0; i < d->ndom; i++) {
		char *stats, *more = NULL;
		double tx, ty, w;
		int k, lines = 2;

		mesh_i_buf_init(&t);
		mesh_i_buf_printf(&t, "%zu %s", d->dom_n[i], d->dom_n[i] == 1 ?
		    "node" : "nodes");
		if (spof[i])
			mesh_i_buf_printf(&t, ", %zu %s", spof[i], spof[i] ==
			    1 ? "SPOF" : "SPOFs");
		if ((stats = mesh_i_buf_take(&t)) == NULL)
			goto done;
		if ((cut[i] && !d->by_pieces) || inside[i]) {
			mesh_i_buf_init(&t);
			if (cut[i] && !d->by_pieces)
				mesh_i_buf_printf(&t, "%zu cut off", cut[i]);
			if (inside[i])
				mesh_i_buf_printf(&t, "%s+%zu suggested",
				    t.len ? ", " : "", inside[i]);
			if ((more = mesh_i_buf_take(&t)) == NULL) {
				free(stats);
				goto done;
			}
			lines = 3;
		}
		w = fmax(mesh_i_text_width(d->dom_name[i], d->fs) * BOLD,
		    mesh_i_text_width(stats, d->fs));
		if (more != NULL)
			w = fmax(w, mesh_i_text_width(more, d->fs));
		k = place(d, d->dxy[2 * i], d->dxy[2 * i + 1], d->dr[i], w,
		    lines, 1, &tx, &ty);
		if (k > 0) {
			put_xy(b, "<text class=\"cluster-name\" x=\"", tx,
			    "\" y=\"", ty);
			mesh_i_buf_puts(b, "\"><tspan font-weight=\"bold\">");
			mesh_i_buf_xml(b, d->dom_name[i]);
			put_xy(b, "</tspan><tspan x=\"", tx, "\" dy=\"",
			    LINE_H * d->fs);
			mesh_i_buf_puts(b, "\">");
			mesh_i_buf_xml(b, stats);
			if (more != NULL) {
				put_xy(b, "</tspan><tspan x=\"", tx, "\" dy=\"",
				    LINE_H * d->fs);
				mesh_i_buf_puts(b, "\">");
				mesh_i_buf_xml(b, more);
			}
			mesh_i_buf_puts(b, "</tspan></text>\n");
		} else if (k == 0)
			d->ndropped_other++;
		free(stats);
		free(more);
		if (k < 0)
			goto done;
	}
	for (i = 0; i < np; i = j) {
		size_t cnt = 0, nb = 0;
		double mx, my, tx, ty, f;
		char *s;
		int k;

		for (j = i; j < np && pr[j].a == pr[i].a && pr[j].b ==
		    pr[i].b && pr[j].fix == pr[i].fix; j++) {
			cnt++;
			nb += pr[j].bridge;
		}
		mesh_i_buf_init(&t);
		if (pr[i].fix)
			mesh_i_buf_printf(&t, "+%zu suggested", cnt);
		else
			mesh_i_buf_printf(&t, "%zu %s", cnt, cnt == 1 ?
			    "link" : "links");
		if (nb)
			mesh_i_buf_printf(&t, " (%zu %s)", nb, nb == 1 ?
			    "bridge" : "bridges");
		if ((s = mesh_i_buf_take(&t)) == NULL)
			goto done;
		/* Links counted at the middle, suggestions a third of the
		 * way: crossing lines keep their counts apart. */
		f = pr[i].fix ? 0.35 : 0.5;
		mx = d->dxy[2 * pr[i].a] * (1 - f) + d->dxy[2 * pr[i].b] * f;
		my = d->dxy[2 * pr[i].a + 1] * (1 - f) +
		    d->dxy[2 * pr[i].b + 1] * f;
		k = place(d, mx, my, pr[i].fix ? 14 : 4, mesh_i_text_width(s,
		    d->fs), 1, !pr[i].fix, &tx, &ty);
		if (k > 0)
			put_text(d, pr[i].fix ? "fix-count" : "link-count", tx,
			    ty, s);
		else if (k == 0)
			d->ndropped_other++;
		free(s);
		if (k < 0)
			goto done;
	}
	mesh_i_buf_puts(b, "</g>\n");
	rc = 0;
done:
	free(pr);
	free(spof);
	free(inside);
	free(cut);
	return rc;
}

enum mesh_error
mesh_picture_draw(const struct mesh_analysis *a,
    const struct mesh_picture_options *o, char **out,
    struct mesh_picture_notes *notes)
{
	const struct mesh_plan *p = a->plan;
	struct draw d;
	struct mesh_i_buf lg;
	enum mesh_error err = MESH_ENOMEM;
	double lh;

	*out = NULL;
	if (notes != NULL)
		memset(notes, 0, sizeof(*notes));
	memset(&d, 0, sizeof(d));
	mesh_i_buf_init(&d.b);
	mesh_i_buf_init(&lg);
	d.a = a;
	d.p = p;
	if (o != NULL) {
		d.fix = o->fix;
		d.nfix = o->fix != NULL ? o->nfix : 0;
	}
	if ((err = scene_init(&d.s, a)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if (domains_init(&d, o) != 0)
		goto done;
	if (d.condensed)
		layout_clusters(&d);
	else if ((err = layout_nodes(&d)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if (mesh_i_placer_init(&d.pl, PIC_W, d.h, 40) != 0)
		goto done;
	lh = legend(&d, &lg);
	mesh_i_buf_printf(&d.b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-labelledby=\"topology-title\" "
	    "font-family=\"sans-serif\">\n", PIC_W, ceil(d.h + lh), PIC_W,
	    ceil(d.h + lh));
	mesh_i_buf_puts(&d.b, "<title id=\"topology-title\">topology of ");
	mesh_i_buf_xml(&d.b, p->name ? p->name : "(unnamed)");
	mesh_i_buf_puts(&d.b, "</title>\n<rect width=\"100%\" height=\"100%\" "
	    "fill=\"#fff\"/>\n");
	if ((d.condensed ? draw_clusters(&d) : draw_nodes(&d)) != 0)
		goto done;
	mesh_i_buf_printf(&d.b, "<g class=\"legend\" font-size=\"%.0f\" "
	    "transform=\"translate(0 ", LEGEND_FS);
	put_num(&d.b, d.h);
	mesh_i_buf_puts(&d.b, ")\">\n");
	if (lg.failed)
		goto done;
	mesh_i_buf_add(&d.b, lg.data != NULL ? lg.data : "", lg.len);
	mesh_i_buf_puts(&d.b, "</g>\n</svg>\n");
	if ((*out = mesh_i_buf_take(&d.b)) == NULL)
		goto done;
	if (notes != NULL) {
		notes->by = d.by;
		notes->ndomains = d.coloured ? d.ndom : 0;
		notes->condensed = d.condensed;
		notes->by_pieces = d.by_pieces;
		notes->merged = d.merged;
		notes->dropped = d.dropped;
		notes->ndropped = d.ndropped;
		notes->nunplaced = d.ndropped_other;
		notes->nlabels = d.nlabels;
		d.dropped = NULL;
	}
	err = MESH_OK;
done:
	mesh_i_buf_free(&lg);
	draw_free(&d);
	return err;
}

void
mesh_picture_notes_free(struct mesh_picture_notes *notes)
{
	if (notes == NULL)
		return;
	free(notes->dropped);
	memset(notes, 0, sizeof(*notes));
}

enum mesh_error
mesh_picture_svg(const struct mesh_analysis *a, char **out)
{
	return mesh_picture_draw(a, NULL, out, NULL);
}

/*
 * s as a DOT quoted string, '"' and '\\' escaped. label: shown as
 * written (Graphviz would read "\\n" in a label as a line break), control
 * characters as the visible escapes of mesh_i_control(), their backslash
 * escaped too. Else an ID: a control character as that escape with its
 * one backslash, so that no name that spells the escape (its backslash
 * doubled) has the same ID; such an ID needs a label of its own
 * (has_control_char()).
 */
static void
put_dot_string(struct mesh_i_buf *b, const char *s, int label)
{
	char esc[MESH_I_CONTROL_ESC];
	size_t n;

	mesh_i_buf_puts(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			mesh_i_buf_add(b, "\\", 1);
		if (MESH_I_MAY_CONTROL(*s) &&
		    (n = mesh_i_control(s, esc)) > 0) {
			if (label)
				mesh_i_buf_add(b, "\\", 1);
			mesh_i_buf_puts(b, esc);
			s += n - 1;
		} else {
			mesh_i_buf_add(b, s, 1);
		}
	}
	mesh_i_buf_puts(b, "\"");
}

/* Whether s holds a control character that mesh_i_control() escapes. */
static int
has_control_char(const char *s)
{
	for (; *s; s++)
		if (MESH_I_MAY_CONTROL(*s) && mesh_i_control(s, NULL) > 0)
			return 1;
	return 0;
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
	put_dot_string(&b, p->name ? p->name : "(unnamed)", 1);
	mesh_i_buf_puts(&b, ", labelloc=t, fontname=\"sans-serif\"];\n"
	    "\tnode [shape=circle, style=filled, fillcolor=\"" C_NODE "\", "
	    "fontname=\"sans-serif\"];\n"
	    "\tedge [color=\"" C_LINK "\", penwidth=2];\n");
	for (i = 0; i < p->nnodes; i++) {
		mesh_i_buf_puts(&b, "\t");
		put_dot_string(&b, p->nodes[i].name, 0);
		mesh_i_buf_puts(&b, node_attrs[s.kind[i]]);
		mesh_i_buf_puts(&b, ";\n");
		if (has_control_char(p->nodes[i].name)) {
			mesh_i_buf_puts(&b, "\t");
			put_dot_string(&b, p->nodes[i].name, 0);
			mesh_i_buf_puts(&b, " [label=");
			put_dot_string(&b, p->nodes[i].name, 1);
			mesh_i_buf_puts(&b, "];\n");
		}
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
		put_dot_string(&b, p->nodes[u].name, 0);
		mesh_i_buf_puts(&b, " -- ");
		put_dot_string(&b, p->nodes[v].name, 0);
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
