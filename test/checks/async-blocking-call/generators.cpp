// ARGS: -std=c++20 -I%INC
#include "mock_task.h"
#include <coroutine>
#include <fstream>
#include <string>
#include <thread>

namespace gen {
// A synchronous generator: its consumer pulls values like an iterator and
// the body runs on the consumer's thread, where blocking is allowed.
template <typename T> struct generator {
  struct promise_type {
    T value;
    generator get_return_object() {
      return generator{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) {
      value = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
  struct iterator {};
  iterator begin();
};

generator<std::string> read_lines(const char *path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    co_yield line;
}

// An asynchronous generator: iteration is awaited, so the body runs on the
// event loop.
template <typename T> struct async_generator {
  struct promise_type {
    async_generator get_return_object() {
      return async_generator{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  struct begin_awaitable {
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<>) {}
    int await_resume() { return 0; }
  };
  std::coroutine_handle<promise_type> handle;
  begin_awaitable begin();
};

async_generator<std::string> stream_lines(const char *path) {
  std::ifstream in(path); // expected-warning {{blocking call to 'std::ifstream::ifstream' (file-io)}}
  std::string line;
  while (std::getline(in, line)) // expected-warning {{'std::getline' (file-io)}}
    co_yield line;
}
} // namespace gen
