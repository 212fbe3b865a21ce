// ARGS: -std=c++20 -I%INC
// A file of the test suite (named *_test.cpp): tests sleep to order two
// threads, wait on futures and read files on purpose. Nothing is reported;
// the same code in a source file is (sleep_and_wait.cpp).
#include "mock_task.h"
#include <chrono>
#include <fstream>
#include <future>
#include <thread>

namespace app {
MOCK_DEFINE_TASK(task)
task<int> value();

task<int> server_starts_first(std::future<int> &ready) {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::ifstream fixture("fixture.txt");
  int v = co_await value();
  co_return v + ready.get();
}
} // namespace app
