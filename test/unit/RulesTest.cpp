// The rule table is the one source of truth: the module, the docs pages and
// the docs index must agree with it.
#include "checks/Rules.h"
#include "checks/catalog/Catalog.h"
#include "config/TidyOptions.h"
#include "report/Docs.h"

#include "llvm/Support/MemoryBuffer.h"
#include <gtest/gtest.h>

namespace asynclint {
namespace {

std::string readSource(const std::string &Relative) {
  auto Buffer = llvm::MemoryBuffer::getFile(std::string(ASYNCLINT_SOURCE_DIR) + "/" + Relative);
  return Buffer ? (*Buffer)->getBuffer().str() : "";
}

// The analysis does not define __clang_analyzer__ (it parses as the compiler
// does), which is right only while no static-analyzer check can run.
TEST(RulesTest, NoStaticAnalyzerCheckIsLinkedIn) {
  for (const std::string &Name : registeredCheckNames())
    EXPECT_FALSE(llvm::StringRef(Name).starts_with("clang-analyzer-")) << Name;
}

TEST(RulesTest, EveryRuleIsRegisteredAndDocumented) {
  std::vector<std::string> Registered = registeredCheckNames();
  std::string Index = readSource("docs/checks/README.md");
  ASSERT_FALSE(Index.empty());
  for (const RuleInfo &Rule : rules()) {
    EXPECT_NE(std::find(Registered.begin(), Registered.end(), Rule.Id.str()), Registered.end())
        << Rule.Id.str();
    std::string Page = readSource(Rule.DocPath.str());
    EXPECT_EQ(Page.rfind("# " + Rule.Id.str(), 0), 0u) << Rule.DocPath.str();
    EXPECT_EQ(ruleDocumentation(Rule), Page) << "embedded page is stale";
    EXPECT_NE(Index.find("[" + Rule.Id.str() + "]"), std::string::npos)
        << Rule.Id.str() << " missing from the docs index";
    EXPECT_NE(Index.find(Rule.Summary.str()), std::string::npos)
        << Rule.Id.str() << ": summary differs from the docs index";
    EXPECT_TRUE(Rule.Level == "warning" || Rule.Level == "error" || Rule.Level == "note");
  }
  for (const std::string &Name : Registered)
    if (llvm::StringRef(Name).starts_with("async-"))
      EXPECT_NE(findRule(Name), nullptr) << Name << " has no metadata";
}

TEST(RulesTest, BlockingCallPageListsEveryCatalogueEntry) {
  std::string Page = readSource("docs/checks/async-blocking-call.md");
  Catalog Cat = Catalog::builtin();
  for (const BlockingApi &Api : Cat.blockingApis())
    EXPECT_NE(Page.find("`" + Api.displayName() + "`"), std::string::npos)
        << Api.displayName() << " is not documented";
  for (const Category &C : Cat.categories())
    EXPECT_NE(Page.find("### " + C.Id), std::string::npos) << C.Id;
}

} // namespace
} // namespace asynclint
