/* junit.c: `simulate --format junit`: each expectation of a timeline step or what-if run as a JUnit test case (docs/ci.md). */
#include <stdlib.h>

#include "meshsim/meshsim.h"
#include "meshsim/ci.h"
#include "meshsim/mesh.h"
#include "out/xml_writer.h"
#include "base/util.h"

/* Names v[0 .. n-1], ", " between them. */
static void
names(struct mesh_i_buf *b, const struct mesh_plan *p, const int *v,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		mesh_i_buf_printf(b, "%s%s", i ? ", " : "",
		    p->nodes[v[i]].name);
}

/* "[a, b]". */
static void
bracketed(struct mesh_i_buf *b, const struct mesh_plan *p, const int *v,
    size_t n)
{
	mesh_i_buf_add(b, "[", 1);
	names(b, p, v, n);
	mesh_i_buf_add(b, "]", 1);
}

/* What e checks: "connected true, isolated [node2]", as the text report
 * words it. */
static void
expect_desc(struct mesh_i_buf *b, const struct mesh_plan *p,
    const struct mesh_expect *e)
{
	const char *sep = "";

	if (e->has_connected) {
		mesh_i_buf_printf(b, "connected %s", e->connected ? "true" :
		    "false");
		sep = ", ";
	}
	if (e->has_isolated) {
		mesh_i_buf_printf(b, "%sisolated ", sep);
		bracketed(b, p, e->isolated, e->nisolated);
		sep = ", ";
	}
	if (e->has_cut_off) {
		mesh_i_buf_printf(b, "%scut_off ", sep);
		bracketed(b, p, e->cut_off, e->ncut_off);
	}
}

/* What was found against what e expected. */
struct outcome {
	unsigned failed;        /* MESH_EXPECT_ bits */
	bool connected;
	const int *isolated;
	size_t nisolated;
	const int *cut_off;
	size_t ncut_off;
};

/* Each failed part, sep before each but the first: "expected isolated
 * [node2], got [node2, node3]". */
static void
failures(struct mesh_i_buf *b, const struct mesh_plan *p,
    const struct mesh_expect *e, const struct outcome *r, const char *sep)
{
	const char *s = "";

	if (r->failed & MESH_EXPECT_CONNECTED) {
		mesh_i_buf_printf(b, "expected connected %s, got %s",
		    e->connected ? "true" : "false",
		    r->connected ? "true" : "false");
		s = sep;
	}
	if (r->failed & MESH_EXPECT_ISOLATED) {
		mesh_i_buf_printf(b, "%sexpected isolated ", s);
		bracketed(b, p, e->isolated, e->nisolated);
		mesh_i_buf_puts(b, ", got ");
		bracketed(b, p, r->isolated, r->nisolated);
		s = sep;
	}
	if (r->failed & MESH_EXPECT_CUT_OFF) {
		mesh_i_buf_printf(b, "%sexpected cut_off ", s);
		bracketed(b, p, e->cut_off, e->ncut_off);
		mesh_i_buf_puts(b, ", got ");
		bracketed(b, p, r->cut_off, r->ncut_off);
	}
}

/* Append the XML-escaped text (attr: as an attribute value) of t, a
 * scratch buffer emptied here. */
static void
put_escaped(struct mesh_i_buf *b, struct mesh_i_buf *t, int attr)
{
	if (t->failed) {
		b->failed = 1;
	} else if (t->len > 0) {
		mesh_i_xml_escape(b, t->data, attr);    /* NUL-terminated */
	}
	t->len = 0;
}

/* One <testcase>: named name (in t, emptied here), of class cls, at line
 * of the plan's file; a <failure> when r failed. */
static void
testcase(struct mesh_i_buf *b, struct mesh_i_buf *t, const char *cls,
    const struct mesh_plan *p, int line, const struct mesh_expect *e,
    const struct outcome *r)
{
	mesh_i_buf_puts(b, "    <testcase");
	mesh_i_xml_attr(b, "classname", cls);
	mesh_i_buf_puts(b, " name=\"");
	put_escaped(b, t, 1);
	mesh_i_buf_add(b, "\"", 1);
	if (p->file != NULL)
		mesh_i_xml_attr(b, "file", p->file);
	if (p->file != NULL && line > 0)
		mesh_i_xml_attr_uint(b, "line", (size_t)line);
	if (r->failed == 0) {
		mesh_i_buf_puts(b, "/>\n");
		return;
	}
	mesh_i_buf_puts(b, ">\n      <failure type=\"expectation\" "
	    "message=\"");
	failures(t, p, e, r, "; ");
	put_escaped(b, t, 1);
	mesh_i_buf_puts(b, "\">expect ");
	expect_desc(t, p, e);
	mesh_i_buf_add(t, "\n", 1);
	failures(t, p, e, r, "\n");
	mesh_i_buf_add(t, "\n", 1);
	put_escaped(b, t, 0);
	mesh_i_buf_puts(b, "</failure>\n    </testcase>\n");
}

/* The warnings, compiler style, in <system-err>. */
static void
system_err(struct mesh_i_buf *b, struct mesh_i_buf *t,
    const struct mesh_diags *d)
{
	size_t i;

	if (d == NULL || d->n == 0)
		return;
	mesh_i_buf_puts(b, "    <system-err>");
	for (i = 0; i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		if (g->file != NULL && g->line > 0)
			mesh_i_buf_printf(t, "%s:%d:%d: ", g->file, g->line,
			    g->column);
		else if (g->file != NULL)
			mesh_i_buf_printf(t, "%s: ", g->file);
		mesh_i_buf_printf(t, "%s: %s [%s]\n",
		    mesh_severity_name(g->severity), g->message, g->code);
		put_escaped(b, t, 0);
	}
	mesh_i_buf_puts(b, "</system-err>\n");
}

/* The opening tag of <testsuites> or <testsuite>, name in t. */
static void
suite(struct mesh_i_buf *b, struct mesh_i_buf *t, const char *tag,
    const struct mesh_simulation *s)
{
	mesh_i_buf_printf(b, "<%s name=\"", tag);
	put_escaped(b, t, 1);
	mesh_i_buf_add(b, "\"", 1);
	mesh_i_xml_attr_uint(b, "tests", s->nexpect);
	mesh_i_xml_attr_uint(b, "failures", s->nfailed);
	mesh_i_xml_attr_uint(b, "errors", 0);
}

char *
mesh_simulation_junit(const struct mesh_simulation *s,
    const struct mesh_diags *diags)
{
	const struct mesh_plan *p = s->plan;
	struct mesh_i_buf b, t;
	size_t i;

	mesh_i_buf_init(&b);
	mesh_i_buf_init(&t);
	mesh_i_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	mesh_i_buf_puts(&t, "meshsim simulate");
	suite(&b, &t, "testsuites", s);
	mesh_i_buf_puts(&b, ">\n  ");
	mesh_i_buf_puts(&t, p->name ? p->name : p->file ? p->file :
	    "(unnamed)");
	suite(&b, &t, "testsuite", s);
	mesh_i_xml_attr_uint(&b, "skipped", 0);
	if (p->file != NULL)
		mesh_i_xml_attr(&b, "file", p->file);
	mesh_i_buf_puts(&b, ">\n");
	for (i = 0; i < p->nsteps; i++) {
		const struct mesh_step *st = &p->steps[i];
		const struct mesh_snapshot *sn = s->steps[i];
		struct outcome r = { s->step_failed[i], sn->connected,
			sn->isolated, sn->nisolated, sn->cut_off,
			sn->ncut_off };

		if (!st->has_expect)
			continue;
		mesh_i_buf_printf(&t, "step %zu: %s ", i + 1,
		    mesh_event_name(st->event));
		if (st->event == MESH_EVENT_CUT || st->event == MESH_EVENT_HEAL)
			mesh_i_buf_printf(&t, "%s -- %s",
			    p->nodes[st->nodes[0]].name,
			    p->nodes[st->nodes[1]].name);
		else
			names(&t, p, st->nodes, st->nnodes);
		testcase(&b, &t, "timeline", p, st->line, &st->expect, &r);
	}
	for (i = 0; i < p->nwhatifs; i++) {
		const struct mesh_whatif *w = &p->whatifs[i];
		const struct mesh_whatif_result *wr = &s->whatifs[i];
		struct outcome r = { wr->failed, wr->connected, wr->isolated,
			wr->nisolated, wr->cut_off, wr->ncut_off };

		if (!w->has_expect)
			continue;
		mesh_i_buf_puts(&t, w->name);
		testcase(&b, &t, "what-if", p, w->line, &w->expect, &r);
	}
	system_err(&b, &t, diags);
	mesh_i_buf_puts(&b, "  </testsuite>\n</testsuites>\n");
	if (t.failed)
		b.failed = 1;
	mesh_i_buf_free(&t);
	return mesh_i_buf_take(&b);
}
