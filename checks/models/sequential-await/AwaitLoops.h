//===--- AwaitLoops.h - loops that await one operation per element -*- C++ -*-===//
//
// The shapes async-sequential-await recognises in a loop body: one awaited
// value per iteration, collected into a container or folded into a total,
// and the index variable of a counting loop.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_AWAITLOOPS_H
#define ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_AWAITLOOPS_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace asynclint {

/// The co_await that \p E is, looking through what initialisation adds.
const clang::CoawaitExpr *awaitIn(const clang::Expr *E);

/// The local variable \p E names (`x`, `(x)`), or null.
const clang::VarDecl *localVariableNamedBy(const clang::Expr *E);

/// The lower-case words of a name: `load_settings`, `loadSettings` and
/// `LoadSettings` all give `load`, `settings`.
llvm::SmallVector<std::string, 4> wordsOf(llvm::StringRef Name);

/// The statements of a loop body, whether braced or not.
llvm::SmallVector<const clang::Stmt *, 2> statementsOf(const clang::Stmt *Body);

/// A loop body that keeps one awaited value per iteration.
struct CollectedAwait {
  const clang::CoawaitExpr *Await = nullptr;
  /// The container appended to, or the local the values are folded into.
  const clang::Expr *Into = nullptr;
};

/// `out.push_back(co_await f(x))`, `total += co_await f(x)`, or
/// `auto v = co_await f(x); out.push_back(std::move(v));`. Empty otherwise.
CollectedAwait collectedAwait(const clang::Stmt *LoopBody);

/// The variable a counting loop walks the indices with:
/// `for (T i = a; <condition on i>; ++i)` (or `i++`, `i += 1`), where the body
/// does not change `i` itself. Null for any other loop.
const clang::VarDecl *indexVariable(const clang::ForStmt &Loop);

/// The variables that \p E reads only as `v[Index]` or `v.at(Index)`: each
/// iteration of the loop over \p Index reads an element of its own.
llvm::SmallPtrSet<const clang::Decl *, 4> readOnlyAtIndex(const clang::Expr &E,
                                                          const clang::VarDecl &Index);

} // namespace asynclint

#endif
