// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {async-blocking-call.BlockingFunctions: 'legacy::fetch_blocking=network;legacy::Store::flush;legacy::load', async-blocking-call.IgnoredCategories: 'process', async-blocking-call.IgnoredFunctions: 'std::this_thread::yield;usleep', async-blocking-call.NonBlockingTypes: 'mem::RamFile'}}
#include "mock_task.h"
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace legacy {
std::string fetch_blocking(const char *url);
struct Store {
  void flush();
  void append(const std::string &);
};
} // namespace legacy

namespace app {
MOCK_DEFINE_TASK(task)
}
namespace legacy {
// Configured as blocking, but returns an awaitable: awaiting it is fine.
app::task<std::string> load();
} // namespace legacy

namespace mem {
// An in-memory stream that only looks like a file stream.
struct RamFile : std::ofstream {};
} // namespace mem

namespace app {
task<> yield();

task<> sync(legacy::Store &store, mem::RamFile &ram) {
  auto body = legacy::fetch_blocking("http://x"); // expected-warning {{blocking call to 'legacy::fetch_blocking' (network)}}
  store.append(body);
  store.flush(); // expected-warning {{blocking call to 'legacy::Store::flush' (wait)}}
  std::system("true");
  usleep(10);
  ram << body;
  ::sleep(1); // expected-warning {{'sleep' (sleep)}}
  std::string text = co_await legacy::load();
  auto started = std::chrono::steady_clock::now();
  (void)started;
  co_await yield();
}
} // namespace app
