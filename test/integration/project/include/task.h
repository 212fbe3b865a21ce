// A minimal lazy task, standing in for a coroutine framework's.
#pragma once
#include <coroutine>
#include <exception>

namespace demo {
template <typename T = void> struct task;
template <> struct task<void> {
  struct promise_type {
    task get_return_object() {
      return task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  explicit task(std::coroutine_handle<promise_type> h) : handle(h) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
  std::coroutine_handle<promise_type> handle;
};
task<> yield();
} // namespace demo
