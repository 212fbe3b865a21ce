#include "report/Reports.h"
#include "report/SourceText.h"

#include "llvm/ADT/StringExtras.h"
#include <nlohmann/json.hpp>

namespace asynclint {
namespace {

using Json = nlohmann::ordered_json;

/// GitHub workflow commands escape these in messages and properties; the
/// text is valid UTF-8.
std::string escapeGithub(llvm::StringRef Text, bool Property) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '%':
      Out += "%25";
      break;
    case '\r':
      Out += "%0D";
      break;
    case '\n':
      Out += "%0A";
      break;
    case ':':
      Out += Property ? "%3A" : ":";
      break;
    case ',':
      Out += Property ? "%2C" : ",";
      break;
    default:
      Out += C;
    }
  }
  // What is left of the control characters could drive the log's terminal.
  return printable(Out);
}

Json positionJson(const Position &P, const std::string &Root) {
  return Json{{"file", displayPath(P.File, Root)},
              {"line", P.Line},
              {"column", P.Column},
              {"endLine", P.EndLine},
              {"endColumn", P.EndColumn}};
}

} // namespace

void writeJson(const RunReport &Report, llvm::raw_ostream &OS) {
  Json Findings = Json::array();
  for (const Finding &F : Report.Findings) {
    Json Item = positionJson(F.Where, Report.SourceRoot);
    Item["rule"] = F.RuleId;
    Item["level"] = F.Level;
    Item["message"] = F.Message;
    for (const auto &[Key, Value] : F.Properties)
      Item[Key] = Value;
    Json Notes = Json::array();
    for (const Note &N : F.Notes) {
      Json NoteJson = positionJson(N.Where, Report.SourceRoot);
      NoteJson["message"] = N.Message;
      Notes.push_back(NoteJson);
    }
    Item["notes"] = Notes;
    Json Fixes = Json::array();
    for (const Replacement &R : F.Fixes)
      Fixes.push_back(Json{{"file", displayPath(R.File, Report.SourceRoot)},
                           {"offset", R.Offset},
                           {"length", R.Length},
                           {"replacement", R.Text}});
    Item["fixes"] = Fixes;
    Item["fingerprint"] = F.Fingerprint;
    Findings.push_back(Item);
  }
  Json Failures = Json::array();
  for (const UnitResult &U : Report.Failures) {
    Json Errors = Json::array();
    for (const Finding &E : U.CompilerErrors) {
      Json Err = positionJson(E.Where, Report.SourceRoot);
      Err["message"] = E.Message;
      Errors.push_back(Err);
    }
    Failures.push_back(
        Json{{"file", displayPath(U.File, Report.SourceRoot)},
             {"message", U.Failure.empty() ? "the file has compile errors" : U.Failure},
             {"errors", Errors}});
  }
  Json Out{{"tool", "asynclint"},
           {"version", ASYNCLINT_VERSION},
           {"findings", Findings},
           {"failures", Failures}};
  OS << dumpAsUtf8(Out, 2) << '\n';
}

void writeGithub(const RunReport &Report, llvm::raw_ostream &OS) {
  for (const Finding &F : Report.Findings) {
    OS << "::" << (F.Level == "error" ? "error" : "warning")
       << " file=" << escapeGithub(displayPath(F.Where.File, Report.SourceRoot), true)
       << ",line=" << F.Where.Line << ",col=" << F.Where.Column;
    if (F.Where.EndLine >= F.Where.Line && F.Where.EndLine)
      OS << ",endLine=" << F.Where.EndLine;
    OS << ",title=" << escapeGithub(F.RuleId, true) << "::" << escapeGithub(F.Message, false)
       << '\n';
  }
  for (const UnitResult &U : Report.Failures)
    OS << "::error file=" << escapeGithub(displayPath(U.File, Report.SourceRoot), true)
       << ",title=asynclint::"
       << escapeGithub("analysis incomplete: " + (U.Failure.empty()
                                                      ? std::string("the file has compile errors")
                                                      : U.Failure),
                       false)
       << '\n';
}

void writeCodeQuality(const RunReport &Report, llvm::raw_ostream &OS) {
  Json Issues = Json::array();
  for (const Finding &F : Report.Findings)
    Issues.push_back(Json{{"type", "issue"},
                          {"check_name", F.RuleId},
                          {"description", F.Message},
                          {"categories", Json::array({"Bug Risk"})},
                          {"severity", F.Level == "error" ? "critical" : "major"},
                          {"fingerprint", F.Fingerprint},
                          {"location",
                           {{"path", displayPath(F.Where.File, Report.SourceRoot)},
                            {"lines", {{"begin", F.Where.Line}}}}}});
  OS << dumpAsUtf8(Issues, 2) << '\n';
}

} // namespace asynclint
