//===--- OwnBody.h - the statements a function runs itself -------*- C++ -*-===//
//
// Every rule that looks inside a coroutine asks which statements are the
// coroutine's own. The boundary, decided here once:
//
// - A nested lambda is a function of its own: its captures are initialised
//   where it is written, its body runs wherever it is called. One called on
//   the spot (`[&] { ... }()`) and not a coroutine itself runs right here, so
//   its body is part of the walk.
// - Blocks (`^{ ... }`) and local classes are functions of their own; their
//   bodies are not walked.
// - Operands that are never evaluated (`sizeof`, `alignof`, `noexcept`,
//   `requires`, a `typeid` of a non-polymorphic type) are not walked.
// - The branch of an `if constexpr` that its condition discards is not
//   walked: it is never run.
// - Of a `co_await`, `co_yield` or `co_return`, the operand written is
//   walked, not the awaiter and promise calls the compiler adds.
// - The walk is of one body as written: a template's pattern, or one
//   instantiation, whichever the caller hands in.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CORE_OWNBODY_H
#define ASYNCLINT_CHECKS_CORE_OWNBODY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"

namespace asynclint {

/// What a visitor wants after seeing a node.
enum class Walk {
  Into, ///< visit what lies below the node
  Over, ///< skip what lies below the node
  Stop, ///< end the walk
};

/// Visits \p S and every node below it that belongs to the same function,
/// in pre-order (source order for siblings). Returns false when the visitor
/// stopped the walk.
bool walkOwnBody(const clang::Stmt &S, llvm::function_ref<Walk(const clang::Stmt &)> Visit);

/// Whether \p S lies in the branch of an `if constexpr` that its condition
/// discards, within the function that holds it.
bool isInDiscardedBranch(const clang::Stmt &S, clang::ASTContext &Ctx);

/// The lambda that \p Call invokes on the spot, unless it is a coroutine
/// (whose body runs as a coroutine of its own): the walk takes its body in.
const clang::LambdaExpr *lambdaCalledOnTheSpot(const clang::CXXOperatorCallExpr &Call);

/// The same, for a visitor that always wants every node.
inline void forEachOwnNode(const clang::Stmt *S,
                           llvm::function_ref<void(const clang::Stmt &)> Visit) {
  if (S)
    walkOwnBody(*S, [&](const clang::Stmt &Node) {
      Visit(Node);
      return Walk::Into;
    });
}

/// Whether some node of \p S's own body satisfies \p Pred.
inline bool anyOwnNode(const clang::Stmt *S, llvm::function_ref<bool(const clang::Stmt &)> Pred) {
  return S && !walkOwnBody(*S, [&](const clang::Stmt &Node) {
           return Pred(Node) ? Walk::Stop : Walk::Into;
         });
}

} // namespace asynclint

#endif
