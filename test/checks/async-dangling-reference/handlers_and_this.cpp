// ARGS: -std=c++20 -I%INC
#include <coroutine>
#include <functional>
#include <memory>
#include <vector>

// An event handler that is a coroutine lambda capturing `this`: whoever
// raises the event drops the task at its first suspension, and nothing holds
// the object, which lives in reference-counted owners, until the task ends.

namespace ui {
// Starts at once and offers nothing to wait for: made to be dropped.
struct fire_and_forget {
  struct promise_type {
    fire_and_forget get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct background {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
inline background resume_background() { return {}; }

// A reference-counted object that hands out strong references to itself.
template <typename D> struct counted {
  std::shared_ptr<D> get_strong() { return {}; }
};

// A delegate: its calls return nothing.
struct click_handler {
  template <typename F> click_handler(F f) : call(std::move(f)) {}
  void operator()(int x) const { call(x); }
  std::function<void(int)> call;
};

struct button {
  void on_click(click_handler h) { handlers.push_back(std::move(h)); }
  void on_hover(std::function<void()> h) { hover.push_back(std::move(h)); }
  template <typename H> void on_key(H h) {
    keys.push_back(std::move(h)); // expected-note {{dropped by 'std::function<void (int)>'}}
  }
  template <typename H> void on_scroll(H h) {
    scrolls.push_back([h](int delta) { h(delta); }); // expected-note {{the task is dropped here}}
  }
  std::vector<click_handler> handlers;
  std::vector<std::function<void(int)>> scrolls;
  std::vector<std::function<void()>> hover;
  std::vector<std::function<void(int)>> keys;
};
} // namespace ui

struct page : ui::counted<page> {
  int clicks = 0;
  void wire(ui::button &b) {
    b.on_click([this](int) -> ui::fire_and_forget { // expected-warning {{'*this' can die before coroutine lambda is done with it}} expected-note {{dropped by 'ui::click_handler', whose calls return void}} expected-note {{take a strong reference}}
      co_await ui::resume_background();
      ++clicks;
    });
    // A strong reference taken before the first suspension keeps the
    // object; reading `this` only before it is fine too.
    b.on_click([this](int) -> ui::fire_and_forget {
      auto strong = get_strong();
      co_await ui::resume_background();
      (void)strong;
    });
    b.on_click([this](int n) -> ui::fire_and_forget {
      clicks += n;
      co_await ui::resume_background();
    });
  }
};

struct feed : std::enable_shared_from_this<feed> {
  int seen = 0;
  std::function<void()> on_refresh;
  void follow(ui::button &b) {
    on_refresh = [this]() -> ui::fire_and_forget { // expected-warning {{'*this' can die before coroutine lambda is done with it}} expected-note {{dropped by 'std::function<void ()>'}} expected-note {{take a strong reference}}
      co_await ui::resume_background();
      seen = 0;
    };
    b.on_hover([this]() -> ui::fire_and_forget { // expected-warning {{'*this' can die before coroutine lambda is done with it}} expected-note {{dropped by 'std::function<void ()>'}} expected-note {{take a strong reference}}
      co_await ui::resume_background();
      ++seen;
    });
    b.on_scroll([this](int) -> ui::fire_and_forget { // expected-warning {{'*this' can die before coroutine lambda is done with it}} expected-note {{take a strong reference}}
      co_await ui::resume_background();
      seen += 2;
    });
    b.on_key([this](int) -> ui::fire_and_forget { // expected-warning {{'*this' can die before coroutine lambda is done with it}} expected-note {{take a strong reference}}
      co_await ui::resume_background();
      --seen;
    });
    int step = 3;
    b.on_hover([step, this]() -> ui::fire_and_forget { // expected-warning {{'*this' can die before coroutine lambda is done with it}} expected-note {{dropped by 'std::function<void ()>'}} expected-note {{take a strong reference}}
      co_await ui::resume_background();
      seen += step;
    });
    // Only the copy is read after the suspension; `this` before it.
    b.on_hover([this, step]() -> ui::fire_and_forget {
      int base = seen;
      co_await ui::resume_background();
      (void)(base + step);
    });
    b.on_hover([this]() -> ui::fire_and_forget {
      auto self = shared_from_this();
      co_await ui::resume_background();
      ++self->seen;
    });
  }
};

// An object whose owner decides how long it lives (not reference-counted)
// is not reported: its owner typically outlives the event source.
struct dialog {
  int opened = 0;
  void wire(ui::button &b) {
    b.on_hover([this]() -> ui::fire_and_forget {
      co_await ui::resume_background();
      ++opened;
    });
  }
};
