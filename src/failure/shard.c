/* shard.c: the partial results of sharded sweeps and availability runs: fingerprints, reading and checking them (out/shard_json.c writes them). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "read/jsonpos.h"
#include "meshsim/meshsim.h"
#include "meshsim/shard.h"
#include "read/json_kit.h"
#include "read/kit.h"
#include "base/sha256.h"
#include "base/util.h"

#define SWEEP_K_MAX 1000000     /* as `meshsim sweep --k` takes */

/* The header values of a partial, for messages about them. */
enum field {
	F_FORMAT, F_MESHSIM, F_COMMAND, F_PLAN, F_INPUT_FORMAT,
	F_FINGERPRINT, F_OPTIONS, F_SHARD, F_SHARDS, F_RESULTS,
	F_K, F_BY, F_MODEL,
	F_NODE_AVAILABILITY, F_TRIALS, F_SEED, F_FAIL_BELOW,
	NFIELDS
};

struct mesh_partial {
	char *file;
	char *buf;              /* the text: exact integers are read here */
	size_t len;
	struct mesh_i_jdoc *doc;  /* the values, each with its position */
	cJSON *root;
	struct mesh_partial_info info;
	const cJSON *at[NFIELDS];
};

static const char *const top_keys[] = { "meshsim_partial", "meshsim",
	"command", "plan", "input_format", "fingerprint", "options", "shard",
	"shards", "results", NULL };
static const char *const sweep_option_keys[] = { "k", "by", "model", NULL };
static const char *const avail_option_keys[] = { "node_availability",
	"trials", "seed", "fail_below", NULL };
static const char *const sweep_result_keys[] = { "tried", "splitting",
	"worst", "minimal_cuts", NULL };
static const char *const worst_keys_graph[] = { "cut_off", "set", "group",
	NULL };
static const char *const worst_keys_mesh[] = { "stranded", "set", "group",
	NULL };
static const char *const cut_keys_graph[] = { "set", "group", "cut_off",
	NULL };
static const char *const cut_keys_mesh[] = { "set", "group", "stranded",
	"nodes", NULL };
static const char *const avail_result_keys[] = { "blocks", "trials",
	"connected", "whole", "cut_off", "cut_off_sq_hi", "cut_off_sq_lo",
	NULL };

/* Fingerprints. */

enum mesh_error
mesh_plan_fingerprint(const struct mesh_plan *plan,
    char out[MESH_FINGERPRINT_SIZE])
{
	struct mesh_i_sha256 c;
	unsigned char d[32];
	char *text = NULL;
	enum mesh_error err;
	int i;

	out[0] = '\0';
	if ((err = mesh_plan_export(plan, MESH_EXPORT_JSON, &text)) != MESH_OK)
		return err == MESH_EINVAL ? MESH_ENOMEM : err;
	mesh_i_sha256_init(&c);
	mesh_i_sha256_add(&c, text, strlen(text));
	mesh_i_sha256_end(&c, d);
	free(text);
	memcpy(out, "sha256:", 7);
	for (i = 0; i < 32; i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", d[i]);
	return MESH_OK;
}

/* Reading. */

/* The state of reading one partial (the kit's reader first), and a
 * cursor in its text: byte offset off is at line, col. */
struct rd {
	struct mesh_i_reader base;
	const struct mesh_partial *p;
	size_t off;
	int line, col;
};

/* The cursor at the start of the text. Positions count from after a
 * byte order mark. */
static void
rd_rewind(struct rd *r)
{
	r->off = r->p->len >= 3 && memcmp(r->p->buf, "\xef\xbb\xbf",
	    3) == 0 ? 3 : 0;
	r->line = 1;
	r->col = 1;
}

/* Start reading p, its errors into diags. */
static void
rd_init(struct rd *r, const struct mesh_partial *p, struct mesh_diags *diags)
{
	r->base.diags = diags;
	r->base.file = p->file;
	r->base.errors = 0;
	r->base.nomem = 0;
	r->p = p;
	rd_rewind(r);
}

/*
 * Where value v starts in the text, found from its line and column (which
 * count characters), going on from the value found last: values are
 * mostly read in the order of the text, so reading them all is linear.
 */
static const char *
text_of(struct rd *r, const cJSON *v)
{
	const struct mesh_i_jpos *pos = mesh_i_jpos_of(v);
	const char *s = r->p->buf;
	size_t len = r->p->len;

	if (pos->line < r->line || (pos->line == r->line &&
	    pos->column < r->col))
		rd_rewind(r);
	while (r->line < pos->line && r->off < len)
		if (s[r->off++] == '\n') {
			r->line++;
			r->col = 1;
		}
	while (r->col < pos->column && r->off < len) {
		r->off++;
		while (r->off < len && ((unsigned char)s[r->off] & 0xc0) == 0x80)
			r->off++;
		r->col++;
	}
	return s + r->off;
}

/* A copy of the text of scalar v, as written (a string with its quotes):
 * the caller frees it. NULL when out of memory. */
static char *
scalar_text(struct rd *r, const cJSON *v)
{
	const char *t = text_of(r, v), *end = r->p->buf + r->p->len;
	size_t n = 0;

	if (*t == '"') {
		for (n = 1; t + n < end && t[n] != '"'; n++)
			if (t[n] == '\\' && t + n + 1 < end)
				n++;
		n++;
	} else {
		while (t + n < end && strchr("0123456789+-.eEtruefalsn",
		    t[n]) != NULL && t[n] != '\0')
			n++;
	}
	return mesh_i_asprintf("%.*s", (int)n, t);
}

/*
 * The keys of obj (what names it: "'options'") must be in known
 * (NULL-terminated), once each. Returns 0, or -1 after reporting.
 */
static int
check_keys(struct rd *r, const cJSON *obj, const char *const *known,
    const char *what)
{
	const cJSON *e, *f;
	int errors = r->base.errors;

	cJSON_ArrayForEach(e, obj) {
		for (f = obj->child; f != e; f = f->next)
			if (strcmp(f->string, e->string) == 0)
				break;
		if (f != e) {
			mesh_i_json_report(&r->base, MESH_ERROR,
			    "duplicate-key", e, 1, NULL, "%s repeats the key "
			    "'%s'", what, e->string);
			continue;
		}
		if (mesh_i_known_key(known, e->string, NULL) < 0)
			mesh_i_json_report(&r->base, MESH_ERROR, "unknown-key",
			    e, 1, NULL, "%s has an unknown key '%s'", what,
			    e->string);
	}
	return r->base.errors == errors ? 0 : -1;
}

/* An object; what names it. Returns 0, or -1 after reporting. */
static int
want_object(struct rd *r, const cJSON *v, const char *what)
{
	if (cJSON_IsObject(v))
		return 0;
	mesh_i_json_wrong_type(&r->base, v, what, "an object", NULL);
	return -1;
}

/* An array; what names it. Returns 0, or -1 after reporting. */
static int
want_array(struct rd *r, const cJSON *v, const char *what)
{
	if (cJSON_IsArray(v))
		return 0;
	mesh_i_json_wrong_type(&r->base, v, what, "a list", NULL);
	return -1;
}

/*
 * A whole number from lo to hi, read exactly from the text (cJSON holds
 * numbers as doubles, exact only to 2^53). Returns 0 with *out set, or
 * -1 after reporting.
 */
static int
get_count(struct rd *r, const cJSON *v, const char *what, uint64_t lo,
    uint64_t hi, uint64_t *out)
{
	const char *s;
	unsigned long long n;
	char *end;

	if (v == NULL)
		return -1;
	if (!cJSON_IsNumber(v)) {
		mesh_i_json_wrong_type(&r->base, v, what, "a number", NULL);
		return -1;
	}
	s = text_of(r, v);
	errno = 0;
	n = *s >= '0' && *s <= '9' ? strtoull(s, &end, 10) : 0;
	if (*s < '0' || *s > '9' || errno != 0 || *end == '.' || *end == 'e' ||
	    *end == 'E' || n < lo || n > hi) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial", v, 0,
		    NULL, "%s must be a whole number from %llu to %llu", what,
		    (unsigned long long)lo, (unsigned long long)hi);
		return -1;
	}
	*out = n;
	return 0;
}

/* A probability 0-1, or null (-1). Returns 0, or -1 after reporting. */
static int
get_probability(struct rd *r, const cJSON *v, const char *what, double *out)
{
	if (v == NULL)
		return -1;
	if (cJSON_IsNull(v)) {
		*out = -1;
		return 0;
	}
	if (!cJSON_IsNumber(v)) {
		mesh_i_json_wrong_type(&r->base, v, what,
		    "a number or null", NULL);
		return -1;
	}
	if (!(v->valuedouble >= 0 && v->valuedouble <= 1)) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial", v, 0,
		    NULL, "%s must be from 0 to 1", what);
		return -1;
	}
	*out = v->valuedouble;
	return 0;
}

/* Non-empty text without NUL. Returns it, or NULL after reporting. */
static const char *
get_string(struct rd *r, const cJSON *v, const char *what)
{
	if (v == NULL)
		return NULL;
	if (!cJSON_IsString(v)) {
		mesh_i_json_wrong_type(&r->base, v, what, "a string", NULL);
		return NULL;
	}
	if (*v->valuestring == '\0' || mesh_i_jpos_of(v)->has_nul) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial", v, 0,
		    NULL, "%s must be non-empty text without NUL", what);
		return NULL;
	}
	return v->valuestring;
}

/* The options of a sweep partial. */
static void
read_sweep_options(struct rd *r, struct mesh_partial *p, const cJSON *o)
{
	const char *s;
	uint64_t k;

	if (check_keys(r, o, sweep_option_keys, "'options'") != 0)
		return;
	p->at[F_K] = mesh_i_json_member(&r->base, o, "k", "'options'", NULL);
	p->at[F_BY] = mesh_i_json_member(&r->base, o, "by", "'options'", NULL);
	p->at[F_MODEL] = mesh_i_json_member(&r->base, o, "model",
	    "'options'", NULL);
	if (get_count(r, p->at[F_K], "'k'", 1, SWEEP_K_MAX, &k) == 0)
		p->info.k = (int)k;
	if (p->at[F_BY] != NULL && !cJSON_IsNull(p->at[F_BY]) &&
	    (s = get_string(r, p->at[F_BY], "'by'")) != NULL) {
		if (strchr(s, '=') != NULL)
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    p->at[F_BY], 0, NULL, "'by' must be a label key, "
			    "without '='");
		p->info.by = s;
	}
	if ((s = get_string(r, p->at[F_MODEL], "'model'")) != NULL) {
		if (strcmp(s, "graph") == 0)
			p->info.model = MESH_SWEEP_GRAPH;
		else if (strcmp(s, "mesh") == 0)
			p->info.model = MESH_SWEEP_MESH;
		else
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    p->at[F_MODEL], 0, NULL, "'model' must be "
			    "\"graph\" or \"mesh\"");
	}
}

/* The options of an availability partial. */
static void
read_avail_options(struct rd *r, struct mesh_partial *p, const cJSON *o)
{
	if (check_keys(r, o, avail_option_keys, "'options'") != 0)
		return;
	p->at[F_NODE_AVAILABILITY] = mesh_i_json_member(&r->base, o,
	    "node_availability", "'options'", NULL);
	p->at[F_TRIALS] = mesh_i_json_member(&r->base, o, "trials",
	    "'options'", NULL);
	p->at[F_SEED] = mesh_i_json_member(&r->base, o, "seed",
	    "'options'", NULL);
	p->at[F_FAIL_BELOW] = mesh_i_json_member(&r->base, o, "fail_below",
	    "'options'", NULL);
	get_probability(r, p->at[F_NODE_AVAILABILITY], "'node_availability'",
	    &p->info.node_availability);
	get_count(r, p->at[F_TRIALS], "'trials'", 1, MESH_AVAIL_TRIALS_MAX,
	    &p->info.trials);
	get_count(r, p->at[F_SEED], "'seed'", 0, UINT64_MAX, &p->info.seed);
	get_probability(r, p->at[F_FAIL_BELOW], "'fail_below'",
	    &p->info.fail_below);
}

/* Whether s is "sha256:" and 64 lowercase hex digits. */
static int
is_fingerprint(const char *s)
{
	size_t i;

	if (strncmp(s, "sha256:", 7) != 0 || strlen(s) != 7 + 64)
		return 0;
	for (i = 7; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* The header of p, from its tree. */
static void
read_header(struct rd *r, struct mesh_partial *p)
{
	static const char *const names[NFIELDS] = { "meshsim_partial",
		"meshsim", "command", "plan", "input_format", "fingerprint",
		"options", "shard", "shards", "results" };
	const char *s;
	uint64_t n;
	int f, fmt;

	if (check_keys(r, p->root, top_keys, "the partial") != 0)
		return;
	for (f = F_FORMAT; f <= F_RESULTS; f++)
		p->at[f] = mesh_i_json_member(&r->base, p->root, names[f],
		    "the partial", NULL);
	if (r->base.errors)
		return;
	if (get_count(r, p->at[F_FORMAT], "'meshsim_partial'", 0, UINT64_MAX,
	    &n) == 0 && n != MESH_PARTIAL_FORMAT) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
		    p->at[F_FORMAT], 0, NULL, "partial format %llu is not one "
		    "this meshsim reads (%d)", (unsigned long long)n,
		    MESH_PARTIAL_FORMAT);
		return;
	}
	p->info.meshsim = get_string(r, p->at[F_MESHSIM], "'meshsim'");
	if ((s = get_string(r, p->at[F_COMMAND], "'command'")) != NULL) {
		if (strcmp(s, "sweep") == 0)
			p->info.command = MESH_PARTIAL_SWEEP;
		else if (strcmp(s, "availability") == 0)
			p->info.command = MESH_PARTIAL_AVAILABILITY;
		else {
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    p->at[F_COMMAND], 0, NULL, "'command' must be "
			    "\"sweep\" or \"availability\"");
			s = NULL;
		}
	}
	p->info.plan = get_string(r, p->at[F_PLAN], "'plan'");
	if (get_string(r, p->at[F_INPUT_FORMAT], "'input_format'") != NULL) {
		if ((fmt = mesh_format_from_name(
		    p->at[F_INPUT_FORMAT]->valuestring)) < 0)
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    p->at[F_INPUT_FORMAT], 0, NULL, "'input_format' "
			    "must be one of auto, json, gml, graphml, "
			    "edgelist, ncol, harper");
		else
			p->info.input_format = (enum mesh_format)fmt;
	}
	if (get_string(r, p->at[F_FINGERPRINT], "'fingerprint'") != NULL) {
		if (!is_fingerprint(p->at[F_FINGERPRINT]->valuestring))
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    p->at[F_FINGERPRINT], 0, NULL, "'fingerprint' must "
			    "be \"sha256:\" and 64 lowercase hex digits");
		else
			memcpy(p->info.fingerprint,
			    p->at[F_FINGERPRINT]->valuestring, 7 + 64 + 1);
	}
	if (get_count(r, p->at[F_SHARDS], "'shards'", 1, MESH_SHARDS_MAX,
	    &n) == 0) {
		p->info.shards = (int)n;
		if (get_count(r, p->at[F_SHARD], "'shard'", 1, n, &n) == 0)
			p->info.shard = (int)n;
	}
	if (want_object(r, p->at[F_OPTIONS], "'options'") == 0 && s != NULL) {
		if (p->info.command == MESH_PARTIAL_SWEEP)
			read_sweep_options(r, p, p->at[F_OPTIONS]);
		else
			read_avail_options(r, p, p->at[F_OPTIONS]);
	}
	want_object(r, p->at[F_RESULTS], "'results'");
}

enum mesh_error
mesh_partial_load(const char *path, struct mesh_diags *diags,
    struct mesh_partial **out)
{
	struct mesh_partial *p;
	struct rd r;
	enum mesh_error err;

	*out = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->file = strdup(path)) == NULL) {
		free(p);
		diags->nomem = 1;
		return MESH_ENOMEM;
	}
	p->info.node_availability = -1;
	p->info.fail_below = -1;
	if ((err = mesh_ops_read_file(path, diags, &p->buf,
	    &p->len)) != MESH_OK ||
	    (err = mesh_i_jdoc_load(p->buf, p->len, p->file, diags, NULL,
	    &p->doc, &p->root)) != MESH_OK)
		goto fail;
	rd_init(&r, p, diags);
	if (!cJSON_IsObject(p->root)) {
		mesh_i_json_report(&r.base, MESH_ERROR, "not-an-object",
		    p->root, 0, NULL, "a partial must be an object, not %s",
		    mesh_i_json_type_name(p->root));
		err = MESH_EINPUT;
		goto fail;
	}
	read_header(&r, p);
	if (r.base.errors) {
		err = MESH_EINPUT;
		goto fail;
	}
	*out = p;
	return MESH_OK;
fail:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	mesh_partial_free(p);
	return err;
}

const struct mesh_partial_info *
mesh_partial_info(const struct mesh_partial *p)
{
	return &p->info;
}

const char *
mesh_partial_file(const struct mesh_partial *p)
{
	return p->file;
}

void
mesh_partial_free(struct mesh_partial *p)
{
	if (p == NULL)
		return;
	mesh_i_jdoc_free(p->doc);
	free(p->buf);
	free(p->file);
	free(p);
}

/* Checking partials against each other. */

/* Report that field f of b (being read by r) differs from a's; what
 * names it. */
static void
mismatch(struct rd *r, const struct mesh_partial *a,
    const struct mesh_partial *b, enum field f, const char *what)
{
	struct rd ra;
	char *here, *there;

	rd_init(&ra, a, r->base.diags);
	here = scalar_text(r, b->at[f]);
	there = scalar_text(&ra, a->at[f]);

	if (here == NULL || there == NULL)
		r->base.diags->nomem = 1;
	else
		mesh_i_json_report(&r->base, MESH_ERROR, "partial-mismatch",
		    b->at[f], 0, NULL, "%s is %s here but %s in %s: the "
		    "partials are not of one run", what, here, there, a->file);
	free(here);
	free(there);
}

/* Two optional strings are equal. */
static int
same_string(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Compare b with a, reporting each difference at b. */
static void
agree(struct rd *r, const struct mesh_partial *a,
    const struct mesh_partial *b)
{
	const struct mesh_partial_info *x = &a->info, *y = &b->info;

	if (x->command != y->command) {
		mismatch(r, a, b, F_COMMAND, "the command");
		return;
	}
	if (!same_string(x->meshsim, y->meshsim))
		mismatch(r, a, b, F_MESHSIM, "the meshsim version");
	if (!same_string(x->plan, y->plan))
		mismatch(r, a, b, F_PLAN, "the plan");
	if (x->input_format != y->input_format)
		mismatch(r, a, b, F_INPUT_FORMAT, "the input format");
	if (strcmp(x->fingerprint, y->fingerprint) != 0)
		mismatch(r, a, b, F_FINGERPRINT, "the plan's fingerprint");
	if (x->shards != y->shards)
		mismatch(r, a, b, F_SHARDS, "the number of shards");
	if (x->command == MESH_PARTIAL_SWEEP) {
		if (x->k != y->k)
			mismatch(r, a, b, F_K, "--k");
		if (!same_string(x->by, y->by))
			mismatch(r, a, b, F_BY, "--by");
		if (x->model != y->model)
			mismatch(r, a, b, F_MODEL, "--model");
		return;
	}
	if (x->node_availability != y->node_availability)
		mismatch(r, a, b, F_NODE_AVAILABILITY, "--node-availability");
	if (x->trials != y->trials)
		mismatch(r, a, b, F_TRIALS, "--trials");
	if (x->seed != y->seed)
		mismatch(r, a, b, F_SEED, "--seed");
	if (x->fail_below != y->fail_below)
		mismatch(r, a, b, F_FAIL_BELOW, "--fail-below");
}

enum mesh_error
mesh_partials_check(struct mesh_partial *const *parts, size_t n,
    struct mesh_diags *diags)
{
	struct mesh_partial **by = NULL;
	struct mesh_i_buf list;
	struct rd r;
	size_t i, missing = 0, shards;
	char *text;
	int errors = 0;

	if (n == 0)
		return MESH_EINVAL;
	for (i = 1; i < n; i++) {
		rd_init(&r, parts[i], diags);
		agree(&r, parts[0], parts[i]);
		errors += r.base.errors;
	}
	if (errors)
		return MESH_EINPUT;
	shards = (size_t)parts[0]->info.shards;
	if ((by = calloc(shards + 1, sizeof(*by))) == NULL) {
		diags->nomem = 1;
		return MESH_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const struct mesh_partial_info *in = &parts[i]->info;
		struct mesh_partial *other = by[in->shard];

		rd_init(&r, parts[i], diags);
		if (other != NULL) {
			mesh_i_json_report(&r.base, MESH_ERROR,
			    "shard-duplicate", parts[i]->at[F_SHARD], 0, NULL,
			    "shard %d of %d is also in %s", in->shard,
			    in->shards, other->file);
			errors++;
		} else
			by[in->shard] = parts[i];
	}
	mesh_i_buf_init(&list);
	for (i = 1; i <= shards; i++) {
		if (by[i] != NULL)
			continue;
		if (missing < 20)
			mesh_i_buf_printf(&list, "%s%zu", missing ? ", " : "", i);
		else if (missing == 20)
			mesh_i_buf_puts(&list, ", ...");
		missing++;
	}
	free(by);
	if ((text = mesh_i_buf_take(&list)) == NULL && missing > 0) {
		diags->nomem = 1;
		return MESH_ENOMEM;
	}
	if (missing == 1) {
		mesh_diags_add(diags, MESH_ERROR, "shard-missing", NULL, 0, 0,
		    NULL, "shard %s of %zu is missing: merge needs the "
		    "partials of shards 1 to %zu", text, shards, shards);
		errors++;
	} else if (missing > 1) {
		mesh_diags_add(diags, MESH_ERROR, "shard-missing", NULL, 0, 0,
		    NULL, "%zu of the %zu shards are missing (%s): merge needs "
		    "the partials of shards 1 to %zu", missing, shards, text,
		    shards);
		errors++;
	}
	free(text);
	return errors ? MESH_EINPUT : MESH_OK;
}

enum mesh_error
mesh_partial_check_plan(const struct mesh_partial *p,
    const struct mesh_plan *plan, struct mesh_diags *diags)
{
	char now[MESH_FINGERPRINT_SIZE];
	struct rd r;

	if (mesh_plan_fingerprint(plan, now) != MESH_OK) {
		diags->nomem = 1;
		return MESH_ENOMEM;
	}
	if (strcmp(now, p->info.fingerprint) == 0)
		return MESH_OK;
	rd_init(&r, p, diags);
	mesh_i_json_report(&r.base, MESH_ERROR, "plan-changed",
	    p->at[F_FINGERPRINT], 0, NULL, "the plan %s has changed since the "
	    "shards read it (its fingerprint is now %s)", p->info.plan, now);
	return MESH_EINPUT;
}

/* Sweep results. */

/* The unit named s, or -1. Units are sorted by name. */
static int
unit_index(const struct mesh_domains *d, const char *s)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(d->names[mid], s);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * A set of units (a list of names, ascending) into u (room for k); size
 * must be want, or any of 1 .. k when want is 0. Sets *n. Returns 0, or
 * -1 after reporting.
 */
static int
read_set(struct rd *r, const struct mesh_sweep *sw, const cJSON *v,
    int want, int *u, int *n)
{
	const cJSON *e;
	int i = 0, size;

	if (v == NULL || want_array(r, v, "'set'") != 0)
		return -1;
	size = cJSON_GetArraySize(v);
	if ((want > 0 && size != want) || size < 1 || size > sw->k) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial", v, 0,
		    NULL, "'set' must hold %d unit%s, not %d", want > 0 ? want :
		    sw->k, (want > 0 ? want : sw->k) == 1 ? "" : "s", size);
		return -1;
	}
	cJSON_ArrayForEach(e, v) {
		if (get_string(r, e, "a unit") == NULL)
			return -1;
		if ((u[i] = unit_index(sw->units, e->valuestring)) < 0) {
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    e, 0, NULL, "the plan has no %s%s named '%s'",
			    sw->by == NULL ? "node" : sw->by, sw->by == NULL ?
			    "" : " domain", e->valuestring);
			return -1;
		}
		if (i > 0 && u[i] <= u[i - 1]) {
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    e, 0, NULL, "the units of a set must be sorted by "
			    "name, once each");
			return -1;
		}
		i++;
	}
	*n = size;
	return 0;
}

/* A group index. Returns 0, or -1 after reporting. */
static int
read_group(struct rd *r, const struct mesh_sweep *sw, const cJSON *v,
    size_t *out)
{
	uint64_t g;

	if (get_count(r, v, "'group'", 0, sw->ncomponents - 1, &g) != 0)
		return -1;
	*out = (size_t)g;
	return 0;
}

/*
 * An object keyed "1" .. "k" (what names it); into v[s] its members.
 * Returns 0, or -1 after reporting.
 */
static int
by_size(struct rd *r, const struct mesh_sweep *sw, const cJSON *obj,
    const char *what, const cJSON **v)
{
	const cJSON *e;
	char *end;
	long s;
	int got = 0;

	if (obj == NULL || want_object(r, obj, what) != 0)
		return -1;
	cJSON_ArrayForEach(e, obj) {
		errno = 0;
		s = e->string[0] >= '1' && e->string[0] <= '9' ?
		    strtol(e->string, &end, 10) : 0;
		if (s < 1 || s > sw->k || errno != 0 || *end != '\0') {
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    e, 1, NULL, "%s is keyed by set size, \"1\" to "
			    "\"%d\", not \"%s\"", what, sw->k, e->string);
			return -1;
		}
		if (v[s] != NULL) {
			mesh_i_json_report(&r->base, MESH_ERROR,
			    "duplicate-key", e, 1, NULL, "%s repeats the key "
			    "'%s'", what, e->string);
			return -1;
		}
		v[s] = e;
		got++;
	}
	if (got != sw->k) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial", obj, 0,
		    NULL, "%s must hold every set size from \"1\" to \"%d\"",
		    what, sw->k);
		return -1;
	}
	return 0;
}

/* Report an error from the merge, at v. Returns -1. */
static int
merge_failed(struct rd *r, const cJSON *v, enum mesh_error err)
{
	if (err == MESH_ENOMEM)
		r->base.diags->nomem = 1;
	else
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial", v, 0,
		    NULL, "this does not fit the sweep of the plan");
	return -1;
}

/* The counts and worst set of each size. Returns 0, or -1 (after
 * reporting, or out of memory). */
static int
read_sizes(struct rd *r, struct mesh_sweep *sw, const cJSON *res, int *u)
{
	const char *effect = sw->model == MESH_SWEEP_MESH ? "stranded" :
	    "cut_off";
	const cJSON **tried = NULL, **hit = NULL, **worst = NULL, *w;
	enum mesh_error err;
	uint64_t t, h, e = 0, most = sw->plan->nnodes;
	size_t group = 0;
	int s, n, rc = -1;

	tried = calloc((size_t)sw->k + 1, sizeof(*tried));
	hit = calloc((size_t)sw->k + 1, sizeof(*hit));
	worst = calloc((size_t)sw->k + 1, sizeof(*worst));
	if (tried == NULL || hit == NULL || worst == NULL) {
		r->base.diags->nomem = 1;
		goto done;
	}
	if (by_size(r, sw, mesh_i_json_member(&r->base, res, "tried",
	    "'results'", NULL), "'tried'", tried) != 0 ||
	    by_size(r, sw, mesh_i_json_member(&r->base, res, "splitting",
	    "'results'", NULL), "'splitting'", hit) != 0 ||
	    by_size(r, sw, mesh_i_json_member(&r->base, res, "worst",
	    "'results'", NULL), "'worst'", worst) != 0)
		goto done;
	for (s = 1; s <= sw->k; s++) {
		if (get_count(r, tried[s], "a count", 0, UINT64_MAX, &t) != 0 ||
		    get_count(r, hit[s], "a count", 0, t, &h) != 0)
			goto done;
		w = worst[s];
		e = 0;
		if (!cJSON_IsNull(w)) {
			if (want_object(r, w, "a worst set") != 0 ||
			    check_keys(r, w, sw->model == MESH_SWEEP_MESH ?
			    worst_keys_mesh : worst_keys_graph,
			    "a worst set") != 0 ||
			    get_count(r, mesh_i_json_member(&r->base, w,
			    effect, "a worst set", NULL), effect, 1, most,
			    &e) != 0 ||
			    read_set(r, sw, mesh_i_json_member(&r->base, w,
			    "set", "a worst set", NULL), s, u, &n) != 0 ||
			    read_group(r, sw, mesh_i_json_member(&r->base, w,
			    "group", "a worst set", NULL), &group) != 0)
				goto done;
		}
		if ((h == 0) != (e == 0)) {
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-partial",
			    w, 0, NULL, "a worst set must be given exactly "
			    "when some set hit");
			goto done;
		}
		if ((err = mesh_sweep_merge_size(sw, s, t, h, (size_t)e,
		    e ? u : NULL, group)) != MESH_OK) {
			merge_failed(r, w, err);
			goto done;
		}
	}
	rc = 0;
done:
	free(tried);
	free(hit);
	free(worst);
	return rc;
}

/* The minimal sets. Returns 0, or -1 (after reporting, or out of
 * memory). */
static int
read_cuts(struct rd *r, struct mesh_sweep *sw, const cJSON *list, int *u)
{
	int mesh = sw->model == MESH_SWEEP_MESH, n, *nodes = NULL, rc = -1;
	const char *effect = mesh ? "stranded" : "cut_off";
	const cJSON *c, *e, *names;
	enum mesh_error err;
	uint64_t eff;
	size_t group, i;

	if (list == NULL || want_array(r, list, "'minimal_cuts'") != 0)
		return -1;
	if (mesh && (nodes = malloc((sw->plan->nnodes + 1) *
	    sizeof(int))) == NULL) {
		r->base.diags->nomem = 1;
		return -1;
	}
	cJSON_ArrayForEach(c, list) {
		if (want_object(r, c, "a minimal set") != 0 ||
		    check_keys(r, c, mesh ? cut_keys_mesh : cut_keys_graph,
		    "a minimal set") != 0 ||
		    read_set(r, sw, mesh_i_json_member(&r->base, c, "set",
		    "a minimal set", NULL), 0, u, &n) != 0 ||
		    read_group(r, sw, mesh_i_json_member(&r->base, c, "group",
		    "a minimal set", NULL), &group) != 0 ||
		    get_count(r, mesh_i_json_member(&r->base, c, effect,
		    "a minimal set", NULL), effect, 1, sw->plan->nnodes,
		    &eff) != 0)
			goto done;
		if (mesh) {
			names = mesh_i_json_member(&r->base, c, "nodes",
			    "a minimal set", NULL);
			if (names == NULL || want_array(r, names, "'nodes'") != 0)
				goto done;
			if ((uint64_t)cJSON_GetArraySize(names) != eff) {
				mesh_i_json_report(&r->base, MESH_ERROR,
				    "bad-partial", names, 0, NULL, "'nodes' "
				    "must name the %llu stranded nodes",
				    (unsigned long long)eff);
				goto done;
			}
			i = 0;
			cJSON_ArrayForEach(e, names) {
				if (get_string(r, e, "a node") == NULL)
					goto done;
				if ((nodes[i++] = mesh_plan_find(sw->plan,
				    e->valuestring)) < 0) {
					mesh_i_json_report(&r->base, MESH_ERROR,
					    "bad-partial", e, 0, NULL,
					    "the plan has no node named '%s'",
					    e->valuestring);
					goto done;
				}
			}
		}
		if ((err = mesh_sweep_merge_cut(sw, u, (size_t)n, group,
		    (size_t)eff, nodes)) != MESH_OK) {
			merge_failed(r, c, err);
			goto done;
		}
	}
	rc = 0;
done:
	free(nodes);
	return rc;
}

enum mesh_error
mesh_partial_sweep_add(const struct mesh_partial *p, struct mesh_sweep *sw,
    struct mesh_diags *diags)
{
	const cJSON *res = p->at[F_RESULTS];
	struct rd r;
	int *u = malloc(((size_t)sw->k + 1) * sizeof(int)), rc;

	if (u == NULL) {
		diags->nomem = 1;
		return MESH_ENOMEM;
	}
	rd_init(&r, p, diags);
	rc = check_keys(&r, res, sweep_result_keys, "'results'") == 0 &&
	    read_sizes(&r, sw, res, u) == 0 &&
	    read_cuts(&r, sw, mesh_i_json_member(&r.base, res,
	    "minimal_cuts", "'results'", NULL), u) == 0 ? 0 : -1;
	free(u);
	if (rc == 0)
		return MESH_OK;
	return r.base.errors ? MESH_EINPUT : MESH_ENOMEM;
}

/* Availability results. */

enum mesh_error
mesh_partial_avail_add(const struct mesh_partial *p,
    struct mesh_avail_sums *sums, struct mesh_diags *diags)
{
	const struct mesh_partial_info *in = &p->info;
	const cJSON *res = p->at[F_RESULTS], *v;
	struct mesh_avail_sums s;
	uint64_t nb = mesh_avail_nblocks(in->trials), first =
	    (uint64_t)in->shard - 1, blocks, trials, n;
	struct rd r;

	rd_init(&r, p, diags);
	blocks = nb > first ? (nb - first - 1) / (uint64_t)in->shards + 1 : 0;
	trials = mesh_avail_share_trials(in->trials, first,
	    (uint64_t)in->shards);
	memset(&s, 0, sizeof(s));
	if (check_keys(&r, res, avail_result_keys, "'results'") != 0)
		return MESH_EINPUT;
	v = mesh_i_json_member(&r.base, res, "blocks", "'results'", NULL);
	if (get_count(&r, v, "'blocks'", 0, UINT64_MAX, &n) != 0)
		return MESH_EINPUT;
	if (n != blocks) {
		mesh_i_json_report(&r.base, MESH_ERROR, "bad-partial", v, 0,
		    NULL, "'blocks' is %llu, but shard %d of %d runs %llu of "
		    "the %llu blocks", (unsigned long long)n, in->shard,
		    in->shards, (unsigned long long)blocks,
		    (unsigned long long)nb);
		return MESH_EINPUT;
	}
	v = mesh_i_json_member(&r.base, res, "trials", "'results'", NULL);
	if (get_count(&r, v, "'trials'", 0, UINT64_MAX, &s.trials) != 0)
		return MESH_EINPUT;
	if (s.trials != trials) {
		mesh_i_json_report(&r.base, MESH_ERROR, "bad-partial", v, 0,
		    NULL, "'trials' is %llu, but the blocks of shard %d of %d "
		    "hold %llu trials", (unsigned long long)s.trials,
		    in->shard, in->shards, (unsigned long long)trials);
		return MESH_EINPUT;
	}
	if (get_count(&r, mesh_i_json_member(&r.base, res, "connected",
	    "'results'", NULL), "'connected'", 0, trials,
	    &s.connected) != 0 ||
	    get_count(&r, mesh_i_json_member(&r.base, res, "whole",
	    "'results'", NULL), "'whole'", 0, trials, &s.whole) != 0 ||
	    get_count(&r, mesh_i_json_member(&r.base, res, "cut_off",
	    "'results'", NULL), "'cut_off'", 0, UINT64_MAX,
	    &s.cut_off) != 0 ||
	    get_count(&r, mesh_i_json_member(&r.base, res, "cut_off_sq_hi",
	    "'results'", NULL), "'cut_off_sq_hi'", 0, UINT64_MAX,
	    &s.cut_off_sq_hi) != 0 ||
	    get_count(&r, mesh_i_json_member(&r.base, res, "cut_off_sq_lo",
	    "'results'", NULL), "'cut_off_sq_lo'", 0, UINT64_MAX,
	    &s.cut_off_sq_lo) != 0)
		return MESH_EINPUT;
	mesh_avail_sums_add(sums, &s);
	return MESH_OK;
}
