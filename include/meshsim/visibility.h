/* visibility.h: MESH_API_BEGIN and MESH_API_END, around each public header's declarations, which libmeshsim.so exports. */
#ifndef MESHSIM_VISIBILITY_H
#define MESHSIM_VISIBILITY_H

/*
 * The library is compiled with -fvisibility=hidden: libmeshsim.so
 * exports a function only when it is declared between these two, as
 * every function of include/meshsim/ is and none declared under src/
 * (mesh_i_, cli_). Every public header puts its declarations between
 * them, after its own #include lines. With a compiler that has not GCC's
 * visibility pragma (GCC and clang have it) they are empty.
 */
#if defined(__GNUC__)
#define MESH_API_BEGIN  _Pragma("GCC visibility push(default)")
#define MESH_API_END    _Pragma("GCC visibility pop")
#else
#define MESH_API_BEGIN
#define MESH_API_END
#endif

#endif
