// ARGS: -std=c++20
// A synchronous generator is iterated, not awaited: the advice says so.
#include <coroutine>
#include <exception>

namespace gen {
template <typename T> class generator {
public:
  struct promise_type {
    T value{};
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
    void unhandled_exception() { std::terminate(); }
  };
  explicit generator(std::coroutine_handle<promise_type> h) : handle(h) {}
  generator(generator &&other) noexcept : handle(other.handle) { other.handle = {}; }
  ~generator() {
    if (handle)
      handle.destroy();
  }
  std::coroutine_handle<promise_type> handle;
};

generator<int> numbers(int limit) {
  for (int i = 0; i < limit; ++i)
    co_yield i;
}
} // namespace gen

int sum_first(int limit) {
  gen::numbers(limit); // expected-warning {{generator returned by 'gen::numbers' is discarded and never runs}} expected-note {{iterate it, or remove the call}}
  // Dropped on purpose; the cast sits above the temporary of a type with a
  // destructor, as every real task and generator type has.
  (void)gen::numbers(limit);
  auto kept = gen::numbers(limit);
  int total = 0;
  while (kept.handle && !kept.handle.done()) {
    kept.handle.resume();
    total += kept.handle.promise().value;
  }
  return total;
}
