//===--- CommandLine.h - asynclint's options --------------------*- C++ -*-===//
//
// The options asynclint accepts: its own, and clang-tidy's, with clang-tidy's
// meanings, so that run-clang-tidy and clang-tidy-diff can drive it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_COMMANDLINE_H
#define ASYNCLINT_TOOL_COMMANDLINE_H

#include "config/TidyOptions.h"

#include "llvm/Support/CommandLine.h"

#include <string>

namespace asynclint {

namespace cl = llvm::cl;

/// The category every asynclint option is in; --help shows only these.
cl::OptionCategory &toolCategory();

/// The default of --unit-memory. A sanitizer reserves terabytes of address
/// space for its shadow memory, which any limit on a worker's data would
/// refuse: such builds set none.
constexpr unsigned defaultUnitMemory() {
  constexpr unsigned Limit = 8192;
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) ||                         \
    __has_feature(thread_sanitizer)
  return 0 * Limit;
#endif
#endif
  return Limit;
}

enum class Format { Text, Sarif, Json, Github, CodeQuality };

struct Options {
  cl::list<std::string> Sources{cl::Positional, cl::desc("<source>..."), cl::cat(toolCategory())};
  cl::opt<std::string> BuildPath{"p", cl::desc("Build directory holding compile_commands.json"),
                                 cl::value_desc("dir"), cl::cat(toolCategory())};
  cl::opt<std::string> Checks{
      "checks", cl::desc("Checks to run, in clang-tidy glob syntax (default: async-*)"),
      cl::value_desc("globs"), cl::cat(toolCategory())};
  cl::opt<std::string> Config{"config", cl::desc("Configuration in YAML, as clang-tidy's --config"),
                              cl::value_desc("yaml"), cl::cat(toolCategory())};
  cl::opt<std::string> ConfigFile{"config-file",
                                  cl::desc("Read the configuration from this YAML file"),
                                  cl::value_desc("path"), cl::cat(toolCategory())};
  cl::opt<std::string> HeaderFilter{
      "header-filter",
      cl::desc("Regular expression of the headers to report findings in "
               "(default: .*, every non-system header, as clang-tidy)"),
      cl::value_desc("regex"), cl::cat(toolCategory())};
  cl::opt<std::string> ExcludeHeaderFilter{
      "exclude-header-filter",
      cl::desc("Regular expression of headers not to report findings in, "
               "even when --header-filter matches them"),
      cl::value_desc("regex"), cl::cat(toolCategory())};
  cl::opt<std::string> WarningsAsErrors{
      "warnings-as-errors",
      cl::desc("Checks whose findings are errors (globs, as clang-tidy's "
               "WarningsAsErrors); added to the configuration's"),
      cl::value_desc("globs"), cl::cat(toolCategory())};
  cl::opt<std::string> SourceRoot{
      "source-root",
      cl::desc("Directory that paths in SARIF, JSON, GitHub and Code Quality "
               "reports, and fingerprints, are relative to (default: the git "
               "work tree around the working directory, else the working "
               "directory)"),
      cl::value_desc("dir"), cl::cat(toolCategory())};
  cl::opt<bool> ExitZero{"exit-zero",
                         cl::desc("Exit 0 when there are findings, unless some are errors "
                                  "(WarningsAsErrors); usage errors and incomplete analyses "
                                  "still exit 2 and 3"),
                         cl::cat(toolCategory())};
  cl::opt<bool> SystemHeaders{"system-headers", cl::desc("Report findings in system headers"),
                              cl::cat(toolCategory())};
  cl::opt<Format> OutputFormat{
      "format", cl::desc("Report format"), cl::init(Format::Text),
      cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics"),
                 clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
                 clEnumValN(Format::Json, "json", "asynclint's JSON report"),
                 clEnumValN(Format::Github, "github", "GitHub workflow annotations"),
                 clEnumValN(Format::CodeQuality, "codequality", "GitLab Code Quality report")),
      cl::cat(toolCategory())};
  cl::opt<size_t> SarifMaxResults{
      "sarif-max-results",
      cl::desc("Results a SARIF report keeps at most, the most severe first, and "
               "within 10 MB compressed: GitHub code scanning's limits (default "
               "25000; 0: no limit)"),
      cl::init(25000), cl::cat(toolCategory())};
  cl::opt<std::string> OutputFile{"output", cl::desc("Write the report to this file"),
                                  cl::value_desc("file"), cl::cat(toolCategory())};
  cl::alias OutputAlias{"o", cl::desc("Alias for --output"), cl::aliasopt(OutputFile),
                        cl::cat(toolCategory())};
  cl::opt<unsigned> Jobs{"jobs",
                         cl::desc("Translation units analysed in parallel "
                                  "(default: all cores)"),
                         cl::init(0), cl::cat(toolCategory())};
  // A separate option rather than an alias: `-j2` needs cl::Prefix.
  cl::opt<unsigned> JobsShort{"j", cl::desc("Alias for --jobs"), cl::init(0), cl::Prefix,
                              cl::cat(toolCategory())};
  cl::opt<bool> Fix{"fix", cl::desc("Apply the suggested fixes"), cl::cat(toolCategory())};
  cl::opt<std::string> ExportFixes{"export-fixes",
                                   cl::desc("Write the fixes as clang-tidy YAML to this file"),
                                   cl::value_desc("file"), cl::cat(toolCategory())};
  cl::opt<std::string> Baseline{"baseline",
                                cl::desc("Report only findings absent from this SARIF report"),
                                cl::value_desc("sarif"), cl::cat(toolCategory())};
  cl::opt<std::string> FactsDir{
      "facts-dir",
      cl::desc("Where the facts that async-blocking-call shares across translation units are "
               "kept (default: .asynclint/facts in the directory of compile_commands.json)"),
      cl::value_desc("dir"), cl::cat(toolCategory())};
  cl::opt<bool> NoFacts{"no-facts",
                        cl::desc("Neither read nor write facts shared across translation units"),
                        cl::cat(toolCategory())};
  cl::opt<std::string> CacheDir{
      "cache-dir",
      cl::desc("Where results are kept for the next run, which analyses again only the units "
               "whose inputs changed (default: .asynclint/cache in the directory of "
               "compile_commands.json)"),
      cl::value_desc("dir"), cl::cat(toolCategory())};
  cl::opt<bool> NoCache{"no-cache",
                        cl::desc("Analyse every unit, neither reading nor writing the cache"),
                        cl::cat(toolCategory())};
  cl::opt<std::string> Shard{
      "shard",
      cl::desc("Analyse only part K of N of the units (a stable partition), for a CI matrix; "
               "`asynclint merge` combines the parts' reports"),
      cl::value_desc("K/N"), cl::cat(toolCategory())};
  cl::opt<std::string> ChangedSince{
      "changed-since",
      cl::desc("Report only findings on lines added or changed since this git revision, and "
               "analyse only the units the change can affect"),
      cl::value_desc("revision"), cl::cat(toolCategory())};
  cl::opt<bool> ListChecks{"list-checks", cl::desc("List the enabled checks"),
                           cl::cat(toolCategory())};
  cl::opt<std::string> Explain{"explain", cl::desc("Show the documentation of a check"),
                               cl::value_desc("check"), cl::cat(toolCategory())};
  cl::opt<bool> ListApis{"list-apis", cl::desc("List the catalogued APIs of every framework"),
                         cl::cat(toolCategory())};
  cl::opt<std::string> Framework{
      "framework", cl::desc("With --list-apis: only these frameworks (comma-separated ids)"),
      cl::value_desc("ids"), cl::cat(toolCategory())};
  cl::opt<std::string> Role{
      "role",
      cl::desc(
          "With --list-apis: only these roles (blocking, offload, spawner, "
          "combinator, race, timer, deadline, external-wait, "
          "scheduling-point, cancellation, dedicated-executor, error-value, scheduler, logging)"),
      cl::value_desc("roles"), cl::cat(toolCategory())};
  cl::opt<unsigned> UnitTimeout{
      "unit-timeout",
      cl::desc("Stop the analysis of a translation unit after this many seconds and report it "
               "as a failure (default 600; 0: no limit)"),
      cl::value_desc("seconds"), cl::init(600), cl::cat(toolCategory())};
  cl::opt<unsigned> UnitMemory{
      "unit-memory",
      cl::desc("The memory the analysis of one translation unit may take, in MiB; a unit that "
               "needs more is reported as a failure (default 8192; 0: no limit)"),
      cl::value_desc("MiB"), cl::init(defaultUnitMemory()), cl::cat(toolCategory())};
  cl::opt<bool> Progress{"progress",
                         cl::desc("Report each finished unit on stderr, with the findings so far "
                                  "and the time left (on a terminal, one line shows this anyway)"),
                         cl::cat(toolCategory())};

  // clang-tidy's options, with its meanings.
  cl::list<std::string> ExtraArgs{"extra-arg",
                                  cl::desc("Add this argument to the end of each compile command"),
                                  cl::value_desc("arg"), cl::cat(toolCategory())};
  cl::list<std::string> ExtraArgsBefore{
      "extra-arg-before", cl::desc("Add this argument to the start of each compile command"),
      cl::value_desc("arg"), cl::cat(toolCategory())};
  cl::list<std::string> RemovedArgs{"removed-arg",
                                    cl::desc("Remove this argument from each compile command"),
                                    cl::value_desc("arg"), cl::cat(toolCategory())};
  cl::opt<std::string> LineFilter{
      "line-filter",
      cl::desc("Report findings only on these lines of these files, as clang-tidy: "
               "[{\"name\":\"file.cpp\",\"lines\":[[1,3],[7,7]]},...]; files "
               "not listed get none"),
      cl::value_desc("json"), cl::cat(toolCategory())};
  cl::opt<bool> Quiet{"quiet", cl::desc("Do not print the summary line on standard error"),
                      cl::cat(toolCategory())};
  cl::opt<bool> UseColor{
      "use-color",
      cl::desc("Color the text report (--use-color=false: never); default: "
               "NO_COLOR and FORCE_COLOR, else whether standard output is a terminal"),
      cl::cat(toolCategory())};
  cl::opt<bool> DumpConfig{
      "dump-config",
      cl::desc("Print the configuration in effect for the first source (or the "
               "working directory) as .clang-tidy YAML, and exit"),
      cl::cat(toolCategory())};
  cl::opt<bool> VerifyConfig{
      "verify-config",
      cl::desc("Check the configuration (check globs, option names and values) "
               "and exit: 0 when it is sound, 2 otherwise"),
      cl::cat(toolCategory())};
  cl::opt<bool> AllowNoChecks{"allow-no-checks",
                              cl::desc("Do not say so on standard error when no check is enabled"),
                              cl::cat(toolCategory())};
};

/// Part K of N (1-based) of a run split across jobs.
struct ShardSpec {
  unsigned Index = 1;
  unsigned Count = 1;
};

/// \p Text as `K/N` with 1 <= K <= N; an error says what is wrong.
llvm::Expected<ShardSpec> parseShard(llvm::StringRef Text);

/// The units of part \p Shard of \p Units: every N-th of them in path
/// order, so that the parts are as large as each other and the same units
/// go to the same part on every machine.
std::vector<std::string> unitsOfShard(std::vector<std::string> Units, const ShardSpec &Shard);

/// The configuration the options give, as the workers receive it.
TidySettings settingsFrom(const Options &O);

/// Whether the text report is coloured: --use-color when given, else
/// NO_COLOR and FORCE_COLOR (https://no-color.org), else whether standard
/// output is a terminal.
bool useColor(const Options &O);

} // namespace asynclint

#endif
