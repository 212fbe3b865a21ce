//===--- FailureValues.h - work that hands its failures back as values -*- C++ -*-===//
#ifndef ASYNCLINT_CHECKS_MODELS_DETACHED_TASK_FAILUREVALUES_H
#define ASYNCLINT_CHECKS_MODELS_DETACHED_TASK_FAILUREVALUES_H

#include "catalog/Catalog.h"

#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

/// Decides whether a coroutine lets a failure escape as an exception, for
/// work whose exceptions nobody would see.
class FailureValues {
public:
  explicit FailureValues(const Catalog &Cat);

  /// Whether \p T carries an operation's failure as a value: a catalogued
  /// error type (std::error_code, std::expected, grpc::Status, libcoro's
  /// io_status, std::optional), a bool (a timer's wait that says whether it
  /// expired), or a pair or tuple that starts with one (`[ec, n]` of asio's
  /// as_tuple).
  bool isFailureValue(clang::QualType T) const;

  /// Whether no exception can leave the coroutine \p Work: it is declared
  /// noexcept, or it awaits, and
  /// every await hands its failure back as a value (or awaits a coroutine of
  /// the project of which the same holds), or waits for a timer or a
  /// `this_coro` query; a scheduling point (an accept, a channel, a lock)
  /// counts only beside an await that hands a failure back. And nothing in
  /// it throws, itself or in the body of a function of the same file it
  /// calls.
  bool reportsFailuresAsValues(const clang::FunctionDecl &Work, clang::ASTContext &Ctx,
                               unsigned Depth = 0) const;

  /// Whether nothing \p Body runs can throw, as clang-tidy's
  /// bugprone-exception-escape decides it (bad_alloc aside).
  bool cannotThrow(const clang::Stmt &Body) const;

private:
  bool letsNothingOut(const clang::FunctionDecl &Work, const clang::CoroutineBodyStmt &Coroutine,
                      clang::ASTContext &Ctx, unsigned Depth) const;
  /// Whether \p Call runs a function written in the same file as \p Work
  /// whose own statements throw. Library functions are left alone: almost
  /// all of them may throw something, and that is not what makes a
  /// coroutine report its failures one way or the other.
  bool callThrows(const clang::CallExpr &Call, const clang::FunctionDecl &Work,
                  clang::ASTContext &Ctx) const;
  /// Whether awaiting \p Operand fails only when the work is cancelled;
  /// \p OnlyWaits is cleared unless it is a timer or a query of the running
  /// coroutine.
  bool failsOnlyWhenCancelled(const clang::Expr &Operand, clang::ASTContext &Ctx,
                              bool &OnlyWaits) const;
  /// Whether \p Call turns a failure held as a value back into an
  /// exception: `expected.value()`, `std::rethrow_exception(e)`.
  bool rethrowsFailure(const clang::CallExpr &Call) const;
  /// Whether awaiting \p Operand rethrows nothing: it calls a coroutine
  /// whose body is visible and lets nothing out.
  bool awaitsSafeCoroutine(const clang::Expr &Operand, clang::ASTContext &Ctx,
                           unsigned Depth) const;

  const Catalog &Cat;
  llvm::StringSet<> ErrorTypes;
  /// One analyzer for the unit: it remembers what each function throws.
  mutable clang::tidy::utils::ExceptionAnalyzer Analyzer;
  mutable llvm::DenseMap<const clang::FunctionDecl *, bool> Verdicts;
};

} // namespace asynclint

#endif
