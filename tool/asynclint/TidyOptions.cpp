#include "TidyOptions.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/GlobList.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "llvm/ADT/StringSet.h"
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
    AsyncModuleAnchorSource,        BugproneModuleAnchorSource,
    ConcurrencyModuleAnchorSource,  CppCoreGuidelinesModuleAnchorSource,
    MiscModuleAnchorSource,         ModernizeModuleAnchorSource,
    PerformanceModuleAnchorSource,  ReadabilityModuleAnchorSource};
} // namespace clang::tidy

namespace asynclint {
namespace {

constexpr llvm::StringLiteral DefaultChecks = "-*,async-*";

/// Runs only async-* checks unless the command line named checks itself:
/// a project's .clang-tidy may enable dozens of checks meant for clang-tidy.
class AsyncOnlyProvider : public ClangTidyOptionsProvider {
public:
  AsyncOnlyProvider(std::unique_ptr<ClangTidyOptionsProvider> Inner,
                    bool Restrict)
      : Inner(std::move(Inner)), Restrict(Restrict) {
    if (Restrict)
      for (const std::string &Name : registeredCheckNames())
        if (llvm::StringRef(Name).starts_with("async-"))
          AsyncChecks.push_back(Name);
  }

  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }

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
    std::string Restricted = "-*";
    for (const std::string &Name : AsyncChecks)
      if (Enabled.contains(Name))
        Restricted += "," + Name;
    ClangTidyOptions Restriction;
    Restriction.Checks = Restricted;
    Sources.emplace_back(Restriction, "asynclint: only async-* checks");
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
  bool Restrict;
  std::vector<std::string> AsyncChecks;
};

llvm::Expected<ClangTidyOptions> parseYaml(llvm::StringRef Text,
                                           llvm::StringRef Origin) {
  auto Parsed = parseConfiguration(llvm::MemoryBufferRef(Text, Origin));
  if (!Parsed)
    return llvm::createStringError(Parsed.getError(),
                                   "invalid configuration in %s: %s",
                                   Origin.str().c_str(),
                                   Parsed.getError().message().c_str());
  return *Parsed;
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

llvm::Error checkGlobsExist(llvm::StringRef Checks, llvm::StringRef Origin,
                            const std::vector<std::string> &Known) {
  for (const std::string &Glob : positiveGlobs(Checks)) {
    // The static analyser and compiler warnings are not module checks.
    if (llvm::StringRef(Glob).starts_with("clang-analyzer-") ||
        llvm::StringRef(Glob).starts_with("clang-diagnostic-"))
      continue;
    GlobList Single(Glob);
    bool Matches = llvm::any_of(
        Known, [&](const std::string &Name) { return Single.contains(Name); });
    if (!Matches)
      return llvm::createStringError(std::errc::invalid_argument,
                                     "unknown check '%s' in %s", Glob.c_str(),
                                     Origin.str().c_str());
  }
  return llvm::Error::success();
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

  std::unique_ptr<ClangTidyOptionsProvider> Inner;
  std::optional<std::string> ConfigText = Settings.Config;
  std::string ConfigOrigin = "--config";
  if (Settings.ConfigFile) {
    auto Buffer = llvm::MemoryBuffer::getFile(*Settings.ConfigFile);
    if (!Buffer)
      return llvm::createStringError(Buffer.getError(),
                                     "cannot read configuration file '%s': %s",
                                     Settings.ConfigFile->c_str(),
                                     Buffer.getError().message().c_str());
    ConfigText = (*Buffer)->getBuffer().str();
    ConfigOrigin = *Settings.ConfigFile;
  }
  if (ConfigText) {
    auto Config = parseYaml(*ConfigText, ConfigOrigin);
    if (!Config)
      return Config.takeError();
    Inner = std::make_unique<ConfigOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(*Config),
        std::move(Overrides));
  } else {
    Inner = std::make_unique<FileOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(Overrides));
  }
  return std::make_unique<AsyncOnlyProvider>(std::move(Inner),
                                             !Settings.Checks.has_value());
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

std::vector<std::string> enabledChecks(const TidySettings &Settings,
                                       llvm::StringRef File) {
  auto Provider = makeOptionsProvider(Settings);
  if (!Provider) {
    llvm::consumeError(Provider.takeError());
    return {};
  }
  ClangTidyOptions Options = (*Provider)->getOptions(File);
  return getCheckNames(Options, false, false);
}

llvm::Error validateConfiguration(const TidySettings &Settings,
                                  const std::vector<std::string> &Files) {
  std::vector<std::string> Known = registeredCheckNames();
  if (Settings.Checks)
    if (auto Err = checkGlobsExist(*Settings.Checks, "--checks", Known))
      return Err;
  std::optional<std::string> ConfigText = Settings.Config;
  if (Settings.ConfigFile) {
    auto Buffer = llvm::MemoryBuffer::getFile(*Settings.ConfigFile);
    if (Buffer)
      ConfigText = (*Buffer)->getBuffer().str();
  }
  if (ConfigText) {
    auto Config = parseYaml(*ConfigText, Settings.ConfigFile.value_or("--config"));
    if (!Config)
      return Config.takeError();
    if (const std::optional<std::string> &Checks = Config->Checks)
      if (auto Err = checkGlobsExist(*Checks,
                                     Settings.ConfigFile.value_or("--config"),
                                     Known))
        return Err;
  }

  // Options are per directory (.clang-tidy files); check each directory once.
  llvm::StringSet<> Seen;
  for (const std::string &File : Files) {
    llvm::StringRef Dir = llvm::sys::path::parent_path(File);
    if (!Seen.insert(Dir).second)
      continue;
    auto Provider = makeOptionsProvider(Settings);
    if (!Provider)
      return Provider.takeError();
    ClangTidyContext Context(std::move(*Provider));
    ClangTidyDiagnosticConsumer Consumer(Context);
    auto DiagOpts = std::make_unique<clang::DiagnosticOptions>();
    clang::DiagnosticsEngine Engine(clang::DiagnosticIDs::create(), *DiagOpts,
                                    &Consumer, /*ShouldOwnClient=*/false);
    Context.setDiagnosticsEngine(std::move(DiagOpts), &Engine);
    Context.setCurrentFile(File);

    ClangTidyCheckFactories Factories;
    for (const auto &Entry : ClangTidyModuleRegistry::entries())
      Entry.instantiate()->addCheckFactories(Factories);
    ClangTidyOptions::OptionMap Stored;
    for (const auto &Check : Factories.createChecks(&Context))
      Check->storeOptions(Stored);
    for (const ClangTidyError &Error : Consumer.take())
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s (configuration for %s)",
                                     Error.Message.Message.c_str(),
                                     File.c_str());

    ClangTidyOptions Effective = Context.getOptions();
    std::vector<std::string> Enabled = getCheckNames(Effective, false, false);
    for (const auto &Option : Effective.CheckOptions) {
      llvm::StringRef Key = Option.getKey();
      auto [CheckName, OptionName] = Key.rsplit('.');
      if (OptionName.empty() || !llvm::is_contained(Enabled, CheckName))
        continue;
      if (!Stored.count(Key))
        return llvm::createStringError(
            std::errc::invalid_argument,
            "unknown option '%s': check '%s' has no option '%s'",
            Key.str().c_str(), CheckName.str().c_str(),
            OptionName.str().c_str());
    }
  }
  return llvm::Error::success();
}

} // namespace asynclint
