// async-lock-across-suspension's model on its own: which locks are held,
// on every path, at each co_await of a coroutine.

#include "checks/models/lock-across-suspension/LockFlow.h"
#include "checks/core/ExecutionOrder.h"

#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace asynclint {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

constexpr llvm::StringLiteral Prelude = R"cpp(
namespace std {
template <class R, class... A> struct coroutine_traits { using promise_type = typename R::promise_type; };
template <class P = void> struct coroutine_handle {
  static coroutine_handle from_address(void *) noexcept;
  template <class Q> coroutine_handle(coroutine_handle<Q>) noexcept;
  coroutine_handle() = default;
};
struct suspend_never {
  bool await_ready() noexcept { return true; }
  void await_suspend(coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct mutex { void lock(); void unlock(); };
struct defer_lock_t {}; inline constexpr defer_lock_t defer_lock{};
template <class M> struct lock_guard { explicit lock_guard(M &); ~lock_guard(); };
template <class M> struct unique_lock {
  explicit unique_lock(M &); unique_lock(M &, defer_lock_t); ~unique_lock();
  void lock(); void unlock();
};
}
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct tick { bool await_ready(); void await_suspend(std::coroutine_handle<>); void await_resume(); };
struct handing { explicit handing(std::unique_lock<std::mutex> &); bool await_ready();
                 void await_suspend(std::coroutine_handle<>); void await_resume(); };
bool cond();
std::mutex m;
)cpp";

/// The names of the locks held at each co_await of `f`, in source order.
class LockFlowTest : public ::testing::Test {
protected:
  std::vector<std::vector<std::string>> heldAtAwaits(llvm::StringRef Body) {
    std::string Code = Prelude.str() + "task f() {\n" + Body.str() + "\n}\n";
    Unit = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
    std::vector<std::vector<std::string>> Out;
    if (!Unit)
      return Out;
    ASTContext &Ctx = Unit->getASTContext();
    const auto *F = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx));
    const auto *Coroutine = F ? dyn_cast<CoroutineBodyStmt>(F->getBody()) : nullptr;
    if (!Coroutine)
      return Out;
    auto Order = ExecutionOrder::build(*F, *Coroutine->getBody(), Ctx);
    if (!Order)
      return Out;
    LockingTypes Types("", "");
    std::vector<std::pair<unsigned, std::vector<std::string>>> ByPlace;
    for (const auto &[Await, Held] : LockFlow(Types, Ctx).locksAcrossSuspensions(*Order)) {
      std::vector<std::string> Names;
      for (const auto &[Lock, Where] : Held)
        Names.push_back(cast<NamedDecl>(Lock)->getNameAsString());
      llvm::sort(Names);
      ByPlace.push_back({Await->getBeginLoc().getRawEncoding(), Names});
    }
    llvm::sort(ByPlace);
    for (auto &[Place, Names] : ByPlace)
      Out.push_back(Names);
    return Out;
  }

  std::unique_ptr<ASTUnit> Unit;
};

using Held = std::vector<std::vector<std::string>>;

TEST_F(LockFlowTest, AGuardHoldsItsMutexUntilItsScopeEnds) {
  EXPECT_EQ(heldAtAwaits("{ std::lock_guard<std::mutex> g(m); co_await tick(); }\n"
                         "co_await tick();"),
            (Held{{"g"}, {}}));
}

TEST_F(LockFlowTest, UnlockAndDeferredLockingHoldNothing) {
  EXPECT_EQ(heldAtAwaits("std::unique_lock<std::mutex> l(m); l.unlock(); co_await tick();\n"
                         "std::unique_lock<std::mutex> d(m, std::defer_lock); co_await tick();"),
            (Held{{}, {}}));
}

TEST_F(LockFlowTest, ALockCountsOnlyWhenHeldOnEveryPath) {
  EXPECT_EQ(heldAtAwaits("if (cond()) m.lock(); co_await tick(); m.unlock();"), (Held{{}}));
  EXPECT_EQ(heldAtAwaits("m.lock(); if (cond()) {} co_await tick(); m.unlock();"), (Held{{"m"}}));
}

TEST_F(LockFlowTest, AGuardHandedToTheAwaitedOperationIsNotHeldAcrossIt) {
  EXPECT_EQ(heldAtAwaits("std::unique_lock<std::mutex> l(m); co_await handing(l);"), (Held{{}}));
}

} // namespace
} // namespace asynclint
