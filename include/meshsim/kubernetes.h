/* kubernetes.h: Kubernetes manifests, in one file or several, into a plan. */
#ifndef MESHSIM_KUBERNETES_H
#define MESHSIM_KUBERNETES_H

#include <stddef.h>

#include "meshsim/meshsim.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * Read the manifests in paths[0 .. n-1] (each a YAML stream of one or
 * more objects, as `kubectl apply -f` takes them) as one set of objects:
 * a ConfigMap or Service in one file serves the workloads of another.
 * The plan is built as for one file (docs/kubernetes.md); its file is
 * paths[0]. Problems go to diags, each at its own file, line and column,
 * sorted. Returns MESH_OK with *out set (the caller frees it with
 * mesh_plan_free()), MESH_EINVAL (n is 0), or MESH_EINPUT / MESH_EIO /
 * MESH_ENOMEM with *out NULL.
 */
enum mesh_error mesh_kubernetes_load(const char *const *paths, size_t n,
    struct mesh_diags *diags, struct mesh_plan **out);

MESH_API_END

#endif
