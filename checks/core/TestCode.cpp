#include "core/TestCode.h"
#include "core/Coroutines.h"
#include "core/Names.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace asynclint {
namespace {

// Directories and file names of test suites and benchmarks, matched against
// the path below the project: the build directory when it holds the file,
// else the enclosing git work tree.
constexpr llvm::StringLiteral DefaultTestFilePattern =
    "(^|/)(tests?|testing|unit_?tests?|benchmarks?|bench)/"
    "|(^|/)(test|tests|bench)_[^/]*$"
    "|([_.-](test|tests|unittest|bench|benchmark)|Test|Tests|Bench)\\.[a-zA-Z+]+$"
    "|(^|/)bench\\.[^/]*$";

constexpr llvm::StringLiteral DefaultTestMacros =
    "TEST;TEST_F;TEST_P;TYPED_TEST;TYPED_TEST_P;GTEST_TEST;"
    "TEST_CASE;TEST_CASE_METHOD;TEMPLATE_TEST_CASE;TEMPLATE_PRODUCT_TEST_CASE;"
    "SCENARIO;CATCH_TEST_CASE;DOCTEST_TEST_CASE;TEST_CASE_FIXTURE;"
    "BOOST_AUTO_TEST_CASE;BOOST_FIXTURE_TEST_CASE;BOOST_DATA_TEST_CASE;"
    "BOOST_AUTO_TEST_CASE_TEMPLATE;CO_TEST_CASE";

constexpr llvm::StringLiteral DefaultExpectThrowMacros =
    "EXPECT_THROW;ASSERT_THROW;EXPECT_ANY_THROW;ASSERT_ANY_THROW;"
    "EXPECT_NO_THROW;ASSERT_NO_THROW;"
    "CHECK_THROWS;CHECK_THROWS_AS;CHECK_THROWS_WITH;CHECK_THROWS_WITH_AS;"
    "CHECK_THROWS_MATCHES;REQUIRE_THROWS;REQUIRE_THROWS_AS;REQUIRE_THROWS_WITH;"
    "REQUIRE_THROWS_WITH_AS;REQUIRE_THROWS_MATCHES;CHECK_NOTHROW;REQUIRE_NOTHROW;"
    "BOOST_CHECK_THROW;BOOST_REQUIRE_THROW;BOOST_WARN_THROW;BOOST_CHECK_EXCEPTION;"
    "BOOST_REQUIRE_EXCEPTION;BOOST_CHECK_NO_THROW;BOOST_REQUIRE_NO_THROW";

constexpr llvm::StringLiteral DefaultExpectThrowFunctions =
    "assert_throws;assert_throws_with_error_message;"
    "assert_throws_contains_error_message;expect_throws;require_throws";

constexpr llvm::StringLiteral DefaultFailMacros =
    "FAIL;ADD_FAILURE;GTEST_FAIL;FAIL_CHECK;BOOST_FAIL;BOOST_ERROR;"
    "BOOST_TEST_FAIL;DOCTEST_FAIL";

/// What a lambda passes through on its way to a parameter: conversions to
/// std::function and the like, besides the transparent nodes.
bool isArgumentConversion(const DynTypedNode &N) {
  return isTransparentNode(N) || N.get<CXXConstructExpr>() || N.get<CXXFunctionalCastExpr>();
}

} // namespace

TestCodeFilter::TestCodeFilter(tidy::ClangTidyCheck::OptionsView &Options,
                               tidy::ClangTidyContext *Context,
                               const std::function<void(const std::string &)> &ReportProblem)
    : Context(Context), ReportTestCode(Options.getLocalOrGlobal("ReportTestCode", false)),
      MarkHidden(Options.getLocalOrGlobal("MarkHiddenTestCode", false)),
      TestFilePattern(Options.getLocalOrGlobal("TestFilePattern", DefaultTestFilePattern.str())),
      TestMacros(Options.getLocalOrGlobal("TestMacros", DefaultTestMacros.str())),
      ExpectThrowMacros(
          Options.getLocalOrGlobal("ExpectThrowMacros", DefaultExpectThrowMacros.str())),
      ExpectThrowFunctions(
          Options.getLocalOrGlobal("ExpectThrowFunctions", DefaultExpectThrowFunctions.str())),
      FailMacros(Options.getLocalOrGlobal("FailMacros", DefaultFailMacros.str())),
      FilePattern(TestFilePattern) {
  std::string Problem;
  if (!TestFilePattern.empty() && !FilePattern.isValid(Problem))
    ReportProblem("invalid regular expression in option 'TestFilePattern': " + Problem);
  insertNames(TestMacroNames, TestMacros);
  insertNames(ExpectThrowMacroNames, ExpectThrowMacros);
  insertNames(ExpectThrowFunctionNames, ExpectThrowFunctions);
  insertNames(FailMacroNames, FailMacros);
}

void TestCodeFilter::storeOptions(tidy::ClangTidyCheck::OptionsView &Options,
                                  tidy::ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "ReportTestCode", ReportTestCode);
  Options.store(Opts, "TestFilePattern", TestFilePattern);
  Options.store(Opts, "TestMacros", TestMacros);
  Options.store(Opts, "ExpectThrowMacros", ExpectThrowMacros);
  Options.store(Opts, "ExpectThrowFunctions", ExpectThrowFunctions);
  Options.store(Opts, "FailMacros", FailMacros);
}

TestVerdict TestCodeFilter::verdict(TestContext Where) const {
  if (Where == TestContext::None || ReportTestCode)
    return TestVerdict::Report;
  return MarkHidden ? TestVerdict::ReportMarked : TestVerdict::Hide;
}

std::string TestCodeFilter::relativeToProject(llvm::StringRef Path) const {
  auto Below = [&](llvm::StringRef Root) -> std::optional<std::string> {
    llvm::SmallString<256> Prefix(Root);
    llvm::sys::path::remove_dots(Prefix, true);
    if (Prefix.empty() || !Path.starts_with(Prefix))
      return std::nullopt;
    llvm::StringRef Rest = Path.drop_front(Prefix.size());
    if (!Rest.consume_front("/"))
      return std::nullopt;
    return Rest.str();
  };
  if (Context)
    if (auto Rest = Below(Context->getCurrentBuildDirectory()))
      return *Rest;
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      if (auto Rest = Below(Dir))
        return *Rest;
  }
  return Path.str();
}

bool TestCodeFilter::isTestFile(SourceLocation Loc, const SourceManager &SM) {
  if (TestFilePattern.empty() || !FilePattern.isValid())
    return false;
  FileID File = SM.getFileID(SM.getExpansionLoc(Loc));
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  if (!Entry)
    return false;
  llvm::SmallString<256> Path(Entry->getName());
  (void)llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, true);
  llvm::sys::path::native(Path, llvm::sys::path::Style::posix);
  auto [It, Inserted] = FileCache.try_emplace(Path, false);
  if (Inserted)
    It->second = FilePattern.match(relativeToProject(Path));
  return It->second;
}

bool TestCodeFilter::inMacroArgumentOf(SourceLocation Loc, const llvm::StringSet<> &Names,
                                       ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  while (Loc.isMacroID()) {
    if (Names.contains(Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts())))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

bool TestCodeFilter::isTestFunction(const FunctionDecl &F, ASTContext &Ctx) const {
  return F.getLocation().isMacroID() && inMacroArgumentOf(F.getLocation(), TestMacroNames, Ctx);
}

bool TestCodeFilter::isExpectThrowCall(const DynTypedNode &Lambda, ASTContext &Ctx) const {
  for (const DynTypedNode &Parent : ancestors(Lambda, Ctx)) {
    if (const auto *Call = Parent.get<CallExpr>()) {
      const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
      return Callee && Callee->getDeclName().isIdentifier() &&
             ExpectThrowFunctionNames.contains(Callee->getName());
    }
    if (!isArgumentConversion(Parent))
      return false;
  }
  return false;
}

bool TestCodeFilter::endsInFailure(const Stmt &TryBody, ASTContext &Ctx) const {
  const auto *Block = dyn_cast<CompoundStmt>(&TryBody);
  if (!Block || Block->body_empty())
    return false;
  SourceLocation Last = Block->body_back()->getBeginLoc();
  return Last.isMacroID() && inMacroArgumentOf(Last, FailMacroNames, Ctx);
}

TestContext TestCodeFilter::classify(const DynTypedNode &Node, SourceLocation Loc,
                                     ASTContext &Ctx) {
  if (inMacroArgumentOf(Loc, ExpectThrowMacroNames, Ctx))
    return TestContext::ExpectedThrow;
  bool InTestFunction = false;
  for (const DynTypedNode &N : ancestors(Node, Ctx)) {
    if (const auto *S = N.get<Stmt>()) {
      if (S->getBeginLoc().isMacroID() &&
          inMacroArgumentOf(S->getBeginLoc(), ExpectThrowMacroNames, Ctx))
        return TestContext::ExpectedThrow;
      if (const auto *Try = dyn_cast<CXXTryStmt>(S); Try && endsInFailure(*Try->getTryBlock(), Ctx))
        return TestContext::ExpectedThrow;
      if (isa<LambdaExpr>(S) && isExpectThrowCall(N, Ctx))
        return TestContext::ExpectedThrow;
    } else if (const auto *F = N.get<FunctionDecl>()) {
      InTestFunction = InTestFunction || isTestFunction(*F, Ctx);
    }
  }
  if (const auto *F = Node.get<FunctionDecl>())
    InTestFunction = InTestFunction || isTestFunction(*F, Ctx);
  if (InTestFunction || isTestFile(Loc, Ctx.getSourceManager()))
    return TestContext::Test;
  return TestContext::None;
}

} // namespace asynclint
