// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
// asio: after a post onto a token bound to a thread pool's executor, the
// coroutine resumes on that pool, which is there for blocking work.
#include <asio.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;

asio::awaitable<std::string> read_report(asio::thread_pool &files) {
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'read_report'}}
  co_await asio::post(asio::bind_executor(files, asio::use_awaitable));
  std::ifstream in("report.txt");
  std::string line;
  std::getline(in, line);
  co_return line;
}

asio::awaitable<void> flush_log(asio::thread_pool &files) {
  co_await asio::dispatch(asio::bind_executor(files.get_executor(), asio::use_awaitable));
  std::ofstream("log.txt", std::ios::app) << "flushed\n";
}

// A post with the coroutine's own token is only a yield: it comes back to
// the same executor.
asio::awaitable<void> yield_then_sleep() {
  co_await asio::post(asio::use_awaitable);
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'yield_then_sleep'}}
}
