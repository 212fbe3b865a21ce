//===--- BlockingCallCheck.h - async-blocking-call --------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "catalog/Catalog.h"
#include "core/AsyncCheck.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "core/ExecutionOrder.h"
#include "models/blocking-call/BlockingApiIndex.h"
#include "models/blocking-call/BlockingHelpers.h"
#include "models/blocking-call/SyncStarted.h"
#include "models/blocking-call/UnitFactsCollector.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <optional>

namespace asynclint {

/// Finds calls that block the thread running an asynchronous coroutine.
/// See docs/checks/async-blocking-call.md.
class BlockingCallCheck : public AsyncCheck {
public:
  BlockingCallCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Classifier.clear();
    Orders.clear();
    SyncStarted.clear();
    Helpers.clear();
    Helpers.setProjectFacts(nullptr);
    Project.reset();
    FactsLoaded = false;
  }

private:
  void storeOwnOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  /// Reads the merged facts of the project, once per unit.
  void loadProjectFacts(clang::ASTContext &Ctx);
  /// Whether \p E, a call to \p Api, is fine where it is: on a pool for
  /// blocking work, reading a result known to be ready, on a non-blocking
  /// descriptor.
  bool isExpected(const clang::Expr &E, const BlockingApi &Api,
                  const clang::FunctionDecl &Coroutine, const CoroutineFacts &Facts,
                  clang::ASTContext &Ctx);
  /// Whether blocking in \p Category at \p E, in \p Coroutine, stalls no
  /// one: on a pool for blocking work, on a thread of its own, on the
  /// thread of a caller that waits anyway.
  bool blocksNoOneAt(const clang::Expr &E, llvm::StringRef Category,
                     const clang::FunctionDecl &Coroutine, const CoroutineFacts &Facts,
                     clang::ASTContext &Ctx);
  /// Reports the calls of \p Coroutine to ordinary functions that block.
  void checkHelperCalls(const clang::FunctionDecl &Coroutine, const clang::Stmt &Body,
                        clang::ASTContext &Ctx);
  /// One note per step of \p Chain, reached from the call at \p CallLoc;
  /// \p Api names the API at its end.
  void reportChain(const BlockingChain &Chain, llvm::StringRef Api, clang::SourceLocation CallLoc,
                   clang::ASTContext &Ctx);
  /// The advice of the API's entry or library (\p OwnAdvice), else the
  /// coroutine's framework's for \p Category.
  std::string adviceFor(llvm::StringRef OwnAdvice, llvm::StringRef Category,
                        const CoroutineFacts &Facts) const;

  const BlockingCallSettings Settings;
  /// The compile command's directory, when clang-tidy knows it.
  const std::string CommandDirectory;
  /// Parsed once per process for every check that reads the same files.
  const Catalog &Cat;
  const BlockingApiIndex Index;
  CoroutineClassifier Classifier;
  ExecutionOrders Orders;
  std::optional<ProjectFacts> Project;
  bool FactsLoaded = false;
  BlockingHelpers Helpers;
  SyncStartedCoroutines SyncStarted;
};

} // namespace asynclint

#endif
