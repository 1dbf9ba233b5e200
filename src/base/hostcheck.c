/* hostcheck.c: what a host may be when written, and dotted quads that are not IPv4 addresses. */
#include <stdio.h>
#include <string.h>

#include "base/hostcheck.h"
#include "meshsim/diag.h"
#include "base/text.h"

int
mesh_i_host_writable(const char *s)
{
	return *s != '\0' && strpbrk(s, " \t\r\n/") == NULL &&
	    !mesh_i_has_control(s);
}

int
mesh_i_ipv4_invalid(const char *host, char *why, size_t size)
{
	size_t n = strlen(host), i, start, parts = 0, dots = 0;

	if (n > 1 && host[n - 1] == '.')
		n--;
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (host[i] == '.')
			dots++;
		else if (host[i] < '0' || host[i] > '9')
			return 0;       /* a name, or IPv6 */
	}
	if (dots == 0)
		return 0;               /* a number: not dotted */
	for (start = 0; start <= n; start = i + 1) {
		size_t len;

		for (i = start; i < n && host[i] != '.'; i++)
			;
		len = i - start;
		parts++;
		if (len == 0) {
			snprintf(why, size, "it has an empty part");
			return 1;
		}
		if (len > 1 && host[start] == '0') {
			snprintf(why, size, "%.*s has a leading zero, which "
			    "some resolvers read as octal and others refuse",
			    len > 12 ? 12 : (int)len, host + start);
			return 1;
		}
		if (len > 3 || (len == 3 && strncmp(host + start, "255",
		    3) > 0)) {
			snprintf(why, size, "%.*s is over 255",
			    len > 12 ? 12 : (int)len, host + start);
			return 1;
		}
	}
	if (parts != 4) {
		snprintf(why, size, "it has %zu parts, not 4", parts);
		return 1;
	}
	return 0;
}

int
mesh_i_warn_bad_ipv4(struct mesh_diags *diags, const char *file, int line,
    int column, const char *node, const char *host)
{
	char why[120];

	if (!mesh_i_ipv4_invalid(host, why, sizeof(why)))
		return 0;
	mesh_diags_add(diags, MESH_WARNING, "bad-ipv4", file, line, column,
	    node, "host '%s' looks like an IPv4 address but is not one (%s): "
	    "no machine has it, and a resolver would try it as a DNS name and "
	    "fail, so routes to it never connect; meshsim still links routes "
	    "to it by matching the text, so the verdict assumes they do; "
	    "correct the address", host, why);
	return 1;
}
