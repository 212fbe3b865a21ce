// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <memory>

namespace kv {
async_simple::coro::Lazy<int> read_key(int key);

int read_key_now(int key) { return async_simple::coro::syncAwait(read_key(key)); }

// Waiting synchronously is what a program's entry point and its plain
// functions may do.
int startup() { return read_key_now(0); }
int main_loop() { return startup() + read_key_now(1); }

// A wrapper that hands the coroutine back, unstarted, waits for nothing.
async_simple::coro::Lazy<int> read_key_later(int key) { return read_key(key); }
async_simple::coro::Lazy<int> sum_keys(int a) {
  int first = co_await read_key_later(a);
  co_return first;
}

// `.get()` of something that is not a result does not wait.
struct Buffer {
  int size = 0;
};
int size_of(const std::unique_ptr<Buffer> &buffer) { return buffer.get() ? buffer->size : 0; }
async_simple::coro::Lazy<int> total(std::unique_ptr<Buffer> buffer) {
  int n = co_await read_key(1);
  co_return n + size_of(buffer);
}

// The wrapper is named, not called: whoever calls it later decides.
using Reader = int (*)(int);
async_simple::coro::Lazy<Reader> pick_reader() {
  co_await read_key(2);
  co_return &read_key_now;
}
} // namespace kv
