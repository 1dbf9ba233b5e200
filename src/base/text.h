/* text.h: UTF-8 checking and positions (line, column) in a text buffer. */
#ifndef MESH_TEXT_H
#define MESH_TEXT_H

#include <stddef.h>

/*
 * Check that len bytes at buf are valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF) with no NUL byte. Returns 0, or -1
 * with *bad set to the offset of the first bad byte and *nul set when that
 * byte is a NUL.
 */
int mesh_i_utf8_check(const char *buf, size_t len, size_t *bad, int *nul);

/* Whether s holds a control character (below 0x20, or 0x7f). */
int mesh_i_has_control(const char *s);

/*
 * The 1-based line and column of byte offset off in buf. Columns count
 * code points. Linear in off: use it once per error, not per value.
 */
void mesh_i_text_position(const char *buf, size_t off, int *line, int *column);

/* How many of the n bytes at s start a UTF-8 character (are not
 * 0x80-0xbf): the columns they take. Eight bytes at a time. */
size_t mesh_i_utf8_starts(const char *s, size_t n);

/* The largest max_len that mesh_i_edit_distance() takes. */
#define MESH_I_EDIT_MAX 64

/* The flags of mesh_i_edit_distance(). */
#define MESH_I_EDIT_FOLD 1      /* ASCII case ignored */
#define MESH_I_EDIT_SWAP 2      /* two adjacent bytes swapped: one edit */

/*
 * The Levenshtein distance of a and b (bytes), for did-you-mean
 * suggestions; flags (above, or 0; 1 is MESH_I_EDIT_FOLD) ignore case
 * and count a swap of two adjacent bytes as one edit (the optimal string
 * alignment distance). SIZE_MAX when either is longer than max_len (at
 * most MESH_I_EDIT_MAX), so the work stays bounded.
 */
size_t mesh_i_edit_distance(const char *a, const char *b, size_t max_len,
    int flags);
#endif
