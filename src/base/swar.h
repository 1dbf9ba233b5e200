/* swar.h: eight bytes of text at a time in one 64-bit word: where a JSON string's run of plain characters ends. */
#ifndef MESH_SWAR_H
#define MESH_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Whether byte k of a word read from s is s[k]: the scans below are
 * used only then (else the byte at a time loops they stand in for). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MESH_I_SWAR 1
#else
#define MESH_I_SWAR 0
#endif

/*
 * Of the eight bytes at s, the offset of the first that ends a run of
 * plain string characters: a '"' or a '\\', and, when controls is set, a
 * byte below 0x20; 8 when none does. Each test sets the high bit of a
 * byte that passes, exactly for the first such byte (a borrow only runs
 * upwards, to later bytes); bytes of 0x80 and above never pass. A short
 * string then costs one branch, where a byte at a time cost a
 * mispredicted one at its end.
 */
static inline size_t
mesh_i_swar_string_end(const char *s, int controls)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t high = 0x8080808080808080u;
	uint64_t w, q, b, m;
	size_t k;

	memcpy(&w, s, 8);
	q = w ^ (ones * '"');
	b = w ^ (ones * '\\');
	m = ((q - ones) & ~q) | ((b - ones) & ~b);
	if (controls)
		m |= (w - ones * 0x20) & ~w;
	if ((m &= high) == 0)
		return 8;
#if defined(__GNUC__)
	k = (size_t)__builtin_ctzll(m) >> 3;
#else
	for (k = 0; !(m & 0x80); k++)
		m >>= 8;
#endif
	return k;
}

#endif
