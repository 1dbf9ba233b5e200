/* kit.c: what every reader shares: diagnostics at a position, counted, and known keys with a did-you-mean (kit.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"
#include "read/kit.h"

struct mesh_i_pos
mesh_i_pos_at(const char *file, const char *buf, size_t off)
{
	struct mesh_i_pos at = { file, 0, 0 };

	mesh_i_text_position(buf, off, &at.line, &at.column);
	return at;
}

void
mesh_i_vreport(struct mesh_i_reader *r, enum mesh_severity sev,
    const char *code, const struct mesh_i_pos *at, const char *node,
    const char *fmt, va_list ap)
{
	char *msg = mesh_i_vasprintf(fmt, ap);

	if (msg == NULL || mesh_diags_add(r->diags, sev, code,
	    at ? at->file : NULL, at ? at->line : 0, at ? at->column : 0,
	    node, "%s", msg) != 0) {
		r->nomem = 1;
		r->diags->nomem = 1;
	}
	free(msg);
	if (sev == MESH_ERROR)
		r->errors++;
}

void
mesh_i_report(struct mesh_i_reader *r, enum mesh_severity sev,
    const char *code, const struct mesh_i_pos *at, const char *node,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mesh_i_vreport(r, sev, code, at, node, fmt, ap);
	va_end(ap);
}

int
mesh_i_known_key(const char *const *known, const char *key,
    const char **close)
{
	struct mesh_i_near near;
	int k;

	for (k = 0; known[k] != NULL; k++)
		if (known[k][0] == key[0] && strcmp(known[k], key) == 0)
			return k;
	if (close == NULL)
		return -1;
	*close = NULL;
	mesh_i_near_init(&near, key, strlen(key));
	for (k = 0; known[k] != NULL; k++)
		if (mesh_i_near_may(&near, known[k], 2) &&
		    mesh_i_edit_distance(known[k], key, 30, 0) <= 2) {
			*close = known[k];
			break;
		}
	return -1;
}
