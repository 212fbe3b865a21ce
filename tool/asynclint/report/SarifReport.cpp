#include "checks/Rules.h"
#include "report/Docs.h"
#include "report/Reports.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/Path.h"

#include <nlohmann/json.hpp>
#include <numeric>

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
    // Columns in UTF-16 code units, the run's columnKind; every region
    // ends, at the end of its token when the finding has no range.
    unsigned Start = Where.Utf16Column ? Where.Utf16Column : Where.Column;
    unsigned EndLine = Where.EndLine ? Where.EndLine : Where.Line;
    unsigned End = Where.Utf16EndColumn ? Where.Utf16EndColumn : Where.EndColumn;
    if (EndLine < Where.Line || (EndLine == Where.Line && End <= Start)) {
      EndLine = Where.Line;
      End = Start + 1;
    }
    Json Region{{"startLine", Where.Line},
                {"startColumn", Start},
                {"endLine", EndLine},
                {"endColumn", End}};
    Location["region"] = Region;
  }
  return Location;
}

/// The call chain of \p F as one thread flow: the reported call, then each
/// step down to what it reaches; null when the finding has no chain.
Json callChainFlow(const Finding &F, const std::string &Root) {
  Json Locations = Json::array();
  Locations.push_back({{"location",
                        {{"physicalLocation", physicalLocation(F.Where, Root)},
                         {"message", {{"text", F.Message}}}}},
                       {"nestingLevel", 0}});
  for (const Note &N : F.Notes)
    if (N.Role == NoteRole::ChainStep && !N.Where.File.empty())
      Locations.push_back({{"location",
                            {{"physicalLocation", physicalLocation(N.Where, Root)},
                             {"message", {{"text", N.Message}}}}},
                           {"nestingLevel", Locations.size()}});
  if (Locations.size() < 2)
    return nullptr;
  return Json{{"threadFlows", Json::array({{{"locations", Locations}}})}};
}

Json ruleDescriptor(const RuleInfo &Rule) {
  std::string Markdown = ruleDocumentation(Rule).str();
  return Json{{"id", Rule.Id.str()},
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
    Changes.push_back(
        Json{{"artifactLocation", artifactLocation(File, Root)}, {"replacements", Replacements}});
  return Json::array({Json{{"description", {{"text", "apply the suggested change"}}},
                           {"artifactChanges", Changes}}});
}

constexpr size_t MaxRelatedLocations = 1000; // GitHub's limit per result

/// The SARIF log of \p Report with the results at \p Kept only; \p LeftOut
/// others are said to be missing.
Json sarifOf(const RunReport &Report, const std::vector<size_t> &Kept, size_t LeftOut,
             const SarifLimits &Limits) {
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
  for (size_t Index : Kept) {
    const Finding &F = Report.Findings[Index];
    Json Result{
        {"ruleId", F.RuleId},
        {"ruleIndex", RuleIndex[F.RuleId]},
        {"level", F.Level == "error" ? "error" : "warning"},
        {"message", {{"text", F.Message}}},
        {"locations",
         Json::array({{{"physicalLocation", physicalLocation(F.Where, Report.SourceRoot)}}})},
        {"partialFingerprints", {{FingerprintKey, F.Fingerprint}}}};
    if (!F.Notes.empty()) {
      Json Related = Json::array();
      for (size_t I = 0; I < F.Notes.size() && I < MaxRelatedLocations; ++I) {
        Json Location{{"id", I}, {"message", {{"text", F.Notes[I].Message}}}};
        if (!F.Notes[I].Where.File.empty())
          Location["physicalLocation"] = physicalLocation(F.Notes[I].Where, Report.SourceRoot);
        Related.push_back(Location);
      }
      Result["relatedLocations"] = Related;
      if (Json Flow = callChainFlow(F, Report.SourceRoot); !Flow.is_null())
        Result["codeFlows"] = Json::array({Flow});
    }
    if (!F.Fixes.empty())
      Result["fixes"] = fixesOf(F, Report.SourceRoot);
    if (!F.Properties.empty())
      Result["properties"] = F.Properties;
    Results.push_back(Result);
  }

  Json Notifications = Json::array();
  for (const UnitResult &U : Report.Failures) {
    std::string Text = U.Failure.empty() ? "the file has compile errors" : U.Failure;
    for (const Finding &E : U.CompilerErrors) {
      Text += "\n" + displayPath(E.Where.File, Report.SourceRoot) + ":" +
              std::to_string(E.Where.Line) + ":" + std::to_string(E.Where.Column) + ": " +
              E.Message;
    }
    Position Unit;
    Unit.File = U.File;
    Json Location{{"physicalLocation", physicalLocation(Unit, Report.SourceRoot)}};
    Notifications.push_back(Json{{"level", "error"},
                                 {"message", {{"text", "analysis incomplete: " + Text}}},
                                 {"locations", Json::array({Location})}});
  }

  if (LeftOut)
    Notifications.push_back(
        Json{{"level", "warning"},
             {"message",
              {{"text", std::to_string(LeftOut) + " of " + std::to_string(Report.Findings.size()) +
                            " results are left out, the least severe first: GitHub code "
                            "scanning accepts at most " +
                            std::to_string(Limits.MaxResults) + " results per run and " +
                            std::to_string(Limits.MaxGzippedBytes / (size_t{1024} * 1024)) +
                            " MB of compressed SARIF (--sarif-max-results)"}}}});

  std::string RootUri = "file://" + percentEncode(Report.SourceRoot);
  if (!llvm::StringRef(RootUri).ends_with("/"))
    RootUri += "/";
  Json Invocation{{"executionSuccessful", Report.Failures.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = Notifications;

  Json Sarif{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
             {"version", "2.1.0"},
             {"runs", Json::array({Json{{"tool",
                                         {{"driver",
                                           {{"name", "asynclint"},
                                            {"version", ASYNCLINT_VERSION},
                                            {"semanticVersion", ASYNCLINT_VERSION},
                                            {"informationUri", homepage().str()},
                                            {"rules", Rules}}}}},
                                        {"originalUriBaseIds", {{RootId, {{"uri", RootUri}}}}},
                                        {"columnKind", "utf16CodeUnits"},
                                        {"invocations", Json::array({Invocation})},
                                        {"results", Results}}})}};
  return Sarif;
}

/// Whether \p Text compresses to more than \p Limit bytes, as GitHub measures
/// an upload (gzip); without zlib, the text itself is measured.
bool compressesBeyond(const std::string &Text, size_t Limit) {
  // Compression never grows text much: a report smaller than the limit
  // needs no measuring.
  if (Text.size() <= Limit || !llvm::compression::zlib::isAvailable())
    return Text.size() > Limit;
  llvm::SmallVector<uint8_t, 0> Compressed;
  llvm::compression::zlib::compress(llvm::arrayRefFromStringRef(Text), Compressed);
  return Compressed.size() > Limit;
}

} // namespace

size_t writeSarif(const RunReport &Report, llvm::raw_ostream &OS, const SarifLimits &Limits) {
  // The most severe first, in report order among equals.
  std::vector<size_t> Order(Report.Findings.size());
  std::iota(Order.begin(), Order.end(), 0);
  auto Rank = [&](size_t I) { return std::make_pair(Report.Findings[I].Level != "error", I); };
  llvm::sort(Order, [&](size_t A, size_t B) { return Rank(A) < Rank(B); });
  size_t Keep = Limits.MaxResults ? std::min(Order.size(), Limits.MaxResults) : Order.size();
  auto Render = [&](size_t Count) {
    std::vector<size_t> Kept(Order.begin(),
                             std::next(Order.begin(), static_cast<std::ptrdiff_t>(Count)));
    llvm::sort(Kept);
    return dumpAsUtf8(sarifOf(Report, Kept, Order.size() - Count, Limits), 2);
  };
  std::string Text = Render(Keep);
  while (Limits.MaxResults && Keep > 0 && compressesBeyond(Text, Limits.MaxGzippedBytes)) {
    Keep = Keep * 9 / 10;
    Text = Render(Keep);
  }
  OS << Text << '\n';
  return Order.size() - Keep;
}

} // namespace asynclint
