// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {ReportTestCode: true}}
// ReportTestCode (set once for every rule) shows what tests provoke.
#include "frameworks.h"
#include <gtest/gtest.h>
#include <stdexcept>

namespace app {
folly::coro::Task<int> fetch(int key);
concurrencpp::result<int> compute();

TEST(Tasks, Shown) {
  fetch(1); // expected-warning {{task returned by 'app::fetch' is discarded and never runs}}
  EXPECT_THROW(compute(), std::runtime_error); // expected-warning {{task returned by 'app::compute' is discarded: it runs}}
}
} // namespace app
