// What a finding carries besides its text (the blocking category, the steps
// of a call chain, the mark of test code) reaches every report as data: the
// same finding worded two ways gives the same SARIF properties, code flows
// and hidden count.

#include "core/AsyncCheck.h"
#include "report/Reports.h"
#include "run/Analysis.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

/// Reports `work` as a blocking call through `helper`, and `probe` as the
/// same hidden in test code, in the wording its option `Reworded` picks.
class WordingCheck : public AsyncCheck {
public:
  WordingCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
      : AsyncCheck(Name, Context, {/*Catalog=*/false, /*TestCode=*/false}),
        Reworded(Options.get("Reworded", false)) {}

  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(functionDecl(isDefinition(), hasAnyName("work", "probe"),
                                    hasDescendant(callExpr().bind("call")))
                           .bind("function"),
                       this);
  }

  void check(const MatchFinder::MatchResult &Result) override {
    const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
    const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
    SourceLocation At = Call->getBeginLoc();
    SourceLocation Helper = Call->getDirectCallee()->getLocation();
    std::string Name = Function->getNameAsString();
    if (Reworded) {
      diag(At, "%2 stalls the thread that runs it: %0, a call of kind %1")
          << "'sleep'" << "sleep" << ("'" + Name + "'") << FindingMetadata::category(1);
      diag(At, "first %1, called by %0", DiagnosticIDs::Note)
          << Name << "helper" << FindingMetadata::note(NoteRole::ChainStep);
      diag(Helper, "then %1 of kind %2 in %0", DiagnosticIDs::Note)
          << "helper" << "sleep" << "sleep" << FindingMetadata::note(NoteRole::ChainStep);
      diag(At, "advice, said otherwise", DiagnosticIDs::Note);
    } else {
      diag(At, "blocking call to %0 (%1) in %2")
          << "'sleep'" << "sleep" << ("'" + Name + "'") << FindingMetadata::category(1);
      diag(At, "'%0' calls '%1'", DiagnosticIDs::Note)
          << Name << "helper" << FindingMetadata::note(NoteRole::ChainStep);
      diag(Helper, "'%0' reaches '%1' (%2)", DiagnosticIDs::Note)
          << "helper" << "sleep" << "sleep" << FindingMetadata::note(NoteRole::ChainStep);
      diag(At, "advice", DiagnosticIDs::Note);
    }
    if (Name == "probe")
      markHiddenInTestCode(At);
  }

private:
  void storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "Reworded", Reworded);
  }

  const bool Reworded;
};

class WordingModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<WordingCheck>("wording-test");
  }
};

tidy::ClangTidyModuleRegistry::Add<WordingModule> Registered("wording-test-module",
                                                             "a check of the unit tests");

/// SARIF of one run over a unit that calls a helper from `work` and `probe`.
nlohmann::json sarifOf(bool Reworded, std::string &Message, size_t &InTestCode) {
  llvm::SmallString<128> Dir;
  EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("asynclint-wording", Dir));
  std::string Source = (Dir + "/unit.cpp").str();
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Source, EC);
    OS << "void helper();\nvoid work() {\n  helper();\n}\nvoid probe() {\n  helper();\n}\n";
  }
  AnalysisRequest Request;
  Request.Command.Directory = Dir.str().str();
  Request.Command.Filename = Source;
  Request.Command.CommandLine = {"clang++", "-fsyntax-only", "-std=c++20", Source};
  Request.Settings.Checks = "-*,wording-test";
  Request.Settings.Config =
      std::string("CheckOptions: {wording-test.Reworded: ") + (Reworded ? "true" : "false") + "}";
  UnitResult Unit = analyzeUnit(Request);
  EXPECT_TRUE(Unit.Failure.empty()) << Unit.Failure;
  EXPECT_EQ(Unit.Findings.size(), 1u);
  InTestCode = Unit.InTestCode.size();
  Message = Unit.Findings.empty() ? "" : Unit.Findings.front().Message;

  RunReport Report;
  Report.SourceRoot = Dir.str().str();
  Report.Files = {Source};
  Report.Findings = Unit.Findings;
  assignFingerprints(Report.Findings, Report.SourceRoot);
  std::string Text;
  {
    llvm::raw_string_ostream OS(Text);
    writeSarif(Report, OS);
  }
  llvm::sys::fs::remove_directories(Dir);
  return nlohmann::json::parse(Text);
}

/// A code flow's steps as places, without their words.
std::vector<nlohmann::json> placesOf(const nlohmann::json &Result) {
  std::vector<nlohmann::json> Places;
  if (!Result.contains("codeFlows"))
    return Places;
  for (const auto &Step : Result["codeFlows"][0]["threadFlows"][0]["locations"])
    Places.push_back(Step["location"]["physicalLocation"]);
  return Places;
}

TEST(FindingMetadataTest, ReportsReadTheDataAFindingCarriesNotItsWords) {
  std::string Original, Reworded;
  size_t HiddenOriginal = 0, HiddenReworded = 0;
  nlohmann::json A = sarifOf(false, Original, HiddenOriginal);
  nlohmann::json B = sarifOf(true, Reworded, HiddenReworded);
  EXPECT_NE(Original, Reworded);

  const auto &ResultA = A["runs"][0]["results"][0];
  const auto &ResultB = B["runs"][0]["results"][0];
  EXPECT_EQ(ResultA["properties"]["category"], "sleep");
  EXPECT_EQ(ResultA["properties"], ResultB["properties"]);
  // The reported call, the helper's call and the API it reaches.
  EXPECT_EQ(placesOf(ResultA).size(), 3u);
  EXPECT_EQ(placesOf(ResultA), placesOf(ResultB));
  EXPECT_EQ(HiddenOriginal, 1u);
  EXPECT_EQ(HiddenReworded, 1u);
}

TEST(FindingMetadataTest, OnlyTheMarkerDecodes) {
  for (FindingMetadata M : {FindingMetadata::category(0), FindingMetadata::category(3),
                            FindingMetadata::note(NoteRole::ChainStep),
                            FindingMetadata::note(NoteRole::HiddenInTestCode)}) {
    auto Back = FindingMetadata::decode(M.encode());
    ASSERT_TRUE(Back);
    EXPECT_EQ(Back->Role, M.Role);
    EXPECT_EQ(Back->CategoryArgument, M.CategoryArgument);
  }
  // Counts and indices a message shows are not metadata.
  for (uint64_t Plain : {0ULL, 1ULL, 42ULL, 0xFFFFULL, 0xFFFF'FFFFULL})
    EXPECT_FALSE(FindingMetadata::decode(Plain)) << Plain;
}

} // namespace
} // namespace asynclint
