//===--- UnitFactsCollector.h - the facts one unit writes -------*- C++ -*-===//
//
// The first phase of the analysis across units: what this unit's own
// functions do, as BlockingFacts.h describes. The functions written in the
// main file are the roots; the followed functions they and the main file's
// coroutines reach, in headers too, are recorded with them.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_UNITFACTSCOLLECTOR_H
#define ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_UNITFACTSCOLLECTOR_H

#include "models/blocking-call/BlockingFacts.h"
#include "models/blocking-call/BlockingHelpers.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <memory>

namespace asynclint {

/// async-blocking-call's options that decide what blocks, as the check and
/// the facts collector both read them.
struct BlockingCallSettings {
  explicit BlockingCallSettings(const clang::tidy::ClangTidyCheck::OptionsView &Options);
  /// Writes the options back, all but CatalogFile, which every rule's base
  /// writes (AsyncCheck).
  void store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Opts) const;

  BlockingApiOptions Api;
  std::string NonBlockingFunctions;
  std::string FactsDirectory;
  std::string CatalogFile;
  /// The project's log macros, beside those whose names say they log.
  std::string LogMacros;
  /// Chains through helpers that block on some path only are reported too.
  bool AuditMode;
};

class UnitFactsCollector {
public:
  /// \p Problem hears what is wrong with the configuration.
  UnitFactsCollector(const BlockingCallSettings &Settings,
                     llvm::function_ref<void(const std::string &)> Problem);

  /// \p Reportable says whether the check would report a chain from a
  /// call in a coroutine (not in an assertion macro of a test, say): the
  /// unit imports only what such calls reach.
  UnitFacts collect(clang::ASTContext &Ctx,
                    llvm::function_ref<bool(const clang::Expr &)> Reportable);

private:
  std::shared_ptr<const Catalog> Cat;
  BlockingApiIndex Index;
  ExecutionOrders Orders;
  BlockingHelpers Helpers;
};

} // namespace asynclint

#endif
