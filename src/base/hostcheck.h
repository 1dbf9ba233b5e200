/* hostcheck.h: what a host may be when written, and dotted quads that are not IPv4 addresses. */
#ifndef MESH_HOSTCHECK_H
#define MESH_HOSTCHECK_H

#include <stddef.h>

/*
 * Whether s can be written as a host in a plan: not empty, without white
 * space, '/' or control characters (what the readers' bad-host check
 * takes).
 */
int mesh_i_host_writable(const char *s);

/*
 * Whether host looks like a dotted-quad IPv4 address (digits and dots
 * only, at least one dot; one trailing dot allowed) but is not one: then
 * why (size bytes) says what is wrong ("735 is over 255") and 1 is
 * returned; else 0. Leading zeros count as wrong: resolvers disagree on
 * them (octal for inet_aton(), refused by Go's and Node's parsers).
 */
int mesh_i_ipv4_invalid(const char *host, char *why, size_t size);

struct mesh_diags;

/*
 * When host is a dotted quad that is not an IPv4 address, add the warning
 * bad-ipv4 at file:line:column (node names the node, may be NULL) saying
 * what it does to the verdict and how to fix it. Returns 1 if it did, 0
 * if host is fine.
 */
int mesh_i_warn_bad_ipv4(struct mesh_diags *diags, const char *file, int line,
    int column, const char *node, const char *host);

#endif
