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
};

/// The provider that asynclint and its workers use for every file.
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
makeOptionsProvider(const TidySettings &Settings);

/// Every check name the linked modules register, sorted.
std::vector<std::string> registeredCheckNames();

/// The checks enabled for \p File.
std::vector<std::string> enabledChecks(const TidySettings &Settings,
                                       llvm::StringRef File);

/// Rejects configuration that clang-tidy would silently accept: check globs
/// that name no check, option values the checks refuse, options that no
/// enabled check reads. \p Files are the sources to be analysed.
llvm::Error validateConfiguration(const TidySettings &Settings,
                                  const std::vector<std::string> &Files);

} // namespace asynclint

#endif
