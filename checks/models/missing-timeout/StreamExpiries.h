//===--- StreamExpiries.h - what a stream's expiry covers -------*- C++ -*-===//
//
// An expiry set on a stream (Beast's expires_after, a websocket's timeout
// option) bounds the operations that use the stream after it is set: in
// the function that sets it, what follows it on some path; on a member
// stream, what the other members of the class do with that stream. A wait
// before it, on the stream or on anything else, has no deadline from it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_MISSING_TIMEOUT_STREAMEXPIRIES_H
#define ASYNCLINT_CHECKS_MODELS_MISSING_TIMEOUT_STREAMEXPIRIES_H

#include "core/ExecutionOrder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace asynclint {

class StreamExpiries {
public:
  /// Notes \p Expiry, set in \p F.
  void note(const clang::FunctionDecl &F, const clang::Expr &Expiry, clang::ASTContext &Ctx);

  /// Whether an expiry covers \p Await, of \p Op, in \p Coroutine: one the
  /// coroutine sets before it, or, on that stream, one another member of
  /// its class sets. When the coroutine sets one only after it, \p Precedes
  /// is that expiry.
  bool covers(const clang::FunctionDecl &Coroutine, const clang::CoawaitExpr &Await,
              const clang::CallExpr &Op, const clang::Expr *&Precedes);

  /// An expiry that \p Coroutine sets on \p Stream before \p Await, or null.
  const clang::Expr *setBefore(const clang::FunctionDecl &Coroutine,
                               const clang::CoawaitExpr &Await, const clang::ValueDecl &Stream);

  void clear();

private:
  /// Classes one of whose members sets an expiry on a member stream, with
  /// the streams.
  llvm::DenseMap<const clang::CXXRecordDecl *, llvm::SmallPtrSet<const clang::ValueDecl *, 2>>
      Classes;
  /// The expiries each function sets.
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<const clang::Expr *, 2>> Set;
  ExecutionOrders Orders;
};

} // namespace asynclint

#endif
