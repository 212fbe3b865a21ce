// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <fstream>
#include <string>
#include <thread>

// Blocking work after the coroutine has moved onto a thread pool meant for
// it runs there, not on the event loop.
coro::task<std::string> read_on_pool(coro::thread_pool &tp) {
  std::ifstream early("early.txt"); // expected-warning {{'std::ifstream::ifstream' (file-io)}}
  co_await tp.schedule();
  std::ifstream in("data.txt");
  std::string line;
  std::getline(in, line);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  co_return line;
}

concurrencpp::result<int> crunch(concurrencpp::thread_pool_executor &pool) {
  co_await concurrencpp::resume_on(pool);
  std::ofstream out("report.txt");
  out << 42;
  co_return 42;
}

// A nested event loop deadlocks wherever it runs.
coro::task<int> nested(coro::thread_pool &tp) {
  co_await tp.schedule();
  co_return coro::sync_wait(nested(tp)); // expected-warning {{'coro::sync_wait' (sync-wait)}}
}
