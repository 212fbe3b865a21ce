#include "config/CommandLine.h"

#include "support/Paths.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

namespace asynclint {

cl::OptionCategory &toolCategory() {
  static cl::OptionCategory Category("asynclint options");
  return Category;
}

TidySettings settingsFrom(const Options &O) {
  TidySettings S;
  if (O.Checks.getNumOccurrences())
    S.Checks = O.Checks;
  if (O.Config.getNumOccurrences())
    S.Config = O.Config;
  if (O.ConfigFile.getNumOccurrences())
    S.ConfigFile = absolutePath(O.ConfigFile);
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

bool useColor(const Options &O) {
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

llvm::Expected<ShardSpec> parseShard(llvm::StringRef Text) {
  auto [K, N] = Text.split('/');
  ShardSpec Shard;
  if (K.getAsInteger(10, Shard.Index) || N.getAsInteger(10, Shard.Count) || Shard.Count == 0 ||
      Shard.Index == 0 || Shard.Index > Shard.Count)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "invalid --shard '%s': expected K/N with 1 <= K <= N, as 2/4",
                                   Text.str().c_str());
  return Shard;
}

std::vector<std::string> unitsOfShard(std::vector<std::string> Units, const ShardSpec &Shard) {
  llvm::sort(Units);
  Units.erase(std::unique(Units.begin(), Units.end()), Units.end());
  std::vector<std::string> Part;
  for (size_t I = Shard.Index - 1; I < Units.size(); I += Shard.Count)
    Part.push_back(std::move(Units[I]));
  return Part;
}

} // namespace asynclint
