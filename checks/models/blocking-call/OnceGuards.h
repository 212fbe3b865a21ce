//===--- OnceGuards.h - early returns when the work is already done -*- C++ -*-===//
//
// A member function that does its work once per object starts with a guard:
// `if (has_init_ssl_) return true;`, `if (file_.is_open()) return true;`.
// The guard reads state of the object that the function itself sets further
// on, and that a new object is not in: the first call on an object does the
// work, and later calls return at once. Whether such a function blocks is a
// question about that first call, so the guard's early return is not a way
// around the blocking work. A guard a new object already passes
// (`if (queue_.empty()) return;`, `if (!enabled_) return;`) is a condition
// like any other.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_ONCEGUARDS_H
#define ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_ONCEGUARDS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

namespace asynclint {

/// The early returns of \p F's own body that an `if` without `else` takes
/// when the object's state says the work is done: the condition is false
/// for a new object (its members as their initialisers or default
/// construction leave them), and \p F's body (its lambdas included)
/// changes a member it reads.
llvm::SmallVector<const clang::Stmt *, 2> onceGuardExits(const clang::FunctionDecl &F);

} // namespace asynclint

#endif
