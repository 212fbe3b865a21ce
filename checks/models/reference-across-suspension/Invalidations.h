//===--- Invalidations.h - code that changes shared state -------*- C++ -*-===//
//
// The evidence that a reference held across a suspension can go stale: some
// function other than the coroutine inserts into, erases from, clears,
// assigns or destroys the state it refers into. Collected over the whole
// translation unit, keyed by the declarations the state is reached through.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_REFERENCEACROSSSUSPENSION_INVALIDATIONS_H
#define ASYNCLINT_CHECKS_MODELS_REFERENCEACROSSSUSPENSION_INVALIDATIONS_H

#include "models/reference-across-suspension/SharedState.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <vector>

namespace asynclint {

/// What a coroutine holds into shared state.
enum class HeldKind {
  Element,  ///< a reference or pointer to an element of a container
  Iterator, ///< an iterator into a container
  Object,   ///< a reference or pointer to an object reached through a pointer
};

/// One change to shared state, somewhere in the unit.
struct Mutation {
  enum class Kind {
    Container, ///< an operation on the container itself
    Replaces,  ///< assigns the whole object that holds the container
    Destroys,  ///< resets, reassigns or deletes the owner of the object
  };
  Kind K = Kind::Container;
  Invalidation What;
  std::string Operation; ///< the member function, for Container
  std::string Target;    ///< the changed state as written
  const clang::FunctionDecl *Function = nullptr;
  clang::SourceLocation Loc;
};

class Invalidations {
public:
  explicit Invalidations(const Catalog &Cat) : Cat(Cat) {}

  /// The nodes record() wants, bound for it.
  static void registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                               clang::ast_matchers::MatchFinder::MatchCallback &Callback);
  /// Records a node bound by one of the matchers; false if it is not one.
  bool record(const clang::ast_matchers::MatchFinder::MatchResult &Result);

  /// The first change, in a function other than \p Holder, that can
  /// invalidate what is held as \p Kind through \p Path.
  const Mutation *evidence(const StatePath &Path, HeldKind Kind,
                           const clang::FunctionDecl &Holder) const;

  void clear() { ByStep.clear(); }

private:
  void add(const StatePath &Path, Mutation M, bool ThroughPointer);
  const Catalog &Cat;
  // The declaration, and whether the step follows the pointer it holds.
  using Key = std::pair<const clang::ValueDecl *, unsigned>;
  llvm::DenseMap<Key, std::vector<Mutation>> ByStep;
};

} // namespace asynclint

#endif
