// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include "grpc_sync.h"
#include "mock_task.h"

namespace warehouse {
MOCK_DEFINE_TASK(task)
task<> tick();

// The asynchronous stub hands back a reader; nothing waits here.
task<> start_lookup(shop::v1::Inventory::Stub &stub, grpc::CompletionQueue &cq) {
  grpc::ClientContext ctx;
  auto call = stub.AsyncLookup(&ctx, shop::v1::Sku{"x"}, &cq);
  co_await tick();
}

// A plain function may block: it is not a coroutine.
int stock_now(shop::v1::Inventory::Stub &stub) {
  grpc::ClientContext ctx;
  shop::v1::Stock stock;
  return stub.Lookup(&ctx, {"x"}, &stock).ok() ? stock.count : 0;
}

// The shape is the whole of it: a context by reference, or no Status back,
// or no context first, is not a stub's blocking call.
struct Ledger {
  grpc::Status validate(const shop::v1::Sku &sku);
  grpc::Status record(grpc::ClientContext &ctx, int amount);
  bool annotate(grpc::ClientContext *ctx, const std::string &note);
};
task<> book(Ledger &ledger) {
  grpc::ClientContext ctx;
  ledger.validate({"x"});
  ledger.record(ctx, 3);
  ledger.annotate(&ctx, "restock");
  co_await tick();
}

// On a thread pool meant for blocking work, the stub call is what the pool
// is for.
coro::task<int> offloaded(coro::thread_pool &pool, shop::v1::Inventory::Stub &stub) {
  co_await pool.schedule();
  grpc::ClientContext ctx;
  shop::v1::Stock stock;
  stub.Lookup(&ctx, {"x"}, &stock);
  co_return stock.count;
}

// Handed to a thread of its own, the call blocks that thread only.
task<> in_background(shop::v1::Inventory::Stub &stub) {
  auto work = [&stub] {
    grpc::ClientContext ctx;
    shop::v1::Stock stock;
    stub.Lookup(&ctx, {"x"}, &stock);
  };
  (void)work;
  co_await tick();
}
} // namespace warehouse
