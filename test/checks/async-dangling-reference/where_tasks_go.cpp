// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct item {
  std::string name;
};

coro::task<> process(const item &it) { // expected-note 4 {{bound to reference parameter 'it'}}
  co_await coro::thread_pool{}.schedule();
  (void)it.name.size();
}
coro::task<> handle(const std::string &text) { // expected-note 3 {{bound to reference parameter 'text'}}
  co_await coro::thread_pool{}.schedule();
  (void)text.size();
}
coro::task<> count(const int &n) { // expected-note 2 {{bound to reference parameter 'n'}}
  co_await coro::thread_pool{}.schedule();
  (void)n;
}
coro::task<> ignores(const std::string &unused) { co_return; }

// One task per element, kept in a vector and awaited after the loop: the
// loop variable is a copy that dies at the end of each iteration.
coro::task<> per_element_copy(std::vector<item> items) {
  std::vector<coro::task<>> tasks;
  for (auto it : items)
    tasks.push_back(process(it)); // expected-warning {{'it' dies before coroutine 'process' is done with it}}
  co_await coro::when_all(std::move(tasks)); // expected-note {{the task is kept in 'tasks' and used here, after 'it' went out of scope}}
}

// By reference, the element lives in 'items' until the function returns.
coro::task<> per_element_reference(std::vector<item> items) {
  std::vector<coro::task<>> tasks;
  for (const auto &it : items)
    tasks.push_back(process(it));
  for (std::size_t i = 0; i < items.size(); ++i)
    tasks.push_back(process(items[i]));
  co_await coro::when_all(std::move(tasks));
}

coro::task<> per_index(int n) {
  std::vector<coro::task<>> tasks;
  for (int i = 0; i < n; ++i)
    tasks.emplace_back(count(i)); // expected-warning {{'i' dies before coroutine 'count' is done with it}}
  co_await coro::when_all(std::move(tasks)); // expected-note {{used here, after 'i' went out of scope}}
}

// Awaited inside the loop, while the copy is alive.
coro::task<> awaited_in_the_loop(std::vector<item> items) {
  for (auto it : items) {
    auto task = process(it);
    co_await std::move(task);
  }
}

// A task kept in a local and awaited later: a temporary argument is gone.
coro::task<> kept_then_awaited() {
  auto later = handle(std::string("x")); // expected-warning {{temporary dies before coroutine 'handle' is done with it}}
  std::string text = "y";
  auto fine = handle(text);
  co_await std::move(fine);
  co_await std::move(later); // expected-note {{the task is kept in 'later' and used here, after the temporary died}}
}

// A task that is never used does not run: async-unawaited-task's business.
void never_used() {
  auto dropped = handle(std::string("x"));
  handle(std::string("y"));
}

// Returned from a function that is not a coroutine: its locals die on return.
coro::task<> wrapper() {
  std::string text = "z";
  return handle(text); // expected-warning {{'text' dies before coroutine 'handle' is done with it}} expected-note {{the task is returned here from 'wrapper'}}
}
coro::task<> forwarding_wrapper(const std::string &text) { return handle(text); }
coro::task<> temporary_wrapper() {
  return handle("literal"); // expected-warning {{temporary dies before coroutine 'handle' is done with it}} expected-note {{returned here from 'temporary_wrapper'}}
}

// Stored where it outlives the function.
class worker {
public:
  void queue_local() {
    item local{"a"};
    pending_ = process(local); // expected-warning {{'local' dies before coroutine 'process' is done with it}} expected-note {{the task is stored here in 'pending_', which outlives it}}
    item mine{"b"};
    backlog_.push_back(process(mine)); // expected-warning {{'mine' dies before coroutine 'process' is done with it}} expected-note {{stored here in 'backlog_'}}
    named_.insert_or_assign("c", process(item_)); // a member: lives as long as the worker
  }

private:
  item item_;
  std::optional<coro::task<>> pending_;
  std::vector<coro::task<>> backlog_;
  std::map<std::string, coro::task<>> named_;
};

void into_received(std::vector<coro::task<>> &out) {
  item local{"a"};
  out.push_back(process(local)); // expected-warning {{'local' dies before coroutine 'process' is done with it}} expected-note {{stored here in 'out'}}
}

// A parameter the coroutine never reads cannot dangle.
void unread(coro::thread_pool &tp) { tp.spawn_detached(ignores(std::string("x"))); }

// A constant bound to a const reference is a temporary too.
void constants(coro::thread_pool &tp) {
  tp.spawn_detached(count(42)); // expected-warning {{temporary dies before coroutine 'count' is done with it}} expected-note {{spawned here by 'coro::thread_pool::spawn_detached'}}
}

// Eager tasks run to their first suspension at the call: a parameter read
// only before it has been copied in time.
concurrencpp::result<int> eager_copy_first(const std::string &text) {
  std::string copy = text;
  co_await concurrencpp::resume_on(*static_cast<concurrencpp::thread_pool_executor *>(nullptr));
  co_return static_cast<int>(copy.size());
}
concurrencpp::result<int> eager_reads_late(const std::string &text) { // expected-note 2 {{bound to reference parameter 'text'}}
  co_await concurrencpp::resume_on(*static_cast<concurrencpp::thread_pool_executor *>(nullptr));
  co_return static_cast<int>(text.size());
}
void eager_callers() {
  eager_copy_first(std::string("x"));
  eager_reads_late(std::string("x")); // expected-warning {{temporary dies before coroutine 'eager_reads_late' is done with it}} expected-note {{the task starts at once and is left running here}}
}
void eager_left_running() {
  std::string text = "x";
  eager_reads_late(text); // expected-warning {{'text' dies before coroutine 'eager_reads_late' is done with it}} expected-note {{left running here}}
}
// The thread's event loop runs before the local goes: the task ends there.
void eager_then_loop() {
  std::string text = "x";
  eager_reads_late(text);
  coro::sync_wait(coro::thread_pool{}.schedule());
}

// A function-try-block: the parameter lives until the handler ends.
coro::task<> guarded(std::string text) try {
  auto pending = handle(text);
  co_await coro::thread_pool{}.schedule();
  co_await std::move(pending);
} catch (...) {
}

// Views and pointers into locals and temporaries.
coro::task<> view(std::string_view text) { // expected-note 2 {{bound to view parameter 'text'}}
  co_await coro::thread_pool{}.schedule();
  (void)text;
}
coro::task<> raw(const char *text) { // expected-note {{bound to pointer parameter 'text'}}
  co_await coro::thread_pool{}.schedule();
  (void)text;
}
coro::task<> at(const int *where) { // expected-note 2 {{bound to pointer parameter 'where'}}
  co_await coro::thread_pool{}.schedule();
  (void)*where;
}
void views(coro::thread_pool &tp, std::string_view received, const std::string &owned_elsewhere) {
  int slot = 0;
  tp.spawn_detached(at(&slot)); // expected-warning {{'slot' dies before coroutine 'at' is done with it}} expected-note {{spawned here}}
  std::vector<int> slots(4);
  tp.spawn_detached(at(slots.data())); // expected-warning {{'slots' dies before coroutine 'at' is done with it}} expected-note {{spawned here}}
  static int shared_slot = 0;
  tp.spawn_detached(at(&shared_slot));
  std::string local = "abc";
  std::string_view alias = local;
  tp.spawn_detached(view(alias)); // expected-warning {{'local' dies before coroutine 'view' is done with it}} expected-note {{spawned here}}
  tp.spawn_detached(raw(std::string("x").c_str())); // expected-warning {{temporary dies before coroutine 'raw' is done with it}} expected-note {{spawned here}}
  tp.spawn_detached(view(std::string("abc") + "d")); // expected-warning {{temporary dies before coroutine 'view' is done with it}} expected-note {{spawned here}}
  tp.spawn_detached(view(received));
  tp.spawn_detached(view(owned_elsewhere));
  tp.spawn_detached(view("literal"));
  tp.spawn_detached(raw("literal"));
}

// Shared ownership is never reported.
coro::task<> shared(std::shared_ptr<item> it);
coro::task<> observed(std::weak_ptr<item> it);
void shared_owners(coro::thread_pool &tp) {
  auto it = std::make_shared<item>();
  tp.spawn_detached(shared(it));
  tp.spawn_detached(observed(it));
}
