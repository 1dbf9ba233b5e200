/* hello.c: a program of a library user: reads a plan from a string with the installed libmeshsim and prints the verdict (tests/install/run.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <meshsim/meshsim.h>

/* A chain a - b - c, and d, whose routes are misspelt: meshsim warns,
 * and d is cut off. */
static const char plan_text[] =
    "{\"name\": \"hello\", \"nodes\": [\n"
    "  {\"name\": \"a\", \"routes\": [{\"node\": \"b\"}]},\n"
    "  {\"name\": \"b\", \"routes\": [{\"node\": \"c\"}]},\n"
    "  {\"name\": \"c\"},\n"
    "  {\"name\": \"d\", \"rootes\": [{\"node\": \"a\"}]}\n"
    "]}\n";

/* Print the diagnostics of d as meshsim does. */
static void
print_diags(const struct mesh_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		printf("%s:%d:%d: %s: %s [%s]\n", d->v[i].file, d->v[i].line,
		    d->v[i].column, mesh_severity_name(d->v[i].severity),
		    d->v[i].message, d->v[i].code);
}

/* The verdict on the analysis a of plan p. */
static void
print_verdict(const struct mesh_plan *p, const struct mesh_analysis *a)
{
	size_t i;

	printf("plan %s: %zu nodes, %zu links, %s", p->name, a->nnodes,
	    a->nlinks, a->connected ? "connected" : "not connected");
	if (!a->connected)
		printf(" (%zu components)", a->ncomponents);
	printf("\nsingle points of failure:");
	for (i = 0; i < a->ncutpoints; i++)
		printf(" %s", p->nodes[a->cutpoints[i].node].name);
	printf("%s\ncut off:", a->ncutpoints == 0 ? " none" : "");
	for (i = 0; i < a->ncut_off; i++)
		printf(" %s", p->nodes[a->cut_off[i]].name);
	printf("%s\n", a->ncut_off == 0 ? " none" : "");
}

/* Exit 0 when the plan was read and analysed, else 2 with the reason. */
int
main(void)
{
	struct mesh_diags d;
	struct mesh_plan *plan = NULL;
	struct mesh_analysis *a = NULL;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_plan_parse(plan_text, strlen(plan_text), "hello.json",
	    MESH_FORMAT_JSON, &d, &plan);
	mesh_diags_sort(&d);
	print_diags(&d);
	if (err == MESH_OK)
		err = mesh_analyze(plan, NULL, &a);
	if (err == MESH_OK)
		print_verdict(plan, a);
	else
		fprintf(stderr, "hello: %s\n", mesh_strerror(err));
	mesh_analysis_free(a);
	mesh_plan_free(plan);
	mesh_diags_clear(&d);
	return err == MESH_OK ? 0 : 2;
}
