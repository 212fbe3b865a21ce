// Stand-ins for gRPC's synchronous C++ API, in the shapes of
// <grpcpp/...>: the server, the blocking stubs protoc generates, and the
// synchronous streams.
#pragma once
#include <chrono>
#include <memory>
#include <string>

namespace grpc {
class Status {
public:
  bool ok() const { return true; }
};
class ClientContext {
public:
  void set_deadline(std::chrono::system_clock::time_point) {}
};
class CompletionQueue {
public:
  bool Next(void **tag, bool *ok);
};
class Channel {};
class ServerInterface {
public:
  virtual ~ServerInterface() = default;
  template <class T> void Shutdown(const T &deadline);
  void Shutdown();
};
class Server : public ServerInterface {
public:
  void Wait();
};
namespace internal {
class ClientStreamingInterface {
public:
  virtual ~ClientStreamingInterface() = default;
  virtual Status Finish() = 0;
};
template <class R> class ReaderInterface {
public:
  virtual ~ReaderInterface() = default;
  virtual bool Read(R *msg) = 0;
};
template <class W> class WriterInterface {
public:
  virtual ~WriterInterface() = default;
  virtual bool Write(const W &msg, int options) = 0;
  bool Write(const W &msg) { return Write(msg, 0); }
};
} // namespace internal
template <class R>
class ClientReaderInterface : public internal::ClientStreamingInterface,
                              public internal::ReaderInterface<R> {
public:
  virtual void WaitForInitialMetadata() = 0;
};
template <class R> class ClientReader final : public ClientReaderInterface<R> {
public:
  void WaitForInitialMetadata() override;
  bool Read(R *msg) override;
  Status Finish() override;
};
template <class W>
class ClientWriterInterface : public internal::ClientStreamingInterface,
                              public internal::WriterInterface<W> {
public:
  virtual bool WritesDone() = 0;
};
template <class W> class ClientWriter : public ClientWriterInterface<W> {
public:
  using internal::WriterInterface<W>::Write;
  bool Write(const W &msg, int options) override;
  bool WritesDone() override;
  Status Finish() override;
};
template <class W, class R>
class ClientReaderWriter final : public internal::ClientStreamingInterface,
                                 public internal::WriterInterface<W>,
                                 public internal::ReaderInterface<R> {
public:
  using internal::WriterInterface<W>::Write;
  bool Read(R *msg) override;
  bool Write(const W &msg, int options) override;
  bool WritesDone();
  Status Finish() override;
};
template <class R> class ClientAsyncResponseReader {
public:
  void Finish(R *msg, Status *status, void *tag);
};
} // namespace grpc

// What protoc generates for
//   service Inventory { rpc Lookup(Sku) returns (Stock);
//                       rpc Watch(Sku) returns (stream Stock);
//                       rpc Upload(stream Stock) returns (Ack);
//                       rpc Sync(stream Stock) returns (stream Stock); }
namespace shop::v1 {
struct Sku {
  std::string id;
};
struct Stock {
  int count = 0;
};
struct Ack {};
class Inventory final {
public:
  class StubInterface {
  public:
    virtual ~StubInterface() = default;
    virtual ::grpc::Status Lookup(::grpc::ClientContext *context, const Sku &request,
                                  Stock *response) = 0;
  };
  class Stub final : public StubInterface {
  public:
    explicit Stub(const std::shared_ptr<::grpc::Channel> &channel);
    ::grpc::Status Lookup(::grpc::ClientContext *context, const Sku &request,
                          Stock *response) override;
    std::unique_ptr<::grpc::ClientReader<Stock>> Watch(::grpc::ClientContext *context,
                                                       const Sku &request);
    std::unique_ptr<::grpc::ClientWriter<Stock>> Upload(::grpc::ClientContext *context,
                                                        Ack *response);
    std::unique_ptr<::grpc::ClientReaderWriter<Stock, Stock>> Sync(::grpc::ClientContext *context);
    std::unique_ptr<::grpc::ClientAsyncResponseReader<Stock>>
    AsyncLookup(::grpc::ClientContext *context, const Sku &request, ::grpc::CompletionQueue *cq);
  };
  static std::unique_ptr<Stub> NewStub(const std::shared_ptr<::grpc::Channel> &channel);
};
} // namespace shop::v1
