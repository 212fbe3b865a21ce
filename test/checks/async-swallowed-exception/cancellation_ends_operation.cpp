// ARGS: -std=c++20 -I%INC
// A coroutine stops when its operation is cancelled: an empty handler for
// the framework's own cancellation exception, where it ends the operation,
// is the normal way out. Inside a loop that goes round again, or for a
// general exception type, it still swallows.
#include "frameworks.h"
#include <exception>
#include <system_error>

namespace cppcoro {
class operation_cancelled : public std::exception {};
} // namespace cppcoro

namespace app {
cppcoro::task<int> read_chunk();
cppcoro::task<int> accept_one();
void handle(int);

cppcoro::task<> read_until_cancelled() {
  try {
    for (;;)
      handle(co_await read_chunk());
  } catch (const cppcoro::operation_cancelled &) {
  }
}

cppcoro::task<> serve_until_cancelled() {
  try {
    while (true)
      handle(co_await accept_one());
  } catch (cppcoro::operation_cancelled &) {
    // shutting down
  } catch (...) {
    handle(-1);
  }
  co_return;
}

cppcoro::task<> keeps_spinning() {
  while (true) {
    try {
      handle(co_await accept_one());
    } catch (const cppcoro::operation_cancelled &) { // expected-warning {{empty handler for 'cppcoro::operation_cancelled' in coroutine 'keeps_spinning' swallows the exception}}
    }
  }
}

cppcoro::task<> general_error() {
  try {
    handle(co_await read_chunk());
  } catch (const std::system_error &) { // expected-warning {{empty handler for 'std::system_error'}}
  }
}
} // namespace app
