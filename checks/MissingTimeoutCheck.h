//===--- MissingTimeoutCheck.h - async-missing-timeout ----------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_MISSINGTIMEOUTCHECK_H
#define ASYNCLINT_CHECKS_MISSINGTIMEOUTCHECK_H

#include "catalog/Catalog.h"
#include "core/AsyncCheck.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "models/missing-timeout/AwaitBounds.h"
#include "models/missing-timeout/Deadlines.h"
#include "models/missing-timeout/PeersInProcess.h"
#include "models/missing-timeout/StreamExpiries.h"

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

  /// An await of an asynchronous coroutine, for the waits it bounds.
  struct Site {
    const clang::CoawaitExpr *Await;
    const clang::FunctionDecl *Coroutine;
  };
  /// A wait the coroutine bounds, by the object it works on.
  using ObjectKey = std::pair<const clang::FunctionDecl *, const clang::ValueDecl *>;

  const BlockingApi *externalWait(const clang::CallExpr &Call, clang::ASTContext &Ctx,
                                  bool &UserNamed) const;
  /// Whether something beyond the await bounds \p Op in \p Coroutine: its
  /// caller, its class, the project's deadline options, a timer in reach
  /// (when \p TimerInReach counts).
  bool boundedAround(const clang::FunctionDecl &Coroutine, const clang::CallExpr &Op,
                     bool TimerInReach) const;
  /// The waits of each coroutine that carry a deadline, by object.
  void collectEvidence();
  /// Reports the waits on an object whose other waits have a deadline.
  void reportInconsistent(const llvm::SmallPtrSetImpl<const clang::CallExpr *> &Reported);
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
  StreamExpiries Expiries;
  std::vector<Site> Sites;
  /// For each coroutine and object, the waits on it that the coroutine
  /// bounds.
  llvm::DenseMap<ObjectKey, llvm::SmallVector<AwaitedOperation, 1>> Evidence;
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
