// ARGS: -std=c++20 -I%INC
#include "mock_task.h"
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;
namespace app {
MOCK_DEFINE_TASK(task)
task<> tick();

// One step down: the blocking API is in the helper's body.
std::string load_config(const std::string &path) {
  std::ifstream in(path); // expected-note 2 {{'load_config' reaches 'std::ifstream::ifstream' (file-io)}}
  std::string text;
  std::getline(in, text);
  return text;
}

task<> serve() {
  std::string config = load_config("app.conf"); // expected-warning {{call to 'load_config' may block in coroutine 'serve': it reaches 'std::ifstream::ifstream' (file-io)}} expected-note {{move the file access off the event loop}}
  co_await tick();
}

// Several steps, each with a note.
FILE *open_journal() {
  return std::fopen("journal.log", "a"); // expected-note {{'open_journal' reaches 'fopen' (file-io)}}
}
void append_entry(const char *entry) {
  FILE *f = open_journal(); // expected-note {{'append_entry' calls 'open_journal'}}
  std::fputs(entry, f);
}
void record(int id) {
  append_entry(id > 0 ? "ok" : "bad"); // expected-note {{'record' calls 'append_entry'}}
}

task<> handle(int id) {
  co_await tick();
  record(id); // expected-warning {{call to 'record' may block in coroutine 'handle': it reaches 'fopen' (file-io)}} expected-note {{move the file access off the event loop}}
}

// Members, constructors and operators.
struct AuditLog {
  void append(const std::string &line) {
    std::ofstream out("audit.log", std::ios::app); // expected-note {{'AuditLog::append' reaches 'std::ofstream::ofstream' (file-io)}}
    out << line;
  }
};
struct Snapshot {
  Snapshot() { std::this_thread::sleep_for(10ms); } // expected-note {{'Snapshot::Snapshot' reaches 'std::this_thread::sleep_for' (sleep)}}
};
struct Journal {
  int fd = -1;
  Journal &operator<<(const std::string &) {
    ::fsync(fd); // expected-note {{'Journal::operator<<' reaches 'fsync' (file-io)}}
    return *this;
  }
};

task<> audit(AuditLog &log, Journal &journal) {
  log.append("start"); // expected-warning {{call to 'AuditLog::append' may block in coroutine 'audit': it reaches 'std::ofstream::ofstream' (file-io)}} expected-note {{move the file access off the event loop}}
  Snapshot before; // expected-warning {{call to 'Snapshot::Snapshot' may block in coroutine 'audit': it reaches 'std::this_thread::sleep_for' (sleep)}} expected-note {{await the framework's timer}}
  journal << "start"; // expected-warning {{call to 'Journal::operator<<' may block in coroutine 'audit': it reaches 'fsync' (file-io)}} expected-note {{move the file access off the event loop}}
  co_await tick();
}

// Waiting for a result in a helper on one branch only: the helper does not
// block on every way through it, so the call is not reported (the audit
// mode reports it: helpers_audit.cpp).
int wait_result(std::future<int> &f, bool cached) {
  if (cached)
    return 0;
  return f.get();
}

task<int> compute(std::future<int> f) {
  co_await tick();
  co_return wait_result(f, false);
}

// Lambdas: one called on the spot is part of the coroutine; one kept in a
// variable and called is a helper.
task<> flush_all(int fd) {
  std::string text = [&] { return load_config("inline.conf"); }(); // expected-warning {{call to 'load_config' may block in coroutine 'flush_all'}} expected-note {{move the file access off the event loop}}
  auto flush = [fd] { ::fsync(fd); }; // expected-note {{'lambda' reaches 'fsync' (file-io)}}
  flush(); // expected-warning {{call to lambda 'flush' may block in coroutine 'flush_all': it reaches 'fsync' (file-io)}} expected-note {{move the file access off the event loop}}
  co_await tick();
}

// Templates: each instantiation is judged on its own body.
template <bool Durable> void store(int fd) {
  if constexpr (Durable)
    ::fsync(fd); // expected-note {{'store' reaches 'fsync' (file-io)}}
}

task<> persist(int fd) {
  store<false>(fd);
  store<true>(fd); // expected-warning {{call to 'store' may block in coroutine 'persist': it reaches 'fsync' (file-io)}} expected-note {{move the file access off the event loop}}
  co_await tick();
}

// Cycles: recursion that blocks only at its end, and mutual recursion
// that blocks on one side under a condition, block on some ways only; a
// cycle that never blocks does not block; recursion whose every round
// sleeps first does.
void countdown(int n) {
  if (n == 0) {
    std::this_thread::sleep_for(1ms);
    return;
  }
  countdown(n - 1);
}
void pong(int n);
void ping(int n) {
  if (n > 0)
    pong(n - 1);
}
void pong(int n) {
  if (n % 7 == 0)
    ::usleep(10);
  ping(n - 1);
}
int even(int n);
int odd(int n) { return n == 0 ? 0 : even(n - 1); }
int even(int n) { return n == 0 ? 1 : odd(n - 1); }
void backoff(int n) {
  std::this_thread::sleep_for(1ms); // expected-note {{'backoff' reaches 'std::this_thread::sleep_for' (sleep)}}
  if (n > 0)
    backoff(n - 1);
}

task<> cycles() {
  countdown(3);
  ping(10);
  int parity = even(4) + odd(3);
  (void)parity;
  backoff(3); // expected-warning {{call to 'backoff' may block in coroutine 'cycles': it reaches 'std::this_thread::sleep_for' (sleep)}} expected-note {{await the framework's timer}}
  co_await tick();
}

// A final class resolves a virtual call; an open one does not.
struct Sink {
  virtual ~Sink() = default;
  virtual void write(const std::string &text) = 0;
};
struct FileSink final : Sink {
  void write(const std::string &text) override {
    std::ofstream out("sink.log"); // expected-note {{'FileSink::write' reaches 'std::ofstream::ofstream' (file-io)}}
    out << text;
  }
};
struct SlowSink : Sink {
  void write(const std::string &) override { std::this_thread::sleep_for(1ms); }
};

task<> emit(FileSink &file, Sink &any, SlowSink &slow) {
  file.write("x"); // expected-warning {{call to 'FileSink::write' may block in coroutine 'emit': it reaches 'std::ofstream::ofstream' (file-io)}} expected-note {{move the file access off the event loop}}
  any.write("y");
  slow.write("z");
  co_await tick();
}

} // namespace app
