//===--- ReferenceAcrossSuspensionCheck.h - async-reference-across-suspension -*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_REFERENCEACROSSSUSPENSIONCHECK_H
#define ASYNCLINT_CHECKS_REFERENCEACROSSSUSPENSIONCHECK_H

#include "core/AsyncCheck.h"
#include "models/reference-across-suspension/HeldReferences.h"
#include "models/reference-across-suspension/Invalidations.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace asynclint {

/// Finds references, pointers and iterators into state a coroutine does
/// not own that it takes before a suspension and uses after it, when other
/// code of the unit changes that state in a way that invalidates them.
/// See docs/checks/async-reference-across-suspension.md.
class ReferenceAcrossSuspensionCheck : public AsyncCheck {
public:
  ReferenceAcrossSuspensionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct Candidate {
    HeldReference Held;
    const clang::FunctionDecl *Coroutine;
    clang::ASTContext *Ctx;
  };
  void report(const Candidate &C, const Mutation &Evidence);

  /// Judged at the end of the unit, once every function that may change
  /// the state has been seen.
  std::vector<Candidate> Candidates;
  Invalidations Changes;
  /// One finding per written binding: instantiations share it.
  llvm::DenseSet<clang::SourceLocation::UIntTy> Reported;
};

} // namespace asynclint

#endif
