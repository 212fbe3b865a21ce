// ARGS: -std=c++20 -I%INC
// Tests drop tasks on purpose: inside an expected-throw assertion, or a lazy
// task to see its frame destroyed. An eager task a test drops still loses
// its failures, and with them the test's.
#include "frameworks.h"
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>

namespace app {
folly::coro::Task<int> fetch(int key);
concurrencpp::result<int> compute();

// A Catch2-style test case and a project's own assertion helper.
#define TEST_CASE(name) static void test_case_##__LINE__()
template <typename F> void assert_throws(F &&f) {
  try {
    f();
  } catch (...) {
  }
}

TEST(Tasks, DroppedLazyTaskDestroysItsFrame) {
  fetch(1); // not reported: the test is about the frame of a task never run
}

TEST(Tasks, DroppedEagerTaskLosesTheFailure) {
  compute(); // expected-warning {{task returned by 'app::compute' is discarded: it runs, but its result and any exception it throws are lost}}
}

TEST(Tasks, ExpectedThrowInAnAssertion) {
  EXPECT_THROW(compute(), std::runtime_error);
  EXPECT_ANY_THROW(fetch(2));
  ASSERT_NO_THROW(fetch(3));
}

TEST_CASE("lazy task dropped in a Catch2-style test") {
  fetch(4);
  auto unused = fetch(5);
}

// Not a test, but the expected-throw contexts are the same anywhere.
void argument_validation() {
  assert_throws([] { compute(); });
  try {
    compute();
    GTEST_FAIL() << "should have thrown";
  } catch (const std::invalid_argument &) {
  }
}

// Outside tests and expected-throw contexts everything is reported.
void production() {
  fetch(6); // expected-warning {{task returned by 'app::fetch' is discarded and never runs}}
  compute(); // expected-warning {{task returned by 'app::compute' is discarded: it runs}}
  try {
    compute(); // expected-warning {{task returned by 'app::compute' is discarded: it runs}}
    throw std::logic_error("not a test failure macro");
  } catch (const std::logic_error &) {
  }
}
} // namespace app
