// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {async-blocking-call.BlockingFunctions: 'legacy::fetch_blocking=network;legacy::Store::flush', async-blocking-call.IgnoredCategories: 'process', async-blocking-call.IgnoredFunctions: 'std::this_thread::yield;usleep', async-blocking-call.NonBlockingTypes: 'mem::RamFile'}}
#include "mock_task.h"
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

namespace mem {
// An in-memory stream that only looks like a file stream.
struct RamFile : std::ofstream {};
} // namespace mem

namespace app {
MOCK_DEFINE_TASK(task)
task<> yield();

task<> sync(legacy::Store &store, mem::RamFile &ram) {
  auto body = legacy::fetch_blocking("http://x"); // expected-warning {{blocking call to 'legacy::fetch_blocking' (network)}}
  store.append(body);
  store.flush(); // expected-warning {{blocking call to 'legacy::Store::flush' (wait)}}
  std::system("true");
  usleep(10);
  ram << body;
  ::sleep(1); // expected-warning {{'sleep' (sleep)}}
  co_await yield();
}
} // namespace app
