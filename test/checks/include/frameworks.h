// Test support: the public surface of coroutine frameworks that Debian does
// not package, with their namespaces, names and signatures.
#pragma once
#include "mock_task.h"
#include <chrono>
#include <exception>

namespace cppcoro {
MOCK_DEFINE_TASK(task)
template <typename Awaitable> auto sync_wait(Awaitable &&) { return 0; }
class io_service {
public:
  task<> schedule_after(std::chrono::milliseconds);
};
} // namespace cppcoro

namespace folly {
struct OperationCancelled : std::exception {
  const char *what() const noexcept override { return "cancelled"; }
};
class CancellationToken {
public:
  bool isCancellationRequested() const noexcept { return false; }
};
} // namespace folly

namespace folly::coro {
MOCK_DEFINE_TASK(Task)
namespace detail {
struct blocking_wait_fn {
  template <typename Awaitable> int operator()(Awaitable &&) const { return 0; }
};
} // namespace detail
inline constexpr detail::blocking_wait_fn blockingWait{};
Task<void> sleep(std::chrono::milliseconds);
} // namespace folly::coro

namespace coro {
MOCK_DEFINE_TASK(task)
template <typename Awaitable> auto sync_wait(Awaitable &&) { return 0; }
class thread_pool {
public:
  task<> schedule();
  void shutdown();
};
namespace net {
class socket {
public:
  int native_handle() const { return fd; }
  int fd = -1;
};
} // namespace net
enum class poll_op { read, write };
class io_scheduler {
public:
  task<int> poll(int fd, poll_op op);
  task<> schedule();
};
} // namespace coro

namespace async_simple::coro {
MOCK_DEFINE_TASK(Lazy)
template <typename LazyT> auto syncAwait(LazyT &&) { return 0; }
Lazy<void> sleep(std::chrono::milliseconds);
} // namespace async_simple::coro

namespace boost::cobalt {
MOCK_DEFINE_TASK(task)
template <typename T> T run(task<T>) { return T{}; }
inline void run(task<void>) {}
} // namespace boost::cobalt

namespace concurrencpp {
MOCK_DEFINE_TASK(lazy_result)
template <typename T> class result {
public:
  struct promise_type {
    result get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    template <typename U> void return_value(U &&) {}
    void unhandled_exception() {}
  };
  T get() { return T{}; }
  void wait() {}
  template <typename Rep, typename Period>
  int wait_for(std::chrono::duration<Rep, Period>) { return 0; }
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { return T{}; }
};
class thread_pool_executor {};
struct resume_on_awaitable {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
template <typename Executor> resume_on_awaitable resume_on(Executor &) { return {}; }
} // namespace concurrencpp

namespace stdexec {
struct sync_wait_t {
  template <typename Sender> int operator()(Sender &&) const { return 0; }
};
inline constexpr sync_wait_t sync_wait{};
struct just_sender {};
inline just_sender just() { return {}; }
} // namespace stdexec
namespace exec {
MOCK_DEFINE_TASK(task)
} // namespace exec

namespace QCoro {
MOCK_DEFINE_TASK(Task)
template <typename T> T waitFor(Task<T> &&) { return T{}; }
inline void waitFor(Task<void> &&) {}
} // namespace QCoro
