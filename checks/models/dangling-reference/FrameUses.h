//===--- FrameUses.h - what a coroutine keeps using from its caller -*- C++ -*-===//
//
// Which coroutines a call creates, and whether their bodies still use a
// parameter or their object once they may have suspended, which is when
// what the caller passed may be gone.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_FRAMEUSES_H
#define ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_FRAMEUSES_H

#include "core/ExecutionOrder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

namespace asynclint {

/// The definition of the coroutine \p F, or null when \p F is not one or
/// its body is not in this translation unit.
const clang::FunctionDecl *coroutineDefinition(const clang::FunctionDecl &F);

/// The class \p F returns, if any.
const clang::CXXRecordDecl *returnRecord(const clang::FunctionDecl &F);

/// A declaration whose return type clang knows to come only from
/// coroutines ([[clang::coro_return_type]]), unless marked a wrapper.
bool isDeclaredCoroutine(const clang::FunctionDecl &F);

/// Whether the coroutine \p Definition reads \p Param when what it refers to
/// may be gone: anywhere, for a task that starts lazily; after a point where
/// it may have suspended, for one that starts at the call. A lambda of the
/// body that uses it counts as a late use.
bool readsAfterStart(const clang::ParmVarDecl &Param, const clang::FunctionDecl &Definition,
                     bool Lazy, ExecutionOrders &Orders, clang::ASTContext &Ctx);

/// Whether the coroutine lambda whose call operator is \p Definition reads
/// its captures (`this` included) when the closure may be gone: anywhere,
/// for a task that starts lazily; after a point where it may have
/// suspended, for one that starts at the call. A nested lambda that uses a
/// capture counts as a late use. With \p OnlyThis, only uses of `this`
/// count.
bool readsCapturesAfterStart(const clang::FunctionDecl &Definition, bool Lazy,
                             ExecutionOrders &Orders, bool OnlyThis = false);

/// Whether \p Body refers to \p D anywhere, nested lambdas included.
bool mentions(const clang::Stmt &Body, const clang::Decl &D, clang::ASTContext &Ctx);

/// Whether \p Body uses its object (`this`, explicitly or not).
bool usesThis(const clang::Stmt &Body, clang::ASTContext &Ctx);

/// Whether the member coroutine \p Definition takes a strong reference to
/// its own object before it can first suspend (`auto self =
/// shared_from_this();`), or is handed one as a shared_ptr parameter.
bool holdsItself(const clang::FunctionDecl &Definition, clang::ASTContext &Ctx);

/// Whether \p S calls shared_from_this() or weak_from_this() anywhere.
bool mentionsSharedFromThis(const clang::Stmt &S, clang::ASTContext &Ctx);

} // namespace asynclint

#endif
