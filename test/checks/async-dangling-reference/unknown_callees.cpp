// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {AuditMode: true}}
// A function defined in another translation unit that returns a task: by
// default nothing says it is a coroutine that keeps its reference
// arguments, so it is not reported (lifetimebound.cpp); the audit mode takes
// it for one.
#include "frameworks.h"
#include <string>

coro::task<> opaque(const std::string &text); // expected-note {{bound to reference parameter 'text'; take it by value}}

void spawn_opaque(coro::thread_pool &tp) {
  std::string text = "x";
  tp.spawn_detached(opaque(text)); // expected-warning {{'text' dies before coroutine 'opaque' is done with it}} expected-note {{spawned here by 'coro::thread_pool::spawn_detached'}}
}
