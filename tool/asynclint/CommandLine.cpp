#include "CommandLine.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

namespace asynclint {

cl::OptionCategory &toolCategory() {
  static cl::OptionCategory Category("asynclint options");
  return Category;
}

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> Out(Path);
  (void)llvm::sys::fs::make_absolute(Out);
  llvm::sys::path::remove_dots(Out, true);
  return std::string(Out);
}

TidySettings settingsFrom(const Options &O) {
  TidySettings S;
  if (O.Checks.getNumOccurrences())
    S.Checks = O.Checks;
  if (O.Config.getNumOccurrences())
    S.Config = O.Config;
  if (O.ConfigFile.getNumOccurrences())
    S.ConfigFile = absolute(O.ConfigFile);
  if (O.HeaderFilter.getNumOccurrences())
    S.HeaderFilter = O.HeaderFilter;
  if (O.ExcludeHeaderFilter.getNumOccurrences())
    S.ExcludeHeaderFilter = O.ExcludeHeaderFilter;
  if (O.WarningsAsErrors.getNumOccurrences())
    S.WarningsAsErrors = O.WarningsAsErrors;
  S.SystemHeaders = O.SystemHeaders;
  S.ExtraArgs.assign(O.ExtraArgs.begin(), O.ExtraArgs.end());
  S.ExtraArgsBefore.assign(O.ExtraArgsBefore.begin(), O.ExtraArgsBefore.end());
  S.RemovedArgs.assign(O.RemovedArgs.begin(), O.RemovedArgs.end());
  if (O.LineFilter.getNumOccurrences())
    S.LineFilter = O.LineFilter;
  return S;
}

bool useColour(const Options &O) {
  if (O.OutputFormat != Format::Text || !O.OutputFile.empty())
    return false;
  if (O.UseColor.getNumOccurrences())
    return O.UseColor;
  if (std::optional<std::string> No = llvm::sys::Process::GetEnv("NO_COLOR"); No && !No->empty())
    return false;
  if (std::optional<std::string> Force = llvm::sys::Process::GetEnv("FORCE_COLOR");
      Force && !Force->empty() && *Force != "0" && *Force != "false")
    return true;
  return llvm::sys::Process::StandardOutIsDisplayed();
}

} // namespace asynclint
