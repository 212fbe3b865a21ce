//===--- MissingTimeoutCheck.h - async-missing-timeout ----------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_MISSINGTIMEOUTCHECK_H
#define ASYNCLINT_CHECKS_MISSINGTIMEOUTCHECK_H

#include "catalog/Catalog.h"
#include "core/AsyncCheck.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "models/missing-timeout/Deadlines.h"
#include "models/missing-timeout/PeersInProcess.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

/// Finds awaits on operations that wait for the outside world (network
/// reads, writes, connects, resolves) with no deadline anywhere on their
/// path. See docs/checks/async-missing-timeout.md.
class MissingTimeoutCheck : public AsyncCheck {
public:
  MissingTimeoutCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void storeOwnOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  /// An await that waits for the outside world, not yet known to be bounded.
  struct Candidate {
    const clang::CoawaitExpr *Await;
    const clang::CallExpr *Operation;
    const clang::FunctionDecl *Coroutine;
    const BlockingApi *Api; ///< null for a user-named I/O function or type
  };

  const BlockingApi *externalWait(const clang::CallExpr &Call, clang::ASTContext &Ctx,
                                  bool &UserNamed) const;
  bool boundedHere(const Candidate &C, clang::ASTContext &Ctx) const;
  void recordEdges(const clang::FunctionDecl &Caller, const clang::Stmt &From);

  /// Parsed once per process for every check that reads the same files.
  const Catalog &Cat;
  const std::string IoFunctions;
  const std::string IoTypes;
  const std::string DeadlineFunctions;
  const std::string DeadlineTypes;

  const Deadlines Bounds;
  llvm::StringSet<> IoFunctionSet, IoTypeSet;
  CoroutineClassifier Classifier;

  // Per translation unit.
  std::vector<Candidate> Candidates;
  /// Functions that run under a deadline set by a caller.
  llvm::SmallPtrSet<const clang::FunctionDecl *, 16> Bounded;
  /// Classes one of whose members sets an expiry on a member stream.
  llvm::SmallPtrSet<const clang::CXXRecordDecl *, 4> DeadlineClasses;
  /// Coroutine -> the functions whose work it awaits.
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<const clang::FunctionDecl *, 4>>
      Awaits;
  RememberedWalks CoroutineOf;
  PeersInProcess Peers;
  /// Races, judged at the end, when every callee's body has been seen.
  std::vector<std::pair<const clang::Expr *, clang::ASTContext *>> Races;
};

} // namespace asynclint

#endif
