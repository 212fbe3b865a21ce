//===--- DroppedCallables.h - task-returning callables whose result is dropped -*- C++ -*-===//
//
// A callable that returns a task (a coroutine lambda, a functor whose
// operator() is a coroutine, a std::function returning a task) handed to
// something that calls it and throws the result away: a std::function
// whose calls return void, or a function whose visible body calls it as a
// statement. Every task it makes is discarded there: a lazy one never runs,
// an eager one runs with nobody to see its end.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_UNAWAITED_TASK_DROPPEDCALLABLES_H
#define ASYNCLINT_CHECKS_MODELS_UNAWAITED_TASK_DROPPEDCALLABLES_H

#include "catalog/Catalog.h"
#include "core/HandedCallables.h"
#include "core/TaskTypes.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

#include <optional>
#include <string>

namespace asynclint {

/// A construction of a callable whose calls return void (a std::function
/// of a void signature, a delegate) from any callable, or an assignment to
/// one.
AST_MATCHER(clang::Expr, wrapsIntoVoidResult) { return voidResultSource(Node) != nullptr; }

/// A call with an argument of class type, or a pointer to a function: a
/// callable it may call.
AST_MATCHER(clang::CallExpr, handsOnACallable) {
  return llvm::any_of(Node.arguments(), [](const clang::Expr *Arg) {
    clang::QualType T = Arg->getType();
    return !T.isNull() && (T->isRecordType() || T->isFunctionPointerType());
  });
}

/// A task-returning callable whose every result is discarded.
struct DroppedCallable {
  const clang::Expr *Callable = nullptr;  ///< as written where it is handed on
  clang::QualType Task;                   ///< what its calls return
  const clang::Stmt *DroppedAt = nullptr; ///< the conversion, or the call in the callee
  std::string By;                         ///< the wrapper type, or the callee
  std::string Via; ///< the wrapper type the callee converts it to, if it does
  bool InCallee = false;
};

/// The task type that every call of a \p T returns (a lambda, a class with
/// operator(), a pointer to function), or a null type.
clang::QualType taskOfCallable(clang::QualType T, TaskTypeClassifier &Tasks,
                               clang::ASTContext &Ctx);

/// A task-returning callable converted (or assigned) to a wrapper whose
/// calls return void, through a constructor or assignment made for any
/// callable: \p E is the construction or assignment.
std::optional<DroppedCallable> droppedByWrapper(const clang::Expr &E, TaskTypeClassifier &Tasks,
                                                clang::ASTContext &Ctx);

/// droppedByWrapper, unless the callable is a parameter of a template
/// instantiation: that one is reported where it was handed over.
std::optional<DroppedCallable> droppedByWrapperHere(const clang::Expr &E, TaskTypeClassifier &Tasks,
                                                    clang::ASTContext &Ctx);

/// A task-returning callable handed to a function whose visible body calls
/// it (or a copy of it) as a statement, itself or in a lambda that holds
/// it, or converts it as above. A catalogued spawner or launcher
/// is left out: it starts the work on purpose (async-detached-task's concern).
std::optional<DroppedCallable> droppedByCallee(const clang::CallExpr &Call, const Catalog &Cat,
                                               TaskTypeClassifier &Tasks, clang::ASTContext &Ctx);

} // namespace asynclint

#endif
