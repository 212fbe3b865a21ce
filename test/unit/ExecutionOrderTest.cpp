#include "checks/core/ExecutionOrder.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace asynclint {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

/// One function `f` whose calls to `a`, `b`, `c` are asked about.
class ExecutionOrderTest : public ::testing::Test {
protected:
  void parse(llvm::StringRef Body) {
    std::string Code =
        "void a(); void b(); void c(); bool cond();\nvoid f(int n) {\n" + Body.str() + "\n}\n";
    Unit = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
    ASSERT_TRUE(Unit);
    ASTContext &Ctx = Unit->getASTContext();
    const auto *F = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx));
    ASSERT_TRUE(F);
    Order = ExecutionOrder::build(*F, *F->getBody(), Ctx);
    ASSERT_TRUE(Order);
  }

  /// The \p Nth call to \p Name, in source order.
  const Stmt &call(llvm::StringRef Name, unsigned Nth = 0) {
    ASTContext &Ctx = Unit->getASTContext();
    auto Calls = match(callExpr(callee(functionDecl(hasName(Name)))).bind("c"), Ctx);
    if (Nth >= Calls.size()) {
      ADD_FAILURE() << "no call to " << Name.str();
      return Missing;
    }
    return *Calls[Nth].getNodeAs<Stmt>("c");
  }

  NullStmt Missing{SourceLocation()};
  std::unique_ptr<ASTUnit> Unit;
  std::unique_ptr<ExecutionOrder> Order;
};

TEST_F(ExecutionOrderTest, StraightLine) {
  parse("a(); b();");
  EXPECT_TRUE(Order->mustPrecede(call("a"), call("b")));
  EXPECT_FALSE(Order->mustPrecede(call("b"), call("a")));
  EXPECT_TRUE(Order->mayPrecede(call("a"), call("b")));
  EXPECT_FALSE(Order->mayPrecede(call("b"), call("a")));
}

TEST_F(ExecutionOrderTest, EachRunNeedsItsOwnEarlierStatement) {
  parse("while (cond()) { a(); b(); }");
  EXPECT_TRUE(Order->mustPrecedeEachRun({&call("a")}, call("b")));
  parse("a(); while (cond()) b();");
  EXPECT_TRUE(Order->mustPrecede(call("a"), call("b")));
  EXPECT_FALSE(Order->mustPrecedeEachRun({&call("a")}, call("b")));
  parse("while (cond()) { b(); if (cond()) continue; a(); }");
  EXPECT_FALSE(Order->mustPrecedeEachRun({&call("a")}, call("b")));
  parse("for (;;) { a(); if (cond()) continue; b(); }");
  EXPECT_TRUE(Order->mustPrecedeEachRun({&call("a")}, call("b")));
}

TEST_F(ExecutionOrderTest, OneBranchDoesNotPrecedeTheOther) {
  parse("if (cond()) a(); else b(); c();");
  EXPECT_FALSE(Order->mustPrecede(call("a"), call("b")));
  EXPECT_FALSE(Order->mayPrecede(call("a"), call("b")));
  EXPECT_FALSE(Order->mustPrecede(call("a"), call("c")));
  EXPECT_TRUE(Order->mayPrecede(call("a"), call("c")));
}

TEST_F(ExecutionOrderTest, EveryBranchTogetherPrecedes) {
  parse("if (cond()) a(); else b(); c();");
  const Stmt *Both[] = {&call("a"), &call("b")};
  EXPECT_TRUE(Order->mustPrecede(Both, call("c")));
}

TEST_F(ExecutionOrderTest, RunsOnEveryPathAsksEveryWayThatReturnsOrLoops) {
  parse("a(); if (cond()) return; b();");
  EXPECT_TRUE(Order->runsOnEveryPath(&call("a")));
  EXPECT_FALSE(Order->runsOnEveryPath(&call("b")));
  parse("if (cond()) a(); else b(); c();");
  const Stmt *Both[] = {&call("a"), &call("b")};
  EXPECT_TRUE(Order->runsOnEveryPath(Both));
  EXPECT_FALSE(Order->runsOnEveryPath(&call("a")));
  parse("for (int i = 0; i < n; ++i) a(); b();");
  EXPECT_FALSE(Order->runsOnEveryPath(&call("a")));
  // A loop that never ends without its call, and one that spins without.
  parse("for (;;) { a(); if (cond()) return; }");
  EXPECT_TRUE(Order->runsOnEveryPath(&call("a")));
  parse("for (;;) { if (cond()) a(); }");
  EXPECT_FALSE(Order->runsOnEveryPath(&call("a")));
}

TEST_F(ExecutionOrderTest, ErrorPathsAndExcusedPathsAskNothing) {
  parse("if (n < 0) throw n; a();");
  EXPECT_TRUE(Order->runsOnEveryPath(&call("a")));
  parse("try { a(); } catch (...) { b(); }");
  EXPECT_TRUE(Order->runsOnEveryPath(&call("a")));
  parse("if (n < 0) { b(); return; } a();");
  EXPECT_FALSE(Order->runsOnEveryPath(&call("a")));
  const Stmt *Excused[] = {&call("b")};
  EXPECT_TRUE(Order->runsOnEveryPath(&call("a"), Excused));
  EXPECT_FALSE(Order->runsOnEveryPath({}));
}

TEST_F(ExecutionOrderTest, LoopsRunLaterStatementsBeforeEarlierOnes) {
  parse("for (int i = 0; i < n; ++i) { a(); b(); }");
  EXPECT_FALSE(Order->mustPrecede(call("b"), call("a")));
  EXPECT_TRUE(Order->mayPrecede(call("b"), call("a")));
  EXPECT_TRUE(Order->mustPrecede(call("a"), call("b")));
}

TEST_F(ExecutionOrderTest, ALoopConditionPrecedesWhatFollowsTheLoop) {
  parse("while (cond()) a(); b();");
  EXPECT_TRUE(Order->mustPrecede(call("cond"), call("b")));
  EXPECT_FALSE(Order->mustPrecede(call("a"), call("b")));
}

TEST_F(ExecutionOrderTest, EarlyReturnsAndJumps) {
  parse("if (cond()) return; a(); b();");
  EXPECT_TRUE(Order->mustPrecede(call("a"), call("b")));
  parse("if (cond()) goto end; a(); end: b();");
  EXPECT_FALSE(Order->mustPrecede(call("a"), call("b")));
}

TEST_F(ExecutionOrderTest, LambdaInvokedOnTheSpotRunsWhereItIsCalled) {
  parse("a(); [] { b(); }(); c();");
  EXPECT_TRUE(Order->mustPrecede(call("a"), call("b")));
  EXPECT_TRUE(Order->mustPrecede(call("b"), call("c")));
}

TEST_F(ExecutionOrderTest, ForwardFixpointSettlesOnLoops) {
  // Counts how many of the blocks reached carry the fact "a() ran".
  parse("while (cond()) { if (cond()) a(); b(); } c();");
  auto States = Order->forwardFixpoint<bool>(
      false, [](const bool &X, const bool &Y) { return X && Y; },
      [&](const CFGBlock &Block, bool &Ran) {
        for (const CFGElement &Element : Block)
          if (auto S = Element.getAs<CFGStmt>())
            Ran |= S->getStmt() == &call("a");
      });
  EXPECT_FALSE(States.empty());
  // a() runs on one branch only: it has not certainly run at c().
  for (const auto &[Block, Ran] : States)
    for (const CFGElement &Element : *Block)
      if (auto S = Element.getAs<CFGStmt>(); S && S->getStmt() == &call("c"))
        EXPECT_FALSE(Ran);
}

TEST_F(ExecutionOrderTest, MayReachAvoidingLooksForOneWayPastNoneOfTheStops) {
  parse("a(); if (cond()) b(); c();");
  EXPECT_TRUE(Order->mayReachAvoiding(call("a"), call("c"), {&call("b")}));
  parse("a(); b(); c();");
  EXPECT_FALSE(Order->mayReachAvoiding(call("a"), call("c"), {&call("b")}));
  // Round a loop, but not through the starting statement again.
  parse("while (cond()) { b(); a(); }");
  EXPECT_TRUE(Order->mayReachAvoiding(call("a"), call("b"), {}));
  parse("while (cond()) { a(); c(); } b();");
  EXPECT_TRUE(Order->mayReachAvoiding(call("a"), call("b"), {}));
  parse("while (cond()) { c(); a(); } b();");
  EXPECT_FALSE(Order->mayReachAvoiding(call("a"), call("c"), {&call("c")}));
}

TEST_F(ExecutionOrderTest, MustReachBeforeAsksEveryWayOnFromTheStart) {
  parse("a(); b(); c();");
  EXPECT_TRUE(Order->mustReachBefore(call("a"), {&call("c")}, {}));
  EXPECT_FALSE(Order->mustReachBefore(call("a"), {&call("c")}, {&call("b")}));
  parse("a(); if (cond()) b(); c();");
  EXPECT_FALSE(Order->mustReachBefore(call("a"), {&call("b")}, {}));
  EXPECT_TRUE(Order->mustReachBefore(call("a"), {&call("c")}, {}));
  parse("a(); if (cond()) return; b();");
  EXPECT_FALSE(Order->mustReachBefore(call("a"), {&call("b")}, {}));
  // An error's way out asks nothing; a loop is followed to where it ends.
  parse("a(); if (cond()) throw 1; while (cond()) c(); b();");
  EXPECT_TRUE(Order->mustReachBefore(call("a"), {&call("b")}, {}));
  // Coming back to the start first is a stop.
  parse("while (cond()) { a(); if (cond()) continue; b(); }");
  EXPECT_FALSE(Order->mustReachBefore(call("a"), {&call("b")}, {}));
}

} // namespace
} // namespace asynclint
