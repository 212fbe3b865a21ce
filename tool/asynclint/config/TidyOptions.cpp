#include "config/TidyOptions.h"
#include "run/InputRecorder.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/GlobList.h"
#include "support/RegularFiles.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang::tidy;

namespace clang::tidy {
// Pulls the module registrations into every user of the engine: the async
// module, and those of clang-tidy's own modules that --checks may enable.
extern volatile int AsyncModuleAnchorSource;
extern volatile int BugproneModuleAnchorSource;
extern volatile int ConcurrencyModuleAnchorSource;
extern volatile int CppCoreGuidelinesModuleAnchorSource;
extern volatile int MiscModuleAnchorSource;
extern volatile int ModernizeModuleAnchorSource;
extern volatile int PerformanceModuleAnchorSource;
extern volatile int ReadabilityModuleAnchorSource;
[[maybe_unused]] static const int ModuleAnchors[] = {
    AsyncModuleAnchorSource,       BugproneModuleAnchorSource,
    ConcurrencyModuleAnchorSource, CppCoreGuidelinesModuleAnchorSource,
    MiscModuleAnchorSource,        ModernizeModuleAnchorSource,
    PerformanceModuleAnchorSource, ReadabilityModuleAnchorSource};
} // namespace clang::tidy

namespace asynclint {
namespace {

constexpr llvm::StringLiteral DefaultChecks = "-*,async-*";

/// The configuration the command line gives (`--config`, or the text of
/// `--config-file`), if any.
llvm::Expected<std::optional<std::string>> configurationText(const TidySettings &Settings) {
  if (!Settings.ConfigFile)
    return Settings.Config;
  auto Buffer = readRegularFile("configuration file", *Settings.ConfigFile, MaxConfigurationBytes);
  if (!Buffer)
    return Buffer.takeError();
  return std::optional<std::string>((*Buffer)->getBuffer().str());
}

/// Where that configuration comes from, for messages about it.
std::string configurationOrigin(const TidySettings &Settings) {
  return Settings.ConfigFile.value_or("--config");
}

/// Runs only async-* checks unless the command line named checks itself:
/// a project's .clang-tidy may enable dozens of checks meant for clang-tidy.
class AsyncOnlyProvider : public ClangTidyOptionsProvider {
public:
  AsyncOnlyProvider(std::unique_ptr<ClangTidyOptionsProvider> Inner, bool Restrict)
      : Inner(std::move(Inner)), Restrict(Restrict) {
    if (Restrict)
      for (const std::string &Name : registeredCheckNames())
        if (llvm::StringRef(Name).starts_with("async-"))
          AsyncChecks.push_back(Name);
  }

  const ClangTidyGlobalOptions &getGlobalOptions() override { return Inner->getGlobalOptions(); }

  std::vector<OptionsSource> getRawOptions(llvm::StringRef FileName) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(FileName);
    // Findings hidden in test code come back marked, so that the summary
    // can say how many there were.
    ClangTidyOptions Marking;
    Marking.CheckOptions["MarkHiddenTestCode"] = {"true", 0};
    Sources.emplace_back(Marking, "asynclint: count hidden findings");
    if (!Restrict)
      return Sources;
    // A project's .clang-tidy is written for clang-tidy: its `-*` or
    // `-bugprone-*` says nothing about async checks, only globs that name
    // them do. Configuration given to asynclint itself counts in full.
    std::string Checks;
    for (const OptionsSource &Source : Sources) {
      if (!Source.first.Checks)
        continue;
      bool FromProjectFile = llvm::StringRef(Source.second).ends_with(".clang-tidy");
      llvm::SmallVector<llvm::StringRef, 16> Globs;
      llvm::StringRef(*Source.first.Checks).split(Globs, ',', -1, false);
      for (llvm::StringRef Glob : Globs) {
        Glob = Glob.trim();
        if (FromProjectFile && Glob.starts_with("-") &&
            !Glob.drop_front().trim().starts_with("async"))
          continue;
        Checks += (Checks.empty() ? "" : ",") + Glob.str();
      }
    }
    CachedGlobList Enabled(Checks);
    // clang-tidy tries every registered check against these globs, one
    // regular expression each, on every unit: the shorter of the two
    // spellings of the same set saves most of that.
    std::string Listed = "-*", AllBut = "-*,async-*";
    for (const std::string &Name : AsyncChecks) {
      if (Enabled.contains(Name))
        Listed += "," + Name;
      else
        AllBut += ",-" + Name;
    }
    ClangTidyOptions Restriction;
    Restriction.Checks = llvm::count(AllBut, ',') < llvm::count(Listed, ',') ? AllBut : Listed;
    Sources.emplace_back(Restriction, "asynclint: only async-* checks");
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
  bool Restrict;
  std::vector<std::string> AsyncChecks;
};

llvm::Expected<ClangTidyOptions> parseYaml(llvm::StringRef Text, llvm::StringRef Origin) {
  std::string Where, Problem;
  auto Parsed = parseConfigurationWithDiags(
      llvm::MemoryBufferRef(Text, Origin), [&](const llvm::SMDiagnostic &D) {
        if (!Where.empty())
          return;
        Where =
            (llvm::Twine(":") + llvm::Twine(D.getLineNo()) + ":" + llvm::Twine(D.getColumnNo() + 1))
                .str();
        Problem = D.getMessage().str();
      });
  if (!Parsed)
    return llvm::createStringError(
        Parsed.getError(), "invalid configuration in %s%s: %s", Origin.str().c_str(), Where.c_str(),
        Problem.empty() ? Parsed.getError().message().c_str() : Problem.c_str());
  return *Parsed;
}

/// Every `.clang-tidy` file that configures sources in \p Dir: the closest
/// one and those above it (a file may inherit its parent's configuration).
std::vector<std::string> configFilesAbove(llvm::StringRef Dir) {
  std::vector<std::string> Files;
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Candidate(D);
    llvm::sys::path::append(Candidate, ".clang-tidy");
    // A .clang-tidy that is not a regular file is listed, so that reading
    // it fails with a clear error rather than being skipped.
    if (llvm::sys::fs::exists(Candidate) && !llvm::sys::fs::is_directory(Candidate))
      Files.push_back(std::string(Candidate));
  }
  return Files;
}

/// The known name closest to \p Name, when it is close enough to be a typo.
std::string closest(llvm::StringRef Name, const std::vector<std::string> &Known) {
  std::string Best;
  unsigned BestDistance = std::max<unsigned>(2, Name.size() / 3) + 1;
  for (const std::string &Candidate : Known) {
    unsigned Distance = Name.edit_distance(Candidate, /*AllowReplacements=*/true, BestDistance);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = Candidate;
    }
  }
  return Best;
}

std::string didYouMean(llvm::StringRef Name, const std::vector<std::string> &Known) {
  std::string Best = closest(Name, Known);
  return Best.empty() ? "" : "; did you mean '" + Best + "'?";
}

/// The positive globs of a Checks string: "-*,async-*" gives {"async-*"}.
std::vector<std::string> positiveGlobs(llvm::StringRef Checks) {
  std::vector<std::string> Globs;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Checks.split(Parts, ',', -1, false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty() || Part.starts_with("-"))
      continue;
    Globs.push_back(Part.str());
  }
  return Globs;
}

void checkGlobsExist(llvm::StringRef Checks, llvm::StringRef Origin,
                     const std::vector<std::string> &Known, std::vector<std::string> &Warnings) {
  for (const std::string &Glob : positiveGlobs(Checks)) {
    // The static analyser and compiler warnings are not module checks.
    if (llvm::StringRef(Glob).starts_with("clang-analyzer-") ||
        llvm::StringRef(Glob).starts_with("clang-diagnostic-"))
      continue;
    GlobList Single(Glob);
    bool Matches =
        llvm::any_of(Known, [&](const std::string &Name) { return Single.contains(Name); });
    if (!Matches)
      Warnings.push_back("check glob '" + Glob + "' in " + Origin.str() + " matches no check" +
                         didYouMean(Glob, Known));
  }
}

/// `[{"name": "a.cpp", "lines": [[1, 3], [7, 7]]}, {"name": "b.h"}]`.
bool isLineFilter(const llvm::json::Value &V) {
  const llvm::json::Array *Files = V.getAsArray();
  return Files && llvm::all_of(*Files, [](const llvm::json::Value &File) {
           const llvm::json::Object *Entry = File.getAsObject();
           if (!Entry || !Entry->getString("name"))
             return false;
           const llvm::json::Value *Lines = Entry->get("lines");
           if (!Lines)
             return true;
           const llvm::json::Array *Ranges = Lines->getAsArray();
           return Ranges && llvm::all_of(*Ranges, [](const llvm::json::Value &Range) {
                    const llvm::json::Array *Pair = Range.getAsArray();
                    return Pair && Pair->size() == 2 && (*Pair)[0].getAsInteger() &&
                           (*Pair)[1].getAsInteger();
                  });
         });
}

} // namespace

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
makeOptionsProvider(const TidySettings &Settings) {
  ClangTidyGlobalOptions Global;
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = DefaultChecks.str();
  // clang-tidy's own defaults: findings in every non-system header.
  Defaults.HeaderFilterRegex = ".*";
  Defaults.ExcludeHeaderFilterRegex = "";
  Defaults.SystemHeaders = false;

  ClangTidyOptions Overrides;
  if (Settings.Checks)
    Overrides.Checks = *Settings.Checks;
  if (Settings.HeaderFilter)
    Overrides.HeaderFilterRegex = *Settings.HeaderFilter;
  if (Settings.ExcludeHeaderFilter)
    Overrides.ExcludeHeaderFilterRegex = *Settings.ExcludeHeaderFilter;
  if (Settings.WarningsAsErrors)
    Overrides.WarningsAsErrors = *Settings.WarningsAsErrors;
  if (Settings.SystemHeaders)
    Overrides.SystemHeaders = true;
  if (!Settings.ExtraArgs.empty())
    Overrides.ExtraArgs = Settings.ExtraArgs;
  if (!Settings.ExtraArgsBefore.empty())
    Overrides.ExtraArgsBefore = Settings.ExtraArgsBefore;
  if (!Settings.RemovedArgs.empty())
    Overrides.RemovedArgs = Settings.RemovedArgs;
  if (Settings.FactsDirectory)
    Overrides.CheckOptions["async-blocking-call.FactsDirectory"] = {*Settings.FactsDirectory,
                                                                    /*Priority=*/0};
  if (Settings.LineFilter) {
    // clang-tidy reads it as YAML, whose parser prints its own complaints;
    // JSON says what is wrong in one line.
    llvm::Expected<llvm::json::Value> Json = llvm::json::parse(*Settings.LineFilter);
    if (!Json)
      return llvm::createStringError(std::errc::invalid_argument, "invalid --line-filter: %s",
                                     llvm::toString(Json.takeError()).c_str());
    if (!isLineFilter(*Json) || parseLineFilter(*Settings.LineFilter, Global))
      return llvm::createStringError(std::errc::invalid_argument,
                                     "invalid --line-filter: expected "
                                     "[{\"name\": file, \"lines\": [[first, last], ...]}, ...]");
  }

  std::unique_ptr<ClangTidyOptionsProvider> Inner;
  auto ConfigText = configurationText(Settings);
  if (!ConfigText)
    return ConfigText.takeError();
  if (const std::optional<std::string> &Text = *ConfigText) {
    auto Config = parseYaml(*Text, configurationOrigin(Settings));
    if (!Config)
      return Config.takeError();
    Inner = std::make_unique<ConfigOptionsProvider>(std::move(Global), std::move(Defaults),
                                                    std::move(*Config), std::move(Overrides));
  } else {
    // A .clang-tidy that is a device or a FIFO is never opened.
    Inner = std::make_unique<FileOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(Overrides),
        regularFilesOnly(llvm::vfs::getRealFileSystem(), MaxConfigurationBytes));
  }
  return std::make_unique<AsyncOnlyProvider>(std::move(Inner), !Settings.Checks.has_value());
}

std::vector<std::string> registeredCheckNames() {
  ClangTidyCheckFactories Factories;
  for (const auto &Entry : ClangTidyModuleRegistry::entries())
    Entry.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &Factory : Factories)
    Names.push_back(Factory.getKey().str());
  llvm::sort(Names);
  return Names;
}

std::vector<std::string> enabledChecks(const TidySettings &Settings, llvm::StringRef File) {
  auto Provider = makeOptionsProvider(Settings);
  if (!Provider) {
    llvm::consumeError(Provider.takeError());
    return {};
  }
  ClangTidyOptions Options = (*Provider)->getOptions(File);
  return getCheckNames(Options, false, false);
}

llvm::Expected<std::vector<std::string>>
validateConfiguration(const TidySettings &Settings, const std::vector<std::string> &Files) {
  std::vector<std::string> Warnings;
  std::vector<std::string> Known = registeredCheckNames();
  if (Settings.Checks)
    checkGlobsExist(*Settings.Checks, "--checks", Known, Warnings);
  auto ConfigText = configurationText(Settings);
  if (!ConfigText)
    return ConfigText.takeError();
  if (const std::optional<std::string> &Text = *ConfigText) {
    auto Config = parseYaml(*Text, configurationOrigin(Settings));
    if (!Config)
      return Config.takeError();
    if (const std::optional<std::string> &Checks = Config->Checks)
      checkGlobsExist(*Checks, configurationOrigin(Settings), Known, Warnings);
  }

  // Options are per directory (.clang-tidy files); check each directory once.
  llvm::StringSet<> Seen, SeenFiles, Reported;
  for (const std::string &File : Files) {
    llvm::StringRef Dir = llvm::sys::path::parent_path(File);
    if (!Seen.insert(Dir).second)
      continue;
    // clang-tidy would skip a file it cannot parse, and the run would go on
    // with other settings than the user wrote.
    if (!Settings.Config && !Settings.ConfigFile)
      for (const std::string &ConfigFile : configFilesAbove(Dir)) {
        if (!SeenFiles.insert(ConfigFile).second)
          continue;
        auto Buffer = readRegularFile("configuration", ConfigFile, MaxConfigurationBytes);
        if (!Buffer)
          return Buffer.takeError();
        if (auto Config = parseYaml((*Buffer)->getBuffer(), ConfigFile); !Config)
          return Config.takeError();
      }
    auto Provider = makeOptionsProvider(Settings);
    if (!Provider)
      return Provider.takeError();
    std::vector<ClangTidyOptionsProvider::OptionsSource> Raw = (*Provider)->getRawOptions(File);
    ClangTidyContext Context(std::move(*Provider));
    ClangTidyDiagnosticConsumer Consumer(Context);
    auto DiagOpts = std::make_unique<clang::DiagnosticOptions>();
    clang::DiagnosticsEngine Engine(clang::DiagnosticIDs::create(), *DiagOpts, &Consumer,
                                    /*ShouldOwnClient=*/false);
    Context.setDiagnosticsEngine(std::move(DiagOpts), &Engine);
    Context.setCurrentFile(File);

    ClangTidyCheckFactories Factories;
    for (const auto &Entry : ClangTidyModuleRegistry::entries())
      Entry.instantiate()->addCheckFactories(Factories);
    ClangTidyOptions::OptionMap Stored;
    for (const auto &Check : Factories.createChecks(&Context))
      Check->storeOptions(Stored);
    // A value the check cannot use (a catalogue that does not load, a
    // malformed list) is an error: the check would run with other settings.
    for (const ClangTidyError &Error : Consumer.take())
      return llvm::createStringError(std::errc::invalid_argument, "%s (configuration for %s)",
                                     Error.Message.Message.c_str(), File.c_str());

    ClangTidyOptions Effective = Context.getOptions();
    // The context has matched every registered name against the globs
    // already, and remembers the answers.
    llvm::StringSet<> Enabled;
    for (const auto &Factory : Factories)
      if (Context.isCheckEnabled(Factory.getKey()))
        Enabled.insert(Factory.getKey());
    // Analyzer checkers have no factory: only a key that names one needs
    // clang-tidy's full list, which matches every name anew.
    std::optional<std::vector<std::string>> WithAnalyzer;
    auto IsEnabled = [&](llvm::StringRef CheckName) {
      if (!CheckName.starts_with("clang-analyzer-"))
        return Enabled.contains(CheckName);
      if (!WithAnalyzer)
        WithAnalyzer = getCheckNames(Effective, false, false);
      return llvm::is_contained(*WithAnalyzer, CheckName);
    };
    for (const auto &Option : Effective.CheckOptions) {
      llvm::StringRef Key = Option.getKey();
      auto [CheckName, OptionName] = Key.rsplit('.');
      if (OptionName.empty() || Reported.contains(Key))
        continue;
      std::string Origin = "the configuration";
      for (const auto &[Options, Source] : Raw)
        if (Options.CheckOptions.count(Key))
          Origin = Source;
      // A misspelt check name leaves the option unread whatever it says.
      if (!CheckName.starts_with("clang-analyzer-") && !llvm::binary_search(Known, CheckName)) {
        Reported.insert(Key);
        Warnings.push_back("unknown check '" + CheckName.str() + "' in option '" + Key.str() +
                           "' in " + Origin + didYouMean(CheckName, Known));
        continue;
      }
      if (!IsEnabled(CheckName) || Stored.count(Key) || !Reported.insert(Key).second)
        continue;
      std::vector<std::string> Siblings;
      for (const auto &Known : Stored)
        if (Known.getKey().starts_with((CheckName + ".").str()))
          Siblings.push_back(Known.getKey().str());
      Warnings.push_back("unknown option '" + Key.str() + "' in " + Origin + ": check '" +
                         CheckName.str() + "' has no option '" + OptionName.str() + "'" +
                         didYouMean(Key, Siblings));
    }
  }
  return Warnings;
}

std::string dumpConfiguration(const TidySettings &Settings, llvm::StringRef File) {
  auto Provider = makeOptionsProvider(Settings);
  if (!Provider) {
    llvm::consumeError(Provider.takeError());
    return "";
  }
  ClangTidyOptions Effective = (*Provider)->getOptions(File);
  // As clang-tidy prints it: every option of the enabled checks, defaults
  // included, and nothing of asynclint's own plumbing.
  Effective.CheckOptions = getCheckOptions(Effective, false, false);
  std::string Checks = "-*";
  for (const std::string &Name : getCheckNames(Effective, false, false))
    Checks += "," + Name;
  Effective.Checks = Checks;
  ClangTidyOptions Dump = ClangTidyOptions::getDefaults();
  Dump.HeaderFilterRegex = ".*";
  Dump.mergeWith(Effective, 0);
  Dump.CheckOptions.erase("MarkHiddenTestCode");
  return configurationAsText(Dump);
}

std::string configurationKey(ClangTidyOptionsProvider &Provider, const TidySettings &Settings,
                             llvm::StringRef File) {
  ClangTidyOptions Effective = Provider.getOptions(File);
  std::string Key = configurationAsText(Effective);
  Key += '\0';
  Key += Settings.LineFilter.value_or("");
  // The checks read catalogue files of their own: their content configures
  // them as much as the option that names them.
  std::vector<std::string> CatalogOptions;
  for (const auto &Option : Effective.CheckOptions)
    if (Option.getKey().ends_with("CatalogFile"))
      CatalogOptions.push_back(Option.getKey().str() + "=" + Option.getValue().Value);
  llvm::sort(CatalogOptions);
  for (const std::string &CatalogOption : CatalogOptions) {
    Key += '\0';
    Key += CatalogOption;
    llvm::SmallVector<llvm::StringRef, 4> Paths;
    llvm::StringRef(CatalogOption).split('=').second.split(Paths, ';', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Path : Paths) {
      Key += '\0';
      Key += currentInputState(Path.trim());
    }
  }
  return Key;
}

} // namespace asynclint
