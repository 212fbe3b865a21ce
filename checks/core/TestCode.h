//===--- TestCode.h - where code is a test provoking misuse -----*- C++ -*-===//
//
// Tests do on purpose what the rules warn about: they sleep to order two
// threads, drop a task to see its frame destroyed, create one inside an
// expected-throw assertion, swallow the exception they expect. By default
// the rules do not report in test code; the command line counts what it
// hides, and `ReportTestCode` shows it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CORE_TESTCODE_H
#define ASYNCLINT_CHECKS_CORE_TESTCODE_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Regex.h"
#include <functional>

namespace asynclint {

enum class TestContext {
  None,
  /// A test body or a file of the test suite.
  Test,
  /// An expression the test expects to throw (`EXPECT_THROW(f(), E)`, a
  /// lambda given to `assert_throws`, a try block that ends in `FAIL()`):
  /// its value is never meant to be used, in tests or anywhere else.
  ExpectedThrow,
};

/// What a check does with a finding, given where it is.
enum class TestVerdict { Report, Hide, ReportMarked };

/// Recognises test code for one check; options are shared by all checks
/// (`CheckOptions: {TestFilePattern: ...}` sets them for every rule).
class TestCodeFilter {
public:
  /// \p ReportProblem receives what is wrong with the options.
  TestCodeFilter(clang::tidy::ClangTidyCheck::OptionsView &Options,
                 clang::tidy::ClangTidyContext *Context,
                 const std::function<void(const std::string &)> &ReportProblem);
  void storeOptions(clang::tidy::ClangTidyCheck::OptionsView &Options,
                    clang::tidy::ClangTidyOptions::OptionMap &Opts) const;

  /// Where \p Node (found at \p Loc) is.
  TestContext classify(const clang::DynTypedNode &Node, clang::SourceLocation Loc,
                       clang::ASTContext &Ctx);

  /// What to do with a finding in \p Where that the check would hide in
  /// test code.
  TestVerdict verdict(TestContext Where) const;

  /// verdict(classify(...)): what to do with a finding at \p Node.
  TestVerdict verdictFor(const clang::DynTypedNode &Node, clang::SourceLocation Loc,
                         clang::ASTContext &Ctx) {
    return verdict(classify(Node, Loc, Ctx));
  }

  /// Whether \p Node, at \p Loc, is written by the body of a macro in test
  /// code: an assertion macro's own machinery, which the test does not
  /// call itself.
  bool isMacroMachineryInTest(const clang::DynTypedNode &Node, clang::SourceLocation Loc,
                              clang::ASTContext &Ctx) {
    return Loc.isMacroID() && Ctx.getSourceManager().isMacroBodyExpansion(Loc) &&
           classify(Node, Loc, Ctx) != TestContext::None;
  }

private:
  bool isTestFile(clang::SourceLocation Loc, const clang::SourceManager &SM);
  bool inMacroArgumentOf(clang::SourceLocation Loc, const llvm::StringSet<> &Names,
                         clang::ASTContext &Ctx) const;
  bool isTestFunction(const clang::FunctionDecl &F, clang::ASTContext &Ctx) const;
  bool isExpectThrowCall(const clang::DynTypedNode &Lambda, clang::ASTContext &Ctx) const;
  bool endsInFailure(const clang::Stmt &TryBody, clang::ASTContext &Ctx) const;
  std::string relativeToProject(llvm::StringRef Path) const;

  clang::tidy::ClangTidyContext *Context;
  const bool ReportTestCode;
  const bool MarkHidden;
  const std::string TestFilePattern;
  const std::string TestMacros;
  const std::string ExpectThrowMacros;
  const std::string ExpectThrowFunctions;
  const std::string FailMacros;
  llvm::Regex FilePattern;
  llvm::StringSet<> TestMacroNames, ExpectThrowMacroNames, ExpectThrowFunctionNames, FailMacroNames;
  llvm::StringMap<bool> FileCache;
};

} // namespace asynclint

#endif
