#include "checks/catalog/Catalog.h"

#include <gtest/gtest.h>

namespace asynclint {
namespace {

Catalog builtin() {
  auto Cat = Catalog::builtin();
  EXPECT_TRUE(static_cast<bool>(Cat)) << llvm::toString(Cat.takeError());
  return Cat ? std::move(*Cat) : Catalog();
}

std::string errorOf(llvm::StringRef Text) {
  Catalog Cat = builtin();
  llvm::Error Err = Cat.addFromText(Text, "team.json");
  return Err ? llvm::toString(std::move(Err)) : "";
}

TEST(CatalogTest, BuiltinCoversEveryCategoryAndFramework) {
  Catalog Cat = builtin();
  for (const char *Category : {"sleep", "wait", "sync-wait", "file-io", "network",
                               "process", "console-input", "database"}) {
    ASSERT_NE(Cat.category(Category), nullptr) << Category;
    bool Used = false;
    for (const BlockingApi &Api : Cat.blockingApis())
      Used |= Api.Category == Category;
    EXPECT_TRUE(Used) << "no API in category " << Category;
  }
  for (const char *Framework :
       {"std", "asio", "boost-asio", "boost-beast", "cppcoro", "folly", "libcoro",
        "async_simple", "cobalt", "concurrencpp", "stdexec", "seastar", "qcoro",
        "libcurl", "httplib", "cpr", "libpq", "sqlite3"})
    EXPECT_NE(Cat.framework(Framework), nullptr) << Framework;
  for (const BlockingApi &Api : Cat.blockingApis())
    EXPECT_FALSE(Api.Header.empty()) << Api.displayName();
}

TEST(CatalogTest, FrameworkOfNamePrefersTheLongestNamespace) {
  Catalog Cat = builtin();
  ASSERT_NE(Cat.frameworkOfName("boost::asio::awaitable"), nullptr);
  EXPECT_EQ(Cat.frameworkOfName("boost::asio::awaitable")->Id, "boost-asio");
  EXPECT_EQ(Cat.frameworkOfName("boost::cobalt::task")->Id, "cobalt");
  EXPECT_EQ(Cat.frameworkOfName("asio::awaitable")->Id, "asio");
  EXPECT_EQ(Cat.frameworkOfName("asiox::thing"), nullptr);
}

TEST(CatalogTest, AdviceFallsBackToTheCategory) {
  Catalog Cat = builtin();
  EXPECT_NE(Cat.advice("sleep", Cat.framework("asio")).find("steady_timer"),
            std::string::npos);
  EXPECT_EQ(Cat.advice("sleep", nullptr), Cat.category("sleep")->Advice);
}

TEST(CatalogTest, UserFileExtendsTheCatalogue) {
  Catalog Cat = builtin();
  size_t Before = Cat.blockingApis().size();
  ASSERT_FALSE(static_cast<bool>(Cat.addFromText(
      R"({"framework": "kv", "namespaces": ["kv"],
          "blocking": [{"method": "kv::Client::get", "category": "database"},
                       {"callable": "kv::wait_all", "category": "wait"}]})",
      "team.json")));
  ASSERT_EQ(Cat.blockingApis().size(), Before + 2);
  const BlockingApi &Method = Cat.blockingApis()[Before];
  EXPECT_EQ(Method.Kind, ApiKind::Method);
  EXPECT_EQ(Method.Name, "kv::Client");
  EXPECT_EQ(Method.Member, "get");
  EXPECT_EQ(Cat.blockingApis()[Before + 1].displayName(), "kv::wait_all");
  EXPECT_EQ(Cat.frameworkOfName("kv::Client")->Id, "kv");
}

TEST(CatalogTest, OffloadEntriesNeedNoCategory) {
  Catalog Cat = builtin();
  size_t Before = Cat.offloadApis().size();
  EXPECT_GT(Before, 0u);
  ASSERT_FALSE(static_cast<bool>(Cat.addFromText(
      R"({"offload": [{"method": "pool::Pool::enter", "header": "<pool.h>"}]})",
      "team.json")));
  ASSERT_EQ(Cat.offloadApis().size(), Before + 1);
  EXPECT_EQ(Cat.offloadApis().back().displayName(), "pool::Pool::enter");
  std::string Error = errorOf(
      R"({"offload": [{"function": "f", "category": "wait"}]})");
  EXPECT_NE(Error.find("offload and spawner entries have no category"), std::string::npos)
      << Error;
}

TEST(CatalogTest, SyntaxErrorsNameFileLineAndColumn) {
  std::string Error = errorOf("{\n  \"blocking\": [\n    {\"function\": \"f\",, }\n  ]\n}\n");
  EXPECT_NE(Error.find("team.json:3:"), std::string::npos) << Error;
  EXPECT_NE(Error.find("invalid JSON"), std::string::npos) << Error;
}

TEST(CatalogTest, SchemaErrorsNameFileLineAndProblem) {
  std::string Error = errorOf(
      "{\n  \"blocking\": [\n    {\"function\": \"f\", \"category\": \"sleep\"},\n"
      "    {\"function\": \"g\",\n     \"category\": \"slow\"}\n  ]\n}\n");
  EXPECT_EQ(Error.rfind("team.json:5: unknown category 'slow'", 0), 0u) << Error;

  Error = errorOf("{\"blocking\": [{\"function\": \"f\", \"method\": \"A::g\", "
                  "\"category\": \"wait\"}]}");
  EXPECT_NE(Error.find("exactly one of"), std::string::npos) << Error;
  Error = errorOf("{\"blocking\": [{\"function\": \"f\"}]}");
  EXPECT_NE(Error.find("missing 'category'"), std::string::npos) << Error;
  Error = errorOf("{\"blocking\": [{\"method\": \"nomember\", \"category\": \"wait\"}]}");
  EXPECT_NE(Error.find("expected 'Class::method'"), std::string::npos) << Error;
  Error = errorOf("{\n\"blocking\": [],\n\"extra\": 1}");
  EXPECT_EQ(Error, "team.json:3: unknown key 'extra'");
}

TEST(CatalogTest, RejectedFileLeavesTheCatalogueUnchanged) {
  Catalog Cat = builtin();
  size_t Before = Cat.blockingApis().size();
  llvm::Error Err = Cat.addFromText(
      R"({"blocking": [{"function": "a", "category": "wait"},
                       {"function": "b", "category": "nope"}]})",
      "team.json");
  EXPECT_TRUE(static_cast<bool>(Err));
  llvm::consumeError(std::move(Err));
  EXPECT_EQ(Cat.blockingApis().size(), Before);
}

TEST(CatalogTest, MissingFileIsAnError) {
  Catalog Cat = builtin();
  llvm::Error Err = Cat.addFromFile("/nonexistent/team.json");
  ASSERT_TRUE(static_cast<bool>(Err));
  EXPECT_NE(llvm::toString(std::move(Err)).find("/nonexistent/team.json"),
            std::string::npos);
}

} // namespace
} // namespace asynclint
