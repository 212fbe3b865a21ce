//===--- LockFlow.h - the locks certainly held at each point ----*- C++ -*-===//
//
// async-lock-across-suspension's model: which types are lock guards and
// mutexes, and a forward must-analysis over the coroutine's CFG of the locks
// certainly held, with what an awaited operation takes over while the
// coroutine is suspended.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_LOCK_ACROSS_SUSPENSION_LOCKFLOW_H
#define ASYNCLINT_CHECKS_MODELS_LOCK_ACROSS_SUSPENSION_LOCKFLOW_H

#include "core/ExecutionOrder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <utility>
#include <vector>

namespace asynclint {

/// The guard and mutex types: the standard's and Boost's, those the
/// options name, and those thread-safety attributes mark.
class LockingTypes {
public:
  LockingTypes(llvm::StringRef ExtraGuards, llvm::StringRef ExtraMutexes);
  bool isGuard(clang::QualType T) const;
  bool isMutex(clang::QualType T) const;

private:
  llvm::StringSet<> Guards;
  llvm::StringSet<> Mutexes;
};

/// A lock certainly held: where it was taken and, for a guard, the mutex it
/// holds.
struct HeldLock {
  clang::SourceLocation Where;
  const clang::ValueDecl *Mutex = nullptr;
  bool operator==(const HeldLock &Other) const {
    return Where == Other.Where && Mutex == Other.Mutex;
  }
  bool operator!=(const HeldLock &Other) const { return !(*this == Other); }
};
/// Locks certainly held at a program point, by guard or mutex.
using HeldLocks = std::map<const clang::Decl *, HeldLock>;

/// The locks held on both paths. Where a lock was taken differs only for
/// `lock()` calls on two paths; the earlier one is kept, whatever the order
/// the paths are joined in, so that the analysis settles.
HeldLocks intersect(const HeldLocks &A, const HeldLocks &B);

class LockFlow {
public:
  LockFlow(const LockingTypes &Types, clang::ASTContext &Ctx) : Types(Types), Ctx(Ctx) {}

  /// Each suspension that \p Order's coroutine can reach, in CFG order, with
  /// the locks certainly held across it: held on every path there, less
  /// those handed to the awaited operation.
  std::vector<std::pair<const clang::Expr *, HeldLocks>>
  locksAcrossSuspensions(const ExecutionOrder &Order) const;

  /// Updates \p Held for one CFG element; returns the suspension it is, if
  /// any.
  const clang::Expr *transfer(const clang::CFGElement &Element, HeldLocks &Held) const;

  /// The held locks that \p Await hands to the operation it awaits, which
  /// takes them over while the coroutine is suspended: a guard or its mutex
  /// passed by non-const reference (or address) to a call or construction
  /// in the operand, as in `co_await cv.wait(mutex, pred)` or
  /// `co_await lock_awaiter(*this, guard)`.
  struct HandOver {
    const clang::Decl *Lock;
    bool GuardItself; ///< the guard object, rather than the mutex it holds
  };
  llvm::SmallVector<HandOver, 2> handedOver(const clang::CoroutineSuspendExpr &Await,
                                            const HeldLocks &Held) const;

private:
  void acquireGuard(const clang::VarDecl &Var, HeldLocks &Held) const;
  void memberCall(const clang::CXXMemberCallExpr &Call, HeldLocks &Held) const;

  const LockingTypes &Types;
  clang::ASTContext &Ctx;
};

} // namespace asynclint

#endif
