#include "Finding.h"

#include <tuple>

namespace asynclint {

using nlohmann::json;

void to_json(json &J, const Position &P) {
  J = json{{"file", P.File},       {"offset", P.Offset},
           {"line", P.Line},       {"column", P.Column},
           {"endLine", P.EndLine}, {"endColumn", P.EndColumn}};
}
void from_json(const json &J, Position &P) {
  J.at("file").get_to(P.File);
  J.at("offset").get_to(P.Offset);
  J.at("line").get_to(P.Line);
  J.at("column").get_to(P.Column);
  J.at("endLine").get_to(P.EndLine);
  J.at("endColumn").get_to(P.EndColumn);
}
void to_json(json &J, const Replacement &R) {
  J = json{{"file", R.File},
           {"offset", R.Offset},
           {"length", R.Length},
           {"text", R.Text}};
}
void from_json(const json &J, Replacement &R) {
  J.at("file").get_to(R.File);
  J.at("offset").get_to(R.Offset);
  J.at("length").get_to(R.Length);
  J.at("text").get_to(R.Text);
}
void to_json(json &J, const Note &N) {
  J = json{{"message", N.Message}, {"where", N.Where}};
}
void from_json(const json &J, Note &N) {
  J.at("message").get_to(N.Message);
  J.at("where").get_to(N.Where);
}
void to_json(json &J, const Finding &F) {
  J = json{{"rule", F.RuleId},         {"level", F.Level},
           {"message", F.Message},     {"where", F.Where},
           {"sourceLine", F.SourceLine}, {"notes", F.Notes},
           {"fixes", F.Fixes},         {"properties", F.Properties}};
}
void from_json(const json &J, Finding &F) {
  J.at("rule").get_to(F.RuleId);
  J.at("level").get_to(F.Level);
  J.at("message").get_to(F.Message);
  J.at("where").get_to(F.Where);
  J.at("sourceLine").get_to(F.SourceLine);
  J.at("notes").get_to(F.Notes);
  J.at("fixes").get_to(F.Fixes);
  J.at("properties").get_to(F.Properties);
}
void to_json(json &J, const UnitResult &R) {
  J = json{{"file", R.File},
           {"findings", R.Findings},
           {"compilerErrors", R.CompilerErrors},
           {"failure", R.Failure}};
}
void from_json(const json &J, UnitResult &R) {
  J.at("file").get_to(R.File);
  J.at("findings").get_to(R.Findings);
  J.at("compilerErrors").get_to(R.CompilerErrors);
  J.at("failure").get_to(R.Failure);
}

bool operator<(const Finding &A, const Finding &B) {
  return std::tie(A.Where.File, A.Where.Line, A.Where.Column, A.RuleId,
                  A.Message) < std::tie(B.Where.File, B.Where.Line,
                                        B.Where.Column, B.RuleId, B.Message);
}

bool sameFinding(const Finding &A, const Finding &B) {
  return A.Where.File == B.Where.File && A.Where.Offset == B.Where.Offset &&
         A.RuleId == B.RuleId && A.Message == B.Message;
}

} // namespace asynclint
