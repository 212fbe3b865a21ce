// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {CatalogFile: '%DIR/spawn-catalogue.json'}}
// A spawner's overloads hand their caller's token to one another: the token
// was chosen, and is reported, where the caller wrote it.
#include "mock_task.h"
#include <exception>
#include <utility>

namespace relay {
MOCK_DEFINE_TASK(task)
struct detached_t {};
inline constexpr detached_t detached{};
struct executor {};
struct context {
  executor get_executor();
};

template <typename Token> void spawn(executor, task<>, Token &&) {}

// The overload for a context forwards to the one for an executor.
template <typename Token> void spawn(context &ctx, task<> work, Token &&token) {
  spawn(ctx.get_executor(), std::move(work), std::forward<Token>(token));
}
} // namespace relay

relay::task<> session();

void start(relay::context &ctx) {
  relay::spawn(ctx, session(), relay::detached); // expected-warning {{'relay::spawn' starts work whose failure nobody will see}} expected-note {{pass a handler that receives the std::exception_ptr}}
}

// A wrapper of the project's own that forwards its caller's token is where
// the project chose to spawn: the instantiation with `detached` is reported
// there.
template <typename Token> void start_session(relay::context &ctx, Token &&token) {
  relay::spawn(ctx, session(), std::forward<Token>(token)); // expected-warning {{'relay::spawn' starts work whose failure nobody will see}} expected-note {{pass a handler that receives the std::exception_ptr}}
}

void serve(relay::context &ctx) {
  start_session(ctx, relay::detached);
  start_session(ctx, [](std::exception_ptr) {});
}
