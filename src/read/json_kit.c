/* json_kit.c: what the JSON readers share: type names, type and key checks with a did-you-mean, ports and hosts, each reported at its position. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/hostcheck.h"
#include "base/text.h"
#include "read/json_kit.h"
#include "read/jsonpos.h"

void
mesh_i_json_report(struct mesh_i_reader *r, enum mesh_severity sev,
    const char *code, const cJSON *item, int at_key, const char *node,
    const char *fmt, ...)
{
	const struct mesh_i_jpos *p = mesh_i_jpos_of(item);
	struct mesh_i_pos at = { r->file, at_key ? p->key_line : p->line,
	    at_key ? p->key_column : p->column };
	va_list ap;

	va_start(ap, fmt);
	mesh_i_vreport(r, sev, code, &at, node, fmt, ap);
	va_end(ap);
}

const cJSON *
mesh_i_json_member(struct mesh_i_reader *r, const cJSON *obj,
    const char *key, const char *what, const char *node)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v == NULL)
		mesh_i_json_report(r, MESH_ERROR, "missing-key", obj, 0, node,
		    "%s has no '%s'", what, key);
	return v;
}

const char *
mesh_i_json_type_name(const cJSON *v)
{
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsArray(v))
		return "a list";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	return "null";
}

void
mesh_i_json_wrong_type(struct mesh_i_reader *r, const cJSON *v,
    const char *what, const char *want, const char *node)
{
	mesh_i_json_report(r, MESH_ERROR, "wrong-type", v, 0, node,
	    "%s must be %s, not %s", what, want, mesh_i_json_type_name(v));
}

void
mesh_i_json_check_keys(struct mesh_i_reader *r, const cJSON *obj,
    const char *const *known, const char *what, const char *node)
{
	const cJSON *room[16], **found = room;
	size_t n;

	for (n = 0; known[n] != NULL; n++)
		;
	if (n > sizeof(room) / sizeof(room[0]) &&
	    (found = malloc(n * sizeof(*found))) == NULL) {
		r->nomem = 1;
		return;
	}
	mesh_i_json_members(r, obj, known, what, node, found);
	if (found != room)
		free(found);
}

/* Check an object's keys: duplicates are errors, unknown keys warnings
 * (with a suggestion when one is close); seen[k] is the first member
 * named known[k]. */
void
mesh_i_json_members(struct mesh_i_reader *r, const cJSON *obj,
    const char *const *known, const char *what, const char *node,
    const cJSON **seen)
{
	char where[160];
	const cJSON *a;
	int k;

	for (k = 0; known[k] != NULL; k++)
		seen[k] = NULL;

	/* Linear in the keys: repeats are looked for among known keys
	 * only (an unknown key is reported each time anyway). */
	for (a = obj->child; a != NULL; a = a->next) {
		const char *close = NULL;

		k = mesh_i_known_key(known, a->string, &close);
		if (k >= 0 && seen[k] == NULL) {
			seen[k] = a;
			continue;
		}
		/* "the plan", "node 'x'", "a route of node 'x'" */
		if (node != NULL)
			snprintf(where, sizeof(where), "%s'%.100s'", what,
			    node);
		else
			snprintf(where, sizeof(where), "%s", what);
		if (k >= 0)
			mesh_i_json_report(r, MESH_ERROR, "duplicate-key", a, 1,
			    node, "key '%s' appears twice in %s (first on "
			    "line %d)", a->string, where,
			    mesh_i_jpos_of(seen[k])->key_line);
		else if (close != NULL)
			mesh_i_json_report(r, MESH_WARNING, "unknown-key", a, 1,
			    node, "unknown key '%s' in %s (did you mean "
			    "'%s'?); ignored", a->string, where, close);
		else
			mesh_i_json_report(r, MESH_WARNING, "unknown-key", a, 1,
			    node, "unknown key '%s' in %s; ignored", a->string,
			    where);
	}
}

/* A port value: an integer 1-65535. Returns the port, or 0 after
 * reporting an error. */
int
mesh_i_json_read_port(struct mesh_i_reader *r, const cJSON *v,
    const char *node)
{
	double d;

	if (!cJSON_IsNumber(v)) {
		mesh_i_json_wrong_type(r, v, "'port'", "an integer", node);
		return 0;
	}
	d = v->valuedouble;
	if (d != floor(d) || !isfinite(d)) {
		mesh_i_json_report(r, MESH_ERROR, "port-not-integer", v, 0,
		    node, "port %g is not an integer", d);
		return 0;
	}
	if (d < 1 || d > 65535) {
		mesh_i_json_report(r, MESH_ERROR, "port-range", v, 0, node,
		    "port %.0f is out of range (1-65535)", d);
		return 0;
	}
	return (int)d;
}

/* A host value: a non-empty string without white space or control
 * characters. Returns it, or NULL after reporting an error. */
const char *
mesh_i_json_read_host(struct mesh_i_reader *r, const cJSON *v,
    const char *node)
{
	const struct mesh_i_jpos *p = mesh_i_jpos_of(v);
	const char *s;

	if (!cJSON_IsString(v)) {
		mesh_i_json_wrong_type(r, v, "'host'", "a string", node);
		return NULL;
	}
	s = v->valuestring;
	if (*s == '\0' || p->has_nul || mesh_i_has_control(s) ||
	    strpbrk(s, " /") != NULL) {
		mesh_i_json_report(r, MESH_ERROR, "bad-host", v, 0, node,
		    "host '%s' is not an IP address or DNS name", s);
		return NULL;
	}
	mesh_i_warn_bad_ipv4(r->diags, r->file, p->line, p->column, node, s);
	return s;
}
