//===--- ReadyResult.h - a wait that finds its result ready -----*- C++ -*-===//
//
// `get()` on a future blocks until the result is there. Code that first
// polls the future with a zero timeout, loops until it is ready, or waits for
// it, reads a result that is already there: the wait, if any, was earlier.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_READYRESULT_H
#define ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_READYRESULT_H

#include "core/ExecutionOrder.h"
#include "clang/AST/ExprCXX.h"

namespace asynclint {

/// Whether, on every path to \p Call, the code in \p Body has already polled
/// the same object with a zero timeout, or, when \p Call is `get()`, waited
/// for it or looped until it was ready.
bool isReadyBefore(const clang::CXXMemberCallExpr &Call, const clang::Stmt &Body,
                   const ExecutionOrder &Order, clang::ASTContext &Ctx);

} // namespace asynclint

#endif
