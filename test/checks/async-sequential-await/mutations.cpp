// ARGS: -std=c++20 -I%INC
// The first await changes what the second reads, in ways beyond a plain
// assignment or argument: through a conditional operator, a cast, a
// reference bound on the way. None is reported.
#include "frameworks.h"
#include <string>

using folly::coro::Task;

Task<int> top_up(int &slot);
Task<std::string> render(int value);

Task<std::string> through_conditional(int &primary, int &spare, bool use_primary) {
  auto added = co_await top_up(use_primary ? primary : spare);
  auto text = co_await render(primary);
  co_return text + std::to_string(added);
}

Task<int> decorate(std::string &text);
Task<std::size_t> measure(std::string text);

Task<std::size_t> through_cast(const std::string &title) {
  auto added = co_await decorate(const_cast<std::string &>(title));
  auto size = co_await measure(title);
  co_return size + added;
}

// Independent again once neither touches what the other reads.
Task<std::size_t> unrelated(const std::string &title, int &slot) {
  auto added = co_await top_up(slot); // expected-warning {{'top_up' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'folly::coro::collectAll'}}
  auto size = co_await measure(title); // expected-note {{independent await of 'measure'}}
  co_return size + added;
}
