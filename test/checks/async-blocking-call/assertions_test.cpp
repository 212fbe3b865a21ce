// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {ReportTestCode: true}}
// A test file whose findings are shown: what the test itself calls is
// reported, but not what an assertion macro's own machinery calls.
#include "mock_task.h"
#include <fstream>
#include <string>

namespace testing_support {
// As Catch2 does: on a failure, find out whether a debugger is attached by
// reading a file.
inline bool debugger_attached() {
  std::ifstream status("/proc/self/status");
  return status.good();
}
struct AssertionHandler {
  bool failed = false;
  void complete() {
    if (failed && debugger_attached())
      __builtin_trap();
  }
};
} // namespace testing_support

#define REQUIRE(expr)                                                                              \
  do {                                                                                             \
    testing_support::AssertionHandler handler{!(expr)};                                            \
    handler.complete();                                                                            \
  } while (false)

namespace app {
MOCK_DEFINE_TASK(task)
task<int> answer();

std::string read_fixture(const char *path) {
  std::ifstream in(path); // expected-note {{'read_fixture' reaches 'std::ifstream::ifstream' (file-io)}}
  std::string text;
  std::getline(in, text);
  return text;
}

task<> answer_is_42() {
  std::string expected = read_fixture("answer.txt"); // expected-warning {{call to 'read_fixture' may block in coroutine 'answer_is_42'}} expected-note {{move the file access off the event loop}}
  int value = co_await answer();
  REQUIRE(value == 42);
  REQUIRE(std::to_string(value) == expected);
}
} // namespace app
