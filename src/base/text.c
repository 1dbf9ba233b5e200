/* text.c: UTF-8 checking, positions (line, column) in a text buffer, control characters made visible, and edit distances for suggestions. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "base/swar.h"
#include "base/text.h"

int
mesh_i_utf8_check(const char *buf, size_t len, size_t *bad, int *nul)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;

	*nul = 0;
	while (i < len) {
		unsigned c;
		unsigned long cp;
		size_t need, k;
		uint64_t w;

		/* Eight ASCII bytes, none of them NUL, at a time. */
		while (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if (((w | ((w & 0x7f7f7f7f7f7f7f7fULL) +
			    0x7f7f7f7f7f7f7f7fULL)) & 0x8080808080808080ULL) !=
			    0x8080808080808080ULL ||
			    (w & 0x8080808080808080ULL) != 0)
				break;
			i += 8;
		}
		if (i == len)
			break;
		c = s[i];

		if (c == 0) {
			*nul = 1;
			goto fail;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
		} else {
			goto fail;
		}
		if (len - i <= need)
			goto fail;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			goto fail;
		i += need + 1;
	}
	return 0;
fail:
	*bad = i;
	return -1;
}

int
mesh_i_has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

size_t
mesh_i_control(const char *s, char esc[MESH_I_CONTROL_ESC])
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	char tmp[MESH_I_CONTROL_ESC];

	if (esc == NULL)
		esc = tmp;
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		memcpy(esc, "\\u00", 4);
		esc[4] = hex[p[1] >> 4];
		esc[5] = hex[p[1] & 0xf];
		esc[6] = '\0';
		return 2;
	}
	if (p[0] == '\0' || (p[0] >= 0x20 && p[0] != 0x7f))
		return 0;
	if (p[0] == '\n' || p[0] == '\r' || p[0] == '\t') {
		esc[0] = '\\';
		esc[1] = p[0] == '\n' ? 'n' : p[0] == '\r' ? 'r' : 't';
		esc[2] = '\0';
		return 1;
	}
	esc[0] = '\\';
	esc[1] = 'x';
	esc[2] = hex[p[0] >> 4];
	esc[3] = hex[p[0] & 0xf];
	esc[4] = '\0';
	return 1;
}

size_t
mesh_i_control_span(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t high = 0x8080808080808080u;
	size_t i = 0;

#if MESH_I_SWAR && defined(__GNUC__)
	for (; i + 8 <= n; i += 8) {
		uint64_t w, d, c, m;

		memcpy(&w, s + i, 8);
		d = w ^ (ones * 0x7f);
		c = w ^ (ones * 0xc2);
		/* Bytes below 0x20, and bytes equal to 0x7f or 0xc2 (zero
		 * after the xor): exact for the first byte that passes, as
		 * a borrow only runs to later bytes (swar.h). */
		m = ((w - ones * 0x20) & ~w) | ((d - ones) & ~d) |
		    ((c - ones) & ~c);
		if ((m &= high) != 0)
			return i + ((size_t)__builtin_ctzll(m) >> 3);
	}
#endif
	for (; i < n && !MESH_I_MAY_CONTROL(s[i]); i++)
		;
	return i;
}

void
mesh_i_text_position(const char *buf, size_t off, int *line, int *column)
{
	const char *nl, *from = buf, *end = buf + off;

	*line = 1;
	while ((nl = memchr(from, '\n', (size_t)(end - from))) != NULL) {
		++*line;
		from = nl + 1;
	}
	*column = 1 + (int)mesh_i_utf8_starts(from, (size_t)(end - from));
}

size_t
mesh_i_utf8_starts(const char *s, size_t n)
{
	const uint64_t high = 0x8080808080808080u;
	size_t i, cont = 0;

	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		/* Bit 7 set and bit 6 clear, in each byte; then the bytes'
		 * ones summed into the top byte (8 at most). */
		w = (w & ~(w << 1) & high) >> 7;
		cont += (size_t)((w * 0x0101010101010101u) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xc0) == 0x80;
	return n - cont;
}

/* c as a comparison sees it: an unsigned byte, lowercased with fold. */
static int
fold_char(char c, int fold)
{
	int u = (unsigned char)c;

	return fold ? tolower(u) : u;
}

size_t
mesh_i_edit_distance(const char *a, const char *b, size_t max_len, int flags)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t rows[3][MESH_I_EDIT_MAX + 2];
	int fold = flags & MESH_I_EDIT_FOLD, swap = flags & MESH_I_EDIT_SWAP;

	if (max_len > MESH_I_EDIT_MAX)
		max_len = MESH_I_EDIT_MAX;
	if (la > max_len || lb > max_len)
		return SIZE_MAX;
	/* Row i of the table is rows[i % 3]: the two before it are kept
	 * for the swaps. */
	for (j = 0; j <= lb; j++)
		rows[0][j] = j;
	for (i = 1; i <= la; i++) {
		size_t *row = rows[i % 3], *up = rows[(i - 1) % 3];
		size_t *up2 = rows[(i + 1) % 3], best;
		int ca = (unsigned char)a[i - 1];

		if (fold)
			ca = tolower(ca);
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			int cb = (unsigned char)b[j - 1];

			if (fold)
				cb = tolower(cb);
			best = up[j - 1] + (ca != cb);
			if (up[j] + 1 < best)
				best = up[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (swap && i > 1 && j > 1 && ca != cb &&
			    fold_char(a[i - 2], fold) == cb &&
			    fold_char(b[j - 2], fold) == ca &&
			    up2[j - 2] + 1 < best)
				best = up2[j - 2] + 1;
			row[j] = best;
		}
	}
	return rows[la % 3][lb];
}

void
mesh_i_near_init(struct mesh_i_near *n, const char *key, size_t len)
{
	size_t i;

	memset(n->count, 0, sizeof(n->count));
	n->len = len;
	for (i = 0; i < len; i++)
		n->count[tolower((unsigned char)key[i])]++;
}

/*
 * An edit changes at most one byte of either string and a swap none, so
 * the bytes of cand with no match in the key, and those of the key with
 * none in cand, are each at most the distance (the bag distance).
 */
int
mesh_i_near_may(struct mesh_i_near *n, const char *cand, size_t max)
{
	size_t lc = strlen(cand), i, extra = 0;
	int may;

	if (lc > n->len + max || n->len > lc + max)
		return 0;
	for (i = 0; i < lc && extra <= max; i++)
		if (--n->count[tolower((unsigned char)cand[i])] < 0)
			extra++;
	/* Of the key, n->len less the lc - extra bytes matched are not in
	 * cand (once the whole of cand is counted). */
	may = extra <= max && n->len - (lc - extra) <= max;
	while (i > 0) {
		i--;
		n->count[tolower((unsigned char)cand[i])]++;
	}
	return may;
}

int
mesh_i_nearer(struct mesh_i_near *n, const char *word, const char *cand,
    size_t max, size_t *best)
{
	/* Only a distance below *best, and at most max, can be taken. */
	size_t limit = *best <= max ? *best - 1 : max, d;

	if (*best == 0 || n->len > MESH_I_EDIT_MAX ||
	    !mesh_i_near_may(n, cand, limit))
		return 0;
	d = mesh_i_edit_distance(word, cand, MESH_I_EDIT_MAX,
	    MESH_I_EDIT_FOLD);
	if (d > limit)
		return 0;
	*best = d;
	return 1;
}
