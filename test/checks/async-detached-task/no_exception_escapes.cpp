// ARGS: -std=c++20 -I%INC
// Work started and left alone loses nothing when no exception can leave it:
// it is declared noexcept, or every await hands its failure back as a value
// (an error code, an optional, a bool that says whether a timer expired, or
// the result of a coroutine of the project of which the same holds), and
// nothing in it throws. Turning a failure value back into an exception
// (`.value()`, `std::rethrow_exception`) is a throw like any other.
#include "frameworks.h"
#include <exception>
#include <optional>
#include <string>
#include <system_error>

using async_simple::coro::Lazy;

namespace relay {
Lazy<std::error_code> send_frame(std::string frame);
Lazy<std::optional<std::string>> read_frame();
Lazy<bool> wait_tick(int ms);
void note(const std::string &);

struct Link {
  // Declared to let nothing out: its failures are the caller's values.
  Lazy<void> respond(std::string frame) noexcept {
    auto ec = co_await send_frame(std::move(frame));
    (void)ec;
  }

  // A watchdog: a timer that says whether it expired, then a close.
  Lazy<void> watchdog(int ms) {
    if (co_await wait_tick(ms))
      closed = true;
  }

  // Awaits only coroutines of its own that hand failures back as values.
  Lazy<std::error_code> forward_one() {
    auto frame = co_await read_frame();
    if (!frame)
      co_return std::make_error_code(std::errc::connection_reset);
    co_return co_await send_frame(*frame);
  }
  Lazy<void> pump() {
    for (int i = 0; i < 8; ++i)
      if (auto ec = co_await forward_one())
        break;
  }

  // Turns the failure value back into an exception.
  Lazy<void> strict_pump() {
    auto frame = co_await read_frame();
    note(frame.value());
  }
  // Awaits a coroutine that may throw.
  Lazy<void> relay_strict() { co_await strict_pump(); }
  // Rethrows what it was handed.
  Lazy<void> replay(std::exception_ptr failure) {
    co_await wait_tick(1);
    std::rethrow_exception(failure);
  }

  bool closed = false;
};

void start_all(Link &link, std::exception_ptr failure) {
  link.respond("hello").start([](auto &&) {});
  link.watchdog(100).start([](auto &&) {});
  link.pump().start([](auto &&) {});
  link.strict_pump().start([](auto &&) {}); // expected-warning {{'async_simple::coro::Lazy::start' starts work whose failure nobody will see}} expected-note {{inspect the async_simple::Try}}
  link.relay_strict().start([](auto &&) {}); // expected-warning {{'async_simple::coro::Lazy::start' starts work whose failure nobody will see}} expected-note {{inspect the async_simple::Try}}
  link.replay(failure).start([](auto &&) {}); // expected-warning {{'async_simple::coro::Lazy::start' starts work whose failure nobody will see}} expected-note {{inspect the async_simple::Try}}
}

} // namespace relay
