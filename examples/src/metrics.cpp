#include "relay.h"

#include <cstdio>

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
} // namespace relay
