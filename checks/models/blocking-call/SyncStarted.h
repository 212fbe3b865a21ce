//===--- SyncStarted.h - coroutines a plain function waits for --*- C++ -*-===//
#ifndef ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_SYNCSTARTED_H
#define ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_SYNCSTARTED_H

#include "catalog/Catalog.h"
#include "core/ExecutionOrder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace asynclint {

/// Tells where a coroutine's first steps run when nothing but a synchronous
/// wait in a plain function ever starts it: `check().get()` in main,
/// `sync_wait(run())` in a test. Up to its first suspension it runs on that
/// caller's thread, which waits for it anyway; a blocking call there stalls
/// no event loop. So does a coroutine that such a coroutine awaits before
/// it first suspends, and so on down: each runs on the same waiting thread
/// until something suspends. Facts are per translation unit.
class SyncStartedCoroutines {
public:
  /// \p Cat is read when asked, so it may be filled after construction.
  SyncStartedCoroutines(const Catalog &Cat, ExecutionOrders &Orders);

  /// Whether \p E, in \p Coroutine, runs before the coroutine's first
  /// suspension, and every use of the coroutine in the unit is a
  /// synchronous wait outside any coroutine.
  /// \p Order is the coroutine's; without one nothing is known to run
  /// first.
  bool runsOnWaitingCaller(const clang::Expr &E, const clang::FunctionDecl &Coroutine,
                           const ExecutionOrder *Order, clang::ASTContext &Ctx);
  void clear();

private:
  bool onlyWaitedSynchronously(const clang::FunctionDecl &Coroutine, clang::ASTContext &Ctx);
  /// Whether \p Use, a reference to a coroutine, starts it on a thread that
  /// waits for it: a synchronous wait, or an await before the first
  /// suspension of a coroutine that itself runs on such a thread.
  bool startsOnWaitingCaller(const clang::Expr &Use, clang::ASTContext &Ctx);
  bool isSynchronousWait(const clang::Expr &Call, clang::ASTContext &Ctx) const;

  const Catalog &Cat;
  ExecutionOrders &Orders;
  /// Every reference to a function in the unit, template instantiations
  /// included; gathered on first need.
  std::optional<
      llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<const clang::Expr *, 2>>>
      Uses;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Verdicts;
};

} // namespace asynclint

#endif
