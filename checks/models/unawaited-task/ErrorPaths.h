//===--- ErrorPaths.h - tasks an exception leaves behind --------*- C++ -*-===//
//
// A task is only observed by whoever awaits it. Two ways code loses that
// observer on the error path: started work kept for a later await, when
// something before that await throws; and a function that wraps the
// creation of a task in try/catch, whose handler cannot see the failures of
// a task that runs after the function has returned.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_UNAWAITEDTASK_ERRORPATHS_H
#define ASYNCLINT_CHECKS_MODELS_UNAWAITEDTASK_ERRORPATHS_H

#include "core/ExecutionOrder.h"
#include "core/TaskTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include <optional>
#include <vector>

namespace asynclint {

/// Started work kept in a variable (a task, or a container of them) that
/// an exception can carry the coroutine away from before it is awaited.
struct AbandonedWork {
  const clang::VarDecl *Holder = nullptr;
  const clang::Stmt *Start = nullptr; ///< where the work is started and kept
  const clang::Stmt *Throw = nullptr; ///< a co_await or throw after it
  const clang::Stmt *Join = nullptr;  ///< where the holder is awaited or handed on
};

/// In a coroutine's own body \p Body: for each variable that keeps eager
/// tasks, the first start from which some way runs a co_await (not of the
/// holder) or a throw, outside any try block of the body, and then reaches
/// the holder's await. A way on which the holder is awaited or handed on
/// first is no such way.
std::vector<AbandonedWork> abandonedOnError(const clang::Stmt &Body, const ExecutionOrder &Order,
                                            TaskTypeClassifier &Tasks, clang::ASTContext &Ctx);

/// A task created in a try block and returned from it by a function that is
/// not a coroutine: the handlers run only for what is thrown before the
/// task exists, never for the task's own failures.
struct ReturnedFromTry {
  const clang::Expr *Task = nullptr;
  const clang::CXXTryStmt *Try = nullptr;
};

/// The task \p Return hands back from inside a try block of its (not
/// coroutine) function, when that task certainly runs after the return: a
/// lazy task, or one made by a coroutine (whose body's exceptions go to its
/// promise, never to the caller). Try blocks whose handlers catch only
/// std::bad_alloc (a coroutine frame's allocation) are left out.
std::optional<ReturnedFromTry> returnedFromTry(const clang::ReturnStmt &Return,
                                               TaskTypeClassifier &Tasks, clang::ASTContext &Ctx);

} // namespace asynclint

#endif
