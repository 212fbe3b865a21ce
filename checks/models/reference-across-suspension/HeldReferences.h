//===--- HeldReferences.h - references a coroutine keeps across a suspension -*- C++ -*-===//
//
// Within one coroutine: which references, pointers and iterators into state
// it does not own are taken before a suspension and certainly used after it.
// Whether other code changes that state is Invalidations' question.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_REFERENCEACROSSSUSPENSION_HELDREFERENCES_H
#define ASYNCLINT_CHECKS_MODELS_REFERENCEACROSSSUSPENSION_HELDREFERENCES_H

#include "core/ExecutionOrder.h"
#include "models/reference-across-suspension/Invalidations.h"
#include "models/reference-across-suspension/SharedState.h"

#include "clang/AST/ASTContext.h"
#include <string>
#include <vector>

namespace asynclint {

struct HeldReference {
  HeldKind Kind = HeldKind::Element;
  StatePath Path;
  /// The state as written: the container, or the object pointed into.
  const clang::Expr *StateExpr = nullptr;
  /// The variable that holds it; null for a range-for's own iterator.
  const clang::VarDecl *Var = nullptr;
  /// Where it is taken: the variable's declaration, or the range-for.
  const clang::Stmt *Binding = nullptr;
  /// The suspension it is held across, and its first use after it (for a
  /// range-for, the step to the next element).
  const clang::Stmt *Suspension = nullptr;
  const clang::Stmt *Use = nullptr;
};

/// The references of \p Coroutine's own body \p Body into shared state that
/// are taken before a suspension and used after it on every way on from
/// that suspension. A suspension while a coroutine lock is held (a guard
/// returned by awaiting an API whose name holds one of the catalogue's lockWords, or the
/// span from awaiting such an API to unlocking the same object) does not
/// count: the lock keeps other holders of it out.
std::vector<HeldReference> heldAcrossSuspensions(const clang::Stmt &Body,
                                                 const ExecutionOrder &Order, const Catalog &Cat,
                                                 clang::ASTContext &Ctx);

} // namespace asynclint

#endif
