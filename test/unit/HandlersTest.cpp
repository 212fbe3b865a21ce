// async-swallowed-exception's model on its own: what a catch handler does
// with what it catches, and whether its try statement runs again forever.

#include "checks/models/swallowed-exception/Handlers.h"

#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace asynclint {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

class HandlersTest : public ::testing::Test {
protected:
  /// What the first handler of `f`'s body \p Body does.
  HandlerEffects effectsOf(llvm::StringRef Body) {
    parse(Body);
    HandlerEffects Effects;
    if (const CXXCatchStmt *Handler = first<CXXCatchStmt>(cxxCatchStmt()))
      scanHandler(*Handler->getHandlerBlock(), /*InBreakScope=*/false, Checks, Effects);
    else
      ADD_FAILURE() << "no handler in: " << Body.str();
    return Effects;
  }

  /// Whether the first try statement of `f`'s body \p Body runs again in an
  /// endless loop.
  bool inEndlessLoop(llvm::StringRef Body) {
    parse(Body);
    const CXXTryStmt *Try = first<CXXTryStmt>(cxxTryStmt());
    if (!Try) {
      ADD_FAILURE() << "no try in: " << Body.str();
      return false;
    }
    return enclosingEndlessLoop(*Try, Unit->getASTContext()) != nullptr;
  }

private:
  void parse(llvm::StringRef Body) {
    std::string Code =
        "namespace std { struct exception_ptr {}; exception_ptr current_exception() noexcept; }\n"
        "namespace net { bool cancelled; }\n"
        "void work(); bool cond(); void log();\nvoid f() {\n" +
        Body.str() + "\n}\n";
    Unit = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20", "-fexceptions"});
    ASSERT_TRUE(Unit);
    Checks.clear();
    Checks.insert("net::cancelled");
  }

  template <typename NodeT, typename MatcherT> const NodeT *first(const MatcherT &M) {
    return selectFirst<NodeT>("n", match(traverse(TK_AsIs, M.bind("n")), Unit->getASTContext()));
  }

  std::unique_ptr<ASTUnit> Unit;
  llvm::StringSet<> Checks;
};

TEST_F(HandlersTest, LoggingAloneSwallows) {
  HandlerEffects E = effectsOf("try { work(); } catch (...) { log(); }");
  EXPECT_FALSE(E.Rethrows || E.Leaves || E.KeepsException || E.ChecksCancellation);
}

TEST_F(HandlersTest, RethrowingLeavingAndKeepingAreSeen) {
  EXPECT_TRUE(effectsOf("try { work(); } catch (...) { throw; }").Rethrows);
  EXPECT_TRUE(effectsOf("try { work(); } catch (...) { return; }").Leaves);
  EXPECT_TRUE(effectsOf("try { work(); } catch (...) { auto e = std::current_exception(); }")
                  .KeepsException);
  EXPECT_TRUE(
      effectsOf("try { work(); } catch (...) { if (net::cancelled) return; }").ChecksCancellation);
}

TEST_F(HandlersTest, ABreakInsideALoopOfTheHandlerStaysThere) {
  EXPECT_FALSE(effectsOf("try { work(); } catch (...) { for (;;) { if (cond()) break; } }").Leaves);
  EXPECT_TRUE(effectsOf("for (;;) { try { work(); } catch (...) { break; } }").Leaves);
}

TEST_F(HandlersTest, OnlyALoopWithoutAConditionRunsTheTryAgainForever) {
  EXPECT_TRUE(inEndlessLoop("for (;;) { try { work(); } catch (...) {} }"));
  EXPECT_TRUE(inEndlessLoop("while (true) { try { work(); } catch (...) {} }"));
  EXPECT_FALSE(inEndlessLoop("while (cond()) { try { work(); } catch (...) {} }"));
  EXPECT_FALSE(inEndlessLoop("try { work(); } catch (...) {}"));
}

} // namespace
} // namespace asynclint
