// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <string>

// clang's own lifetime annotations are mentioned when present, and are not
// needed: the unannotated parameter below is reported the same way.
coro::task<> annotated(const std::string &text [[clang::lifetimebound]]); // expected-note {{bound to reference parameter 'text' (it is declared lifetimebound); take it by value}}
coro::task<> plain(const std::string &text); // expected-note {{bound to reference parameter 'text'; take it by value}}

void spawn_both(coro::thread_pool &tp) {
  std::string text = "x";
  tp.spawn_detached(annotated(text)); // expected-warning {{'text' dies before coroutine 'annotated' is done with it}} expected-note {{spawned here by 'coro::thread_pool::spawn_detached'}}
  tp.spawn_detached(plain(text)); // expected-warning {{'text' dies before coroutine 'plain' is done with it}} expected-note {{spawned here by 'coro::thread_pool::spawn_detached'}}
}

// Awaited at once, an annotated parameter is fine.
coro::task<> awaited() {
  std::string text = "x";
  co_await annotated(text);
  co_await plain(std::string("y"));
}
