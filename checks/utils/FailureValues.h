//===--- FailureValues.h - work that hands its failures back as values -*- C++ -*-===//
#ifndef ASYNCLINT_CHECKS_UTILS_FAILUREVALUES_H
#define ASYNCLINT_CHECKS_UTILS_FAILUREVALUES_H

#include "catalog/Catalog.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

/// Decides whether a coroutine lets a failure escape as an exception, for
/// work whose exceptions nobody would see.
class FailureValues {
public:
  explicit FailureValues(const Catalog &Cat);

  /// Whether \p T carries an operation's failure as a value: a catalogued
  /// error type (std::error_code, std::expected, libcoro's io_status), or a
  /// pair or tuple that starts with one (`[ec, n]` of asio's as_tuple).
  bool isFailureValue(clang::QualType T) const;

  /// Whether the coroutine \p Work reports its failures as values: at least
  /// one await hands a failure back as a value, every other await can fail
  /// only when cancelled (timers, scheduling points, `this_coro` queries),
  /// and nothing in it throws, directly or through a function of the same
  /// file.
  bool reportsFailuresAsValues(const clang::FunctionDecl &Work, clang::ASTContext &Ctx) const;

private:
  bool failsOnlyWhenCancelled(const clang::Expr &Operand, clang::ASTContext &Ctx) const;

  const Catalog &Cat;
  llvm::StringSet<> ErrorTypes;
};

} // namespace asynclint

#endif
