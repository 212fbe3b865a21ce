//===--- TidyOptions.h - clang-tidy configuration for asynclint -*- C++ -*-===//
//
// asynclint reads configuration exactly as clang-tidy does (.clang-tidy files,
// --config, --config-file, CheckOptions) but, unless --checks says otherwise,
// runs only the async module's checks.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_TIDYOPTIONS_H
#define ASYNCLINT_TOOL_TIDYOPTIONS_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// The configuration given on the command line.
struct TidySettings {
  std::optional<std::string> Checks;
  std::optional<std::string> Config;     ///< YAML text
  std::optional<std::string> ConfigFile; ///< path to a YAML file
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> ExcludeHeaderFilter;
  std::optional<std::string> WarningsAsErrors; ///< globs, as in clang-tidy
  bool SystemHeaders = false;
  /// Compiler arguments added after, added before, and removed from each
  /// command (clang-tidy's --extra-arg, --extra-arg-before, --removed-arg).
  std::vector<std::string> ExtraArgs;
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> RemovedArgs;
  /// clang-tidy's --line-filter: JSON naming the files and lines to report.
  std::optional<std::string> LineFilter;
  /// async-blocking-call's FactsDirectory, as --facts-dir sets it.
  std::optional<std::string> FactsDirectory;
};

/// The provider that asynclint and its workers use for every file.
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
makeOptionsProvider(const TidySettings &Settings);

/// Every check name the linked modules register, sorted.
std::vector<std::string> registeredCheckNames();

/// The checks enabled for \p File.
std::vector<std::string> enabledChecks(const TidySettings &Settings, llvm::StringRef File);

/// Reviews the configuration that \p Files are analysed with. Errors: a
/// configuration file that does not parse (file, line and column), an
/// option value a check cannot use. Returned as warnings: check globs that
/// match no check and option names no enabled check has, with the closest
/// name when there is one (clang-tidy skips both silently).
llvm::Expected<std::vector<std::string>>
validateConfiguration(const TidySettings &Settings, const std::vector<std::string> &Files);

/// The configuration in effect for \p File, as .clang-tidy YAML.
std::string dumpConfiguration(const TidySettings &Settings, llvm::StringRef File);

/// Everything configurable that a unit's result depends on, as text: the
/// options in effect for \p File, the line filter, and the content of the
/// catalogue files the options name.
std::string configurationKey(clang::tidy::ClangTidyOptionsProvider &Provider,
                             const TidySettings &Settings, llvm::StringRef File);

} // namespace asynclint

#endif
