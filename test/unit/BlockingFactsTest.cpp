#include "checks/models/blocking-call/BlockingFacts.h"

#include "llvm/Support/FormatVariadic.h"
#include <gtest/gtest.h>

namespace asynclint {
namespace {

SourcePlace at(const std::string &File, unsigned Line) { return {File, Line, 3}; }

FunctionFact function(const std::string &Usr, const std::string &Name,
                      std::vector<std::string> Calls = {}) {
  FunctionFact F{Usr, Name, at("/p/" + Name + ".cpp", 1), std::nullopt, {}};
  unsigned Line = 2;
  for (const std::string &Callee : Calls)
    F.Calls.push_back(
        {Callee, Callee.substr(Callee.rfind('@') + 1), at(F.Where.File, Line++), /*Certain=*/true});
  return F;
}

FunctionFact blocking(const std::string &Usr, const std::string &Name) {
  FunctionFact F = function(Usr, Name);
  F.Blocks = BlockingUse{"fsync", "file-io", "", at(F.Where.File, 7), /*Certain=*/true};
  return F;
}

UnitFacts unit(const std::string &Name, std::vector<FunctionFact> Functions) {
  return {"/p/" + Name, std::move(Functions), {}};
}

TEST(BlockingFactsTest, ChainsCrossUnits) {
  std::vector<UnitFacts> Units = {
      unit("a.cpp", {function("c:@F@flush", "flush", {"c:@F@sync_all"})}),
      unit("b.cpp", {blocking("c:@F@sync_all", "sync_all"), function("c:@F@compute", "compute")})};
  ProjectFacts Merged = ProjectFacts::merge(Units);
  const BlockingSummary *Flush = Merged.lookup("c:@F@flush");
  ASSERT_NE(Flush, nullptr);
  EXPECT_EQ(Flush->Use.Api, "fsync");
  ASSERT_EQ(Flush->Steps.size(), 2u);
  EXPECT_EQ(Flush->Steps[0].Function, "flush");
  EXPECT_EQ(Flush->Steps[0].Callee, "sync_all");
  EXPECT_EQ(Flush->Steps[1].Function, "sync_all");
  EXPECT_TRUE(Flush->Steps[1].Callee.empty());
  EXPECT_EQ(Flush->Steps[1].Where.Line, 7u);
  EXPECT_EQ(Merged.lookup("c:@F@compute"), nullptr);
}

TEST(BlockingFactsTest, ChainsWithAStepOnSomeWaysOnlyAreForTheAuditMode) {
  FunctionFact Rotate = function("c:@F@rotate", "rotate", {"c:@F@sync_all"});
  Rotate.Calls[0].Certain = false;
  FunctionFact Spill = blocking("c:@F@spill", "spill");
  Spill.Blocks->Certain = false;
  // Certain through another way: a call that every way makes.
  FunctionFact Checkpoint =
      function("c:@F@checkpoint", "checkpoint", {"c:@F@rotate", "c:@F@sync_all"});
  Checkpoint.Calls[0].Certain = false;
  std::vector<UnitFacts> Units = {
      unit("a.cpp",
           {Rotate, Spill, Checkpoint, function("c:@F@log", "log", {"c:@F@rotate", "c:@F@spill"})}),
      unit("b.cpp", {blocking("c:@F@sync_all", "sync_all")})};
  ProjectFacts Merged = ProjectFacts::merge(Units);
  for (const char *Usr : {"c:@F@rotate", "c:@F@spill", "c:@F@log"}) {
    const BlockingSummary *S = Merged.lookup(Usr);
    ASSERT_NE(S, nullptr) << Usr;
    EXPECT_FALSE(S->Certain) << Usr;
  }
  const BlockingSummary *Sure = Merged.lookup("c:@F@checkpoint");
  ASSERT_NE(Sure, nullptr);
  EXPECT_TRUE(Sure->Certain);
  ASSERT_EQ(Sure->Steps.size(), 2u);
  EXPECT_EQ(Sure->Steps[0].Callee, "sync_all");
  EXPECT_TRUE(Merged.lookup("c:@F@sync_all")->Certain);
  // The distinction survives the merged file.
  llvm::Expected<ProjectFacts> Read =
      ProjectFacts::parse(llvm::formatv("{0}", Merged.toJSON()).str());
  ASSERT_TRUE(static_cast<bool>(Read));
  EXPECT_FALSE(Read->lookup("c:@F@log")->Certain);
  EXPECT_TRUE(Read->lookup("c:@F@checkpoint")->Certain);
}

TEST(BlockingFactsTest, StaleFactsOfADeletedFunctionGoWithTheirUnit) {
  std::vector<UnitFacts> Before = {
      unit("a.cpp", {function("c:@F@flush", "flush", {"c:@F@sync_all"})}),
      unit("b.cpp", {blocking("c:@F@sync_all", "sync_all")})};
  ProjectFacts Old = ProjectFacts::merge(Before);
  ASSERT_NE(Old.lookup("c:@F@flush"), nullptr);
  // b.cpp no longer defines sync_all: its new facts replace the old ones.
  std::vector<UnitFacts> After = {Before[0], unit("b.cpp", {})};
  ProjectFacts New = ProjectFacts::merge(After);
  EXPECT_EQ(New.lookup("c:@F@sync_all"), nullptr);
  EXPECT_EQ(New.lookup("c:@F@flush"), nullptr);
}

TEST(BlockingFactsTest, AnInlineFunctionOfTwoUnitsIsOneFunction) {
  FunctionFact Inline = function("c:@F@checkpoint", "checkpoint", {"c:@F@flush"});
  std::vector<UnitFacts> Units = {
      unit("a.cpp", {Inline, blocking("c:@F@flush", "flush")}),
      unit("b.cpp", {Inline, function("c:@F@serve_helper", "serve_helper", {"c:@F@checkpoint"})})};
  ProjectFacts Merged = ProjectFacts::merge(Units);
  EXPECT_EQ(Merged.blocking().size(), 3u);
  const BlockingSummary *Helper = Merged.lookup("c:@F@serve_helper");
  ASSERT_NE(Helper, nullptr);
  ASSERT_EQ(Helper->Steps.size(), 3u);
  EXPECT_EQ(Helper->Steps[1].Function, "checkpoint");
}

TEST(BlockingFactsTest, CyclesEndAndBlockOnlyWhereTheyReachBlocking) {
  std::vector<UnitFacts> Units = {
      unit("a.cpp", {function("c:@F@ping", "ping", {"c:@F@pong"}),
                     function("c:@F@odd", "odd", {"c:@F@even"})}),
      unit("b.cpp", {[] {
                       FunctionFact Pong = function("c:@F@pong", "pong", {"c:@F@ping"});
                       Pong.Blocks = BlockingUse{"usleep", "sleep", "", at("/p/b.cpp", 9)};
                       return Pong;
                     }(),
                     function("c:@F@even", "even", {"c:@F@odd"})})};
  ProjectFacts Merged = ProjectFacts::merge(Units);
  ASSERT_NE(Merged.lookup("c:@F@ping"), nullptr);
  EXPECT_EQ(Merged.lookup("c:@F@ping")->Use.Api, "usleep");
  ASSERT_NE(Merged.lookup("c:@F@pong"), nullptr);
  EXPECT_EQ(Merged.lookup("c:@F@odd"), nullptr);
  EXPECT_EQ(Merged.lookup("c:@F@even"), nullptr);
}

TEST(BlockingFactsTest, BothFormatsRoundTrip) {
  UnitFacts Unit = unit("a.cpp", {function("c:@F@flush", "flush", {"c:@F@sync_all"}),
                                  blocking("c:@F@sync_all", "sync_all")});
  Unit.Imports = {"c:@F@elsewhere"};
  std::string Text = llvm::formatv("{0}", toJSON(Unit)).str();
  auto Read = parseUnitFacts(Text);
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(llvm::formatv("{0}", toJSON(*Read)).str(), Text);

  ProjectFacts Merged = ProjectFacts::merge({Unit});
  std::string MergedText = llvm::formatv("{0}", Merged.toJSON()).str();
  auto Back = ProjectFacts::parse(MergedText);
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  ASSERT_NE(Back->lookup("c:@F@flush"), nullptr);
  EXPECT_TRUE(*Back->lookup("c:@F@flush") == *Merged.lookup("c:@F@flush"));
}

TEST(BlockingFactsTest, DamagedOrForeignFactsAreRejected) {
  for (const char *Text :
       {"", "[]", "{\"kind\": \"unit\", \"version\": 1, \"unit\": ",
        "{\"kind\": \"unit\", \"version\": 3, \"unit\": \"a\", \"functions\": [], \"imports\": []}",
        "{\"kind\": \"unit\", \"version\": 1, \"unit\": \"a\", \"functions\": [], \"imports\": []}",
        "{\"kind\": \"project\", \"version\": 2, \"blocking\": []}",
        "{\"kind\": \"unit\", \"version\": 2, \"unit\": \"a\", \"functions\": [{\"usr\": 1}], "
        "\"imports\": []}"}) {
    auto Read = parseUnitFacts(Text);
    EXPECT_FALSE(static_cast<bool>(Read)) << Text;
    if (!Read)
      llvm::consumeError(Read.takeError());
  }
  for (const char *Text :
       {"{\"kind\": \"project\", \"version\": 2, \"blocking\": [{\"usr\": \"x\", \"name\": \"x\", "
        "\"blocks\": {\"api\": \"a\", \"category\": \"sleep\", \"certain\": true, \"where\": "
        "{\"file\": \"f\", \"line\": 1, \"column\": 1}}, \"steps\": [], \"certain\": true}]}",
        "{\"kind\": \"project\", \"version\": 1, \"blocking\": []}",
        "{\"kind\": \"project\", \"version\": 0, \"blocking\": []}"}) {
    auto Read = ProjectFacts::parse(Text);
    EXPECT_FALSE(static_cast<bool>(Read)) << Text;
    if (!Read)
      llvm::consumeError(Read.takeError());
  }
}

} // namespace
} // namespace asynclint
