// Configuration as clang-tidy reads it (--config YAML, with the options of
// every check, async-* and clang-tidy's own) and --line-filter JSON: both
// arrive from the command line, .clang-tidy files and CI scripts.

#include "config/TidyOptions.h"

#include <cstdint>

using namespace asynclint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  // A directory that does not exist: no .clang-tidy of this machine joins in.
  const std::string File = "/nonexistent-asynclint-fuzz/unit.cpp";

  TidySettings Config;
  Config.Config = Text;
  if (auto Warnings = validateConfiguration(Config, {File})) {
    (void)dumpConfiguration(Config, File);
    (void)enabledChecks(Config, File);
  } else {
    llvm::consumeError(Warnings.takeError());
  }

  TidySettings LineFilter;
  LineFilter.LineFilter = Text;
  if (auto Provider = makeOptionsProvider(LineFilter))
    (void)(*Provider)->getOptions(File);
  else
    llvm::consumeError(Provider.takeError());
  return 0;
}
