//===--- AwaitRuns.h - awaits one after another -----------------*- C++ -*-===//
//
// The steps async-sequential-await reads in a block: statements that await
// an operation and keep its value, what each touches, and whether two of them
// could run at once.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_AWAITRUNS_H
#define ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_AWAITRUNS_H

#include "catalog/Catalog.h"
#include "models/sequential-await/Effects.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/StringSet.h"

#include <optional>
#include <string>

namespace asynclint {

/// One statement that awaits an operation and keeps its value:
/// `auto x = co_await f(a);` or `x = co_await f(a);`.
struct AwaitStep {
  const clang::Stmt *S = nullptr;
  const clang::CoawaitExpr *Await = nullptr;
  const clang::CallExpr *Call = nullptr;
  const clang::VarDecl *Declared = nullptr; ///< set for `auto x = co_await ...`
  const clang::VarDecl *Target = nullptr;   ///< the variable that keeps the value
  std::string Name;                         ///< what the message calls the operation
  Effects Fx;
};

/// Finds the steps, with the catalogue's scheduling points, schedulers and
/// naming words.
class AwaitSteps {
public:
  AwaitSteps(const Catalog &Cat, const llvm::StringSet<> &Ignored) : Cat(Cat), Ignored(Ignored) {}

  /// The step \p S is, if it is one.
  std::optional<AwaitStep> stepOf(const clang::Stmt &S) const;
  /// Whether awaiting \p Call waits for work to be done rather than for a
  /// turn (a lock, a timer, a scheduling point, a combinator).
  bool isWork(const clang::CallExpr &Call) const;
  /// \p Fx without the schedulers it mentions (thread pools, executors):
  /// sharing one does not order two operations.
  Effects withoutSchedulers(Effects Fx) const;

private:
  std::optional<Effects> effectsOfAwaited(const clang::CallExpr &Call) const;
  bool soundsLikeScheduling(llvm::StringRef Name) const;
  bool readsLikeQuery(const clang::FunctionDecl &F) const;
  bool actsOnUnseenState(const clang::CallExpr &Call) const;

  const Catalog &Cat;
  const llvm::StringSet<> &Ignored;
};

/// Whether the two awaits could be reordered or overlapped without either
/// seeing a difference.
bool independent(const AwaitStep &Earlier, const AwaitStep &Later, const clang::ASTContext &Ctx);

/// What a step touches besides the value it produces.
Effects withoutResult(const AwaitStep &Step);

/// Whether \p S leaves the straight line (return, break, throw, a call that
/// does not return, a suspension).
bool mayLeave(const clang::Stmt &S);

/// Whether a statement between two awaits changes only what the coroutine
/// owns, or writes to an output stream.
bool writesOnlyOwnState(const Effects &Fx);

} // namespace asynclint

#endif
