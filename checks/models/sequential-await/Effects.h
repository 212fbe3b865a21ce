//===--- Effects.h - what evaluating an expression touches ------*- C++ -*-===//
//
// The independence analysis of async-sequential-await: two awaits may run
// concurrently only if neither modifies what the other mentions.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_EFFECTS_H
#define ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_EFFECTS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

namespace asynclint {

/// The variables and fields an expression mentions, and those it may modify:
/// through assignment, increment, taking an address, a non-const reference
/// or pointer parameter, a non-const member call, or a by-reference capture,
/// and whatever clang's ExprMutationAnalyzer finds besides (casts,
/// conditional operators, references bound to a variable, pointees). Reading
/// an element (`v[i]`, `v.at(i)`) does not modify the container. `this` is
/// tracked apart (members reached through it are fields).
struct Effects {
  llvm::SmallPtrSet<const clang::Decl *, 8> Reads;
  llvm::SmallPtrSet<const clang::Decl *, 8> Writes;
  bool MentionsThis = false;
  bool ModifiesThis = false;
  /// A field of the enclosing object is among Reads.
  bool MentionsFields = false;
};

Effects effectsOf(const clang::Expr &E);
/// The same for a statement; the variables it declares count as written.
Effects effectsOfStatement(const clang::Stmt &S);

/// What calling a lambda touches: the call's operands and what its body
/// mentions of the scope around it (its own parameters and locals are new on
/// every call). None unless \p Call invokes a lambda whose body is visible.
std::optional<Effects> effectsOfLambdaCall(const clang::CXXOperatorCallExpr &Call);

/// Whether \p A and \p B could observe each other: one modifies something the
/// other mentions, or both mention an object that is not plain data (a
/// socket, a buffer, a pointer: sharing it orders them).
bool interfere(const Effects &A, const Effects &B);

/// Plain data, which two operations can read at once without ordering each
/// other: numbers, enums, strings, string views, chrono values, and
/// aggregates of those.
bool isPlainData(clang::QualType T);

} // namespace asynclint

#endif
