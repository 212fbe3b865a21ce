//===--- BlockingCallCheck.h - async-blocking-call --------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "catalog/Catalog.h"
#include "utils/Coroutines.h"
#include "utils/SyncStarted.h"

#include "utils/TestCode.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>

namespace asynclint {

/// Finds calls that block the thread running an asynchronous coroutine.
/// See docs/checks/async-blocking-call.md.
class BlockingCallCheck : public clang::tidy::ClangTidyCheck {
public:
  BlockingCallCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override {
    Classifier.clear();
    SyncStarted.clear();
  }

  /// The category named in a message this check wrote.
  static std::optional<llvm::StringRef> categoryOfMessage(llvm::StringRef Message);

private:
  using ApiList = std::vector<const BlockingApi *>;

  void applyOptions();
  void buildIndex();

  const BlockingApi *lookup(const clang::Expr &E, clang::ASTContext &Ctx) const;
  const BlockingApi *lookupFunction(const clang::CallExpr &Call, clang::ASTContext &Ctx) const;
  const BlockingApi *lookupMethod(const clang::CXXMemberCallExpr &Call,
                                  clang::ASTContext &Ctx) const;
  const BlockingApi *lookupOperator(const clang::CXXOperatorCallExpr &Call,
                                    clang::ASTContext &Ctx) const;
  const BlockingApi *lookupConstructor(const clang::CXXConstructExpr &Construct,
                                       clang::ASTContext &Ctx) const;
  bool isNonBlockingType(const clang::CXXRecordDecl *Record) const;

  // Options, verbatim as configured.
  const std::string BlockingFunctions;
  const std::string IgnoredFunctions;
  const std::string IgnoredCategories;
  const std::string NonBlockingTypes;
  const std::string CatalogFile;
  /// Parsed once per process for every check that reads the same files.
  std::shared_ptr<const Catalog> SharedCatalog;
  const Catalog &Cat;

  std::vector<BlockingApi> Apis;
  llvm::StringMap<ApiList> Functions;
  llvm::StringMap<llvm::StringMap<ApiList>> Methods;
  llvm::StringMap<ApiList> Constructors;
  llvm::StringMap<ApiList> Operators;
  llvm::StringSet<> NonBlocking;
  CoroutineClassifier Classifier;
  SyncStartedCoroutines SyncStarted;
  TestCodeFilter Tests;
};

} // namespace asynclint

#endif
