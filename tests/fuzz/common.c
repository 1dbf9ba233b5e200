/* common.c: what the libFuzzer harnesses share: result checks, the analyses run on every plan read, and scratch files. */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fuzz.h"

/* The heavy parts of fuzz_exercise_part() (sweeps, availability,
 * suggestions, diffs, pictures and reports) run on plans of at most this
 * many nodes, where availability is exact over 2^n states and each input
 * takes about a millisecond. */
#define FUZZ_SMALL      8
/* Target 3 suggestions search pairs of nodes: at most this many. */
#define FUZZ_TINY       6
/* Availability trials per plan. */
#define FUZZ_TRIALS     200
/* The GML and GraphML harnesses read back the GML and GraphML exports
 * (igraph) of plans of at most this many nodes; every reader harness the
 * JSON export of every plan. */
#define FUZZ_READ_BACK  64

void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
	abort();
}

void
fuzz_check_result(enum mesh_error err, const struct mesh_plan *plan,
    const struct mesh_diags *diags)
{
	size_t i, errors = 0;

	FUZZ_CHECK((err == MESH_OK) == (plan != NULL),
	    "a plan is returned exactly on MESH_OK");
	if (!diags->nomem)
		FUZZ_CHECK((err == MESH_EINPUT) == (diags->errors > 0),
		    "MESH_EINPUT exactly when an error diagnostic is given");
	FUZZ_CHECK(err == MESH_OK || err == MESH_EINPUT || err == MESH_ENOMEM,
	    "a reader returns MESH_OK, MESH_EINPUT or MESH_ENOMEM");
	for (i = 0; i < diags->n; i++) {
		const struct mesh_diag *d = &diags->v[i];

		FUZZ_CHECK(d->code != NULL && *d->code != '\0',
		    "a diagnostic has a code");
		FUZZ_CHECK(d->message != NULL, "a diagnostic has a message");
		FUZZ_CHECK(d->line >= 0 && d->column >= 0,
		    "a diagnostic has no negative line or column");
		FUZZ_CHECK(d->column == 0 || d->line > 0,
		    "a diagnostic with a column has a line");
		if (d->severity == MESH_ERROR)
			errors++;
	}
	FUZZ_CHECK(errors == diags->errors, "diags->errors counts the errors");
}

/*
 * cJSON's allocations while fuzz_check_json() parses, bumped out of one
 * block and dropped all at once after it: only whether the text parses
 * matters there, and ASan's books on cJSON's few hundred small
 * allocations a check were the largest share of the allocator's time in
 * the reader harnesses (docs/fuzzing.md). What does not fit comes from
 * malloc.
 */
static union {
	max_align_t align;
	unsigned char b[1 << 20];
} scratch;
static size_t scratch_used;

static void *
scratch_alloc(size_t n)
{
	size_t a = _Alignof(max_align_t);
	size_t at = (scratch_used + a - 1) / a * a;

	if (at > sizeof(scratch.b) || n > sizeof(scratch.b) - at)
		return malloc(n);
	scratch_used = at + n;
	return scratch.b + at;
}

static void
scratch_free(void *p)
{
	uintptr_t u = (uintptr_t)p, lo = (uintptr_t)scratch.b;

	if (u < lo || u >= lo + sizeof(scratch.b))
		free(p);
}

void
fuzz_check_json(const char *s, const char *what)
{
	cJSON_Hooks hooks = { scratch_alloc, scratch_free };
	cJSON *j;

	if (s == NULL)
		return;         /* out of memory: not a finding */
	/* Set for this parse only: the library's own cJSON_Parse() calls
	 * (GML and GraphML labels) keep malloc, and ASan's checks. */
	cJSON_InitHooks(&hooks);
	scratch_used = 0;
	j = cJSON_ParseWithLength(s, strlen(s));
	FUZZ_CHECK(j != NULL, what);
	cJSON_Delete(j);
	cJSON_InitHooks(NULL);
}

/* Abort unless analysis a of plan keeps its own books. */
static void
check_analysis(const struct mesh_plan *plan, const struct mesh_analysis *a)
{
	size_t c, total = 0, largest = 0;

	FUZZ_CHECK(a->nnodes + a->ndown == plan->nnodes,
	    "survivors and down nodes make up the plan");
	for (c = 0; c < a->ncomponents; c++) {
		size_t sz = a->comp_start[c + 1] - a->comp_start[c];

		FUZZ_CHECK(sz > 0, "a component is not empty");
		FUZZ_CHECK(c == 0 || sz <= largest,
		    "components come largest first");
		if (c == 0)
			largest = sz;
		total += sz;
	}
	FUZZ_CHECK(total == a->nnodes, "components cover the survivors");
	FUZZ_CHECK(a->connected == (a->ncomponents <= 1),
	    "connected means one component");
	FUZZ_CHECK(a->ncut_off == a->nnodes - largest,
	    "cut off are the survivors outside the largest component");
	FUZZ_CHECK(a->vertex_connectivity <= a->edge_connectivity ||
	    a->edge_connectivity < 0, "vertex connectivity <= edge connectivity");
	FUZZ_CHECK(a->ncutpoints == 0 || a->vertex_connectivity <= 1,
	    "an articulation point means vertex connectivity <= 1");
	FUZZ_CHECK(a->nbridges == 0 || a->edge_connectivity <= 1,
	    "a bridge means edge connectivity <= 1");
}

/* Read back text that plan was exported to in format fmt: it must read
 * without error into a plan with the same nodes and links. */
static void
check_round_trip(const struct mesh_plan *plan, const char *text,
    enum mesh_format fmt, const char *what)
{
	struct mesh_diags d;
	struct mesh_plan *back = NULL;
	enum mesh_error err;
	size_t i;

	mesh_diags_init(&d);
	err = mesh_plan_parse(text, strlen(text), "export", fmt, &d, &back);
	if (err != MESH_ENOMEM) {
		if (err != MESH_OK && d.n > 0)
			fprintf(stderr, "%s: %s\n", what, d.v[0].message);
		FUZZ_CHECK(err == MESH_OK, what);
		FUZZ_CHECK(back->nnodes == plan->nnodes &&
		    back->nlinks == plan->nlinks, what);
		/* No name and an empty one are the same to GraphML. */
		FUZZ_CHECK(strcmp(plan->name ? plan->name : "",
		    back->name ? back->name : "") == 0, what);
		for (i = 0; i < plan->nnodes; i++)
			FUZZ_CHECK(strcmp(back->nodes[i].name,
			    plan->nodes[i].name) == 0 &&
			    strcmp(back->nodes[i].host,
			    plan->nodes[i].host) == 0 &&
			    back->nodes[i].port == plan->nodes[i].port, what);
		for (i = 0; i < 2 * plan->nlinks; i++)
			FUZZ_CHECK(back->links[i] == plan->links[i], what);
	}
	mesh_plan_free(back);
	mesh_diags_clear(&d);
}

/* The exports of plan from first to last (0 JSON, 1 GML, 2 GraphML, 3
 * DOT), each read back where the format promises it; those after the
 * JSON export only when plan has at most max_igraph nodes. */
static void
exercise_exports(const struct mesh_plan *plan, size_t first, size_t last,
    size_t max_igraph)
{
	static const struct {
		enum mesh_export_format ex;
		enum mesh_format back;  /* AUTO: not read back */
		const char *what;
	} fmts[] = {
		{ MESH_EXPORT_JSON, MESH_FORMAT_JSON,
		  "the JSON export reads back as the same plan" },
		{ MESH_EXPORT_GML, MESH_FORMAT_GML,
		  "the GML export reads back as the same plan" },
		{ MESH_EXPORT_GRAPHML, MESH_FORMAT_GRAPHML,
		  "the GraphML export reads back as the same plan" },
		{ MESH_EXPORT_DOT, MESH_FORMAT_AUTO, NULL },
	};
	size_t i;
	char *text;

	for (i = first; i <= last && i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		if (i > 0 && plan->nnodes > max_igraph)
			break;
		if (mesh_plan_export(plan, fmts[i].ex, &text) != MESH_OK)
			continue;
		if (fmts[i].back != MESH_FORMAT_AUTO)
			check_round_trip(plan, text, fmts[i].back,
			    fmts[i].what);
		free(text);
	}
}

/* Failure domains by node, host and zone; the nodes of the first node's
 * zone. */
static void
exercise_domains(const struct mesh_plan *plan)
{
	static const char *const keys[] = { NULL, "host", "zone" };
	struct mesh_domains *dom;
	const char *zone;
	size_t i, n;
	int *nodes;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (mesh_domains_new(plan, keys[i], &dom) == MESH_OK) {
			FUZZ_CHECK(dom->n <= plan->nnodes,
			    "no more domains than nodes");
			mesh_domains_free(dom);
		}
	}
	if (plan->nnodes == 0)
		return;
	zone = mesh_node_label(&plan->nodes[0], "zone");
	if (mesh_domain_select(plan, zone ? "zone" : "host", zone ? zone :
	    plan->nodes[0].host, &nodes, &n) == MESH_OK) {
		FUZZ_CHECK(n >= 1, "a node's own domain holds it");
		free(nodes);
	}
}

/* The sweeps of plan. With mesh set, by node with the mesh model, its
 * JSON checked, and nothing else (*sw and *by_zone NULL). Else by node
 * with the graph model, into *sw, and by zone, into *by_zone (each NULL
 * when it fails; the caller frees them), and with json set the JSON of
 * each checked. */
static void
exercise_sweeps(const struct mesh_plan *plan, const struct mesh_diags *diags,
    int mesh, int json, struct mesh_sweep **sw, struct mesh_sweep **by_zone)
{
	struct mesh_sweep_options so;
	char *s;

	*sw = NULL;
	*by_zone = NULL;
	memset(&so, 0, sizeof(so));
	so.k = 2;
	so.jobs = 1;
	so.model = mesh ? MESH_SWEEP_MESH : MESH_SWEEP_GRAPH;
	if (mesh_sweep_new(plan, &so, sw) != MESH_OK ||
	    mesh_sweep_run(*sw) != MESH_OK) {
		mesh_sweep_free(*sw);
		*sw = NULL;
	} else if (mesh || json) {
		s = mesh_sweep_json(*sw, diags);
		fuzz_check_json(s, "the sweep's JSON is valid");
		free(s);
	}
	if (mesh) {
		mesh_sweep_free(*sw);
		*sw = NULL;
		return;
	}
	so.by = "zone";
	so.k = 1;
	if (mesh_sweep_new(plan, &so, by_zone) != MESH_OK ||
	    mesh_sweep_run(*by_zone) != MESH_OK) {
		mesh_sweep_free(*by_zone);
		*by_zone = NULL;
	} else if (json) {
		s = mesh_sweep_json(*by_zone, diags);
		fuzz_check_json(s, "the sweep by zone's JSON is valid");
		free(s);
	}
}

/* The availability of plan (exact, and FUZZ_TRIALS trials), its JSON
 * checked: returned (NULL when it fails; the caller frees it). */
static struct mesh_availability *
exercise_availability(const struct mesh_plan *plan,
    const struct mesh_diags *diags)
{
	struct mesh_avail_options ao;
	struct mesh_availability *av = NULL;
	char *s;

	memset(&ao, 0, sizeof(ao));
	ao.node_availability = -1;
	ao.trials = FUZZ_TRIALS;
	ao.seed = 1;
	ao.jobs = 1;
	if (mesh_availability(plan, &ao, &av) != MESH_OK)
		return NULL;
	s = mesh_availability_json(av, diags);
	fuzz_check_json(s, "the availability JSON is valid");
	free(s);
	return av;
}

/* The pictures (SVG, DOT) of analysis a, and the DOT export. */
static void
exercise_pictures(const struct mesh_plan *plan, const struct mesh_analysis *a)
{
	char *s;

	exercise_exports(plan, 3, 3, (size_t)-1);
	if (mesh_picture_svg(a, &s) == MESH_OK)
		free(s);
	if (mesh_picture_dot(a, &s) == MESH_OK)
		free(s);
}

/* A report of analysis a of plan, HTML or (markdown set) Markdown, with
 * the parts variant picks: bit 0 the graph sweep and the sweep by zone,
 * bit 1 the availability, both bits also the fix (suggestions for target
 * 2). A part left out is "not computed", or over its budget on plans of
 * an odd number of nodes, so that every way a report words a missing
 * part is fuzzed too. */
static void
exercise_report(const struct mesh_plan *plan, const struct mesh_analysis *a,
    const struct mesh_diags *diags, int markdown, unsigned variant)
{
	struct mesh_review_parts parts;
	struct mesh_sweep *sw = NULL, *by_zone = NULL;
	struct mesh_availability *av = NULL;
	struct mesh_suggestion *fix = NULL;
	double over = plan->nnodes % 2 ? 2 * MESH_AVAIL_BUDGET : 0;
	char *s;

	memset(&parts, 0, sizeof(parts));
	if (variant & 1) {
		exercise_sweeps(plan, diags, 0, 0, &sw, &by_zone);
	} else {
		parts.sweep_cost = over;
		parts.domains_cost = over;
	}
	if (variant & 2)
		av = exercise_availability(plan, diags);
	else
		parts.availability_cost = over;
	if (variant == 3 && mesh_suggest(plan, 2, &fix) != MESH_OK)
		fix = NULL;
	parts.sweep = sw;
	parts.domains = by_zone;
	parts.availability = av;
	parts.fix = fix;
	if ((markdown ? mesh_review_markdown(a, diags, &parts, &s) :
	    mesh_review_html(a, diags, &parts, &s)) == MESH_OK)
		free(s);
	mesh_suggestion_free(fix);
	mesh_availability_free(av);
	mesh_sweep_free(by_zone);
	mesh_sweep_free(sw);
}

/* A copy of plan made with the library's calls, as a reader makes one
 * (its nodes with their hosts, ports, labels, availabilities and
 * clustering, their routes), resolved; NULL when out of memory. Not
 * written out and read back: that is parts 2 to 4's work, and took most
 * of the suggestions' parts' time. */
static struct mesh_plan *
copy_plan(const struct mesh_plan *plan)
{
	struct mesh_diags d;
	struct mesh_plan *c;
	enum mesh_error err;
	size_t i, j;
	int ok = 1;

	if ((c = mesh_plan_new(plan->name, plan->file)) == NULL)
		return NULL;
	c->cluster = plan->cluster;
	for (i = 0; i < plan->nnodes && ok; i++) {
		const struct mesh_node *n = &plan->nodes[i];

		ok = mesh_plan_add_node(c, n->name, n->host, n->port, n->line,
		    n->column) == (int)i;
		for (j = 0; ok && j < n->nlabels; j++)
			ok = mesh_plan_set_label(c, (int)i, n->labels[j].key,
			    n->labels[j].value) == 0;
		for (j = 0; ok && j < n->nroutes; j++)
			ok = mesh_plan_add_route(c, (int)i, n->routes[j].host,
			    n->routes[j].port, n->routes[j].line,
			    n->routes[j].column) == 0;
		if (ok) {
			c->nodes[i].availability = n->availability;
			c->nodes[i].no_cluster = n->no_cluster;
		}
	}
	mesh_diags_init(&d);
	err = ok ? mesh_plan_resolve(c, &d) : MESH_ENOMEM;
	FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
	    "a plan copied with the library's calls resolves");
	if (err != MESH_OK) {
		mesh_plan_free(c);
		c = NULL;
	}
	mesh_diags_clear(&d);
	if (c != NULL)
		FUZZ_CHECK(c->nlinks == plan->nlinks,
		    "a plan copied with the library's calls has its links");
	return c;
}

/* Suggestions for target (2 or 3), applied to a copy of plan; without
 * diff the copy is analysed and checked as verified, with diff the diff
 * between plan and that copy is made and its JSON checked. */
static void
exercise_suggest(const struct mesh_plan *plan,
    const struct mesh_diags *diags, int target, int diff)
{
	struct mesh_diff_options dopts;
	struct mesh_suggestion *sg = NULL;
	struct mesh_analysis *after = NULL;
	struct mesh_plan *copy = NULL;
	struct mesh_diags d;
	struct mesh_diff *df = NULL;
	enum mesh_error err;
	char *s;

	mesh_diags_init(&d);
	err = mesh_suggest(plan, target, &sg);
	FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
	    "mesh_suggest succeeds on a read plan");
	if (err != MESH_OK || (copy = copy_plan(plan)) == NULL)
		goto done;
	err = mesh_suggest_apply(copy, sg, &d);
	FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
	    "suggested routes apply");
	if (err != MESH_OK)
		goto done;
	if (!diff) {
		if (mesh_analyze(copy, NULL, &after) != MESH_OK)
			goto done;
		if (sg->verified) {
			FUZZ_CHECK(after->connected &&
			    after->ncutpoints == 0, "a verified suggestion "
			    "leaves no articulation point");
			FUZZ_CHECK(!(target == 3 && sg->reached) ||
			    after->vertex_connectivity >= 3,
			    "a reached target 3 gives vertex connectivity 3");
		}
		goto done;
	}
	memset(&dopts, 0, sizeof(dopts));
	dopts.trials = FUZZ_TRIALS;
	dopts.seed = 1;
	dopts.node_availability = -1;
	if (mesh_diff(plan, copy, &dopts, &df) == MESH_OK) {
		s = mesh_diff_json(df, plan, copy, diags, &d);
		fuzz_check_json(s, "the diff's JSON is valid");
		free(s);
	}
done:
	mesh_diff_free(df);
	mesh_analysis_free(after);
	mesh_plan_free(copy);
	mesh_suggestion_free(sg);
	mesh_diags_clear(&d);
}

/* Suggestions with failure domains (--by zone): at least the lower bound,
 * "minimal" exactly when equal, valid JSON. */
static void
exercise_suggest_by(const struct mesh_plan *plan,
    const struct mesh_diags *diags)
{
	struct mesh_suggest_options o = { 2, "zone" };
	struct mesh_suggestion *sg = NULL;
	enum mesh_error err;
	char *s;

	err = mesh_suggest_with(plan, &o, &sg);
	FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
	    "mesh_suggest_with --by zone succeeds on a read plan");
	if (err != MESH_OK)
		return;
	FUZZ_CHECK(sg->nroutes >= sg->lower_bound,
	    "--by suggests no fewer routes than its lower bound");
	FUZZ_CHECK(sg->minimal == (sg->nroutes == sg->lower_bound),
	    "--by is minimal exactly at its lower bound");
	s = mesh_suggestion_json(sg, plan, diags);
	fuzz_check_json(s, "the --by suggestion's JSON is valid");
	free(s);
	mesh_suggestion_free(sg);
}

/* The analysis of plan, checked, and when json is set its JSON: *out set
 * on MESH_OK. */
static enum mesh_error
analyse(const struct mesh_plan *plan, const struct mesh_diags *diags,
    int json, struct mesh_analysis **out)
{
	enum mesh_error err;
	char *s;

	err = mesh_analyze(plan, NULL, out);
	FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
	    "mesh_analyze succeeds on a read plan");
	if (err != MESH_OK)
		return err;
	check_analysis(plan, *out);
	if (json) {
		s = mesh_analysis_json(*out, diags);
		fuzz_check_json(s, "the analysis JSON is valid");
		free(s);
	}
	return MESH_OK;
}

void
fuzz_exercise(const struct mesh_plan *plan, const struct mesh_diags *diags)
{
	struct mesh_analysis *a = NULL;

	if (analyse(plan, diags, 1, &a) != MESH_OK)
		return;
	exercise_exports(plan, 0, 0, 0);
	mesh_analysis_free(a);
}

/* The analysis of plan with its first and last nodes down, checked, its
 * JSON, and the nodes it strands. */
static void
exercise_down(const struct mesh_plan *plan, const struct mesh_diags *diags)
{
	struct mesh_analysis_options opts;
	struct mesh_analysis *ad = NULL;
	enum mesh_error err;
	int *stranded = NULL, down[2];
	size_t nstranded;
	char *s;

	if (plan->nnodes < 2)
		return;
	memset(&opts, 0, sizeof(opts));
	down[0] = 0;
	down[1] = (int)plan->nnodes - 1;
	opts.down = down;
	opts.ndown = 2;
	err = mesh_analyze(plan, &opts, &ad);
	FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
	    "mesh_analyze succeeds with nodes down");
	if (err != MESH_OK)
		return;
	check_analysis(plan, ad);
	s = mesh_analysis_json(ad, diags);
	fuzz_check_json(s, "the analysis JSON is valid (down)");
	free(s);
	if (mesh_stranded(plan, ad->is_down, &stranded, &nstranded) ==
	    MESH_OK)
		free(stranded);
	mesh_analysis_free(ad);
}

/* Restart hazards, failure domains and the live-mesh simulation. */
static void
exercise_model(const struct mesh_plan *plan)
{
	struct mesh_simulation *sim = NULL;
	enum mesh_error err;
	size_t *first = NULL;
	int *strands = NULL;

	if (mesh_restart_hazards(plan, NULL, &first, &strands) == MESH_OK) {
		free(first);
		free(strands);
	}
	exercise_domains(plan);
	if (plan->nnodes <= MESH_LIVE_MAX_NODES) {
		err = mesh_simulate(plan, &sim);
		FUZZ_CHECK(err == MESH_OK || err == MESH_ENOMEM,
		    "mesh_simulate succeeds on a read plan");
		mesh_simulation_free(sim);
	}
}

void
fuzz_exercise_part(const struct mesh_plan *plan,
    const struct mesh_diags *diags, unsigned part, unsigned variant)
{
	struct mesh_analysis *a = NULL;
	struct mesh_availability *av;
	struct mesh_sweep *sw, *by_zone;
	int small = plan->nnodes <= FUZZ_SMALL;

	part %= FUZZ_PARTS;
	if (analyse(plan, diags, part == 0, &a) != MESH_OK)
		return;
	switch (part) {
	case 0:
		exercise_down(plan, diags);
		break;
	case 1:
		exercise_model(plan);
		break;
	case 2:
	case 3:
	case 4:
		/* JSON, GML, GraphML: each read back. */
		exercise_exports(plan, part - 2, part - 2, (size_t)-1);
		break;
	case 5:
		if (small)
			exercise_pictures(plan, a);
		break;
	case 6:
	case 12:
		/* By node with the mesh model; with the graph model and by
		 * zone. */
		if (small) {
			exercise_sweeps(plan, diags, part == 6, 1, &sw,
			    &by_zone);
			mesh_sweep_free(by_zone);
			mesh_sweep_free(sw);
		}
		break;
	case 7:
		if (small && (av = exercise_availability(plan, diags)) != NULL)
			mesh_availability_free(av);
		break;
	case 8:
	case 13:
		/* HTML, Markdown. */
		if (small)
			exercise_report(plan, a, diags, part == 13,
			    variant % 4);
		break;
	case 9:
		if (small)
			exercise_suggest(plan, diags, 2, 0);
		break;
	case 14:
		/* The diff runs a sweep and the availability on each side. */
		if (plan->nnodes <= FUZZ_TINY)
			exercise_suggest(plan, diags, 2, 1);
		break;
	case 10:
		if (small)
			exercise_suggest_by(plan, diags);
		break;
	case 11:
	case 15:
		if (plan->nnodes <= FUZZ_TINY)
			exercise_suggest(plan, diags, 3, part == 15);
		break;
	}
	mesh_analysis_free(a);
}

void
fuzz_plan(const uint8_t *data, size_t size, const char *file,
    enum mesh_format fmt)
{
	struct mesh_diags d;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_plan_parse((const char *)data, size, file, fmt, &d, &plan);
	fuzz_check_result(err, plan, &d);
	if (plan != NULL)
		fuzz_exercise(plan, &d);
	/* A graph format's plan goes round its own exports too (the JSON
	 * one was fuzz_exercise()'s). */
	if (plan != NULL && (fmt == MESH_FORMAT_GML ||
	    fmt == MESH_FORMAT_GRAPHML))
		exercise_exports(plan, 1, 3, FUZZ_READ_BACK);
	mesh_plan_free(plan);
	mesh_diags_clear(&d);
}

static char dir[4096];

/* Remove fuzz_dir() and the files in it (it holds no directories). */
static void
remove_dir(void)
{
	char path[4400];
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		(void)unlink(path);
	}
	closedir(d);
	(void)rmdir(dir);
}

const char *
fuzz_dir(void)
{
	const char *tmp;

	if (dir[0] != '\0')
		return dir;
	/* Memory (/dev/shm) rather than a disk, where rewriting a file
	 * every input flushes it (ext4's auto_da_alloc). */
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof(dir), "%s/meshsim-fuzz.XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		abort();
	}
	atexit(remove_dir);
	return dir;
}

char *
fuzz_write(const char *name, const void *data, size_t size)
{
	size_t n = strlen(fuzz_dir()) + strlen(name) + 2;
	char *path = malloc(n);
	FILE *f;

	if (path == NULL)
		abort();
	snprintf(path, n, "%s/%s", fuzz_dir(), name);
	/* A new file each time: truncating one costs a flush on ext4. */
	(void)unlink(path);
	if ((f = fopen(path, "wb")) == NULL ||
	    (size > 0 && fwrite(data, 1, size, f) != size) ||
	    fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}
