//===--- Handlers.h - what an exception handler does ------------*- C++ -*-===//
//
// async-swallowed-exception's model: what a catch handler does with the
// exception it catches (rethrows it, leaves, keeps it, checks for
// cancellation), from its own code, and whether the try statement runs
// again in a loop that never ends by itself.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_SWALLOWED_EXCEPTION_HANDLERS_H
#define ASYNCLINT_CHECKS_MODELS_SWALLOWED_EXCEPTION_HANDLERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

/// What a handler does with the exception, looking at its own code only.
struct HandlerEffects {
  bool Rethrows = false;       ///< throw; or throw another exception
  bool Leaves = false;         ///< return, co_return, goto, break out of the loop
  bool KeepsException = false; ///< std::current_exception / rethrow_exception
  bool ChecksCancellation = false;
};

/// What the handler body \p S does, as HandlerEffects says; \p Checks
/// names the cancellation checks. \p InBreakScope: a `break` in \p S stays
/// inside it.
void scanHandler(const clang::Stmt &S, bool InBreakScope, const llvm::StringSet<> &Checks,
                 HandlerEffects &Out);

/// The loop that will run the try statement again, if it loops forever:
/// `for (;;)`, `while (true)`, `do ... while (true)`. A loop with a real
/// condition may end once the work is cancelled.
const clang::Stmt *enclosingEndlessLoop(const clang::Stmt &S, clang::ASTContext &Ctx);

} // namespace asynclint

#endif
