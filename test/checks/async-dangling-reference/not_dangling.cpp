// ARGS: -std=c++23 -I%INC
#include "frameworks.h"
#include <memory>
#include <string>

// Launchers and other consumers take tasks by reference to take them over.
namespace lib {
class pool {
public:
  coro::task<> adopt(coro::task<> &&work); // defined elsewhere
};
} // namespace lib
coro::task<> make();
void adopt(lib::pool &p) {
  auto joined = p.adopt(make());
  (void)joined;
}

// The object of `p->run()` is what p points to, not p.
class connection {
public:
  coro::task<> run() {
    co_await coro::thread_pool{}.schedule();
    ++rounds_;
  }

private:
  int rounds_ = 0;
};
void through_pointer(coro::thread_pool &tp, connection *received) {
  connection *alias = received;
  tp.spawn_detached(alias->run());
}

// A reference member refers to something the holder does not own.
template <typename Scheduler> struct on_scheduler {
  Scheduler &scheduler;
};
coro::task<> hop(coro::thread_pool &tp) { co_await tp.schedule(); }
coro::task<> with_holder(on_scheduler<coro::thread_pool> holder) { return hop(holder.scheduler); }

// A local object whose member coroutine is spawned: reported; on an object
// owned elsewhere: not.
void local_object(coro::thread_pool &tp, connection &owned_elsewhere) {
  connection local;
  tp.spawn_detached(local.run()); // expected-warning {{'local' dies before coroutine 'run' is done with it}}
  tp.spawn_detached(owned_elsewhere.run());
  auto shared = std::make_shared<connection>();
  tp.spawn_detached(shared->run());
}

// An explicit object parameter taken by value is a copy; by reference it
// is not.
struct counter {
  int value = 0;
  coro::task<> by_copy(this counter self) {
    co_await coro::thread_pool{}.schedule();
    ++self.value;
  }
  coro::task<> by_reference(this counter &self) {
    co_await coro::thread_pool{}.schedule();
    ++self.value;
  }
};
void explicit_object(coro::thread_pool &tp) {
  counter c;
  tp.spawn_detached(c.by_copy());
  tp.spawn_detached(c.by_reference()); // expected-warning {{'c' dies before coroutine 'by_reference' is done with it}}
}

// A task type that the compiler may elide when awaited at once is left to
// clang's own lifetime analysis.
template <typename T = void> class [[clang::coro_await_elidable]] elidable {
public:
  struct promise_type {
    elidable get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
elidable<> quick(const std::string &text) {
  co_await std::suspend_always{};
  (void)text;
}
void elided(std::vector<elidable<>> &out) { out.push_back(quick(std::string("x"))); }
