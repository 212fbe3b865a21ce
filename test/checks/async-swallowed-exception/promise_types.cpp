// ARGS: -std=c++20
#include <coroutine>
#include <exception>
#include <utility>

struct lossy_task {
  struct promise_type {
    lossy_task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {} // expected-warning {{empty 'unhandled_exception()' in promise type 'lossy_task::promise_type' discards every exception thrown by its coroutines}}
  };
};

template <typename T> struct generic_task {
  struct promise_type {
    generic_task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {} // expected-warning {{empty 'unhandled_exception()' in promise type}}
  };
};
generic_task<int> instantiate();

struct storing_task {
  struct promise_type {
    std::exception_ptr failure;
    storing_task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { failure = std::current_exception(); }
  };
};

struct terminating_task {
  struct promise_type {
    terminating_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

struct rethrowing_task {
  struct promise_type {
    rethrowing_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
};

// Not a promise type: some other class with a method of that name.
struct error_sink {
  void unhandled_exception() {}
};
