// Test support: the public surface of coroutine frameworks that Debian does
// not package, with their namespaces, names and signatures.
#pragma once
#include "mock_task.h"
#include <chrono>
#include <exception>
#include <type_traits>

namespace cppcoro {
MOCK_DEFINE_TASK(task)
template <typename Awaitable> auto sync_wait(Awaitable &&) { return 0; }
class io_service {
public:
  task<> schedule_after(std::chrono::milliseconds);
};
class async_mutex_lock {
public:
  ~async_mutex_lock();
};
class async_mutex {
public:
  task<async_mutex_lock> scoped_lock_async();
  task<> lock_async();
  void unlock();
};
class async_scope {
public:
  template <typename Awaitable> void spawn(Awaitable &&) {}
  task<> join();
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

namespace folly {
template <typename T> class SemiFuture {
public:
  T get() { return T{}; }
};
template <typename T> class Try {
public:
  bool hasException() const { return false; }
};
} // namespace folly

namespace folly::coro {
MOCK_DEFINE_TASK(Task)
template <typename T> class TaskWithExecutor {
public:
  SemiFuture<T> start() { return {}; }
  template <typename F> void start(F &&callback) { callback(Try<T>{}); }
  SemiFuture<T> startInlineUnsafe() { return {}; }
};
template <typename Executor, typename T>
TaskWithExecutor<T> co_withExecutor(Executor &, Task<T>) { return {}; }
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
  bool spawn_detached(task<> &&t);
  task<> spawn_joinable(task<> &&t);
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
  template <typename T> task<T> schedule(task<T> work, std::chrono::milliseconds timeout);
};
} // namespace coro

namespace async_simple {
template <typename T> class Try {
public:
  bool hasError() const { return false; }
};
} // namespace async_simple
namespace async_simple::coro {
template <typename T> struct LazyResult {
  template <typename U> void return_value(U &&) {}
};
template <> struct LazyResult<void> {
  void return_void() {}
};
template <typename T = void> class Lazy {
public:
  struct promise_type : LazyResult<T> {
    Lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() {
    if constexpr (!std::is_void_v<T>)
      return T{};
  }
  template <typename F> void start(F &&callback) { callback(Try<T>{}); }
  void detach() {}
};
template <typename LazyT> auto syncAwait(LazyT &&) { return 0; }
Lazy<void> sleep(std::chrono::milliseconds);
} // namespace async_simple::coro

namespace boost::cobalt {
MOCK_DEFINE_TASK(task)
template <typename T> T run(task<T>) { return T{}; }
inline void run(task<void>) {}
struct executor {};
struct detached_t {};
inline constexpr detached_t detached{};
template <typename T, typename Token> void spawn(executor, task<T> &&, Token &&) {}
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
class executor {
public:
  template <typename F> result<std::invoke_result_t<F>> submit(F &&callable) { return {}; }
  template <typename F> void post(F &&) {}
};
class thread_pool_executor : public executor {};
struct resume_on_awaitable {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
template <typename Executor> resume_on_awaitable resume_on(Executor &) { return {}; }
struct executor_tag {};
class thread_executor : public executor {};
class worker_thread_executor : public executor {};
} // namespace concurrencpp

namespace stdexec {
struct sync_wait_t {
  template <typename Sender> int operator()(Sender &&) const { return 0; }
};
inline constexpr sync_wait_t sync_wait{};
struct just_sender {};
inline just_sender just() { return {}; }
struct upon_error_t {
  template <typename F> just_sender operator()(just_sender, F &&) const { return {}; }
};
inline constexpr upon_error_t upon_error{};
} // namespace stdexec
namespace exec {
struct start_detached_t {
  template <typename Sender> void operator()(Sender &&) const {}
};
inline constexpr start_detached_t start_detached{};
class async_scope {
public:
  template <typename Sender> void spawn(Sender &&) {}
  stdexec::just_sender on_empty() { return {}; }
};
} // namespace exec
namespace exec {
MOCK_DEFINE_TASK(task)
} // namespace exec

namespace QCoro {
MOCK_DEFINE_TASK(Task)
template <typename T> T waitFor(Task<T> &&) { return T{}; }
inline void waitFor(Task<void> &&) {}
} // namespace QCoro

// Combinators, deadlines and network operations of the frameworks above.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace folly {
struct MutableByteRange {
  char *data = nullptr;
  std::size_t size = 0;
};
} // namespace folly
namespace folly::coro {
template <typename... T> Task<std::tuple<T...>> collectAll(Task<T>...);
template <typename T> Task<std::vector<T>> collectAllRange(std::vector<Task<T>>);
template <typename T, typename Duration> Task<T> timeout(Task<T>, Duration);
class Transport {
public:
  Task<std::size_t> read(MutableByteRange buf,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(0));
  Task<std::size_t> write(std::string data,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(0));
};
class Mutex {
public:
  Task<int> co_scoped_lock();
};
} // namespace folly::coro

namespace coro {
template <typename... T> task<std::tuple<T...>> when_all(task<T>...);
template <typename Range>
  requires requires(Range &r) { r.begin(); }
task<> when_all(Range &&tasks);
namespace net {
enum class poll_status { event, timeout, error, closed };
struct io_status {
  bool is_ok() const;
  bool is_closed() const;
};
namespace tcp {
class client {
public:
  task<poll_status> poll(poll_op op,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(0));
  task<std::pair<io_status, std::span<char>>>
  read_some(std::string &buffer,
            std::chrono::milliseconds timeout = std::chrono::milliseconds{0});
  task<std::pair<io_status, std::span<const char>>>
  write_all(std::span<const char> data,
            std::chrono::milliseconds timeout = std::chrono::milliseconds{0});
};
} // namespace tcp
namespace tls {
class client {
public:
  task<std::size_t> recv(std::string &buffer,
                         std::optional<std::chrono::milliseconds> timeout = std::nullopt);
};
} // namespace tls
} // namespace net
} // namespace coro

namespace seastar {
MOCK_DEFINE_TASK(future)
template <typename... T> future<std::tuple<T...>> when_all_succeed(future<T>...);
template <typename Clock, typename T>
future<T> with_timeout(std::chrono::time_point<Clock> deadline, future<T> f);
template <typename CharType> class input_stream {
public:
  future<std::string> read();
};
} // namespace seastar

namespace cppcoro {
class cancellation_token {};
template <typename... T> task<std::tuple<T...>> when_all(task<T>...);
namespace net {
class socket {
public:
  task<std::size_t> recv(void *buffer, std::size_t size);
  task<std::size_t> recv(void *buffer, std::size_t size, cancellation_token ct);
};
} // namespace net
} // namespace cppcoro

namespace async_simple::coro {
template <typename... T> Lazy<std::tuple<T...>> collectAll(Lazy<T>...);
template <typename... T> Lazy<std::size_t> collectAny(Lazy<T>...);
} // namespace async_simple::coro
