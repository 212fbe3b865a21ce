// async-missing-timeout's model on its own: what the project's options say
// bounds an operation in time.

#include "checks/models/missing-timeout/Deadlines.h"
#include "checks/catalog/Catalog.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace asynclint {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

constexpr llvm::StringLiteral Code = R"cpp(
namespace net {
struct read_op {};
read_op read();
template <class Op> Op with_deadline(Op op, int ms);
template <class Op> Op retried(Op op);
struct guarded_stream {};
struct tls_stream : guarded_stream {};
struct plain_stream {};
}
void f() {
  net::with_deadline(net::read(), 100);
  net::retried(net::with_deadline(net::read(), 100));
  net::retried(net::read());
}
)cpp";

class DeadlinesTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
    ASSERT_TRUE(Unit);
  }

  /// The \p Nth expression statement of `f`, in source order.
  const Expr &statement(unsigned Nth) {
    auto *F = selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName("f"), isDefinition()).bind("f"), Unit->getASTContext()));
    const auto *Body = cast<CompoundStmt>(F->getBody());
    return *cast<Expr>(Body->body_begin()[Nth]);
  }

  const CXXRecordDecl *record(llvm::StringRef Name) {
    return selectFirst<CXXRecordDecl>(
        "r", match(cxxRecordDecl(hasName(Name), isDefinition()).bind("r"), Unit->getASTContext()));
  }

  std::unique_ptr<ASTUnit> Unit;
  Catalog Cat = Catalog::builtin();
};

TEST_F(DeadlinesTest, AProjectsOwnDeadlineFunctionBoundsWhatItWraps) {
  Deadlines Model(Cat, "net::with_deadline", "");
  ASTContext &Ctx = Unit->getASTContext();
  EXPECT_TRUE(Model.wrapsInDeadline(statement(0), Ctx));
  // Found inside another wrapper too, but not where there is none.
  EXPECT_FALSE(Model.wrapsInDeadline(statement(1), Ctx));
  EXPECT_TRUE(Model.setsDeadline(statement(1), Ctx));
  EXPECT_FALSE(Model.setsDeadline(statement(2), Ctx));
}

TEST_F(DeadlinesTest, WithoutTheOptionNothingOfTheProjectBounds) {
  Deadlines Model(Cat, "", "");
  ASTContext &Ctx = Unit->getASTContext();
  EXPECT_FALSE(Model.wrapsInDeadline(statement(0), Ctx));
  EXPECT_FALSE(Model.setsDeadline(statement(1), Ctx));
}

TEST_F(DeadlinesTest, ADeadlineTypeCountsForWhatDerivesFromIt) {
  Deadlines Model(Cat, "", "net::guarded_stream");
  EXPECT_TRUE(Model.isDeadlineType(record("net::guarded_stream")));
  EXPECT_TRUE(Model.isDeadlineType(record("net::tls_stream")));
  EXPECT_FALSE(Model.isDeadlineType(record("net::plain_stream")));
}

} // namespace
} // namespace asynclint
