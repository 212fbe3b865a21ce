#include "checks/core/OwnBody.h"
#include "checks/core/Coroutines.h"
#include "run/Analysis.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>
#include <set>

namespace asynclint {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

// Each mark(N) says whether the statement around it is the coroutine's own.
constexpr const char *Code = R"(
#include "mock_task.h"
MOCK_DEFINE_TASK(task)
void mark(int);
task<> other();
task<> coro() {
  mark(1);
  [] { mark(2); }();
  auto later = [] { mark(3); };
  (void)sizeof((mark(4), 0));
  struct Inner { void f() { mark(5); } };
  co_await other();
  co_await [&]() -> task<> { mark(6); co_return; }();
  later();
  if (noexcept(mark(8)))
    mark(7);
  if constexpr (sizeof(int) == 0)
    mark(9);
  else
    mark(10);
}
)";

class OwnBodyTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(
        Code, {"-std=c++20", "-resource-dir=" + clangResourceDir().str(),
               "-I" + std::string(ASYNCLINT_SOURCE_DIR) + "/test/checks/include"});
    ASSERT_TRUE(Unit);
    ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
    ASTContext &Ctx = Unit->getASTContext();
    Coroutine = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName("coro"), isDefinition()).bind("f"), Ctx));
    ASSERT_TRUE(Coroutine && isCoroutine(*Coroutine));
  }

  /// The N of every mark(N) call, with the call.
  std::vector<std::pair<int, const CallExpr *>> marks() {
    ASTContext &Ctx = Unit->getASTContext();
    std::vector<std::pair<int, const CallExpr *>> Out;
    for (const BoundNodes &M :
         match(callExpr(callee(functionDecl(hasName("mark")))).bind("c"), Ctx)) {
      const auto *Call = M.getNodeAs<CallExpr>("c");
      Expr::EvalResult N;
      if (Call->getArg(0)->EvaluateAsInt(N, Ctx))
        Out.emplace_back(static_cast<int>(N.Val.getInt().getExtValue()), Call);
    }
    return Out;
  }

  const Stmt &ownBody() { return *cast<CoroutineBodyStmt>(Coroutine->getBody())->getBody(); }

  std::unique_ptr<ASTUnit> Unit;
  const FunctionDecl *Coroutine = nullptr;
};

TEST_F(OwnBodyTest, WalksWhatTheCoroutineRunsItself) {
  std::set<int> Seen;
  std::set<const Stmt *> Visited;
  forEachOwnNode(&ownBody(), [&](const Stmt &S) { Visited.insert(&S); });
  for (const auto &[N, Call] : marks())
    if (Visited.count(Call))
      Seen.insert(N);
  EXPECT_EQ(Seen, (std::set<int>{1, 2, 7, 10}));
}

TEST_F(OwnBodyTest, LeavesOutTheAwaitMachinery) {
  forEachOwnNode(&ownBody(), [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S))
      if (const auto *Method = Call->getMethodDecl(); Method && Method->getIdentifier())
        EXPECT_FALSE(Method->getName().starts_with("await_")) << Method->getName().str();
  });
}

TEST_F(OwnBodyTest, AgreesWithEnclosingCoroutine) {
  std::set<const Stmt *> Visited;
  forEachOwnNode(&ownBody(), [&](const Stmt &S) { Visited.insert(&S); });
  ASTContext &Ctx = Unit->getASTContext();
  for (const auto &[N, Call] : marks())
    EXPECT_EQ(enclosingCoroutine(*Call, Ctx) == Coroutine && !isInDiscardedBranch(*Call, Ctx),
              Visited.count(Call) == 1)
        << "mark(" << N << ")";
}

TEST_F(OwnBodyTest, RememberedWalksGiveTheSameAnswers) {
  // Asked in any order, top-down and bottom-up, the remembering walks agree
  // with the plain ones for every statement of the unit.
  ASTContext &Ctx = Unit->getASTContext();
  std::vector<const Stmt *> All;
  for (const BoundNodes &Match : match(findAll(stmt().bind("s")), Ctx))
    All.push_back(Match.getNodeAs<Stmt>("s"));
  ASSERT_GT(All.size(), 50U);
  for (bool Reversed : {false, true}) {
    RememberedWalks Coroutines;
    RememberedWalks Functions;
    std::vector<const Stmt *> Order = All;
    if (Reversed)
      std::reverse(Order.begin(), Order.end());
    for (const Stmt *S : Order) {
      EXPECT_EQ(enclosingCoroutine(*S, Ctx, Coroutines), enclosingCoroutine(*S, Ctx));
      const FunctionDecl *Plain = nullptr;
      for (const DynTypedNode &Node : ancestors(*S, Ctx))
        if (const auto *F = Node.get<FunctionDecl>()) {
          Plain = F;
          break;
        }
      EXPECT_EQ(firstFunctionAbove(*S, Ctx, Functions), Plain);
    }
  }
}

TEST_F(OwnBodyTest, KnowsTheBranchAConstexprIfDiscards) {
  ASTContext &Ctx = Unit->getASTContext();
  for (const auto &[N, Call] : marks())
    EXPECT_EQ(isInDiscardedBranch(*Call, Ctx), N == 9) << "mark(" << N << ")";
}

TEST_F(OwnBodyTest, StopsWhenAsked) {
  unsigned Visits = 0;
  bool Finished = walkOwnBody(ownBody(), [&](const Stmt &) {
    ++Visits;
    return Visits == 3 ? Walk::Stop : Walk::Into;
  });
  EXPECT_FALSE(Finished);
  EXPECT_EQ(Visits, 3u);
  EXPECT_TRUE(anyOwnNode(&ownBody(), [](const Stmt &S) { return isa<CoawaitExpr>(S); }));
}

} // namespace
} // namespace asynclint
