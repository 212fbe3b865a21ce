//===--- SharedState.h - state a coroutine refers to but does not own -*- C++ -*-===//
//
// A coroutine that holds a reference, pointer or iterator into a member
// container, into an object reached through a pointer or a reference
// parameter, or into a global, keeps it across its suspensions; other code
// of the program runs meanwhile and may change that state. This model names
// such state by the path that reaches it (declarations, not objects), says
// which standard containers are involved and what their operations
// invalidate, by the standard's rules.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_REFERENCEACROSSSUSPENSION_SHAREDSTATE_H
#define ASYNCLINT_CHECKS_MODELS_REFERENCEACROSSSUSPENSION_SHAREDSTATE_H

#include "catalog/Catalog.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace asynclint {

/// A class used as a pointer (it has operator->): unique_ptr, shared_ptr and
/// the frameworks' own smart pointers. Iterators, which have one too, name
/// their category and are not.
bool isSmartPointer(clang::QualType T);

/// The family of the container \p T is, as the catalogue says.
ContainerFamily containerFamily(clang::QualType T, const Catalog &Cat);

/// What an operation on a container invalidates besides the elements it
/// removes.
struct Invalidation {
  bool References = false;
  bool Iterators = false;
  explicit operator bool() const { return References || Iterators; }
};

/// What calling \p Method (a member function or an overloaded operator's
/// name, such as "operator[]") on a container of \p Family invalidates.
Invalidation invalidationOf(ContainerFamily Family, llvm::StringRef Method);

/// Which kind of operation \p Method is, for messages: "inserts into",
/// "erases from", "clears", "resizes".
llvm::StringRef describeOperation(llvm::StringRef Method);

/// One step from an object to the next on the way to some state: the member
/// (or, first, the variable) named, and whether what it holds is a pointer
/// that the path follows.
struct StateStep {
  const clang::ValueDecl *Decl = nullptr;
  bool ThroughPointer = false;
  bool operator==(const StateStep &Other) const {
    return Decl == Other.Decl && ThroughPointer == Other.ThroughPointer;
  }
};

/// How state outside the function is reached, from the outermost step in.
struct StatePath {
  enum class Root {
    Owned,     ///< a local object, a copy: the function's own state
    This,      ///< a member of the object the function runs on
    Parameter, ///< through a reference or pointer parameter
    Global,    ///< a namespace-scope or static variable
    Pointer,   ///< through a local pointer the function did not create
  };
  Root From = Root::Owned;
  llvm::SmallVector<StateStep, 4> Steps;

  bool shared() const { return From != Root::Owned && !Steps.empty(); }
  /// Whether some step follows a pointer: the state lives in an object the
  /// path does not own by value.
  bool followsPointer() const;
};

/// The path of \p E, an expression that names an object (an lvalue);
/// Owned when it is the function's own or cannot be told. \p Depth bounds
/// the references followed to their initialisers.
StatePath statePathOf(const clang::Expr *E, unsigned Depth = 3);

/// The path of the object that \p E, a pointer (raw or smart), points to.
StatePath pointeePath(const clang::Expr *E, unsigned Depth = 3);

/// The path of the container whose element or iterator \p Init yields
/// (`c.at(k)`, `c[k]`, `c.front()`, `&c[k]`, `c.find(k)`, `c.begin()`),
/// with the container's family. \p WantIterator selects iterator-producing
/// calls rather than element access.
struct ContainerAccess {
  StatePath Container;
  ContainerFamily Family = ContainerFamily::None;
  const clang::Expr *ContainerExpr = nullptr;
};
std::optional<ContainerAccess> elementAccess(const clang::Expr *Init, bool WantIterator,
                                             const Catalog &Cat);

} // namespace asynclint

#endif
