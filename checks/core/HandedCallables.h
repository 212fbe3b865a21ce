//===--- HandedCallables.h - callables handed to a function -----*- C++ -*-===//
//
// A callable (a lambda, a functor, a std::function) handed as an argument
// to a function whose body this unit sees: which parameter receives it, the
// copies the body makes of it and the calls that invoke it. Rules ask what
// the callee then does with what the callable returns.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CORE_HANDEDCALLABLES_H
#define ASYNCLINT_CHECKS_CORE_HANDEDCALLABLES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace asynclint {

/// A callable handed to a function whose definition is visible.
struct HandedCallable {
  const clang::CallExpr *Call = nullptr;
  const clang::FunctionDecl *Definition = nullptr;
  const clang::ParmVarDecl *Param = nullptr; ///< of Definition
};

/// std::function, std::move_only_function, std::copyable_function or
/// std::function_ref.
bool isFunctionWrapper(const clang::CXXRecordDecl &RD);

/// Whether every call of a \p RD returns void: a std::function-like
/// wrapper of a void signature, or a class (a delegate) whose call
/// operators, all of them, return void.
bool callsReturnVoid(const clang::CXXRecordDecl &RD);

/// The callable \p E (a construction or an assignment) converts into a
/// callable whose calls return void, through a constructor or assignment
/// made for any callable: `std::function<void()> f = g;`, `f = g;`, a
/// delegate built from `g`. Null when \p E is no such conversion.
const clang::Expr *voidResultSource(const clang::Expr &E);

/// The conversion in \p Body's own statements of one of \p Holders into a
/// callable whose calls return void.
const clang::Expr *voidResultConversionOf(llvm::ArrayRef<const clang::VarDecl *> Holders,
                                          const clang::Stmt &Body);

/// The variable through which \p Lambda's body reaches \p Holder: the
/// holder itself when captured (by copy only, with \p ByCopyOnly), or an
/// init-capture initialised with a copy of it (`[g = std::move(f)]`).
const clang::VarDecl *captureOf(const clang::LambdaExpr &Lambda, const clang::VarDecl &Holder,
                                bool ByCopyOnly);

/// The calls that invoke one of \p Holders and discard the result (a
/// statement, or a cast to void): in \p Body's own statements, or in the
/// body of a lambda of it that captures the holder (whenever that runs).
llvm::SmallVector<const clang::CallExpr *, 2>
discardedInvocationsOf(llvm::ArrayRef<const clang::VarDecl *> Holders, const clang::Stmt &Body,
                       clang::ASTContext &Ctx);

/// Where the callable \p E is handed as an argument: through conversions,
/// temporaries, std::move and std::forward, a copy, and a conversion to a
/// std::function-like wrapper. Empty when it goes anywhere else, or the
/// callee's body is not in this unit.
std::optional<HandedCallable> handedTo(const clang::Expr &E, clang::ASTContext &Ctx);

/// The parameter of the visible definition of \p Call's callee that
/// receives \p Arg, one of the call's arguments.
std::optional<HandedCallable> receiverOf(const clang::CallExpr &Call, const clang::Expr &Arg);

/// The variable \p E names, through what hands the same object on:
/// conversions, temporaries, std::move and std::forward.
const clang::VarDecl *handedVariable(const clang::Expr *E);

/// The body \p Definition runs as written: a coroutine's without the
/// promise's parts. Null without a body.
const clang::Stmt *writtenBody(const clang::FunctionDecl &Definition);

/// \p Holder and the locals of \p Body (its own statements) initialised
/// with a copy of it, or of such a copy.
llvm::SmallVector<const clang::VarDecl *, 4> holdersOf(const clang::VarDecl &Holder,
                                                       const clang::Stmt &Body);

/// The calls of \p Body's own statements that invoke the callable \p Holder
/// holds: `f(x)`, `std::forward<F>(f)(x)`, `std::invoke(f, x)`. With
/// \p ThroughCapture, \p Body is a lambda's and the calls are those through
/// its capture of \p Holder (or its init-capture \p Holder).
llvm::SmallVector<const clang::CallExpr *, 2>
invocationsOf(const clang::VarDecl &Holder, const clang::Stmt &Body, bool ThroughCapture = false);

} // namespace asynclint

#endif
