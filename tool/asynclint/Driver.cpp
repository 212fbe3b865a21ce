#include "Driver.h"
#include "checks/Rules.h"
#include "checks/catalog/Catalog.h"
#include "config/CommandLine.h"
#include "config/CompileDatabase.h"
#include "config/TidyOptions.h"
#include "report/ApiListing.h"
#include "report/Docs.h"
#include "report/MergeReports.h"
#include "report/Output.h"
#include "report/Reports.h"
#include "run/Cache.h"
#include "run/Facts.h"
#include "run/UnitRuns.h"
#include "run/Workers.h"

#include "support/Paths.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"

using namespace clang::tooling;

namespace asynclint {
namespace {

const char Overview[] = "asynclint finds misuse of C++20 coroutines: blocking calls, and more.\n\n"
                        "  asynclint [options] <source>... [-- <compiler arguments>]\n"
                        "  asynclint merge [-o <file>] [--quiet] <report>...\n\n"
                        "Without sources, every file of the compilation database is analysed.\n"
                        "Exit status: 0 no findings, 1 findings, 2 usage or configuration error,\n"
                        "3 some translation unit could not be analysed.\n";

int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "asynclint") << Message << "\n";
  return ExitUsage;
}

std::string currentDirectory() {
  llvm::SmallString<256> Dir;
  (void)llvm::sys::fs::current_path(Dir);
  return std::string(Dir);
}

/// The git work tree around the working directory (a `.git` directory or
/// file), else the working directory: what GitHub and GitLab map report
/// paths onto, wherever asynclint runs from.
std::string defaultSourceRoot() {
  std::string Here = currentDirectory();
  for (llvm::StringRef Dir = Here; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
  }
  return Here;
}

int listChecks(const TidySettings &Settings, llvm::StringRef File) {
  llvm::outs() << "Enabled checks:\n";
  for (const std::string &Name : enabledChecks(Settings, File)) {
    llvm::outs() << "    " << Name;
    if (const RuleInfo *Rule = findRule(Name))
      llvm::outs() << "  " << Rule->Summary;
    llvm::outs() << "\n";
  }
  return ExitClean;
}

int explain(llvm::StringRef Check) {
  const RuleInfo *Rule = findRule(Check);
  if (!Rule) {
    std::string Known;
    for (const RuleInfo &R : rules())
      Known += " " + R.Id.str();
    return usageError("unknown check '" + Check + "'; known:" + Known);
  }
  llvm::StringRef Doc = ruleDocumentation(*Rule);
  llvm::outs() << (Doc.empty() ? Rule->Description : Doc) << "\n";
  return ExitClean;
}

/// Where the compile commands come from, as the user asked: the arguments
/// after `--`, the build directory of -p, or the closest directory above the
/// first source (or the working directory) with a compilation database.
llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadDatabase(const Options &O, std::unique_ptr<CompilationDatabase> Fixed,
             const std::vector<std::string> &Sources, std::string &DatabaseDir) {
  if (Fixed)
    return std::move(Fixed);
  std::unique_ptr<CompilationDatabase> DB;
  if (!O.BuildPath.empty()) {
    llvm::SmallString<256> Dir(absolutePath(O.BuildPath));
    if (!llvm::sys::fs::is_directory(Dir) && llvm::sys::fs::exists(Dir))
      Dir = llvm::sys::path::parent_path(Dir);
    auto Loaded = loadCompilationDatabaseIn(Dir);
    if (!Loaded)
      return Loaded.takeError();
    if (!*Loaded)
      return llvm::createStringError(std::errc::no_such_file_or_directory,
                                     "no compile_commands.json in '%s'", O.BuildPath.c_str());
    DB = std::move(*Loaded);
    DatabaseDir = std::string(Dir);
  } else {
    std::string Start = Sources.empty() ? currentDirectory() : Sources.front();
    std::string Dir =
        llvm::sys::fs::is_directory(Start) ? Start : llvm::sys::path::parent_path(Start).str();
    for (llvm::StringRef D = Dir; !D.empty() && !DB; D = llvm::sys::path::parent_path(D)) {
      auto Loaded = loadCompilationDatabaseIn(D);
      if (!Loaded)
        return Loaded.takeError();
      DB = std::move(*Loaded);
      if (DB)
        DatabaseDir = D.str();
    }
    if (!DB)
      return llvm::createStringError(
          std::errc::no_such_file_or_directory,
          "no compilation database found (searched for compile_commands.json and "
          "compile_flags.txt upward from '%s'); pass -p <build-dir> or compiler arguments "
          "after --",
          Dir.c_str());
  }
  // Headers and new files get the command of their closest sibling.
  return inferMissingCompileCommands(std::move(DB));
}

/// Writes the report in the chosen format; says on standard error what a
/// format had to leave out.
void writeReport(const Options &O, const RunReport &Report, llvm::raw_ostream &OS, bool Color) {
  Format Chosen = O.OutputFormat;
  switch (Chosen) {
  case Format::Text:
    return writeText(Report, OS, Color);
  case Format::Sarif: {
    SarifLimits Limits;
    Limits.MaxResults = O.SarifMaxResults;
    if (size_t LeftOut = writeSarif(Report, OS, Limits))
      llvm::WithColor::warning(llvm::errs(), "asynclint")
          << "the SARIF report leaves out " << LeftOut << " of " << Report.Findings.size()
          << " results, the least severe first, to stay within GitHub code scanning's "
             "limits (--sarif-max-results)\n";
    return;
  }
  case Format::Json:
    return writeJson(Report, OS);
  case Format::Github:
    return writeGithub(Report, OS);
  case Format::CodeQuality:
    return writeCodeQuality(Report, OS);
  }
}

int verifyConfiguration(const TidySettings &Settings, const std::vector<std::string> &Files);

/// The modes that answer a question and analyse nothing (--explain,
/// --list-apis, --list-checks, --dump-config, --verify-config): their exit
/// status, or none.
std::optional<int> answerQuestion(const Options &O, const TidySettings &Settings,
                                  const std::vector<std::string> &Sources) {
  if (!O.Explain.empty())
    return explain(O.Explain);
  if (O.ListApis) {
    if (auto Err = listApis(Catalog::builtin(), O.Framework, O.Role, llvm::outs()))
      return usageError(llvm::toString(std::move(Err)));
    return ExitClean;
  }
  std::string FirstFile = Sources.empty() ? currentDirectory() + "/x.cpp" : Sources.front();
  if (O.ListChecks)
    return listChecks(Settings, FirstFile);
  if (O.DumpConfig) {
    llvm::outs() << dumpConfiguration(Settings, FirstFile);
    return ExitClean;
  }
  if (O.VerifyConfig)
    return verifyConfiguration(Settings,
                               Sources.empty() ? std::vector<std::string>{FirstFile} : Sources);
  return std::nullopt;
}

/// clang-tidy's --verify-config: the review of the configuration, with its
/// warnings counted as errors.
int verifyConfiguration(const TidySettings &Settings, const std::vector<std::string> &Files) {
  auto Warnings = validateConfiguration(Settings, Files);
  if (!Warnings)
    return usageError(llvm::toString(Warnings.takeError()));
  for (const std::string &Warning : *Warnings)
    llvm::WithColor::error(llvm::errs(), "asynclint") << Warning << "\n";
  if (!Warnings->empty())
    return ExitUsage;
  llvm::outs() << "No config errors detected.\n";
  return ExitClean;
}

/// What the summary line counts besides the findings.
struct Summary {
  size_t Fixable = 0;
  size_t Fixed = 0;
  size_t SuppressedByNolint = 0;
  size_t HiddenByBaseline = 0;
  size_t HiddenInTestCode = 0;
  size_t FromCache = 0;
  size_t Unaffected = 0;
};

std::string counted(size_t N, llvm::StringRef One, llvm::StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

void printSummary(const RunReport &Report, const Summary &Counts, bool Fixing) {
  llvm::errs() << "asynclint: " << counted(Report.Findings.size(), "finding", "findings") << " in "
               << counted(Report.Files.size(), "translation unit", "translation units");
  if (Fixing)
    llvm::errs() << " (" << Counts.Fixed << " fixed)";
  else if (Counts.Fixable)
    llvm::errs() << " (" << Counts.Fixable << " fixable with --fix)";
  if (!Report.Failures.empty())
    llvm::errs() << "; " << Report.Failures.size() << " could not be analysed";
  if (Counts.SuppressedByNolint)
    llvm::errs() << "; " << Counts.SuppressedByNolint << " suppressed by NOLINT";
  if (Counts.HiddenByBaseline)
    llvm::errs() << "; " << Counts.HiddenByBaseline << " hidden by the baseline";
  if (Counts.HiddenInTestCode)
    llvm::errs() << "; " << counted(Counts.HiddenInTestCode, "finding", "findings")
                 << " in test code not shown (option ReportTestCode shows them)";
  if (Counts.Unaffected)
    llvm::errs() << "; " << counted(Counts.Unaffected, "unit", "units")
                 << " the change does not affect not analysed";
  if (Counts.FromCache)
    llvm::errs() << "; " << Counts.FromCache << " of the units unchanged, from the cache";
  llvm::errs() << "\n";
}

/// The sources named on the command line that can be analysed; the others
/// are failures of their own, and the rest is still analysed.
void collectSources(const Options &O, std::vector<std::string> &Sources,
                    std::vector<UnitResult> &Missing) {
  for (const std::string &S : O.Sources) {
    UnitResult Bad;
    if (!llvm::sys::fs::exists(S))
      Bad.Failure = "no such file";
    else if (llvm::sys::fs::is_directory(S))
      Bad.Failure = "a directory, not a source file";
    if (Bad.Failure.empty()) {
      Sources.push_back(absolutePath(S));
      continue;
    }
    Bad.File = absolutePath(S);
    Missing.push_back(std::move(Bad));
  }
}

/// The cache of results for this run: in --cache-dir, else beside the
/// compilation database; none with --no-cache or when neither is known.
void setUpCache(const Options &O, llvm::StringRef DatabaseDir, const char *Argv0, Plan &P) {
  if (O.NoCache || (O.CacheDir.empty() && DatabaseDir.empty()))
    return;
  llvm::SmallString<256> Dir(O.CacheDir.empty() ? DatabaseDir.str() : absolutePath(O.CacheDir));
  if (O.CacheDir.empty())
    llvm::sys::path::append(Dir, DefaultCacheDirectory);
  ResultCache Cache(std::string(Dir), toolIdentity(Argv0, reinterpret_cast<void *>(&runDriver)));
  if (auto Err = Cache.prepare()) {
    llvm::WithColor::warning(llvm::errs(), "asynclint")
        << llvm::toString(std::move(Err)) << "; every unit is analysed\n";
    return;
  }
  P.Cache.emplace(std::move(Cache));
}

/// The compile command of every source, the configuration checked, and the
/// outputs known to be writable: everything that can fail before analysis.
llvm::Error plan(const Options &O, std::unique_ptr<CompilationDatabase> Fixed, const char *Argv0,
                 Plan &P) {
  bool NothingToAnalyse = !O.Sources.empty() && P.Sources.empty();
  if (Fixed && O.Sources.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "no source files given before '--'");
  std::unique_ptr<CompilationDatabase> DB;
  if (!NothingToAnalyse) {
    std::string DatabaseDir;
    auto Loaded = loadDatabase(O, std::move(Fixed), P.Sources, DatabaseDir);
    if (!Loaded)
      return Loaded.takeError();
    DB = std::move(*Loaded);
    if (!O.NoFacts && (!O.FactsDir.empty() || !DatabaseDir.empty())) {
      llvm::SmallString<256> Dir(O.FactsDir.empty() ? DatabaseDir : absolutePath(O.FactsDir));
      if (O.FactsDir.empty())
        llvm::sys::path::append(Dir, DefaultFactsDirectory);
      P.Facts.emplace(std::string(Dir));
      P.Settings.FactsDirectory = std::string(Dir);
    }
    setUpCache(O, DatabaseDir, Argv0, P);
    for (llvm::StringRef Name : {"compile_commands.json", "compile_flags.txt"}) {
      llvm::SmallString<256> File(DatabaseDir);
      llvm::sys::path::append(File, Name);
      P.OtherInputs.push_back(std::string(File));
    }
  }
  if (DB && P.Sources.empty()) {
    P.Sources = analysableSources(*DB);
  }
  if (!O.ChangedSince.empty()) {
    if (O.LineFilter.getNumOccurrences())
      return llvm::createStringError(std::errc::invalid_argument,
                                     "--changed-since and --line-filter cannot be combined");
    auto Changes = ChangedLines::since(O.ChangedSince, currentDirectory());
    if (!Changes)
      return llvm::createStringError(std::errc::invalid_argument, "--changed-since: %s",
                                     llvm::toString(Changes.takeError()).c_str());
    P.Changes = std::move(*Changes);
  }
  if (!O.Shard.empty()) {
    auto Shard = parseShard(O.Shard);
    if (!Shard)
      return Shard.takeError();
    P.Sources = unitsOfShard(std::move(P.Sources), *Shard);
  }

  if (DB)
    for (const std::string &File : DB->getAllFiles())
      P.AllUnits.push_back(absolutePath(File));
  if (P.Facts)
    if (auto Err = P.Facts->prepare()) {
      llvm::WithColor::warning(llvm::errs(), "asynclint")
          << llvm::toString(std::move(Err))
          << "; calls across translation units are not followed\n";
      P.Facts.reset();
      P.Settings.FactsDirectory.reset();
    }

  auto ConfigWarnings = validateConfiguration(P.Settings, P.Sources);
  if (!ConfigWarnings)
    return ConfigWarnings.takeError();
  for (const std::string &Warning : *ConfigWarnings)
    llvm::WithColor::warning(llvm::errs(), "asynclint") << Warning << "\n";
  // Turning everything off is allowed, and said: an empty report should not
  // pass for a clean one.
  if (P.Settings.Checks && !O.AllowNoChecks && !P.Sources.empty() &&
      llvm::all_of(P.Sources, [&](const std::string &File) {
        return enabledChecks(P.Settings, File).empty();
      }))
    llvm::errs() << "asynclint: no checks are enabled: --checks='" << *P.Settings.Checks
                 << "' turns every check off\n";
  if (!O.Baseline.empty())
    P.OtherInputs.push_back(O.Baseline);
  if (P.Settings.ConfigFile)
    P.OtherInputs.push_back(*P.Settings.ConfigFile);
  for (const std::string *Path : {&O.OutputFile.getValue(), &O.ExportFixes.getValue()})
    if (!Path->empty()) {
      if (auto Err = checkNotAnInput(*Path, P.Sources, P.OtherInputs))
        return Err;
      if (auto Err = checkWritable(*Path))
        return Err;
    }
  if (!O.Baseline.empty()) {
    auto Keys = readBaseline(O.Baseline);
    if (!Keys)
      return Keys.takeError();
    P.BaselineKeys = std::move(*Keys);
  }

  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  if (P.Cache) {
    auto Made = makeOptionsProvider(P.Settings);
    if (!Made)
      return Made.takeError();
    Provider = std::move(*Made);
  }
  for (const std::string &File : P.Sources) {
    std::vector<CompileCommand> Commands = DB->getCompileCommands(File);
    if (Commands.empty()) {
      UnitResult R;
      R.File = File;
      R.Failure = "no compile command for this file";
      P.Missing.push_back(R);
      continue;
    }
    AnalysisRequest Request;
    Request.Command = Commands.front();
    Request.Settings = P.Settings;
    Request.CollectFixes = true; // reports carry fix-its even without --fix
    Request.RecordInputs = P.Cache.has_value();
    if (P.Facts) {
      Request.FactsFile = P.Facts->unitFile(File);
      Request.FactsUnit = File;
    }
    if (P.Cache)
      P.CacheKeys.push_back(
          P.Cache->keyOf(Request.Command, configurationKey(*Provider, P.Settings, File)));
    P.Requests.push_back(std::move(Request));
  }
  return llvm::Error::success();
}

/// Paths as they lie under a source root, whichever symlinks the working
/// directory or the compilation database went through: a report made from
/// a symlinked checkout names files as one made from the real one, with the
/// same fingerprints. A path outside the root is left as it is.
class RootedPaths {
public:
  explicit RootedPaths(const std::string &Root) {
    llvm::SmallString<256> Real;
    this->Root = llvm::sys::fs::real_path(Root, Real) ? Root : std::string(Real);
  }
  const std::string &root() const { return Root; }

  void apply(std::string &Path) {
    if (isUnderRoot(Path) || Path.empty())
      return;
    llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
    auto [It, New] = RealDirs.try_emplace(Dir);
    if (New) {
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(Dir, Real))
        It->second = std::string(Real);
    }
    if (It->second.empty())
      return;
    llvm::SmallString<256> Candidate(It->second);
    llvm::sys::path::append(Candidate, llvm::sys::path::filename(Path));
    if (isUnderRoot(Candidate))
      Path = std::string(Candidate);
  }
  void apply(Finding &F) {
    apply(F.Where.File);
    for (Note &N : F.Notes)
      apply(N.Where.File);
    for (Replacement &R : F.Fixes)
      apply(R.File);
  }

private:
  bool isUnderRoot(llvm::StringRef Path) const {
    return Path.starts_with(Root) && (Path.size() == Root.size() || Path[Root.size()] == '/' ||
                                      llvm::StringRef(Root).ends_with("/"));
  }
  std::string Root;
  llvm::StringMap<std::string> RealDirs;
};

/// The units' findings as one report: sorted, each place and rule once,
/// fingerprinted, without what the baseline already knows.
RunReport assemble(const Options &O, std::vector<UnitResult> Units,
                   const std::set<std::string> &BaselineKeys, const ChangedLines *Changes,
                   Summary &Counts) {
  RunReport Report;
  RootedPaths Rooted(O.SourceRoot.empty() ? defaultSourceRoot() : absolutePath(O.SourceRoot));
  Report.SourceRoot = Rooted.root();
  // Where the text report's relative paths start: the real directory, as
  // the paths were made real above.
  llvm::SmallString<256> RealHere;
  Report.WorkingDirectory = llvm::sys::fs::real_path(currentDirectory(), RealHere)
                                ? currentDirectory()
                                : std::string(RealHere);
  std::vector<Finding> InTestCode;
  for (UnitResult &U : Units) {
    Rooted.apply(U.File);
    for (auto *List : {&U.Findings, &U.InTestCode, &U.CompilerErrors})
      for (Finding &F : *List)
        Rooted.apply(F);
    Report.Files.push_back(U.File);
    Counts.SuppressedByNolint += U.SuppressedByNolint;
    for (Finding &F : U.Findings)
      Report.Findings.push_back(std::move(F));
    for (Finding &F : U.InTestCode)
      InTestCode.push_back(std::move(F));
    if (U.failed())
      Report.Failures.push_back(std::move(U));
  }
  if (Changes) {
    auto Unchanged = [&](const Finding &F) {
      return !Changes->changed(F.Where.File, F.Where.Line);
    };
    llvm::erase_if(Report.Findings, Unchanged);
    llvm::erase_if(InTestCode, Unchanged);
  }
  llvm::sort(Report.Findings);
  Report.Findings.erase(std::unique(Report.Findings.begin(), Report.Findings.end(), sameFinding),
                        Report.Findings.end());
  llvm::sort(InTestCode);
  Counts.HiddenInTestCode = static_cast<size_t>(std::distance(
      InTestCode.begin(), std::unique(InTestCode.begin(), InTestCode.end(), sameFinding)));
  llvm::sort(Report.Failures,
             [](const UnitResult &A, const UnitResult &B) { return A.File < B.File; });
  assignFingerprints(Report.Findings, Report.SourceRoot);
  size_t Found = Report.Findings.size();
  if (!BaselineKeys.empty())
    llvm::erase_if(Report.Findings, [&](const Finding &F) { return inBaseline(F, BaselineKeys); });
  Counts.HiddenByBaseline = Found - Report.Findings.size();
  Counts.Fixable = static_cast<size_t>(
      llvm::count_if(Report.Findings, [](const Finding &F) { return !F.Fixes.empty(); }));
  return Report;
}

/// Fixes, the report and the summary; the exit status.
int deliver(const Options &O, const RunReport &Report, const std::vector<std::string> &Sources,
            Summary &Counts) {
  if (!O.ExportFixes.empty())
    if (auto Err = writeAtomically(O.ExportFixes, [&](llvm::raw_ostream &OS) {
          exportFixes(Report.Findings, Sources.empty() ? "" : Sources.front(), OS);
        }))
      return usageError(llvm::toString(std::move(Err)));
  if (O.Fix) {
    auto Applied = applyFixes(Report.Findings);
    if (!Applied)
      return usageError(llvm::toString(Applied.takeError()));
    Counts.Fixed = static_cast<size_t>(llvm::count(*Applied, true));
  }

  if (O.OutputFile.empty()) {
    writeReport(O, Report, llvm::outs(), useColor(O));
    llvm::outs().flush();
    // A report that did not reach its reader is no report (a full disk
    // behind a redirection): never the status of a run with findings.
    if (llvm::outs().has_error()) {
      std::error_code EC = llvm::outs().error();
      llvm::outs().clear_error();
      return usageError("cannot write the report to standard output: " + EC.message());
    }
  } else if (auto Err = writeAtomically(
                 O.OutputFile, [&](llvm::raw_ostream &OS) { writeReport(O, Report, OS, false); })) {
    return usageError(llvm::toString(std::move(Err)));
  }

  if (!O.Quiet)
    printSummary(Report, Counts, O.Fix);
  if (!Report.Failures.empty())
    return ExitIncomplete;
  // With --fix, what was fixed no longer counts.
  bool Errors = llvm::any_of(Report.Findings, [](const Finding &F) { return F.Level == "error"; });
  if (Report.Findings.size() == Counts.Fixed || (O.ExitZero && !Errors))
    return ExitClean;
  return ExitFindings;
}

} // namespace

int runDriver(int Argc, const char **Argv) {
  if (Argc > 1 && llvm::StringRef(Argv[1]) == "merge")
    return runMerge(llvm::ArrayRef(Argv + 2, Argv + Argc));
  // Everything after "--" belongs to the compiler, as in every Tooling tool.
  int ToolArgc = Argc;
  std::string FixedError;
  std::unique_ptr<CompilationDatabase> Fixed =
      FixedCompilationDatabase::loadFromCommandLine(ToolArgc, Argv, FixedError, currentDirectory());
  if (!FixedError.empty())
    return usageError("invalid compiler arguments after '--': " +
                      llvm::StringRef(FixedError).trim());

  Options O;
  cl::HideUnrelatedOptions(toolCategory());
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "asynclint " << ASYNCLINT_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  std::string ParseErrors;
  llvm::raw_string_ostream ParseErrorStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(ToolArgc, Argv, Overview, &ParseErrorStream)) {
    llvm::errs() << ParseErrorStream.str();
    return ExitUsage;
  }

  Plan P;
  P.Settings = settingsFrom(O);
  if (auto Provider = makeOptionsProvider(P.Settings); !Provider)
    return usageError(llvm::toString(Provider.takeError()));
  if (!O.SourceRoot.empty() && !llvm::sys::fs::is_directory(O.SourceRoot))
    return usageError("--source-root '" + O.SourceRoot + "' is not a directory");
  collectSources(O, P.Sources, P.Missing);
  if (std::optional<int> Answered = answerQuestion(O, P.Settings, P.Sources))
    return *Answered;

  if (auto Err = plan(O, std::move(Fixed), Argv[0], P))
    return usageError(llvm::toString(std::move(Err)));

  WorkerSettings Workers;
  Workers.Jobs = O.JobsShort.getNumOccurrences() ? O.JobsShort.getValue() : O.Jobs.getValue();
  if (Workers.Jobs == 0)
    Workers.Jobs = llvm::hardware_concurrency().compute_thread_count();
  if (O.Progress)
    Workers.Progress = ProgressStyle::Lines;
  else if (!O.Quiet && llvm::sys::Process::StandardErrIsDisplayed())
    Workers.Progress = ProgressStyle::Terminal;
  Workers.TimeoutSeconds = O.UnitTimeout;
  Workers.MemoryMiB = O.UnitMemory;
  Summary Counts;
  Counts.Unaffected = keepUnitsAffectedByChanges(P);
  std::vector<UnitResult> Units = analyzeUnits(P, Workers, Counts.FromCache);
  Units.insert(Units.end(), P.Missing.begin(), P.Missing.end());

  RunReport Report =
      assemble(O, std::move(Units), P.BaselineKeys, P.Changes ? &*P.Changes : nullptr, Counts);
  return deliver(O, Report, P.Sources, Counts);
}

} // namespace asynclint
