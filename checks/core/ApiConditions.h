//===--- ApiConditions.h - when a catalogued call matches -------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_CORE_APICONDITIONS_H
#define ASYNCLINT_CHECKS_CORE_APICONDITIONS_H

#include "catalog/Catalog.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace asynclint {

/// A std::chrono::duration (or number) that folds to zero: `0s`,
/// `milliseconds(0)`, `seconds::zero()`, `{}`.
bool isZeroDuration(const clang::Expr *E, clang::ASTContext &Ctx);

/// The qualified name of the variable \p E names, or "".
std::string referencedVariable(const clang::Expr *E);

/// Whether the conditions of \p Api on the arguments of a call to \p Callee
/// hold (argument, unlessArgument, unlessZeroDuration, minArgs,
/// parameterType).
bool argumentsMatch(const BlockingApi &Api, const clang::FunctionDecl *Callee,
                    const clang::Expr *const *Args, unsigned NumArgs, clang::ASTContext &Ctx);

/// Whether \p Call is spelled the way \p Api is, before any condition:
/// the function by qualified name, the method on an object of the class or a
/// subclass, the operator on the named object (a callable such as
/// stdexec::sync_wait).
bool callNamesApi(const clang::CallExpr &Call, const BlockingApi &Api);

/// The arguments of \p Call as the catalogue counts them: the object of a
/// member operator (a callable's operator()) is not one of them.
llvm::ArrayRef<const clang::Expr *> writtenArguments(const clang::CallExpr &Call);

/// The name a call to \p Api is spelled with, without scope: the method, or
/// the last component of the function's name.
llvm::StringRef spelledName(const BlockingApi &Api);

/// Whether \p E, a call or a construction, is a use of \p Api whose
/// argument conditions hold.
bool matchesApi(const clang::Expr &E, const BlockingApi &Api, clang::ASTContext &Ctx);

/// Whether an argument of \p Call, anywhere inside it, refers to a
/// declaration for which \p Matches holds: `recv(fd, b, n, MSG_DONTWAIT | x)`.
bool argumentsMention(const clang::CallExpr &Call,
                      llvm::function_ref<bool(const clang::NamedDecl &)> Matches);

} // namespace asynclint

#endif
