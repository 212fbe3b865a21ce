// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <exception>
#include <stdexcept>
#include <string>
#include <system_error>

namespace app {
folly::coro::Task<int> fetch();
folly::coro::Task<void> log(std::string);
void report(const std::exception &);

folly::coro::Task<int> empty_handlers() {
  try {
    co_await fetch();
  } catch (...) { // expected-warning {{empty handler for '...' in coroutine 'empty_handlers' swallows the exception}} expected-note {{handle it, or let it propagate to the awaiting coroutine}}
  }
  try {
    co_await fetch();
  } catch (const std::out_of_range &) { // expected-warning {{empty handler for 'std::out_of_range'}} expected-note {{handle it, or let it propagate to the awaiting coroutine}}
    // nothing to do
  }
  co_return 0;
}

// Outside coroutines an empty handler is bugprone-empty-catch's business.
void ordinary() {
  try {
    throw std::runtime_error("x");
  } catch (...) {
  }
}

folly::coro::Task<void> read_loop() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::exception &e) { // expected-warning {{handler for 'std::exception' in coroutine 'read_loop' swallows cancellation}} expected-note {{after the awaited operation is cancelled the loop goes round again and spins}} expected-note {{rethrow, leave the loop, or test for cancellation first (folly::CancellationToken::isCancellationRequested)}}
      report(e);
    }
  }
}

folly::coro::Task<void> catch_all_loop() {
  while (true) {
    try {
      co_await fetch();
    } catch (...) { // expected-warning {{handler for '...' in coroutine 'catch_all_loop' swallows cancellation}} expected-note {{after the awaited operation is cancelled the loop goes round again and spins}} expected-note {{rethrow, leave the loop, or test for cancellation first}}
      report(std::runtime_error("failed"));
    }
  }
}

// Handlers that do something with the exception, or leave the loop.
folly::coro::Task<void> handled_loops(bool &stop) {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::exception &e) {
      report(e);
      throw;
    }
  }
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::exception &e) {
      throw std::runtime_error(std::string("fetch failed: ") + e.what());
    }
  }
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      co_return;
    }
  }
  for (;;) {
    try {
      co_await fetch();
    } catch (...) {
      break;
    }
  }
  for (;;) {
    std::exception_ptr failure;
    try {
      co_await fetch();
    } catch (...) {
      failure = std::current_exception();
    }
    if (failure)
      std::rethrow_exception(failure);
  }
}

folly::coro::Task<void> specific_types() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::out_of_range &e) {
      report(e); // a specific, non-cancellation failure, handled
    }
  }
}

folly::coro::Task<void> cancellation_first() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const folly::OperationCancelled &) {
      throw;
    } catch (const std::exception &e) {
      report(e);
    }
  }
}

// A loop that may end by itself.
folly::coro::Task<void> bounded(int attempts) {
  for (int i = 0; i < attempts; ++i) {
    try {
      co_await fetch();
    } catch (const std::exception &e) {
      report(e);
    }
  }
}

// A handler that checks the framework's cancellation token.
folly::coro::Task<void> token_checked(folly::CancellationToken token) {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::exception &e) {
      if (token.isCancellationRequested())
        break;
      report(e);
    }
  }
}

// A handler with a loop of its own whose break stays inside the handler.
folly::coro::Task<void> nested_break() {
  for (;;) {
    try {
      co_await fetch();
    } catch (const std::exception &e) { // expected-warning {{swallows cancellation}} expected-note {{after the awaited operation is cancelled the loop goes round again and spins}} expected-note {{rethrow, leave the loop, or test for cancellation first}}
      for (int i = 0; i < 3; ++i)
        if (i == 1)
          break;
      report(e);
    }
  }
}
} // namespace app
