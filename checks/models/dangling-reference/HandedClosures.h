//===--- HandedClosures.h - coroutine lambdas whose closure dies -*- C++ -*-===//
//
// A coroutine lambda reads its captures through its closure, which is not
// part of the coroutine frame. Handed to a function that calls it, the
// closure (or the copy the function makes of it) may die while the task
// the call returned still runs: a broadcaster that calls a copy per
// element and returns the tasks, a continuation that returns the task of
// the callable it was given. Decided from the callee's visible body.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_HANDEDCLOSURES_H
#define ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_HANDEDCLOSURES_H

#include "core/ExecutionOrder.h"
#include "core/HandedCallables.h"
#include "core/TaskTypes.h"
#include "models/dangling-reference/TaskEscape.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

#include <optional>

namespace asynclint {

AST_MATCHER(clang::LambdaExpr, capturesAnything) { return Node.capture_size() > 0; }

/// A closure that dies before the task its call made is done.
struct ClosureDeath {
  HandedCallable Handed;
  /// What holds the closure when it is called: the parameter, or a copy the
  /// callee made.
  const clang::VarDecl *Holder = nullptr;
  /// Where that holder dies: the end of its scope (a copy), or the callee's
  /// parameter (which dies with the statement that calls the callee).
  clang::SourceLocation Dies;
  /// Where the task goes so that it outlives the holder.
  Escape Where;
};

/// Whether \p Lambda, a coroutine lambda that still reads its captures once
/// it may have suspended, is handed to a function that calls it (or a copy
/// of it) and lets the task outlive what it called.
std::optional<ClosureDeath> handedClosureDies(const clang::LambdaExpr &Lambda,
                                              EscapeFinder &Escapes, TaskTypeClassifier &Tasks,
                                              ExecutionOrders &Orders, clang::ASTContext &Ctx);

/// A coroutine lambda that captures `this`, converted into a callable
/// whose calls return void (an event handler, a std::function<void()>):
/// whoever calls it drops the eager task it starts, and nothing holds the
/// object, which lives in reference-counted owners
/// (std::enable_shared_from_this, or `get_strong()` as C++/WinRT's
/// objects), while the task is suspended.
struct DroppedWithItsObject {
  const clang::CXXRecordDecl *Object = nullptr;
  /// The conversion, or the call that drops the task.
  const clang::Expr *Conversion = nullptr;
};

/// Whether \p Lambda reads `this` once it may have suspended, with no
/// strong reference taken first, and its task is dropped as above.
std::optional<DroppedWithItsObject> droppedWithItsObject(const clang::LambdaExpr &Lambda,
                                                         TaskTypeClassifier &Tasks,
                                                         ExecutionOrders &Orders,
                                                         clang::ASTContext &Ctx);

} // namespace asynclint

#endif
