// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <string>

// clang's own lifetime annotations are mentioned when present, and say
// without a body that the task keeps the reference. Without one, the body
// says it: the unannotated parameter below is reported the same way, and a
// function defined elsewhere with nothing known of it is not reported (the
// audit mode reports it: unknown_callees.cpp).
coro::task<> annotated(const std::string &text [[clang::lifetimebound]]); // expected-note {{bound to reference parameter 'text' (it is declared lifetimebound); take it by value}}
coro::task<> plain(const std::string &text) { // expected-note {{bound to reference parameter 'text'; take it by value}}
  co_await coro::thread_pool{}.schedule();
  (void)text.size();
}
coro::task<> opaque(const std::string &text);

void spawn_both(coro::thread_pool &tp) {
  std::string text = "x";
  tp.spawn_detached(annotated(text)); // expected-warning {{'text' dies before coroutine 'annotated' is done with it}} expected-note {{spawned here by 'coro::thread_pool::spawn_detached'}}
  tp.spawn_detached(plain(text)); // expected-warning {{'text' dies before coroutine 'plain' is done with it}} expected-note {{spawned here by 'coro::thread_pool::spawn_detached'}}
  tp.spawn_detached(opaque(text));
}

// Awaited at once, an annotated parameter is fine.
coro::task<> awaited() {
  std::string text = "x";
  co_await annotated(text);
  co_await plain(std::string("y"));
}
