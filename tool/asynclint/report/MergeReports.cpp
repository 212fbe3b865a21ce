#include "report/MergeReports.h"
#include "report/ExitStatus.h"
#include "report/Finding.h"
#include "report/Output.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

#include "support/RegularFiles.h"
#include <map>
#include <tuple>

namespace asynclint {
namespace {

using Json = nlohmann::ordered_json;
using Inputs = llvm::ArrayRef<std::pair<std::string, Json>>;

llvm::Error notAReport(const std::string &Name, llvm::StringRef Why) {
  return llvm::createStringError(std::errc::invalid_argument, "'%s' %s", Name.c_str(),
                                 Why.str().c_str());
}

const Json *member(const Json &Object, const char *Key) {
  if (!Object.is_object())
    return nullptr;
  auto It = Object.find(Key);
  return It == Object.end() ? nullptr : &*It;
}

std::string textOf(const Json *Value) {
  return Value && Value->is_string() ? Value->get<std::string>() : std::string();
}

/// The member of \p Value down \p Keys, if there is one.
const Json *memberAt(const Json *Value, std::initializer_list<const char *> Keys) {
  for (const char *Key : Keys)
    if (Value)
      Value = member(*Value, Key);
  return Value;
}

int64_t numberOf(const Json *Value) {
  return Value && Value->is_number_integer() ? Value->get<int64_t>() : 0;
}

/// Where a SARIF result is, for the order of the merged results.
std::tuple<std::string, int64_t, int64_t, std::string, std::string> placeOf(const Json &Result) {
  const Json *Physical = nullptr;
  if (const Json *Locations = member(Result, "locations");
      Locations && Locations->is_array() && !Locations->empty())
    Physical = member((*Locations)[0], "physicalLocation");
  return {textOf(memberAt(Physical, {"artifactLocation", "uri"})),
          numberOf(memberAt(Physical, {"region", "startLine"})),
          numberOf(memberAt(Physical, {"region", "startColumn"})), textOf(member(Result, "ruleId")),
          textOf(memberAt(&Result, {"message", "text"}))};
}

/// What makes two results one: the rule, the message, where, and the
/// fingerprint.
std::string identityOf(const Json &Result) {
  Json Key = Json::array();
  for (const char *Field : {"ruleId", "message", "locations", "partialFingerprints"})
    Key.push_back(Result.contains(Field) ? Result[Field] : Json());
  return dumpAsUtf8(Key);
}

llvm::Expected<Json> readReport(const std::string &Path) {
  auto Buffer = Path == "-" ? readStandardInput("report", MaxDataBytes)
                            : readRegularFile("report", Path, MaxDataBytes);
  if (!Buffer)
    return Buffer.takeError();
  Json Parsed = Json::parse((*Buffer)->getBuffer(), nullptr, /*allow_exceptions=*/false);
  if (Parsed.is_discarded())
    return notAReport(Path, "is not JSON");
  return Parsed;
}

} // namespace

llvm::Expected<Json> mergeSarif(Inputs Reports) {
  Json Driver;
  Json Rules = Json::array();
  std::map<std::string, size_t> RuleIndex;
  std::vector<Json> Results;
  llvm::StringSet<> SeenResults;
  Json Notifications = Json::array();
  llvm::StringSet<> SeenNotifications;
  bool Successful = true;
  Json FirstRun;
  for (const auto &[Name, Log] : Reports) {
    const Json *Runs = member(Log, "runs");
    if (!Runs || !Runs->is_array() || Runs->empty())
      return notAReport(Name, "is not a SARIF log: it has no runs");
    for (const Json &Run : *Runs) {
      const Json *Tool = member(Run, "tool");
      const Json *ThisDriver = Tool ? member(*Tool, "driver") : nullptr;
      if (!ThisDriver || textOf(member(*ThisDriver, "name")) != "asynclint")
        return notAReport(Name, "has a run of another tool than asynclint");
      if (FirstRun.is_null()) {
        FirstRun = Run;
        Driver = *ThisDriver;
      }
      const Json *TheseRules = member(*ThisDriver, "rules");
      if (TheseRules && TheseRules->is_array())
        for (const Json &Rule : *TheseRules) {
          std::string Id = textOf(member(Rule, "id"));
          if (!Id.empty() && RuleIndex.emplace(Id, Rules.size()).second)
            Rules.push_back(Rule);
        }
      if (const Json *TheseResults = member(Run, "results");
          TheseResults && TheseResults->is_array())
        for (Json Result : *TheseResults) {
          std::string Rule = textOf(member(Result, "ruleId"));
          if (auto It = RuleIndex.find(Rule); It != RuleIndex.end())
            Result["ruleIndex"] = It->second;
          else
            Result.erase("ruleIndex");
          if (SeenResults.insert(identityOf(Result)).second)
            Results.push_back(std::move(Result));
        }
      if (const Json *Invocations = member(Run, "invocations");
          Invocations && Invocations->is_array())
        for (const Json &Invocation : *Invocations) {
          if (const Json *Ok = member(Invocation, "executionSuccessful"); Ok && Ok->is_boolean())
            Successful = Successful && Ok->get<bool>();
          if (const Json *These = member(Invocation, "toolExecutionNotifications");
              These && These->is_array())
            for (const Json &Notification : *These)
              if (SeenNotifications.insert(dumpAsUtf8(Notification)).second)
                Notifications.push_back(Notification);
        }
    }
  }
  if (Reports.empty())
    return llvm::createStringError(std::errc::invalid_argument, "no reports to merge");
  // The same order whatever the order of the inputs.
  llvm::stable_sort(Results, [](const Json &A, const Json &B) { return placeOf(A) < placeOf(B); });
  Driver["rules"] = Rules;
  Json Invocation{{"executionSuccessful", Successful}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = Notifications;
  Json Run = FirstRun;
  Run["tool"] = Json{{"driver", Driver}};
  Run["invocations"] = Json::array({Invocation});
  Run["results"] = Results;
  Json Merged = Reports.front().second;
  Merged["runs"] = Json::array({Run});
  return Merged;
}

llvm::Expected<Json> mergeJson(Inputs Reports) {
  if (Reports.empty())
    return llvm::createStringError(std::errc::invalid_argument, "no reports to merge");
  std::vector<Json> Findings;
  std::vector<Json> Failures;
  llvm::StringSet<> Seen;
  for (const auto &[Name, Report] : Reports) {
    const Json *These = member(Report, "findings");
    const Json *Failed = member(Report, "failures");
    if (textOf(member(Report, "tool")) != "asynclint" || !These || !These->is_array() || !Failed ||
        !Failed->is_array())
      return notAReport(Name, "is not a JSON report of asynclint");
    for (const Json &Finding : *These)
      if (Seen.insert("f" + dumpAsUtf8(Finding)).second)
        Findings.push_back(Finding);
    for (const Json &Failure : *Failed)
      if (Seen.insert("u" + dumpAsUtf8(Failure)).second)
        Failures.push_back(Failure);
  }
  auto Place = [](const Json &F) {
    return std::make_tuple(textOf(member(F, "file")), numberOf(member(F, "line")),
                           numberOf(member(F, "column")), textOf(member(F, "rule")),
                           textOf(member(F, "message")));
  };
  llvm::stable_sort(Findings, [&](const Json &A, const Json &B) { return Place(A) < Place(B); });
  llvm::stable_sort(Failures, [&](const Json &A, const Json &B) { return Place(A) < Place(B); });
  Json Merged = Reports.front().second;
  Merged["findings"] = Findings;
  Merged["failures"] = Failures;
  return Merged;
}

int runMerge(llvm::ArrayRef<const char *> Args) {
  auto Usage = [](const llvm::Twine &Message) {
    llvm::WithColor::error(llvm::errs(), "asynclint merge") << Message << "\n";
    llvm::errs() << "usage: asynclint merge [-o <file>] [--quiet] <report>...\n";
    return ExitUsage;
  };
  std::string Output;
  bool Quiet = false;
  std::vector<std::string> Paths;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if ((Arg == "-o" || Arg == "--output") && I + 1 < Args.size())
      Output = Args[++I];
    else if (Arg.consume_front("--output=") || Arg.consume_front("-o"))
      Output = Arg.str();
    else if (Arg == "--quiet")
      Quiet = true;
    else if (Arg.starts_with("-") && Arg != "-")
      return Usage("unknown option '" + Arg + "'");
    else
      Paths.push_back(Arg.str());
  }
  if (Paths.empty())
    return Usage("no reports to merge");
  std::vector<std::pair<std::string, Json>> Reports;
  for (const std::string &Path : Paths) {
    auto Report = readReport(Path);
    if (!Report)
      return Usage(llvm::toString(Report.takeError()));
    Reports.emplace_back(Path, std::move(*Report));
  }
  bool Sarif = member(Reports.front().second, "runs") != nullptr;
  auto Merged = Sarif ? mergeSarif(Reports) : mergeJson(Reports);
  if (!Merged)
    return Usage(llvm::toString(Merged.takeError()));

  size_t Findings = 0;
  bool Incomplete = false;
  if (Sarif) {
    const Json &Run = (*Merged)["runs"][0];
    Findings = Run["results"].size();
    Incomplete = !Run["invocations"][0]["executionSuccessful"].get<bool>();
  } else {
    Findings = (*Merged)["findings"].size();
    Incomplete = !(*Merged)["failures"].empty();
  }
  std::string Text = dumpAsUtf8(*Merged, 2);
  if (Output.empty()) {
    llvm::outs() << Text << "\n";
    llvm::outs().flush();
  } else if (auto Err =
                 writeAtomically(Output, [&](llvm::raw_ostream &OS) { OS << Text << "\n"; })) {
    return Usage(llvm::toString(std::move(Err)));
  }
  if (!Quiet)
    llvm::errs() << "asynclint merge: " << Findings << (Findings == 1 ? " finding" : " findings")
                 << " from " << Reports.size() << (Reports.size() == 1 ? " report" : " reports")
                 << (Incomplete ? "; the analysis of some units was incomplete" : "") << "\n";
  if (Incomplete)
    return ExitIncomplete;
  return Findings ? ExitFindings : ExitClean;
}

} // namespace asynclint
