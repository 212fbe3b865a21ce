//===--- Referents.h - what a reference, pointer or view refers to -*- C++ -*-===//
//
// The lifetime side of async-dangling-reference: given an argument bound to
// a reference, pointer or view parameter, which object of the calling code
// it refers to, and how long that object lives.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_REFERENTS_H
#define ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_REFERENTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace asynclint {

/// How a parameter holds on to its argument.
enum class Holding {
  Copy,      ///< by value: the coroutine frame owns a copy
  Reference, ///< T&, const T&, T&&
  Pointer,   ///< T*
  View,      ///< std::string_view, std::span, a [[gsl::Pointer]] class
};

Holding holdingOf(clang::QualType ParamType);

/// An object of the calling code whose lifetime is known.
struct Referent {
  enum class Kind {
    Unknown,   ///< static storage, a received reference, a member, or not known
    Local,     ///< a local variable (or by-value parameter) of the calling code
    Temporary, ///< a temporary of the full-expression
  };
  Kind K = Kind::Unknown;
  const clang::VarDecl *Var = nullptr;    ///< Local
  const clang::Expr *Temporary = nullptr; ///< Temporary

  explicit operator bool() const { return K != Kind::Unknown; }
  bool operator==(const Referent &O) const {
    return K == O.K && Var == O.Var && Temporary == O.Temporary;
  }
};

/// The object an argument bound to a parameter held as \p H refers to.
Referent referentOfArgument(const clang::Expr &Arg, Holding H, clang::ASTContext &Ctx);

/// The object \p E (a glvalue or a class prvalue) denotes: `local`,
/// `local.member`, `local[i]`, `std::move(local)`, a temporary.
Referent objectOf(const clang::Expr &E, clang::ASTContext &Ctx);

/// The object a variable stands for: itself when it is a local, what it was
/// bound to when it is a local reference.
Referent objectOfVariable(const clang::VarDecl &Var, clang::ASTContext &Ctx);

/// The statement at whose end \p Var dies: its block, the loop or selection
/// statement that declares it, or the body of the function it belongs to.
const clang::Stmt *scopeOf(const clang::VarDecl &Var, clang::ASTContext &Ctx);

} // namespace asynclint

#endif
