// Test support: defines a lazy coroutine task class template named NAME in
// the current namespace, shaped like the frameworks' own tasks (a promise
// type, awaitable by another coroutine).
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

#define MOCK_DEFINE_TASK(NAME)                                                 \
  template <typename T = void> class NAME {                                    \
  public:                                                                      \
    struct promise_type {                                                      \
      NAME get_return_object() {                                               \
        return NAME{std::coroutine_handle<promise_type>::from_promise(*this)}; \
      }                                                                        \
      std::suspend_always initial_suspend() noexcept { return {}; }            \
      std::suspend_always final_suspend() noexcept { return {}; }              \
      template <typename U> void return_value(U &&) {}                         \
      void unhandled_exception() { std::terminate(); }                         \
    };                                                                         \
    explicit NAME(std::coroutine_handle<promise_type> h) : handle(h) {}        \
    bool await_ready() const noexcept { return false; }                        \
    void await_suspend(std::coroutine_handle<>) noexcept {}                    \
    T await_resume() { return T{}; }                                           \
    std::coroutine_handle<promise_type> handle;                                \
  };                                                                           \
  template <> class NAME<void> {                                               \
  public:                                                                      \
    struct promise_type {                                                      \
      NAME get_return_object() {                                               \
        return NAME{std::coroutine_handle<promise_type>::from_promise(*this)}; \
      }                                                                        \
      std::suspend_always initial_suspend() noexcept { return {}; }            \
      std::suspend_always final_suspend() noexcept { return {}; }              \
      void return_void() {}                                                    \
      void unhandled_exception() { std::terminate(); }                         \
    };                                                                         \
    explicit NAME(std::coroutine_handle<promise_type> h) : handle(h) {}        \
    bool await_ready() const noexcept { return false; }                        \
    void await_suspend(std::coroutine_handle<>) noexcept {}                    \
    void await_resume() {}                                                     \
    std::coroutine_handle<promise_type> handle;                                \
  };
