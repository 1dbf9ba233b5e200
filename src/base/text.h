/* text.h: UTF-8 checking, positions (line, column) in a text buffer, control characters made visible, edit distances. */
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

/* The longest escape mesh_i_control() writes, \u009f, with its NUL. */
#define MESH_I_CONTROL_ESC 7

/* Whether the byte c may begin a control character that mesh_i_control()
 * escapes: the cheap test of a loop, before the call. */
#define MESH_I_MAY_CONTROL(c) ((unsigned char)(c) < 0x20 || \
	(unsigned char)(c) == 0x7f || (unsigned char)(c) == 0xc2)

/*
 * The one table of how text from an input is shown to people, in the
 * text reports, messages, HTML, Markdown, SVG and DOT pictures
 * (docs/diagnostics.md#control-characters): when s begins with a control
 * character (below 0x20, DEL, or a C1 control, U+0080 to U+009F, which
 * UTF-8 writes 0xc2 0x80 to 0xc2 0x9f), writes its escape as C and JSON
 * write it into esc (when not NULL), NUL-terminated: \n, \r, \t, the
 * rest of C0 and DEL as \xHH (\x1b), C1 as \uHHHH (\u009b); returns the
 * bytes of s it takes (1 or 2). Returns 0, esc untouched, when s begins
 * with anything else, its NUL included.
 */
size_t mesh_i_control(const char *s, char esc[MESH_I_CONTROL_ESC]);

/* The offset of the first of the n bytes at s that may begin a control
 * character (MESH_I_MAY_CONTROL), or n when none does: eight bytes at a
 * time, for text that almost never holds one. */
size_t mesh_i_control_span(const char *s, size_t n);

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

/*
 * The cheap first test of a did-you-mean, so that the edit distance
 * (mesh_i_edit_distance) runs only against the candidates it may accept:
 * the bytes of the key looked up, counted once by mesh_i_near_init().
 */
struct mesh_i_near {
	size_t len;
	int count[256];         /* of each byte, ASCII case folded */
};

/* Count the len bytes of key into n (it keeps no pointer to key). */
void mesh_i_near_init(struct mesh_i_near *n, const char *key, size_t len);

/*
 * Whether cand may be within max edits of n's key: 0 when a lower bound
 * of their edit distance (any flags of mesh_i_edit_distance) exceeds max,
 * that is when their lengths differ by more than max or when more than
 * max bytes of one have no match in the other (case folded); 1 when only
 * the edit distance can tell. Linear in cand; leaves n as it was.
 */
int mesh_i_near_may(struct mesh_i_near *n, const char *cand, size_t max);

/*
 * One step of the search for the name nearest a word (a did-you-mean
 * over many names: call it on each in turn, n counting word by
 * mesh_i_near_init()): whether cand is within max edits of word, case
 * ignored (MESH_I_EDIT_FOLD), and nearer than *best (SIZE_MAX before the
 * first), *best then set to its distance. The last name it took is the
 * first of the nearest, as the edit distance against every name would
 * find; but the bound above answers for most names in one pass over
 * them, so the search is linear in the names with a cheap test each.
 */
int mesh_i_nearer(struct mesh_i_near *n, const char *word, const char *cand,
    size_t max, size_t *best);
#endif
