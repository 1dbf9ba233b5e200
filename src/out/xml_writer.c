/* xml_writer.c: XML text and attribute values, escaped (JUnit reports). */
#include "out/xml_writer.h"

void
mesh_i_xml_escape(struct mesh_i_buf *b, const char *s, int attr)
{
	const char *start = s;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		const char *rep;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		default:
			/* U+FFFD: XML 1.0 has no way to write these. */
			rep = c < 0x20 ? "\xef\xbf\xbd" : NULL;
			break;
		}
		if (rep == NULL)
			continue;
		mesh_i_buf_add(b, start, (size_t)(s - start));
		mesh_i_buf_puts(b, rep);
		start = s + 1;
	}
	mesh_i_buf_puts(b, start);
}

void
mesh_i_xml_attr(struct mesh_i_buf *b, const char *name, const char *value)
{
	mesh_i_buf_printf(b, " %s=\"", name);
	mesh_i_xml_escape(b, value, 1);
	mesh_i_buf_add(b, "\"", 1);
}

void
mesh_i_xml_attr_uint(struct mesh_i_buf *b, const char *name, size_t n)
{
	mesh_i_buf_printf(b, " %s=\"%zu\"", name, n);
}
