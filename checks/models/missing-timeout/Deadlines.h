//===--- Deadlines.h - what bounds an operation in time ---------*- C++ -*-===//
//
// async-missing-timeout asks, for an await on the outside world, whether
// anything bounds it: a timeout argument, a deadline wrapper, an expiry on
// the stream, a timer raced against it, a watchdog beside it. The catalogue
// lists the frameworks' ways; DeadlineFunctions and DeadlineTypes add a
// project's own.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_MISSING_TIMEOUT_DEADLINES_H
#define ASYNCLINT_CHECKS_MODELS_MISSING_TIMEOUT_DEADLINES_H

#include "catalog/Catalog.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

class Deadlines {
public:
  Deadlines(const Catalog &Cat, llvm::StringRef DeadlineFunctions, llvm::StringRef DeadlineTypes);

  /// A call that puts a deadline on the work it is given (cancel_after,
  /// folly::coro::timeout, a project's DeadlineFunctions).
  bool wrapsInDeadline(const clang::Expr &E, clang::ASTContext &Ctx) const;
  /// Whether \p E, or something inside it, wraps in a deadline.
  bool setsDeadline(const clang::Expr &E, clang::ASTContext &Ctx) const {
    return deadlineIn(E, Ctx) != nullptr;
  }
  /// The call or construction in \p E (\p E included) that wraps in a
  /// deadline, or null.
  const clang::Expr *deadlineIn(const clang::Expr &E, clang::ASTContext &Ctx) const;
  /// The argument of \p Operation, a use of \p Api (or null), that bounds
  /// it: the catalogue's timeout argument, or a duration or time point that
  /// is not "no timeout". Null when none does.
  const clang::Expr *timeoutArgument(const clang::CallExpr &Operation, const BlockingApi *Api,
                                     clang::ASTContext &Ctx) const;
  /// Whether \p F is one of the project's DeadlineFunctions.
  bool isDeadlineFunction(const clang::FunctionDecl &F) const;
  /// Whether \p Record is or derives from one of the DeadlineTypes.
  bool isDeadlineType(const clang::CXXRecordDecl *Record) const;
  bool isTimerCall(const clang::Expr &E, clang::ASTContext &Ctx) const;
  /// Whether one of the operations \p Race runs together is a timer, or a
  /// watchdog coroutine whose body awaits one.
  bool isRaceWithTimer(const clang::Expr &Race, clang::ASTContext &Ctx) const;
  /// Whether \p F owns a timer (a member of its class) or is handed one.
  bool hasTimerInReach(const clang::FunctionDecl &F) const;
  /// The work a spawn starts when \p Token is its completion token, or null.
  const clang::Expr *spawnedUnder(const clang::Expr &Token, clang::ASTContext &Ctx) const;
  /// How to bound \p Operation, a use of \p Api (null for a project's own
  /// I/O), awaited by a coroutine of framework \p CoroutineFramework.
  std::string adviceFor(const clang::CallExpr &Operation, const BlockingApi *Api,
                        const Framework *CoroutineFramework) const;
  /// The unqualified names of the DeadlineFunctions, for matchers.
  std::vector<llvm::StringRef> deadlineFunctionNames() const;

private:
  const Catalog &Cat;
  llvm::StringSet<> DeadlineFunctionSet, DeadlineTypeSet, TimerClasses;
};

/// The functions whose work \p S starts or awaits: the callees of its calls
/// and the call operators of its lambdas, lambda bodies included.
llvm::SmallVector<const clang::FunctionDecl *, 4> calleesIn(const clang::Stmt &S,
                                                            clang::ASTContext &Ctx);

/// `std::nullopt`, `-1ms`, `0s`: how the frameworks spell "no timeout".
bool meansNoTimeout(const clang::Expr &E, clang::ASTContext &Ctx);

/// A duration or time point, possibly optional (libcoro's TLS client takes
/// std::optional<std::chrono::milliseconds>).
bool isChronoValue(clang::QualType T);

/// How a message names the deadline facility \p Wrapper calls or builds.
std::string deadlineName(const clang::Expr &Wrapper);

/// Whether \p E mentions a field of the object the member function runs on.
bool mentionsField(const clang::Expr &E, clang::ASTContext &Ctx);

} // namespace asynclint

#endif
