#include "report/Output.h"
#include "report/Reports.h"
#include "report/SourceText.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace asynclint {
namespace {

Finding finding(unsigned Line, std::string SourceLine,
                std::string Message = "blocking call to 'sleep' (sleep) in coroutine 'f'; x") {
  Finding F;
  F.RuleId = "async-blocking-call";
  F.Level = "warning";
  F.Message = std::move(Message);
  F.Where = {"/src/app/a.cpp", 10, Line, 3, Line, 12};
  F.SourceLine = std::move(SourceLine);
  F.Properties["category"] = "sleep";
  return F;
}

RunReport report(std::vector<Finding> Findings) {
  RunReport R;
  R.SourceRoot = "/src/app";
  R.Findings = std::move(Findings);
  assignFingerprints(R.Findings, R.SourceRoot);
  return R;
}

TEST(FingerprintTest, StableUnderMovesAndReindentation) {
  auto A = report({finding(10, "  sleep(1);")});
  auto B = report({finding(42, "\tsleep( 1 );")});
  EXPECT_EQ(A.Findings[0].Fingerprint, B.Findings[0].Fingerprint);
  EXPECT_EQ(A.Findings[0].Fingerprint.size(), 32u);
}

TEST(FingerprintTest, DistinguishesContentAndRepeats) {
  auto R = report({finding(10, "sleep(1);"), finding(20, "sleep(1);"), finding(30, "sleep(2);")});
  EXPECT_NE(R.Findings[0].Fingerprint, R.Findings[1].Fingerprint);
  EXPECT_NE(R.Findings[0].Fingerprint, R.Findings[2].Fingerprint);
}

TEST(FingerprintTest, IgnoresTheMessage) {
  // A renamed coroutine or reworded advice: the same finding.
  auto A = report({finding(10, "sleep(1);", "blocking call to 'sleep' in coroutine 'f'")});
  auto B = report({finding(10, "sleep(1);", "blocking call to 'sleep' in coroutine 'g'")});
  EXPECT_EQ(A.Findings[0].Fingerprint, B.Findings[0].Fingerprint);
  EXPECT_NE(A.Findings[0].LegacyFingerprint, B.Findings[0].LegacyFingerprint);
}

TEST(BaselineTest, ReportsOfEarlierReleasesStillMatch) {
  auto R = report({finding(10, "sleep(1);"), finding(20, "sleep(2);")});
  // An earlier release wrote only "asynclint/v1", which hashed the message.
  nlohmann::json Sarif = {
      {"runs",
       {{{"results",
          {{{"ruleId", "async-blocking-call"},
            {"partialFingerprints", {{"asynclint/v1", R.Findings[0].LegacyFingerprint}}}}}}}}}};
  llvm::SmallString<128> Path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("baseline", "sarif", Path));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Sarif.dump();
  }
  auto Keys = readBaseline(Path);
  llvm::sys::fs::remove(Path);
  ASSERT_TRUE(static_cast<bool>(Keys));
  EXPECT_TRUE(inBaseline(R.Findings[0], *Keys));
  EXPECT_FALSE(inBaseline(R.Findings[1], *Keys));
}

TEST(DisplayPathTest, RelativeBelowTheRootOnly) {
  EXPECT_EQ(displayPath("/src/app/a.cpp", "/src/app"), "a.cpp");
  EXPECT_EQ(displayPath("/src/application/a.cpp", "/src/app"), "/src/application/a.cpp");
  EXPECT_EQ(displayPath("/usr/include/x.h", "/src/app"), "/usr/include/x.h");
}

TEST(SarifWriterTest, WritesRulesResultsAndNotifications) {
  RunReport R = report({finding(10, "sleep(1);")});
  R.Findings[0].Notes.push_back({"called here", {"/src/app/b.cpp", 0, 4, 1, 4, 1}});
  R.Findings[0].Fixes.push_back({"/src/app/a.cpp", 10, 5, "nap"});
  UnitResult Broken;
  Broken.File = "/src/app/broken.cpp";
  Broken.Failure = "the analyser crashed on this file";
  R.Failures.push_back(Broken);

  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeSarif(R, OS);
  auto Sarif = nlohmann::json::parse(OS.str());
  EXPECT_EQ(Sarif["version"], "2.1.0");
  auto &Run = Sarif["runs"][0];
  EXPECT_EQ(Run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///src/app/");
  auto &Rule = Run["tool"]["driver"]["rules"][0];
  EXPECT_EQ(Rule["id"], "async-blocking-call");
  EXPECT_EQ(Rule["defaultConfiguration"]["level"], "warning");
  auto &Result = Run["results"][0];
  EXPECT_EQ(Result["ruleIndex"], 0);
  EXPECT_EQ(Result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "a.cpp");
  EXPECT_EQ(Result["locations"][0]["physicalLocation"]["region"]["endColumn"], 12);
  EXPECT_EQ(Result["relatedLocations"][0]["message"]["text"], "called here");
  EXPECT_EQ(Result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
            "nap");
  EXPECT_EQ(Result["partialFingerprints"]["asynclint/v2"], R.Findings[0].Fingerprint);
  EXPECT_EQ(Result["properties"]["category"], "sleep");
  auto &Invocation = Run["invocations"][0];
  EXPECT_FALSE(Invocation["executionSuccessful"].get<bool>());
  EXPECT_EQ(Invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
                      ["artifactLocation"]["uri"],
            "broken.cpp");
}

// "é" is two bytes, one UTF-16 unit and one cell; "😀" four bytes, two
// units and two cells; "漢" three bytes, one unit and two cells.
TEST(ColumnTest, BytesToUtf16UnitsAndTerminalCells) {
  std::string Line = "/* \xC3\xA9 \xF0\x9F\x98\x80 \xE6\xBC\xA2 */ sleep(1);";
  unsigned Sleep = static_cast<unsigned>(Line.find("sleep")) + 1;
  EXPECT_EQ(Sleep, 19u);
  EXPECT_EQ(utf16Column(Line, Sleep), 14u);
  EXPECT_EQ(displayColumn(Line, Sleep), 15u);
  EXPECT_EQ(utf16Column("sleep(1);", 1), 1u);
  EXPECT_EQ(displayColumn("\tsleep(1);", 2), 2u);
  // Past the end of the line, one column per byte.
  EXPECT_EQ(utf16Column("ab", 5), 5u);
  // Invalid UTF-8 counts byte by byte.
  EXPECT_EQ(utf16Column("\xFF\xFEx", 3), 3u);
  // Shown on a terminal: one replacement character per byte that is not
  // UTF-8 and per control character, so carets stay where displayColumn
  // puts them; tabs and valid characters stay as they are.
  EXPECT_EQ(printable("caf\xE9\tx"), "caf\xEF\xBF\xBD\tx");
  EXPECT_EQ(printable("\x1B[2J\xC2\x9B"), "\xEF\xBF\xBD[2J\xEF\xBF\xBD");
  EXPECT_EQ(printable("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(displayColumn("\xFF\xFEx", 3), displayColumn(printable("\xFF\xFEx"), 7));
  EXPECT_EQ(tokenLength("  co_await x;", 3), 8u);
  EXPECT_EQ(tokenLength("  (x)", 3), 1u);
  EXPECT_EQ(tokenLength("ab", 3), 0u);
}

TEST(SarifWriterTest, ColumnsAreUtf16AndEveryRegionEnds) {
  Finding F = finding(10, "x");
  F.Where.Utf16Column = 2;
  F.Where.EndLine = 10;
  F.Where.EndColumn = 3; // a point: no range
  F.Where.Utf16EndColumn = 0;
  RunReport R = report({F});
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeSarif(R, OS);
  auto Run = nlohmann::json::parse(OS.str())["runs"][0];
  EXPECT_EQ(Run["columnKind"], "utf16CodeUnits");
  auto Region = Run["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(Region["startColumn"], 2);
  EXPECT_EQ(Region["endLine"], 10);
  EXPECT_EQ(Region["endColumn"], 3);
}

TEST(TextWriterTest, CaretsFollowWhatTheTerminalShows) {
  std::string Line = "/* \xF0\x9F\x98\x80 */ sleep(1);";
  Finding F = finding(7, Line);
  F.Where.Column = static_cast<unsigned>(Line.find("sleep")) + 1;
  F.Where.EndLine = 7;
  F.Where.EndColumn = F.Where.Column + 8;
  RunReport R = report({F});
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeText(R, OS, false);
  // Eight cells before `sleep`: "/* ", the emoji's two, " */ ".
  EXPECT_NE(OS.str().find("\n   |          ^~~~~~~~\n"), std::string::npos) << OS.str();
}

TEST(GithubWriterTest, EscapesMessagesAndProperties) {
  RunReport R = report({finding(10, "x", "50% of a\nb")});
  R.Findings[0].Where.File = "/src/app/dir,1/a:b.cpp";
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeGithub(R, OS);
  EXPECT_EQ(OS.str(), "::warning file=dir%2C1/a%3Ab.cpp,line=10,col=3,endLine=10,"
                      "title=async-blocking-call::50%25 of a%0Ab\n");
}

} // namespace
} // namespace asynclint

namespace asynclint {
namespace {
// Two compile commands of one file may word a finding differently (the
// framework seen under other flags); one place and rule is one finding.
TEST(FindingTest, SamePlaceAndRuleIsOneFinding) {
  Finding A;
  A.RuleId = "async-blocking-call";
  A.Where.File = "/p/src/a.cpp";
  A.Where.Offset = 120;
  A.Message = "blocking call to 'sleep' (sleep) in coroutine 'f'; co_await a timer";
  Finding B = A;
  B.Message = "blocking call to 'sleep' (sleep) in coroutine 'f'; use the executor";
  EXPECT_TRUE(sameFinding(A, B));
  B.RuleId = "async-detached-task";
  EXPECT_FALSE(sameFinding(A, B));
  B = A;
  B.Where.Offset = 121;
  EXPECT_FALSE(sameFinding(A, B));
}
} // namespace
class ApplyFixesTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("asynclint-fix", Dir));
    File = (Dir + "/a.cpp").str();
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Dir); }

  void write(llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    ASSERT_FALSE(EC);
    OS << Text;
  }
  std::string read() {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    return Buffer ? (*Buffer)->getBuffer().str() : "<unreadable>";
  }
  Finding fix(unsigned Offset, unsigned Length, std::string Text) {
    Finding F = finding(1, "");
    F.Fixes.push_back({File, Offset, Length, std::move(Text)});
    return F;
  }

  llvm::SmallString<128> Dir;
  std::string File;
};

TEST_F(ApplyFixesTest, OverlappingFixIsLeftForTheNextRun) {
  write("int a = f();\n");
  auto Applied = applyFixes({fix(8, 3, "g()"), fix(9, 1, "h"), fix(0, 0, "// x\n")});
  ASSERT_TRUE(static_cast<bool>(Applied));
  EXPECT_EQ(*Applied, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(read(), "// x\nint a = g();\n");
}

TEST_F(ApplyFixesTest, FixOutsideAFileThatShrankIsNotApplied) {
  write("int a;\n");
  auto Applied = applyFixes({fix(20, 2, "x"), fix(6, 2, "x"), fix(0, 3, "long")});
  ASSERT_TRUE(static_cast<bool>(Applied));
  EXPECT_EQ(*Applied, (std::vector<bool>{false, false, true}));
  EXPECT_EQ(read(), "long a;\n");
}

TEST_F(ApplyFixesTest, BytesBeforeTheCodeAreKept) {
  write("\xFE\xFFint a;");
  auto Applied = applyFixes({fix(2, 3, "long")});
  ASSERT_TRUE(static_cast<bool>(Applied));
  EXPECT_EQ(read(), "\xFE\xFFlong a;");
}

TEST_F(ApplyFixesTest, UnreadableFileIsAnError) {
  auto Applied = applyFixes({fix(0, 0, "x")});
  ASSERT_FALSE(static_cast<bool>(Applied));
  EXPECT_NE(llvm::toString(Applied.takeError()).find("cannot read"), std::string::npos);
}

} // namespace asynclint
