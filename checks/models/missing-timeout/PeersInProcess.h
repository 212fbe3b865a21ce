//===--- PeersInProcess.h - sockets whose peer is this process -*- C++ -*-===//
//
// A socket that connects to the local endpoint of an acceptor of the same
// program, and the socket that acceptor hands out, talk to code of the same
// process: a test's client and server, a loopback pair. A deadline guards
// against a silent outside world; against oneself there is none to fear.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_MISSING_TIMEOUT_PEERSINPROCESS_H
#define ASYNCLINT_CHECKS_MODELS_MISSING_TIMEOUT_PEERSINPROCESS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <utility>

namespace asynclint {

/// The variable a stream expression names, through the layers a stream
/// class hands out by reference: `get_lowest_layer(s)`, `s.next_layer()`,
/// `s.socket()`. Null for anything else.
const clang::ValueDecl *streamVariable(const clang::Expr *E);

/// The stream an operation works on: the object of a member call, else its
/// first argument (`async_read(stream, ...)`).
const clang::ValueDecl *operatedStream(const clang::CallExpr &Operation);

/// The variable `auto s = co_await acceptor.async_accept(...)` initialises
/// (a structured binding's declaration too), or null.
const clang::ValueDecl *initialisedBy(const clang::Expr &Await, clang::ASTContext &Ctx);

/// Learns, from the awaited operations of a translation unit, which
/// streams are connected to this process; asked once everything is seen.
class PeersInProcess {
public:
  /// Notes an awaited operation: a connect to `acceptor.local_endpoint()`,
  /// or an accept.
  void note(const clang::CallExpr &Operation, const clang::Expr &Await, clang::ASTContext &Ctx);

  /// Once every operation is noted: the streams an acceptor that this
  /// process connects to hands out talk to this process too.
  void settle();

  /// Whether \p Operation works on a stream whose peer is this process.
  bool talksToItself(const clang::CallExpr &Operation) const;

  void clear();

private:
  llvm::SmallPtrSet<const clang::ValueDecl *, 8> Acceptors;
  llvm::SmallPtrSet<const clang::ValueDecl *, 8> Streams;
  /// Accepts seen: the acceptor and the stream it fills.
  llvm::SmallVector<std::pair<const clang::ValueDecl *, const clang::ValueDecl *>, 8> Accepts;
};

} // namespace asynclint

#endif
