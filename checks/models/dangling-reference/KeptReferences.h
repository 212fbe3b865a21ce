//===--- KeptReferences.h - what a started coroutine still needs -*- C++ -*-===//
//
// async-dangling-reference asks, of each call that starts a coroutine, what
// the coroutine refers to and still reads once it may have suspended: its
// reference, pointer and view arguments, the closure it runs in, the object
// it is called on. Whether that dies first is then a question of where the
// task goes (TaskEscape.h).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_KEPTREFERENCES_H
#define ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_KEPTREFERENCES_H

#include "core/ExecutionOrder.h"
#include "core/TaskTypes.h"
#include "models/dangling-reference/FrameUses.h"
#include "models/dangling-reference/Referents.h"

#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallVector.h"

namespace asynclint {

/// A coroutine, or a function whose body is elsewhere: whether that one
/// returns a task is asked of the call.
AST_MATCHER(clang::FunctionDecl, mayBeCoroutine) {
  return !Node.hasBody() || coroutineDefinition(Node) || isDeclaredCoroutine(Node);
}

AST_MATCHER(clang::LambdaExpr, capturesByReference) {
  return llvm::any_of(Node.captures(), [](const clang::LambdaCapture &C) {
    return C.capturesVariable() && C.getCaptureKind() == clang::LCK_ByRef;
  });
}

/// An argument that the coroutine keeps a reference to and reads after it
/// may first suspend.
struct KeptArgument {
  const clang::ParmVarDecl *Param;
  const clang::Expr *Arg;
  Holding How;
  Referent Object;
};

/// The arguments of \p Call to \p Callee (defined as \p Definition when
/// this unit sees it) kept by reference, pointer or view and still read
/// once the coroutine may have suspended. A task taken by reference is
/// taken over, not kept.
llvm::SmallVector<KeptArgument, 2> keptArguments(const clang::CallExpr &Call,
                                                 const clang::FunctionDecl &Callee,
                                                 const clang::FunctionDecl *Definition,
                                                 TaskTypeClassifier &Tasks, ExecutionOrders &Orders,
                                                 clang::ASTContext &Ctx);

/// The object \p Call runs \p Callee on, when the coroutine still needs it
/// after the call returns: a closure whose captures it reads after its start
/// (a local closure of only reference captures is reported at those), or
/// another object whose members it reaches through `this`. \p ObjectExpr
/// receives the expression that names it.
Referent keptObject(const clang::CallExpr &Call, const clang::CXXMethodDecl &Callee,
                    const clang::FunctionDecl &Definition, TaskTypeClassifier &Tasks,
                    ExecutionOrders &Orders, clang::ASTContext &Ctx,
                    const clang::Expr *&ObjectExpr);

/// Whether `*this` of \p Callee can die while the coroutine \p Definition
/// runs: an object meant to live in shared_ptrs, whose coroutine reads
/// `this` and takes no owner of itself before it first suspends.
bool mayOutliveItsOwners(const clang::CXXMethodDecl &Callee, const clang::FunctionDecl &Definition,
                         clang::ASTContext &Ctx);

} // namespace asynclint

#endif
