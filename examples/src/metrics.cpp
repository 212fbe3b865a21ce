#include "relay.h"

#include <cstdio>
#include <fstream>

namespace relay {
awaitable<void> report_metrics(std::string path, std::size_t bytes) {
  // Mistake: synchronous file I/O on the event loop.
  FILE *log = std::fopen(path.c_str(), "a");
  if (!log)
    co_return;
  std::fprintf(log, "session relayed %zu bytes\n", bytes);
  std::fclose(log);

  // Fine: console output, and awaiting a timer rather than sleeping.
  std::printf("relayed %zu bytes\n", bytes);
  asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await pause.async_wait(asio::use_awaitable);
}

// An ordinary helper: harmless in a thread of its own, a stall when a
// coroutine calls it on the event loop.
static void append_line(const std::string &file, const std::string &line) {
  std::ofstream out(file, std::ios::app);
  out << line << '\n';
}

void record_session(const std::string &peer, std::size_t bytes) {
  append_line("sessions.log", peer + " " + std::to_string(bytes));
}
} // namespace relay
