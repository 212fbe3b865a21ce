// async-sequential-await's independence model on its own: two operations
// may overlap only when neither changes what the other mentions, and they
// share no object that orders them.

#include "checks/models/sequential-await/Effects.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

namespace asynclint {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

constexpr llvm::StringLiteral Prelude = R"cpp(
struct Socket { int fd; };
enum class Kind { user, order };
struct Key { int id; Kind kind; };
struct Handle { int *slot; };
int fetch(int id);
int fetch(Key key);
void bump(int &id);
void send(Socket &s);
void inspect(const Handle &h);
)cpp";

class EffectsTest : public ::testing::Test {
protected:
  /// Whether the first and the second call of `f`'s body \p Body interfere.
  bool interfering(llvm::StringRef Body) {
    Unit = tooling::buildASTFromCodeWithArgs(Prelude.str() + "void f() {\n" + Body.str() + "\n}\n",
                                             {"-std=c++20"});
    if (!Unit) {
      ADD_FAILURE() << "does not parse";
      return false;
    }
    ASTContext &Ctx = Unit->getASTContext();
    auto Calls = match(functionDecl(hasName("f"), forEachDescendant(callExpr().bind("c"))), Ctx);
    if (Calls.size() != 2) {
      ADD_FAILURE() << Calls.size() << " calls in: " << Body.str();
      return false;
    }
    const auto *A = Calls[0].getNodeAs<Expr>("c");
    const auto *B = Calls[1].getNodeAs<Expr>("c");
    if (Ctx.getSourceManager().isBeforeInTranslationUnit(B->getBeginLoc(), A->getBeginLoc()))
      std::swap(A, B);
    return interfere(effectsOf(*A), effectsOf(*B));
  }

  /// Whether the type of `f`'s local `x`, declared by \p Declaration, is
  /// plain data.
  bool plain(llvm::StringRef Declaration) {
    Unit = tooling::buildASTFromCodeWithArgs(
        Prelude.str() + "void f() {\n" + Declaration.str() + "\n}\n", {"-std=c++20"});
    const auto *X = Unit ? selectFirst<VarDecl>(
                               "x", match(varDecl(hasName("x")).bind("x"), Unit->getASTContext()))
                         : nullptr;
    if (!X) {
      ADD_FAILURE() << "no x in: " << Declaration.str();
      return false;
    }
    return isPlainData(X->getType());
  }

  std::unique_ptr<ASTUnit> Unit;
};

TEST_F(EffectsTest, ReadingPlainDataTwiceIsIndependent) {
  EXPECT_FALSE(interfering("int a = 1, b = 2;\nfetch(a);\nfetch(b);"));
  EXPECT_FALSE(interfering("int a = 1;\nfetch(a);\nfetch(a);"));
  EXPECT_FALSE(interfering("Key k{1, Kind::user};\nfetch(k);\nfetch(k.id);"));
}

TEST_F(EffectsTest, ChangingWhatTheOtherReadsOrdersThem) {
  EXPECT_TRUE(interfering("int a = 1;\nbump(a);\nfetch(a);"));
  EXPECT_TRUE(interfering("int a = 1;\nfetch(a);\nfetch(a++);"));
  EXPECT_FALSE(interfering("int a = 1, b = 2;\nbump(a);\nfetch(b);"));
}

TEST_F(EffectsTest, SharingAnObjectThatIsNotPlainDataOrdersThem) {
  EXPECT_TRUE(interfering("Socket s{3};\nsend(s);\nsend(s);"));
  EXPECT_FALSE(interfering("Socket s{3}, t{4};\nsend(s);\nsend(t);"));
}

TEST_F(EffectsTest, PlainDataIsNumbersEnumsAndAggregatesOfThem) {
  EXPECT_TRUE(plain("int x = 0;"));
  EXPECT_TRUE(plain("Kind x = Kind::user;"));
  EXPECT_TRUE(plain("Key x{};"));
  EXPECT_FALSE(plain("Handle x{};"));
  EXPECT_FALSE(plain("int *x = nullptr;"));
}

} // namespace
} // namespace asynclint
