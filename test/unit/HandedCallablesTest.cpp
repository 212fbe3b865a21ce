#include "checks/core/HandedCallables.h"
#include "run/Analysis.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace asynclint {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

constexpr const char *Code = R"(
#include <functional>
#include <utility>
struct delegate {
  template <typename F> delegate(F f) : fn(std::move(f)) {}
  void operator()(int) const {}
  std::function<void()> fn;
};
struct answer {
  int operator()() const { return 1; }
};
template <typename Fn> void each(Fn &&fn) {
  auto copy = std::forward<Fn>(fn);
  Fn second = copy;
  copy();
  std::invoke(second);
  [second] { second(); }();
}
void caller(int n) {
  each([n] { (void)n; });
}
void elsewhere(std::function<void()> f);
void unseen() {
  elsewhere([] {});
}
)";

class HandedCallablesTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(
        Code, {"-std=c++20", "-resource-dir=" + clangResourceDir().str()});
    ASSERT_TRUE(Unit);
    ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  }
  const LambdaExpr *lambdaIn(llvm::StringRef Function) {
    return selectFirst<LambdaExpr>(
        "l", match(lambdaExpr(hasAncestor(functionDecl(hasName(Function)))).bind("l"),
                   Unit->getASTContext()));
  }
  const CXXRecordDecl *record(llvm::StringRef Name) {
    return selectFirst<CXXRecordDecl>(
        "r", match(cxxRecordDecl(hasName(Name), isDefinition()).bind("r"), Unit->getASTContext()));
  }
  std::unique_ptr<ASTUnit> Unit;
};

TEST_F(HandedCallablesTest, FollowsTheCallableIntoTheInstantiation) {
  const LambdaExpr *Lambda = lambdaIn("caller");
  ASSERT_TRUE(Lambda);
  std::optional<HandedCallable> Handed = handedTo(*Lambda, Unit->getASTContext());
  ASSERT_TRUE(Handed);
  if (!Handed)
    return;
  EXPECT_EQ(Handed->Definition->getName(), "each");
  EXPECT_TRUE(Handed->Definition->isTemplateInstantiation());
  EXPECT_EQ(Handed->Param->getName(), "fn");

  const Stmt *Body = writtenBody(*Handed->Definition);
  ASSERT_TRUE(Body);
  llvm::SmallVector<const VarDecl *, 4> Holders = holdersOf(*Handed->Param, *Body);
  ASSERT_EQ(Holders.size(), 3u);
  EXPECT_EQ(Holders[1]->getName(), "copy");
  EXPECT_EQ(Holders[2]->getName(), "second");
  // The call inside the nested lambda is of its own copy.
  EXPECT_EQ(invocationsOf(*Holders[0], *Body).size(), 0u);
  EXPECT_EQ(invocationsOf(*Holders[1], *Body).size(), 1u);
  EXPECT_EQ(invocationsOf(*Holders[2], *Body).size(), 1u);
}

TEST_F(HandedCallablesTest, NoBodyNoReceiver) {
  const LambdaExpr *Lambda = lambdaIn("unseen");
  ASSERT_TRUE(Lambda);
  EXPECT_FALSE(handedTo(*Lambda, Unit->getASTContext()));
}

TEST_F(HandedCallablesTest, CallablesWhoseCallsReturnVoid) {
  const CXXRecordDecl *Delegate = record("delegate");
  const CXXRecordDecl *Answer = record("answer");
  ASSERT_TRUE(Delegate && Answer);
  EXPECT_TRUE(callsReturnVoid(*Delegate));
  EXPECT_FALSE(callsReturnVoid(*Answer));
  const auto *Function =
      Delegate->getDefinition()->fields().begin()->getType()->getAsCXXRecordDecl();
  ASSERT_TRUE(Function);
  EXPECT_TRUE(isFunctionWrapper(*Function));
  EXPECT_TRUE(callsReturnVoid(*Function));
}

} // namespace
} // namespace asynclint
