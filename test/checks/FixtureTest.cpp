//===--- FixtureTest.cpp - annotated fixtures for every rule -------------===//
//
// Each file under test/checks/<rule>/ is analysed with only <rule> enabled.
// Expectations are written in the file, in the style of clang's -verify:
//
//   sleep(1); // expected-warning {{blocking call to 'sleep' (sleep)}}
//   // expected-warning@+1 {{...}}     the next line
//   // expected-note@-2 {{...}}        two lines up
//   // expected-note 3 {{...}}         three times on this line
//
// Header comments configure the run:
//   // ARGS: -std=c++20 -I%INC        compiler arguments (%INC: mock headers)
//   // CONFIG: {CheckOptions: {...}}  clang-tidy YAML (%DIR: the fixture's folder)
//
// A warning with no expectation fails the test, and so does an expectation
// with no diagnostic. Notes are checked, all of them, in a file that expects
// at least one note (as clang-tidy's own tests do with CHECK-NOTES); a file
// that expects none checks warnings only.
//
//===----------------------------------------------------------------------===//

#include "run/Analysis.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <gtest/gtest.h>

namespace asynclint {
namespace {

struct Fixture {
  std::string Rule;
  std::string Path;
};

// gtest prints parameters in failure messages.
void PrintTo(const Fixture &F, std::ostream *OS) { *OS << F.Path; }

std::vector<Fixture> discoverFixtures() {
  std::vector<Fixture> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator Dir(ASYNCLINT_FIXTURE_DIR, EC), End; Dir != End && !EC;
       Dir.increment(EC)) {
    llvm::StringRef Rule = llvm::sys::path::filename(Dir->path());
    if (!Rule.starts_with("async-"))
      continue;
    for (llvm::sys::fs::directory_iterator File(Dir->path(), EC); File != End && !EC;
         File.increment(EC))
      if (llvm::StringRef(File->path()).ends_with(".cpp"))
        Out.push_back({Rule.str(), File->path()});
  }
  llvm::sort(Out, [](const Fixture &A, const Fixture &B) { return A.Path < B.Path; });
  return Out;
}

struct Expectation {
  std::string Kind; // warning or note
  unsigned Line;
  std::string Text;
  bool Seen = false;
};

struct Parsed {
  std::vector<std::string> Args;
  std::optional<std::string> Config;
  std::vector<Expectation> Expected;
  bool ChecksNotes = false;
};

Parsed parseFixture(llvm::StringRef Text, const std::string &Dir) {
  Parsed P;
  llvm::Regex Annotation("expected-(warning|note)(@([+-]?[0-9]+))?( ([0-9]+))? \\{\\{(.*)\\}\\}");
  llvm::SmallVector<llvm::StringRef, 256> Lines;
  Text.split(Lines, '\n');
  for (unsigned I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I].trim();
    if (Line.consume_front("// ARGS:")) {
      llvm::SmallVector<llvm::StringRef, 8> Args;
      Line.split(Args, ' ', -1, false);
      for (llvm::StringRef A : Args) {
        std::string Arg = A.str();
        size_t Pos = Arg.find("%INC");
        if (Pos != std::string::npos)
          Arg.replace(Pos, 4, std::string(ASYNCLINT_FIXTURE_DIR) + "/include");
        P.Args.push_back(Arg);
      }
      continue;
    }
    if (Line.consume_front("// CONFIG:")) {
      std::string Config = Line.trim().str();
      size_t Pos = Config.find("%DIR");
      if (Pos != std::string::npos)
        Config.replace(Pos, 4, Dir);
      P.Config = Config;
      continue;
    }
    llvm::StringRef Rest = Lines[I];
    llvm::SmallVector<llvm::StringRef, 7> M;
    while (Annotation.match(Rest, &M)) {
      int Target = I + 1;
      if (!M[3].empty()) {
        int Offset = 0;
        M[3].ltrim('+').getAsInteger(10, Offset);
        Target += Offset;
      }
      // Several annotations on one line: the regex is greedy, so split.
      llvm::StringRef Body = M[6];
      size_t Next = Body.find("}}");
      llvm::StringRef Message = Next == llvm::StringRef::npos ? Body : Body.take_front(Next);
      unsigned Times = 1;
      if (!M[5].empty())
        M[5].getAsInteger(10, Times);
      for (unsigned N = 0; N < Times; ++N)
        P.Expected.push_back({M[1].str(), static_cast<unsigned>(Target), Message.str()});
      Rest = Rest.drop_front(Rest.find(M[0]) + 1);
    }
  }
  P.ChecksNotes = llvm::any_of(P.Expected, [](const Expectation &E) { return E.Kind == "note"; });
  return P;
}

class FixtureTest : public ::testing::TestWithParam<Fixture> {};

TEST_P(FixtureTest, ReportsExactlyTheAnnotatedDiagnostics) {
  const Fixture &F = GetParam();
  auto Buffer = llvm::MemoryBuffer::getFile(F.Path);
  ASSERT_TRUE(static_cast<bool>(Buffer)) << F.Path;
  Parsed P = parseFixture((*Buffer)->getBuffer(), llvm::sys::path::parent_path(F.Path).str());

  AnalysisRequest Request;
  Request.Command.Directory = llvm::sys::path::parent_path(F.Path).str();
  Request.Command.Filename = F.Path;
  Request.Command.CommandLine = {"clang++", "-fsyntax-only"};
  if (P.Args.empty())
    Request.Command.CommandLine.push_back("-std=c++20");
  Request.Command.CommandLine.insert(Request.Command.CommandLine.end(), P.Args.begin(),
                                     P.Args.end());
  Request.Command.CommandLine.push_back(F.Path);
  Request.Settings.Checks = "-*," + F.Rule;
  Request.Settings.Config = P.Config;

  UnitResult Result = analyzeUnit(Request);
  ASSERT_TRUE(Result.Failure.empty()) << Result.Failure;
  for (const Finding &E : Result.CompilerErrors)
    ADD_FAILURE() << "compile error at line " << E.Where.Line << ": " << E.Message;

  auto Consume = [&](llvm::StringRef Kind, unsigned Line, llvm::StringRef Message) {
    for (Expectation &E : P.Expected)
      if (!E.Seen && E.Kind == Kind && E.Line == Line && Message.contains(E.Text)) {
        E.Seen = true;
        return true;
      }
    return false;
  };
  for (const Finding &Diag : Result.Findings) {
    if (Diag.Where.File != Result.File)
      continue;
    EXPECT_EQ(Diag.RuleId, F.Rule);
    if (!Consume("warning", Diag.Where.Line, Diag.Message))
      ADD_FAILURE() << "unexpected warning at line " << Diag.Where.Line << ": " << Diag.Message;
    for (const Note &N : Diag.Notes)
      if (P.ChecksNotes && N.Where.File == Result.File && !Consume("note", N.Where.Line, N.Message))
        ADD_FAILURE() << "unexpected note at line " << N.Where.Line << ": " << N.Message;
  }
  for (const Expectation &E : P.Expected)
    if (!E.Seen)
      ADD_FAILURE() << "missing " << E.Kind << " at line " << E.Line << ": " << E.Text;
}

std::string fixtureName(const ::testing::TestParamInfo<Fixture> &Info) {
  std::string Name = Info.param.Rule + "_" + llvm::sys::path::stem(Info.param.Path).str();
  for (char &C : Name)
    if (!isalnum(static_cast<unsigned char>(C)))
      C = '_';
  return Name;
}

INSTANTIATE_TEST_SUITE_P(Rules, FixtureTest, ::testing::ValuesIn(discoverFixtures()), fixtureName);

} // namespace
} // namespace asynclint
