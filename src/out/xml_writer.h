/* xml_writer.h: XML text and attribute values, escaped (JUnit reports). */
#ifndef MESH_XML_WRITER_H
#define MESH_XML_WRITER_H

#include "base/util.h"

/*
 * s (UTF-8) as XML 1.0 character data into b: & < > " ' as entities;
 * in an attribute value (attr set) also tab, line feed and carriage
 * return as character references, so that a reader's normalisation
 * keeps them; the control characters XML 1.0 cannot hold at all (below
 * 0x20 but those three) as U+FFFD. A failure marks b failed.
 */
void mesh_i_xml_escape(struct mesh_i_buf *b, const char *s, int attr);

/* ` name="value"`, the value escaped as an attribute's. */
void mesh_i_xml_attr(struct mesh_i_buf *b, const char *name,
    const char *value);

/* ` name="n"`. */
void mesh_i_xml_attr_uint(struct mesh_i_buf *b, const char *name, size_t n);

#endif
