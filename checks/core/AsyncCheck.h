//===--- AsyncCheck.h - what every async rule has in common -----*- C++ -*-===//
//
// Every rule reads the framework catalogue, recognises test code, reports
// configuration problems and runs on C++20 only. The base owns all of that,
// so that a check's constructor and storeOptions say only what is its own.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CORE_ASYNCCHECK_H
#define ASYNCLINT_CHECKS_CORE_ASYNCCHECK_H

#include "catalog/Catalog.h"
#include "core/FindingMetadata.h"
#include "core/TestCode.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <string>

namespace asynclint {

/// What of the shared machinery a rule uses; what it does not use adds no
/// option to its configuration.
struct CheckNeeds {
  bool Catalog = true;
  bool TestCode = true;
};

class AsyncCheck : public clang::tidy::ClangTidyCheck {
public:
  AsyncCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context, CheckNeeds Needs = {});

  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) final;

protected:
  /// Reports a problem with the check's configuration (an option's value, a
  /// catalogue file), once, as clang-tidy reports its own.
  void configurationProblem(const std::string &Problem);

  /// The catalogue the configuration names, shared by every check of the
  /// process that names the same files.
  const Catalog &catalog() const { return *SharedCatalog; }
  /// The option naming the user's catalogue files, as read.
  const std::string &catalogFile() const { return CatalogFile; }

  TestCodeFilter &tests() { return *Tests; }

  /// Marks the finding just reported as one in test code, hidden by default;
  /// the note says why, and the command line counts such findings.
  void markHiddenInTestCode(clang::SourceLocation Loc);

private:
  /// The check's own options, written back as they were read.
  virtual void storeOwnOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {}

  const std::string CatalogFile;
  std::shared_ptr<const Catalog> SharedCatalog;
  std::unique_ptr<TestCodeFilter> Tests;
};

} // namespace asynclint

#endif
