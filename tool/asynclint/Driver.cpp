#include "Driver.h"
#include "ApiListing.h"
#include "Docs.h"
#include "Output.h"
#include "Reports.h"
#include "TidyOptions.h"
#include "Workers.h"
#include "checks/Rules.h"
#include "checks/catalog/Catalog.h"
#include "checks/utils/OptionLists.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"

using namespace clang::tooling;
namespace cl = llvm::cl;

namespace asynclint {
namespace {

cl::OptionCategory ToolCategory("asynclint options");

const char Overview[] =
    "asynclint finds misuse of C++20 coroutines: blocking calls, and more.\n\n"
    "  asynclint [options] <source>... [-- <compiler arguments>]\n\n"
    "Without sources, every file of the compilation database is analysed.\n"
    "Exit status: 0 no findings, 1 findings, 2 usage or configuration error,\n"
    "3 some translation unit could not be analysed.\n";

enum class Format { Text, Sarif, Json, Github, CodeQuality };

struct Options {
  cl::list<std::string> Sources{cl::Positional, cl::desc("<source>..."),
                                cl::cat(ToolCategory)};
  cl::opt<std::string> BuildPath{
      "p", cl::desc("Build directory holding compile_commands.json"),
      cl::value_desc("dir"), cl::cat(ToolCategory)};
  cl::opt<std::string> Checks{
      "checks", cl::desc("Checks to run, in clang-tidy glob syntax (default: async-*)"),
      cl::value_desc("globs"), cl::cat(ToolCategory)};
  cl::opt<std::string> Config{
      "config", cl::desc("Configuration in YAML, as clang-tidy's --config"),
      cl::value_desc("yaml"), cl::cat(ToolCategory)};
  cl::opt<std::string> ConfigFile{
      "config-file", cl::desc("Read the configuration from this YAML file"),
      cl::value_desc("path"), cl::cat(ToolCategory)};
  cl::opt<std::string> HeaderFilter{
      "header-filter",
      cl::desc("Regular expression of the headers to report findings in "
               "(default: .*, every non-system header, as clang-tidy)"),
      cl::value_desc("regex"), cl::cat(ToolCategory)};
  cl::opt<std::string> ExcludeHeaderFilter{
      "exclude-header-filter",
      cl::desc("Regular expression of headers not to report findings in, "
               "even when --header-filter matches them"),
      cl::value_desc("regex"), cl::cat(ToolCategory)};
  cl::opt<std::string> WarningsAsErrors{
      "warnings-as-errors",
      cl::desc("Checks whose findings are errors (globs, as clang-tidy's "
               "WarningsAsErrors); added to the configuration's"),
      cl::value_desc("globs"), cl::cat(ToolCategory)};
  cl::opt<std::string> SourceRoot{
      "source-root",
      cl::desc("Directory that paths in SARIF, JSON, GitHub and Code Quality "
               "reports, and fingerprints, are relative to (default: the git "
               "work tree around the working directory, else the working "
               "directory)"),
      cl::value_desc("dir"), cl::cat(ToolCategory)};
  cl::opt<bool> ExitZero{
      "exit-zero",
      cl::desc("Exit 0 when there are findings, unless some are errors "
               "(WarningsAsErrors); usage errors and incomplete analyses "
               "still exit 2 and 3"),
      cl::cat(ToolCategory)};
  cl::opt<bool> SystemHeaders{"system-headers",
                              cl::desc("Report findings in system headers"),
                              cl::cat(ToolCategory)};
  cl::opt<Format> OutputFormat{
      "format", cl::desc("Report format"), cl::init(Format::Text),
      cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics"),
                 clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
                 clEnumValN(Format::Json, "json", "asynclint's JSON report"),
                 clEnumValN(Format::Github, "github", "GitHub workflow annotations"),
                 clEnumValN(Format::CodeQuality, "codequality",
                            "GitLab Code Quality report")),
      cl::cat(ToolCategory)};
  cl::opt<std::string> OutputFile{"output",
                                  cl::desc("Write the report to this file"),
                                  cl::value_desc("file"), cl::cat(ToolCategory)};
  cl::alias OutputAlias{"o", cl::desc("Alias for --output"),
                        cl::aliasopt(OutputFile), cl::cat(ToolCategory)};
  cl::opt<unsigned> Jobs{"jobs",
                         cl::desc("Translation units analysed in parallel "
                                  "(default: all cores)"),
                         cl::init(0), cl::cat(ToolCategory)};
  // A separate option rather than an alias: `-j2` needs cl::Prefix.
  cl::opt<unsigned> JobsShort{"j", cl::desc("Alias for --jobs"), cl::init(0),
                              cl::Prefix, cl::cat(ToolCategory)};
  cl::opt<bool> Fix{"fix", cl::desc("Apply the suggested fixes"),
                    cl::cat(ToolCategory)};
  cl::opt<std::string> ExportFixes{
      "export-fixes", cl::desc("Write the fixes as clang-tidy YAML to this file"),
      cl::value_desc("file"), cl::cat(ToolCategory)};
  cl::opt<std::string> Baseline{
      "baseline", cl::desc("Report only findings absent from this SARIF report"),
      cl::value_desc("sarif"), cl::cat(ToolCategory)};
  cl::opt<bool> ListChecks{"list-checks", cl::desc("List the enabled checks"),
                           cl::cat(ToolCategory)};
  cl::opt<std::string> Explain{"explain", cl::desc("Show the documentation of a check"),
                               cl::value_desc("check"), cl::cat(ToolCategory)};
  cl::opt<bool> ListApis{"list-apis",
                         cl::desc("List the catalogued APIs of every framework"),
                         cl::cat(ToolCategory)};
  cl::opt<std::string> Framework{
      "framework", cl::desc("With --list-apis: only these frameworks (comma-separated ids)"),
      cl::value_desc("ids"), cl::cat(ToolCategory)};
  cl::opt<std::string> Role{
      "role",
      cl::desc("With --list-apis: only these roles (blocking, offload, spawner, "
               "combinator, race, timer, deadline, external-wait, "
               "scheduling-point, cancellation, dedicated-executor, error-value, scheduler)"),
      cl::value_desc("roles"), cl::cat(ToolCategory)};
  cl::opt<bool> Progress{"progress", cl::desc("Report progress on stderr"),
                         cl::cat(ToolCategory)};
};

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
  return S;
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

/// Where the compile commands come from, as the user asked.
llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadDatabase(const Options &O, llvm::ArrayRef<std::string> CompilerArgs,
             bool HasDoubleDash, const std::vector<std::string> &Sources) {
  std::string Error;
  std::unique_ptr<CompilationDatabase> DB;
  if (HasDoubleDash) {
    std::vector<std::string> Args(CompilerArgs.begin(), CompilerArgs.end());
    DB = std::make_unique<FixedCompilationDatabase>(currentDirectory(), Args);
    return DB;
  }
  std::string Where;
  if (!O.BuildPath.empty()) {
    llvm::SmallString<256> Path(absolute(O.BuildPath));
    if (!llvm::sys::fs::is_directory(Path) && llvm::sys::fs::exists(Path))
      Path = llvm::sys::path::parent_path(Path);
    llvm::sys::path::append(Path, "compile_commands.json");
    Where = std::string(Path);
    if (!llvm::sys::fs::exists(Path))
      return llvm::createStringError(
          std::errc::no_such_file_or_directory,
          "no compile_commands.json in '%s'", O.BuildPath.c_str());
    DB = JSONCompilationDatabase::loadFromFile(Path, Error,
                                               JSONCommandLineSyntax::AutoDetect);
  } else {
    std::string Start = Sources.empty() ? currentDirectory() : Sources.front();
    std::string Dir = llvm::sys::fs::is_directory(Start)
                          ? Start
                          : llvm::sys::path::parent_path(Start).str();
    for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
      llvm::SmallString<256> Candidate(D);
      llvm::sys::path::append(Candidate, "compile_commands.json");
      if (llvm::sys::fs::exists(Candidate)) {
        Where = std::string(Candidate);
        DB = JSONCompilationDatabase::loadFromFile(
            Candidate, Error, JSONCommandLineSyntax::AutoDetect);
        break;
      }
    }
    if (Where.empty())
      return llvm::createStringError(
          std::errc::no_such_file_or_directory,
          "no compilation database found (searched for compile_commands.json "
          "upward from '%s'); pass -p <build-dir> or compiler arguments after --",
          Dir.c_str());
  }
  if (!DB)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "cannot load compilation database '%s': %s",
                                   Where.c_str(), Error.c_str());
  if (DB->getAllCompileCommands().empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "compilation database '%s' has no entries",
                                   Where.c_str());
  // Headers and new files get the command of their closest sibling.
  return inferMissingCompileCommands(std::move(DB));
}

void writeReport(Format F, const RunReport &Report, llvm::raw_ostream &OS,
                 bool Colour) {
  switch (F) {
  case Format::Text:
    return writeText(Report, OS, Colour);
  case Format::Sarif:
    return writeSarif(Report, OS);
  case Format::Json:
    return writeJson(Report, OS);
  case Format::Github:
    return writeGithub(Report, OS);
  case Format::CodeQuality:
    return writeCodeQuality(Report, OS);
  }
}

} // namespace

int runDriver(int Argc, const char **Argv) {
  // Everything after "--" belongs to the compiler.
  std::vector<const char *> ToolArgs;
  std::vector<std::string> CompilerArgs;
  bool HasDoubleDash = false;
  for (int I = 0; I < Argc; ++I) {
    if (!HasDoubleDash && llvm::StringRef(Argv[I]) == "--") {
      HasDoubleDash = true;
      continue;
    }
    if (HasDoubleDash)
      CompilerArgs.emplace_back(Argv[I]);
    else
      ToolArgs.push_back(Argv[I]);
  }

  Options O;
  cl::HideUnrelatedOptions(ToolCategory);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "asynclint " << ASYNCLINT_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  std::string ParseErrors;
  llvm::raw_string_ostream ParseErrorStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(static_cast<int>(ToolArgs.size()), ToolArgs.data(), Overview,
                                   &ParseErrorStream)) {
    llvm::errs() << ParseErrorStream.str();
    return ExitUsage;
  }

  TidySettings Settings = settingsFrom(O);
  if (auto Provider = makeOptionsProvider(Settings); !Provider)
    return usageError(llvm::toString(Provider.takeError()));

  if (!O.Explain.empty())
    return explain(O.Explain);
  if (O.ListApis) {
    auto Cat = Catalog::builtin();
    if (!Cat)
      return usageError(llvm::toString(Cat.takeError()));
    if (auto Err = listApis(*Cat, O.Framework, O.Role, llvm::outs()))
      return usageError(llvm::toString(std::move(Err)));
    return ExitClean;
  }

  // A named file that cannot be analysed is a failure of that input; the
  // others are still analysed.
  if (!O.SourceRoot.empty() && !llvm::sys::fs::is_directory(O.SourceRoot))
    return usageError("--source-root '" + O.SourceRoot + "' is not a directory");
  std::vector<std::string> Sources;
  std::vector<UnitResult> Missing;
  for (const std::string &S : O.Sources) {
    UnitResult Bad;
    if (!llvm::sys::fs::exists(S))
      Bad.Failure = "no such file";
    else if (llvm::sys::fs::is_directory(S))
      Bad.Failure = "a directory, not a source file";
    if (Bad.Failure.empty()) {
      Sources.push_back(absolute(S));
      continue;
    }
    Bad.File = absolute(S);
    Missing.push_back(std::move(Bad));
  }
  bool NothingToAnalyse = !O.Sources.empty() && Sources.empty();
  if (O.ListChecks)
    return listChecks(Settings, Sources.empty() ? currentDirectory() + "/x.cpp"
                                                : Sources.front());

  if (HasDoubleDash && O.Sources.empty())
    return usageError("no source files given before '--'");
  std::unique_ptr<CompilationDatabase> DB;
  if (!NothingToAnalyse) {
    auto Loaded = loadDatabase(O, CompilerArgs, HasDoubleDash, Sources);
    if (!Loaded)
      return usageError(llvm::toString(Loaded.takeError()));
    DB = std::move(*Loaded);
  }
  if (DB && Sources.empty()) {
    // Assembly sources share the database with the C++ ones; there is
    // nothing in them to analyse.
    for (const std::string &File : DB->getAllFiles())
      if (!llvm::is_contained({".s", ".S", ".sx", ".asm"}, llvm::sys::path::extension(File)))
        Sources.push_back(absolute(File));
    llvm::sort(Sources);
    Sources.erase(std::unique(Sources.begin(), Sources.end()), Sources.end());
  }

  if (auto Err = validateConfiguration(Settings, Sources))
    return usageError(llvm::toString(std::move(Err)));
  // Turning everything off is allowed, and said: an empty report should not
  // pass for a clean one.
  if (Settings.Checks && !Sources.empty() &&
      llvm::all_of(Sources, [&](const std::string &File) {
        return enabledChecks(Settings, File).empty();
      }))
    llvm::errs() << "asynclint: no checks are enabled: --checks='" << *Settings.Checks
                 << "' turns every check off\n";
  for (const std::string *Path : {&O.OutputFile.getValue(), &O.ExportFixes.getValue()})
    if (!Path->empty())
      if (auto Err = checkWritable(*Path))
        return usageError(llvm::toString(std::move(Err)));
  std::set<std::string> BaselineKeys;
  if (!O.Baseline.empty()) {
    auto Keys = readBaseline(O.Baseline);
    if (!Keys)
      return usageError(llvm::toString(Keys.takeError()));
    BaselineKeys = std::move(*Keys);
  }

  std::vector<AnalysisRequest> Requests;
  for (const std::string &File : Sources) {
    std::vector<CompileCommand> Commands = DB->getCompileCommands(File);
    if (Commands.empty()) {
      UnitResult R;
      R.File = File;
      R.Failure = "no compile command for this file";
      Missing.push_back(R);
      continue;
    }
    AnalysisRequest Request;
    Request.Command = Commands.front();
    Request.Settings = Settings;
    Request.CollectFixes = true; // reports carry fix-its even without --fix
    Requests.push_back(std::move(Request));
  }

  unsigned Jobs = O.JobsShort.getNumOccurrences() ? O.JobsShort.getValue()
                                                  : O.Jobs.getValue();
  if (Jobs == 0)
    Jobs = llvm::hardware_concurrency().compute_thread_count();
  std::string Self = llvm::sys::fs::getMainExecutable(
      Argv[0], reinterpret_cast<void *>(&runDriver));
  bool Progress = O.Progress;
  std::vector<UnitResult> Units = runInWorkers(Self, Requests, Jobs, Progress);
  Units.insert(Units.end(), Missing.begin(), Missing.end());

  RunReport Report;
  Report.SourceRoot = O.SourceRoot.empty() ? defaultSourceRoot() : absolute(O.SourceRoot);
  Report.WorkingDirectory = currentDirectory();
  std::vector<Finding> InTestCode;
  for (UnitResult &U : Units) {
    Report.Files.push_back(U.File);
    for (Finding &F : U.Findings)
      Report.Findings.push_back(std::move(F));
    for (Finding &F : U.InTestCode)
      InTestCode.push_back(std::move(F));
    if (U.failed())
      Report.Failures.push_back(std::move(U));
  }
  llvm::sort(Report.Findings);
  Report.Findings.erase(std::unique(Report.Findings.begin(), Report.Findings.end(),
                                    sameFinding),
                        Report.Findings.end());
  llvm::sort(InTestCode);
  InTestCode.erase(std::unique(InTestCode.begin(), InTestCode.end(), sameFinding),
                   InTestCode.end());
  llvm::sort(Report.Failures, [](const UnitResult &A, const UnitResult &B) {
    return A.File < B.File;
  });
  assignFingerprints(Report.Findings, Report.SourceRoot);
  if (!BaselineKeys.empty())
    llvm::erase_if(Report.Findings, [&](const Finding &F) {
      return inBaseline(F, BaselineKeys);
    });

  if (!O.ExportFixes.empty())
    if (auto Err = writeAtomically(O.ExportFixes, [&](llvm::raw_ostream &OS) {
          exportFixes(Report.Findings, Sources.empty() ? "" : Sources.front(), OS);
        }))
      return usageError(llvm::toString(std::move(Err)));
  if (O.Fix) {
    auto Applied = applyFixes(Report.Findings);
    if (!Applied)
      return usageError(llvm::toString(Applied.takeError()));
    llvm::errs() << "asynclint: applied " << *Applied << " fix"
                 << (*Applied == 1 ? "" : "es") << "\n";
  }

  if (O.OutputFile.empty()) {
    bool Colour = O.OutputFormat == Format::Text &&
                  llvm::sys::Process::StandardOutIsDisplayed();
    writeReport(O.OutputFormat, Report, llvm::outs(), Colour);
    llvm::outs().flush();
  } else if (auto Err = writeAtomically(O.OutputFile, [&](llvm::raw_ostream &OS) {
               writeReport(O.OutputFormat, Report, OS, false);
             })) {
    return usageError(llvm::toString(std::move(Err)));
  }

  llvm::errs() << "asynclint: " << Report.Findings.size() << " finding"
               << (Report.Findings.size() == 1 ? "" : "s") << " in "
               << Report.Files.size() << " translation unit"
               << (Report.Files.size() == 1 ? "" : "s");
  if (!Report.Failures.empty())
    llvm::errs() << "; " << Report.Failures.size() << " could not be analysed";
  if (!InTestCode.empty())
    llvm::errs() << "; " << InTestCode.size() << " finding"
                 << (InTestCode.size() == 1 ? "" : "s")
                 << " in test code not shown (option ReportTestCode shows them)";
  llvm::errs() << "\n";

  if (!Report.Failures.empty())
    return ExitIncomplete;
  bool Errors = llvm::any_of(Report.Findings,
                             [](const Finding &F) { return F.Level == "error"; });
  if (Report.Findings.empty() || (O.ExitZero && !Errors))
    return ExitClean;
  return ExitFindings;
}

} // namespace asynclint
