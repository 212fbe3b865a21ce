#include "models/missing-timeout/StreamExpiries.h"
#include "models/missing-timeout/Deadlines.h"
#include "models/missing-timeout/PeersInProcess.h"

#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace asynclint {
namespace {

const ValueDecl *streamOfExpiry(const Expr &Expiry) {
  const auto *Call = dyn_cast<CallExpr>(&Expiry);
  return Call ? operatedStream(*Call) : nullptr;
}

} // namespace

void StreamExpiries::note(const FunctionDecl &F, const Expr &Expiry, ASTContext &Ctx) {
  Set[F.getCanonicalDecl()].push_back(&Expiry);
  // On a member stream, the expiry covers what the other members do with
  // that stream (one member sets it, another reads).
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&F); Method && mentionsField(Expiry, Ctx)) {
    auto &Streams = Classes[Method->getParent()->getCanonicalDecl()];
    if (const ValueDecl *Stream = streamOfExpiry(Expiry))
      Streams.insert(Stream);
  }
}

bool StreamExpiries::covers(const FunctionDecl &Coroutine, const CoawaitExpr &Await,
                            const CallExpr &Op, const Expr *&Precedes) {
  Precedes = nullptr;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Coroutine);
  auto Class = Method ? Classes.find(Method->getParent()->getCanonicalDecl()) : Classes.end();
  auto Own = Set.find(Coroutine.getCanonicalDecl());
  if (Own == Set.end())
    return Class != Classes.end();
  // An expiry bounds the operations that follow it, on some path.
  const ExecutionOrder *Order = Orders.of(Coroutine);
  if (!Order || llvm::any_of(Own->second,
                             [&](const Expr *Expiry) { return Order->mayPrecede(*Expiry, Await); }))
    return true;
  // Another member may have set it on this stream before this one runs.
  const ValueDecl *Stream = operatedStream(Op);
  if (Class != Classes.end() && (!Stream || Class->second.contains(Stream)))
    return true;
  Precedes = Own->second.front();
  return false;
}

const Expr *StreamExpiries::setBefore(const FunctionDecl &Coroutine, const CoawaitExpr &Await,
                                      const ValueDecl &Stream) {
  auto Own = Set.find(Coroutine.getCanonicalDecl());
  const ExecutionOrder *Order = Own == Set.end() ? nullptr : Orders.of(Coroutine);
  if (!Order)
    return nullptr;
  for (const Expr *Expiry : Own->second)
    if (streamOfExpiry(*Expiry) == &Stream && Order->mayPrecede(*Expiry, Await))
      return Expiry;
  return nullptr;
}

void StreamExpiries::clear() {
  Classes.clear();
  Set.clear();
  Orders.clear();
}

} // namespace asynclint
