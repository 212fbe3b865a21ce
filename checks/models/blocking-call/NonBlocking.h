//===--- NonBlocking.h - signs that a file descriptor is non-blocking -*- C++ -*-===//
//
// Raw descriptor calls (recv, send, read, write, connect, accept) block only
// on blocking descriptors. Event-loop code sets its descriptors non-blocking
// and says so: it checks for EAGAIN, passes MSG_DONTWAIT, awaits readiness
// before the call, or hands over a framework socket's native handle.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_NONBLOCKING_H
#define ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_NONBLOCKING_H

#include "catalog/Catalog.h"
#include "core/ExecutionOrder.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace asynclint {

/// Whether \p Call, made in \p Coroutine, shows that its descriptor is
/// non-blocking, or waits for it to be ready before each call (\p Order is
/// the coroutine's, when clang could build it).
bool usesNonBlockingDescriptor(const clang::CallExpr &Call, const clang::FunctionDecl &Coroutine,
                               const ExecutionOrder *Order, const Catalog &Cat,
                               clang::ASTContext &Ctx);

/// `write(wake_fd, &one, sizeof one)`: a write of at most eight bytes wakes a
/// poller through a pipe or an eventfd; it does not wait for a disk or a peer.
bool isWakeUpWrite(const clang::Expr &E, clang::ASTContext &Ctx);

} // namespace asynclint

#endif
