// ARGS: -std=c++20 -I%INC
// A helper blocks when every way through it, from its entry until it
// returns, reaches blocking. Code that blocks on some ways only (when a
// file is full, on an error branch, when a switch is set, in a loop that may
// not run) is not a step of a chain; nor is code the compiler discards.
#include "mock_task.h"
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
namespace shop {
MOCK_DEFINE_TASK(task)
task<> tick();

// A logger that rotates its file when it is full, and writes synchronously
// only when it was configured so: a log call blocks on neither by default.
class Journal {
public:
  void write(const std::string &line) {
    if (size_ + line.size() > limit_)
      rotate();
    if (synchronous_)
      flush_line(line);
    else
      pending_.push_back(line);
    size_ += line.size();
  }

private:
  void rotate() {
    std::filesystem::remove(path_ + ".1");
    std::filesystem::rename(path_, path_ + ".1");
    size_ = 0;
  }
  void flush_line(const std::string &line) {
    std::ofstream out(path_, std::ios::app);
    out << line << '\n';
  }
  std::string path_ = "shop.log";
  std::vector<std::string> pending_;
  size_t size_ = 0, limit_ = 1 << 20;
  bool synchronous_ = false;
};
Journal &journal();

// A project's own log macro: it tests a level, then hands a line over.
inline int g_level = 2;
#define SHOP_TRACE(level, text)                                                                    \
  do {                                                                                             \
    if ((level) >= g_level)                                                                        \
      journal().write(text);                                                                       \
  } while (0)

// A severity known at compile time: the fatal branch is never compiled in.
enum class Severity { info, fatal };
inline void dump_core_file() {
  std::FILE *f = std::fopen("core.txt", "w"); // expected-note {{'dump_core_file' reaches 'fopen' (file-io)}}
  std::fclose(f);
}
template <Severity S> void note(const std::string &text) {
  if constexpr (S == Severity::fatal)
    dump_core_file();
  journal().write(text);
}
constexpr Severity build_severity = Severity::info;
inline void note_build(const std::string &text) {
  if constexpr (build_severity == Severity::fatal)
    dump_core_file();
  journal().write(text);
}

// An error branch, an early return from a cache, a loop that may not run.
struct Order {
  int id = 0;
  bool valid = true;
};
inline void report_corrupt(const Order &) {
  std::ofstream out("corrupt-orders.txt", std::ios::app);
}
inline void check(const Order &o) {
  if (!o.valid)
    report_corrupt(o);
}
inline std::string cached_price(int id, bool hit) {
  if (hit)
    return "cached";
  std::ifstream in("prices/" + std::to_string(id));
  std::string price;
  in >> price;
  return price;
}
inline void archive_all(const std::vector<Order> &orders) {
  for (const Order &o : orders) {
    std::ofstream out("archive/" + std::to_string(o.id));
  }
}

// Guards that a new object already passes, or that test state the function
// does not change: the work is done on some calls only.
class Outbox {
public:
  void drain() {
    if (queue_.empty())
      return;
    std::ofstream out("outbox.txt", std::ios::app);
    queue_.clear();
  }

private:
  std::vector<std::string> queue_;
};
class Tracer {
public:
  void emit(const std::string &) {
    if (!enabled_)
      return;
    std::ofstream out("trace.txt", std::ios::app);
    enabled_ = !out.good();
  }

private:
  bool enabled_ = false;
};
class Spool {
public:
  void write(const std::string &) {
    if (closed_)
      return;
    std::ofstream out("spool.txt", std::ios::app);
  }
  void close() { closed_ = true; }

private:
  bool closed_ = false;
};

task<> place(Order o) {
  journal().write("placing");
  SHOP_TRACE(3, "placing");
  note<Severity::info>("placing");
  note_build("placing");
  check(o);
  std::string price = cached_price(o.id, true);
  archive_all({o});
  Outbox outbox;
  outbox.drain();
  Tracer tracer;
  tracer.emit("placing");
  Spool spool;
  spool.write("placing");
  if constexpr (build_severity == Severity::fatal)
    dump_core_file();
  co_await tick();
}

// Certain on every way: both branches write a file; a throw on an error
// path leaves nothing to run; a loop that runs until it has slept enough
// sleeps at least once.
inline void save(const Order &o, bool compact) {
  if (compact) {
    std::ofstream out("orders.bin", std::ios::binary); // expected-note {{'save' reaches 'std::ofstream::ofstream' (file-io)}}
  } else {
    std::ofstream out("orders.txt");
  }
  (void)o;
}
inline std::string load_receipt(int id) {
  if (id < 0)
    throw std::invalid_argument("id");
  std::ifstream in("receipts/" + std::to_string(id)); // expected-note {{'load_receipt' reaches 'std::ifstream::ifstream' (file-io)}}
  std::string text;
  in >> text;
  return text;
}
inline void settle(int rounds) {
  for (;;) {
    std::this_thread::sleep_for(1ms); // expected-note {{'settle' reaches 'std::this_thread::sleep_for' (sleep)}}
    if (--rounds == 0)
      return;
  }
}
template <Severity S> void note_and_dump(const std::string &) {
  if constexpr (S == Severity::fatal)
    dump_core_file(); // expected-note {{'note_and_dump' calls 'dump_core_file'}}
}

// Work done once per object: the first call does it, and later calls return
// at once. The first call on a new object blocks.
class Certificates {
public:
  bool load(const std::string &path) {
    if (loaded_)
      return true;
    std::ifstream in(path); // expected-note {{'Certificates::load' reaches 'std::ifstream::ifstream' (file-io)}}
    loaded_ = true;
    return in.good();
  }

private:
  bool loaded_ = false;
};
class Ledger {
public:
  bool open(const std::string &path) {
    if (file_.is_open())
      return true;
    file_.open(path); // expected-note {{'Ledger::open' reaches}}
    return file_.is_open();
  }

private:
  std::fstream file_;
};

task<> close(Order o) {
  co_await tick();
  save(o, true); // expected-warning {{call to 'save' may block in coroutine 'close': it reaches 'std::ofstream::ofstream' (file-io)}} expected-note {{move the file access off the event loop}}
  std::string receipt = load_receipt(o.id); // expected-warning {{call to 'load_receipt' may block in coroutine 'close': it reaches 'std::ifstream::ifstream' (file-io)}} expected-note {{move the file access off the event loop}}
  settle(3); // expected-warning {{call to 'settle' may block in coroutine 'close': it reaches 'std::this_thread::sleep_for' (sleep)}} expected-note {{await the framework's timer}}
  Certificates certificates;
  certificates.load("ca.pem"); // expected-warning {{call to 'Certificates::load' may block in coroutine 'close': it reaches 'std::ifstream::ifstream' (file-io)}} expected-note {{move the file access off the event loop}}
  Ledger ledger;
  ledger.open("ledger.txt"); // expected-warning {{call to 'Ledger::open' may block in coroutine 'close'}} expected-note {{move the file access off the event loop}}
  note_and_dump<Severity::fatal>("closing"); // expected-warning {{call to 'note_and_dump' may block in coroutine 'close': it reaches 'fopen' (file-io)}} expected-note {{move the file access off the event loop}}
}

} // namespace shop
