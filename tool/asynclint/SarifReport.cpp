#include "Docs.h"
#include "Reports.h"
#include "checks/Rules.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include <nlohmann/json.hpp>

namespace asynclint {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char *RootId = "%SRCROOT%";
constexpr const char *FingerprintKey = "asynclint/v2";

std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Out += C;
    else
      Out += "%" + llvm::utohexstr(static_cast<unsigned char>(C),
                                   /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

Json artifactLocation(const std::string &File, const std::string &Root) {
  std::string Shown = displayPath(File, Root);
  if (Shown != File)
    return Json{{"uri", percentEncode(Shown)}, {"uriBaseId", RootId}};
  return Json{{"uri", "file://" + percentEncode(File)}};
}

Json physicalLocation(const Position &Where, const std::string &Root) {
  Json Location{{"artifactLocation", artifactLocation(Where.File, Root)}};
  if (Where.Line) {
    Json Region{{"startLine", Where.Line}, {"startColumn", Where.Column}};
    if (Where.EndLine && (Where.EndLine > Where.Line ||
                          Where.EndColumn > Where.Column)) {
      Region["endLine"] = Where.EndLine;
      Region["endColumn"] = Where.EndColumn;
    }
    Location["region"] = Region;
  }
  return Location;
}

Json ruleDescriptor(const RuleInfo &Rule) {
  std::string Markdown = ruleDocumentation(Rule).str();
  return Json{
      {"id", Rule.Id.str()},
      {"name", Rule.Name.str()},
      {"shortDescription", {{"text", Rule.Summary.str()}}},
      {"fullDescription", {{"text", Rule.Description.str()}}},
      {"help",
       {{"text", Rule.Description.str() + " See " + ruleHelpUri(Rule)},
        {"markdown", Markdown.empty() ? Rule.Description.str() : Markdown}}},
      {"helpUri", ruleHelpUri(Rule)},
      {"defaultConfiguration", {{"level", Rule.Level.str()}}},
      {"properties",
       {{"tags", std::vector<std::string>(Rule.Tags.begin(), Rule.Tags.end())},
        {"precision", Rule.Precision.str()}}}};
}

Json fixesOf(const Finding &F, const std::string &Root) {
  std::map<std::string, Json> ByFile;
  for (const Replacement &R : F.Fixes)
    ByFile[R.File].push_back(
        Json{{"deletedRegion", {{"charOffset", R.Offset}, {"charLength", R.Length}}},
             {"insertedContent", {{"text", R.Text}}}});
  Json Changes = Json::array();
  for (auto &[File, Replacements] : ByFile)
    Changes.push_back(Json{{"artifactLocation", artifactLocation(File, Root)},
                           {"replacements", Replacements}});
  return Json::array(
      {Json{{"description", {{"text", "apply the suggested change"}}},
            {"artifactChanges", Changes}}});
}

} // namespace

void writeSarif(const RunReport &Report, llvm::raw_ostream &OS) {
  Json Rules = Json::array();
  std::map<std::string, size_t> RuleIndex;
  for (const RuleInfo &Rule : rules()) {
    RuleIndex[Rule.Id.str()] = Rules.size();
    Rules.push_back(ruleDescriptor(Rule));
  }
  // Checks of other modules enabled through --checks get a plain descriptor.
  for (const Finding &F : Report.Findings)
    if (!RuleIndex.count(F.RuleId)) {
      RuleIndex[F.RuleId] = Rules.size();
      Rules.push_back(Json{{"id", F.RuleId}});
    }

  Json Results = Json::array();
  for (const Finding &F : Report.Findings) {
    Json Result{{"ruleId", F.RuleId},
                {"ruleIndex", RuleIndex[F.RuleId]},
                {"level", F.Level == "error" ? "error" : "warning"},
                {"message", {{"text", F.Message}}},
                {"locations",
                 Json::array({{{"physicalLocation",
                                physicalLocation(F.Where, Report.SourceRoot)}}})},
                {"partialFingerprints", {{FingerprintKey, F.Fingerprint}}}};
    if (!F.Notes.empty()) {
      Json Related = Json::array();
      for (size_t I = 0; I < F.Notes.size(); ++I) {
        Json Location{{"id", I}, {"message", {{"text", F.Notes[I].Message}}}};
        if (!F.Notes[I].Where.File.empty())
          Location["physicalLocation"] =
              physicalLocation(F.Notes[I].Where, Report.SourceRoot);
        Related.push_back(Location);
      }
      Result["relatedLocations"] = Related;
    }
    if (!F.Fixes.empty())
      Result["fixes"] = fixesOf(F, Report.SourceRoot);
    if (!F.Properties.empty())
      Result["properties"] = F.Properties;
    Results.push_back(Result);
  }

  Json Notifications = Json::array();
  for (const UnitResult &U : Report.Failures) {
    std::string Text = U.Failure.empty() ? "the file has compile errors"
                                         : U.Failure;
    for (const Finding &E : U.CompilerErrors) {
      Text += "\n" + displayPath(E.Where.File, Report.SourceRoot) + ":" +
              std::to_string(E.Where.Line) + ":" +
              std::to_string(E.Where.Column) + ": " + E.Message;
    }
    Position Unit;
    Unit.File = U.File;
    Json Location{{"physicalLocation", physicalLocation(Unit, Report.SourceRoot)}};
    Notifications.push_back(
        Json{{"level", "error"},
             {"message", {{"text", "analysis incomplete: " + Text}}},
             {"locations", Json::array({Location})}});
  }

  std::string RootUri = "file://" + percentEncode(Report.SourceRoot);
  if (!llvm::StringRef(RootUri).ends_with("/"))
    RootUri += "/";
  Json Invocation{{"executionSuccessful", Report.Failures.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = Notifications;

  Json Sarif{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       Json::array({Json{
           {"tool",
            {{"driver",
              {{"name", "asynclint"},
               {"version", ASYNCLINT_VERSION},
               {"semanticVersion", ASYNCLINT_VERSION},
               {"informationUri", homepage().str()},
               {"rules", Rules}}}}},
           {"originalUriBaseIds", {{RootId, {{"uri", RootUri}}}}},
           {"invocations", Json::array({Invocation})},
           {"results", Results}}})}};
  OS << Sarif.dump(2) << '\n';
}

} // namespace asynclint
