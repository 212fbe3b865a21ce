// ARGS: -std=c++20 -I%INC
#include "grpc_sync.h"
#include "mock_task.h"

namespace warehouse {
MOCK_DEFINE_TASK(task)
task<> tick();

// A generated stub's method is known by its shape, whatever the service
// calls it: a ClientContext* first, a grpc::Status back.
task<int> stock_of(shop::v1::Inventory::Stub &stub, std::string id) {
  co_await tick();
  grpc::ClientContext ctx;
  shop::v1::Stock stock;
  grpc::Status status = stub.Lookup(&ctx, shop::v1::Sku{id}, &stock); // expected-warning {{blocking call to 'shop::v1::Inventory::Stub::Lookup' (network) in coroutine 'stock_of'}}
  co_return status.ok() ? stock.count : -1;
}

// Through the interface a test would mock, held by a smart pointer.
struct Restocker {
  std::unique_ptr<shop::v1::Inventory::StubInterface> inventory;

  task<bool> in_stock(const std::string &id) {
    grpc::ClientContext ctx;
    shop::v1::Stock stock;
    bool ok = inventory->Lookup(&ctx, {id}, &stock).ok(); // expected-warning {{blocking call to 'shop::v1::Inventory::StubInterface::Lookup' (network) in coroutine 'in_stock'}}
    co_await tick();
    co_return ok && stock.count > 0;
  }
};

// The synchronous streams wait for the peer on every message.
task<int> watch_total(shop::v1::Inventory::Stub &stub) {
  co_await tick();
  grpc::ClientContext ctx;
  auto reader = stub.Watch(&ctx, shop::v1::Sku{"all"});
  shop::v1::Stock update;
  int total = 0;
  while (reader->Read(&update)) // expected-warning {{blocking call to 'grpc::ClientReader::Read' (network)}}
    total += update.count;
  if (!reader->Finish().ok()) // expected-warning {{blocking call to 'grpc::ClientReader::Finish' (network)}}
    co_return -1;
  co_return total;
}

task<> upload_all(shop::v1::Inventory::Stub &stub, const shop::v1::Stock (&items)[3]) {
  grpc::ClientContext ctx;
  shop::v1::Ack ack;
  std::unique_ptr<grpc::ClientWriter<shop::v1::Stock>> writer = stub.Upload(&ctx, &ack);
  for (const auto &item : items)
    writer->Write(item); // expected-warning {{blocking call to 'grpc::ClientWriter::Write' (network)}}
  writer->WritesDone(); // expected-warning {{blocking call to 'grpc::ClientWriter::WritesDone' (network)}}
  co_await tick();
  writer->Finish(); // expected-warning {{blocking call to 'grpc::ClientWriter::Finish' (network)}}
}

task<> mirror(shop::v1::Inventory::Stub &stub) {
  grpc::ClientContext ctx;
  auto stream = stub.Sync(&ctx);
  shop::v1::Stock s;
  co_await tick();
  while (stream->Read(&s)) // expected-warning {{blocking call to 'grpc::ClientReaderWriter::Read' (network)}}
    stream->Write(s); // expected-warning {{blocking call to 'grpc::ClientReaderWriter::Write' (network)}}
  stream->WritesDone(); // expected-warning {{blocking call to 'grpc::ClientReaderWriter::WritesDone' (network)}}
  stream->Finish(); // expected-warning {{blocking call to 'grpc::ClientReaderWriter::Finish' (network)}}
}

// Stopping a server waits for its calls in flight.
task<> stop_serving(grpc::Server &server) {
  co_await tick();
  server.Shutdown(); // expected-warning {{blocking call to 'grpc::Server::Shutdown' (wait)}}
  server.Wait(); // expected-warning {{blocking call to 'grpc::Server::Wait' (wait)}}
}

// A project's own client method with the stub's shape is a blocking call too.
struct PriceClient {
  grpc::Status Quote(grpc::ClientContext *ctx, const shop::v1::Sku &sku, int *cents);
};
task<int> price(PriceClient &client) {
  grpc::ClientContext ctx;
  int cents = 0;
  client.Quote(&ctx, {"x"}, &cents); // expected-warning {{blocking call to 'warehouse::PriceClient::Quote' (network)}}
  co_await tick();
  co_return cents;
}
} // namespace warehouse
