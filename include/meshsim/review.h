/* review.h: the design-review report: one self-contained HTML file, or Markdown with the picture beside it. */
#ifndef MESHSIM_REVIEW_H
#define MESHSIM_REVIEW_H

#include "meshsim/meshsim.h"
#include "meshsim/analysis.h"
#include "meshsim/availability.h"
#include "meshsim/diag.h"
#include "meshsim/picture.h"
#include "meshsim/progress.h"
#include "meshsim/suggest.h"
#include "meshsim/sweep.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/* The optional parts of a report; each NULL part is said to be absent. */
struct mesh_review_parts {
	const struct mesh_sweep *sweep;         /* by node, run; k = 2 */
	const struct mesh_sweep *domains;       /* by a label key, run */
	const struct mesh_availability *availability;
	const char *svg_name;   /* Markdown: the picture's file name */
	/* NULL: none; else the report's writing is reported as phase
	 * "report", in sections (progress.h). */
	const struct mesh_progress *progress;
	/* The failure-domain label key of the picture and of `domains`;
	 * NULL: "zone". */
	const char *by;
	/* Why a part is absent, for the words that say so: the work
	 * estimates of the sweeps and of the availability run when they
	 * were above their budget (0: not that). */
	double sweep_cost, domains_cost, availability_cost;
	/* The fix: routes suggest.h proposes (target 2), drawn and listed;
	 * NULL: none, and fix_why says why (NULL: "not computed"). */
	const struct mesh_suggestion *fix;
	const char *fix_why;
	/* The stamp: seconds since 1970 UTC of the report's date, and
	 * whether they came from SOURCE_DATE_EPOCH (reproducible). The
	 * version is MESH_VERSION, the fingerprint the plan's
	 * (mesh_plan_fingerprint()). */
	long long when;
	int when_fixed;
};

/*
 * The picture of the report (mesh_picture_draw() with parts' key and
 * fix): for the Markdown report's SVG file. Returns as
 * mesh_picture_draw().
 */
enum mesh_error mesh_review_picture(const struct mesh_analysis *a,
    const struct mesh_review_parts *parts, char **svg);

/*
 * The report on analysis a (with diags, which may be NULL, and parts,
 * which may be NULL) as one HTML document: verdict, topology (the SVG of
 * mesh_picture_svg() inline), single points of failure, bridges, the
 * sweep, failure domains, availability, diagnostics and routes per node;
 * inline CSS only, so it makes no network request; every text escaped.
 * The same input gives the same bytes. Sets *out to NUL-terminated text
 * the caller frees with free(). Returns MESH_OK, MESH_ENOMEM, MESH_EGRAPH
 * or MESH_ENOIGRAPH; *out is NULL on failure.
 */
enum mesh_error mesh_review_html(const struct mesh_analysis *a,
    const struct mesh_diags *diags, const struct mesh_review_parts *parts,
    char **out);

/*
 * The same report as Markdown (tables; the picture as
 * ![topology](parts->svg_name), "topology.svg" when not given; the caller
 * writes the SVG there). Returns as mesh_review_html().
 */
enum mesh_error mesh_review_markdown(const struct mesh_analysis *a,
    const struct mesh_diags *diags, const struct mesh_review_parts *parts,
    char **out);

MESH_API_END

#endif
