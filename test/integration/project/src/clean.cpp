#include "task.h"
#include <chrono>
#include <thread>

namespace demo {
task<> heartbeat() {
  for (int i = 0; i < 3; ++i)
    co_await yield();
}

void background() { std::this_thread::sleep_for(std::chrono::seconds(1)); }
} // namespace demo
