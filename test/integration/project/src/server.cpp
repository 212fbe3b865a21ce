#include "task.h"
#include <chrono>
#include <cstddef>
#include <fstream>
#include <string>
#include <thread>

namespace demo {
task<> reload(const std::string &path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  co_await yield();
}

task<> throttle() {
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  co_await yield();
}

task<> quiet() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1)); // NOLINT(async-blocking-call)
  // NOLINTNEXTLINE(async-blocking-call)
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  // NOLINTBEGIN(async-*)
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  // NOLINTEND(async-*)
  co_await yield();
}

int *legacy_pointer() { return NULL; }
} // namespace demo
