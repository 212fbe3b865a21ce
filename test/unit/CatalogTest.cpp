#include "checks/catalog/Catalog.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>
#include <tuple>

namespace asynclint {

// Field by field, each struct bound by position: a field added to one of
// them stops this file from compiling until it is compared here, and the
// comparison of the compiled-in catalogue with its data files then shows
// whether BuiltinCatalogGen writes it.
static bool operator==(const ArgumentCondition &A, const ArgumentCondition &B) {
  const auto &[AIndex, AObjects, ATypes, AValues] = A;
  const auto &[BIndex, BObjects, BTypes, BValues] = B;
  return std::tie(AIndex, AObjects, ATypes, AValues) == std::tie(BIndex, BObjects, BTypes, BValues);
}

static auto fieldsOf(const BlockingApi &Api) {
  const auto &[Kind, Name, Member, Object, Cat, Header, Fw, MinArgs, Argument, UnlessArgument,
               UnlessZeroDuration, ParameterType, WhenDiscarded, Advice, Descriptor, UnlessMentions,
               IgnoredCallback, InCoroutine, WorkArgument, TimeoutArgument, InFunction, SystemLimit,
               ExactFix, Range, Launch, Returns] = Api;
  return std::tie(Kind, Name, Member, Object, Cat, Header, Fw, MinArgs, Argument, UnlessArgument,
                  UnlessZeroDuration, ParameterType, WhenDiscarded, Advice, Descriptor,
                  UnlessMentions, IgnoredCallback, InCoroutine, WorkArgument, TimeoutArgument,
                  InFunction, SystemLimit, ExactFix, Range, Launch, Returns);
}
static bool operator==(const BlockingApi &A, const BlockingApi &B) {
  return fieldsOf(A) == fieldsOf(B);
}

static bool operator==(const Category &A, const Category &B) {
  const auto &[AId, ASummary, AAdvice] = A;
  const auto &[BId, BSummary, BAdvice] = B;
  return std::tie(AId, ASummary, AAdvice) == std::tie(BId, BSummary, BAdvice);
}

static auto fieldsOf(const Framework &Fw) {
  const auto &[Id, Name, Namespaces, AsyncTypes, Dedicated, Advice, CancellationTypes,
               CancellationHeaders, CancellationChecks, ErrorValueTypes, SchedulerTypes,
               LoggingNames, Source] = Fw;
  return std::tie(Id, Name, Namespaces, AsyncTypes, Dedicated, Advice, CancellationTypes,
                  CancellationHeaders, CancellationChecks, ErrorValueTypes, SchedulerTypes,
                  LoggingNames, Source);
}
static bool operator==(const Framework &A, const Framework &B) {
  return fieldsOf(A) == fieldsOf(B);
}

namespace {

/// Every list a catalogue holds.
auto listsOf(const Catalog &Cat) {
  return std::tie(Cat.categories(), Cat.frameworks(), Cat.schedulingWords(), Cat.queryWords(),
                  Cat.actionWords(), Cat.lockWords(), Cat.nonBlockingFunctions(),
                  Cat.blockingApis(), Cat.offloadApis(), Cat.spawnerApis(), Cat.launcherApis(),
                  Cat.combinatorApis(), Cat.raceApis(), Cat.deadlineApis(), Cat.externalWaitApis(),
                  Cat.schedulingPointApis(), Cat.timerApis());
}

Catalog builtin() { return Catalog::builtin(); }

std::string errorOf(llvm::StringRef Text) {
  Catalog Cat = builtin();
  llvm::Error Err = Cat.addFromText(Text, "team.json");
  return Err ? llvm::toString(std::move(Err)) : "";
}

TEST(CatalogTest, CompiledInCatalogueIsWhatTheDataFilesSay) {
  auto Read = Catalog::fromFiles(embeddedCatalogFiles());
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  Catalog Compiled = builtin();
  EXPECT_TRUE(Read->categories() == Compiled.categories());
  EXPECT_TRUE(Read->frameworks() == Compiled.frameworks());
  const std::vector<BlockingApi> &Want = Read->blockingApis(), &Got = Compiled.blockingApis();
  ASSERT_EQ(Want.size(), Got.size());
  for (size_t I = 0; I < Want.size(); ++I)
    EXPECT_TRUE(Want[I] == Got[I]) << Want[I].displayName();
  EXPECT_TRUE(listsOf(*Read) == listsOf(Compiled));
  // The comparison sees a field that differs in one entry.
  Catalog Changed = Compiled;
  ASSERT_FALSE(static_cast<bool>(Changed.addFromText(
      R"({"framework": "kv", "namespaces": ["kv"],
          "blocking": [{"function": "kv::get", "category": "database", "minArgs": 1}]})",
      "team.json")));
  Catalog Other = Compiled;
  ASSERT_FALSE(static_cast<bool>(Other.addFromText(
      R"({"framework": "kv", "namespaces": ["kv"],
          "blocking": [{"function": "kv::get", "category": "database", "minArgs": 2}]})",
      "team.json")));
  EXPECT_FALSE(listsOf(Changed) == listsOf(Other));
}

TEST(CatalogTest, BuiltinCoversEveryCategoryAndFramework) {
  Catalog Cat = builtin();
  for (const char *Category : {"sleep", "wait", "sync-wait", "file-io", "network", "process",
                               "console-input", "database"}) {
    ASSERT_NE(Cat.category(Category), nullptr) << Category;
    bool Used = false;
    for (const BlockingApi &Api : Cat.blockingApis())
      Used |= Api.Category == Category;
    EXPECT_TRUE(Used) << "no API in category " << Category;
  }
  for (const char *Framework :
       {"std", "asio", "boost-asio", "boost-beast", "cppcoro", "folly", "libcoro", "async_simple",
        "cobalt", "concurrencpp", "stdexec", "seastar", "qcoro", "libcurl", "httplib", "cpr",
        "libpq", "sqlite3"})
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
  EXPECT_NE(Cat.advice("sleep", Cat.framework("asio")).find("steady_timer"), std::string::npos);
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
      R"({"offload": [{"method": "pool::Pool::enter", "header": "<pool.h>"}]})", "team.json")));
  ASSERT_EQ(Cat.offloadApis().size(), Before + 1);
  EXPECT_EQ(Cat.offloadApis().back().displayName(), "pool::Pool::enter");
  std::string Error = errorOf(R"({"offload": [{"function": "f", "category": "wait"}]})");
  EXPECT_NE(Error.find("only blocking entries have a category"), std::string::npos) << Error;
}

// Every check of a unit, and every unit of a clang-tidy or clangd process,
// shares one parse of the same files; an edited file is read again.
TEST(CatalogTest, SharedOncePerContents) {
  llvm::SmallString<128> Path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("shared", "json", Path));
  auto Write = [&](llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Text;
  };
  Write(R"({"framework": "net", "blocking": [{"function": "net::wait", "category": "sleep"}]})");
  std::vector<std::string> Problems;
  auto Collect = [&](std::string P) { Problems.push_back(std::move(P)); };
  auto First = Catalog::shared(Path, Collect);
  auto Second = Catalog::shared(Path, Collect);
  EXPECT_EQ(First.get(), Second.get());
  EXPECT_TRUE(Problems.empty());
  EXPECT_NE(Catalog::shared("", Collect).get(), First.get());

  Write(R"({"framework": "net", "blocking": [{"function": "net::wait", "category": "slow"}]})");
  auto Edited = Catalog::shared(Path, Collect);
  EXPECT_NE(Edited.get(), First.get());
  ASSERT_EQ(Problems.size(), 1u);
  // The problem is said to every check that asks, not only the first.
  Catalog::shared(Path, Collect);
  EXPECT_EQ(Problems.size(), 2u);
  llvm::sys::fs::remove(Path);
}

TEST(CatalogTest, SyntaxErrorsNameFileLineAndColumn) {
  std::string Error = errorOf("{\n  \"blocking\": [\n    {\"function\": \"f\",, }\n  ]\n}\n");
  EXPECT_EQ(Error.rfind("team.json:3:22: invalid JSON: ", 0), 0u) << Error;
  Error = errorOf("{\"blocking\": [}");
  EXPECT_EQ(Error.rfind("team.json:1:", 0), 0u) << Error;
  EXPECT_EQ(errorOf("").rfind("team.json:1:1: invalid JSON", 0), 0u) << errorOf("");
}

TEST(CatalogTest, SchemaErrorsNameTheJsonPath) {
  std::string Error = errorOf("{\n  \"races\": [\n    {\"function\": \"f\"},\n"
                              "    {\"function\": \"g\",\n     \"argument\": {\n"
                              "       \"index\": 1, \"value\": [1, \"two\"]}}\n  ]\n}\n");
  EXPECT_EQ(Error, "team.json:6: expected an integer (at /races/1/argument/value/1)") << Error;
  // Keys that need escaping in a JSON pointer, and strings holding
  // brackets and escaped quotes, do not throw the lines off.
  Error = errorOf("{\"advice\": {\"a/b\": \"x\"},\n\"blocking\": [\n"
                  "  {\"function\": \"f]\\\"{\", \"category\": \"wait\"},\n"
                  "  {\"function\": \"g\", \"category\": 3}]}");
  EXPECT_EQ(Error.rfind("team.json:1: unknown category 'a/b'", 0), 0u) << Error;
  Error = errorOf("{\"blocking\": [\n"
                  "  {\"function\": \"f]\\\"{\", \"category\": \"wait\"},\n"
                  "  {\"function\": \"g\", \"category\": 3}]}");
  EXPECT_EQ(Error, "team.json:3: expected a non-empty string (at /blocking/1/category)") << Error;
  // Not an object at all.
  EXPECT_EQ(errorOf("[1, 2]"), "team.json:1: expected an object");
}

TEST(CatalogTest, SchemaErrorsNameFileLineAndProblem) {
  std::string Error =
      errorOf("{\n  \"blocking\": [\n    {\"function\": \"f\", \"category\": \"sleep\"},\n"
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
  EXPECT_EQ(Error, "team.json:3: unknown key 'extra' (at /extra)");
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
  EXPECT_NE(llvm::toString(std::move(Err)).find("/nonexistent/team.json"), std::string::npos);
}

TEST(CatalogTest, DevicesAreNotRead) {
  // Reading /dev/zero would never end; a .clang-tidy of the analysed project
  // may name it.
  Catalog Cat = builtin();
  llvm::Error Err = Cat.addFromFile("/dev/zero");
  ASSERT_TRUE(static_cast<bool>(Err));
  EXPECT_NE(llvm::toString(std::move(Err)).find("'/dev/zero': is a device, not a regular file"),
            std::string::npos);
  std::vector<std::string> Problems;
  auto Shared = Catalog::shared("/dev/zero", [&](std::string P) { Problems.push_back(P); });
  ASSERT_EQ(Problems.size(), 1U);
  EXPECT_NE(Problems[0].find("not a regular file"), std::string::npos);
  EXPECT_EQ(Shared->blockingApis().size(), Cat.blockingApis().size());
}

} // namespace
TEST(CatalogTest, EveryBuiltinEntryNamesItsHeader) {
  Catalog Cat = builtin();
  for (const auto *List :
       {&Cat.blockingApis(), &Cat.offloadApis(), &Cat.spawnerApis(), &Cat.combinatorApis(),
        &Cat.raceApis(), &Cat.timerApis(), &Cat.deadlineApis(), &Cat.externalWaitApis(),
        &Cat.schedulingPointApis()})
    for (const BlockingApi &Api : *List)
      EXPECT_FALSE(Api.Header.empty()) << Api.displayName() << " (" << Api.Framework << ")";
  for (const Framework &F : Cat.frameworks())
    for (const std::string &Type : F.CancellationTypes)
      EXPECT_TRUE(F.CancellationHeaders.count(Type)) << Type << " (" << F.Id << ")";
}

TEST(CatalogTest, CoroutineFrameworksHaveCombinatorsAndTheirRangeForm) {
  Catalog Cat = builtin();
  for (const char *Id : {"asio", "boost-asio", "cppcoro", "folly", "libcoro", "async_simple",
                         "cobalt", "concurrencpp", "stdexec", "seastar"}) {
    bool Any = false;
    for (const BlockingApi &Api : Cat.combinatorApis())
      Any |= Api.Framework == Id;
    EXPECT_TRUE(Any) << Id;
  }
  for (const char *Id :
       {"asio", "boost-asio", "boost-beast", "folly", "libcoro", "seastar", "cppcoro", "qcoro"}) {
    bool Any = false;
    for (const BlockingApi &Api : Cat.externalWaitApis())
      Any |= Api.Framework == Id;
    EXPECT_TRUE(Any) << Id;
  }
  // Only the rewrite that is tested to compile is marked exact.
  for (const BlockingApi &Api : Cat.combinatorApis())
    if (Api.ExactFix)
      EXPECT_TRUE(Api.Framework == "asio" || Api.Framework == "boost-asio") << Api.Name;
}

TEST(CatalogTest, LatencyRolesAndTheirFlagsAreRead) {
  Catalog Cat = builtin();
  ASSERT_FALSE(static_cast<bool>(Cat.addFromText(
      R"({"framework": "net", "namespaces": ["net"],
          "combinators": [{"function": "net::all", "range": true, "header": "<net.h>"}],
          "races": [{"function": "net::first", "header": "<net.h>"}],
          "timers": [{"method": "net::Timer::wait", "header": "<net.h>"}],
          "deadlines": [{"method": "net::Conn::set_deadline", "inFunction": true, "header": "<net.h>"}],
          "externalWaits": [{"method": "net::Conn::read", "timeout": 1, "header": "<net.h>"},
                            {"method": "net::Conn::dial", "systemLimit": true, "header": "<net.h>"}],
          "schedulingPoints": [{"method": "net::Queue::pop", "header": "<net.h>"}],
          "cancellationTypes": ["net::Cancelled", {"type": "net::Stopped", "header": "<net/stop.h>"}],
          "errorValues": ["net::Status"]})",
      "net.json")));
  EXPECT_TRUE(Cat.combinatorApis().back().Range);
  EXPECT_EQ(Cat.raceApis().back().Name, "net::first");
  EXPECT_EQ(Cat.timerApis().back().displayName(), "net::Timer::wait");
  EXPECT_TRUE(Cat.deadlineApis().back().InFunction);
  const BlockingApi &Read = Cat.externalWaitApis()[Cat.externalWaitApis().size() - 2];
  EXPECT_EQ(Read.TimeoutArgument, 1u);
  EXPECT_FALSE(Read.SystemLimit);
  EXPECT_TRUE(Cat.externalWaitApis().back().SystemLimit);
  EXPECT_EQ(Cat.schedulingPointApis().back().Member, "pop");
  const Framework *Net = Cat.framework("net");
  ASSERT_NE(Net, nullptr);
  EXPECT_EQ(Net->CancellationTypes.size(), 2u);
  EXPECT_EQ(Net->CancellationHeaders.at("net::Stopped"), "<net/stop.h>");
  EXPECT_EQ(Net->ErrorValueTypes, std::vector<std::string>{"net::Status"});

  std::string Error = errorOf(R"({"deadlines": [{"function": "f", "inFunction": "yes"}]})");
  EXPECT_NE(Error.find("expected true or false"), std::string::npos) << Error;
  Error = errorOf(R"({"errorValues": [1]})");
  EXPECT_NE(Error.find("expected a non-empty string"), std::string::npos) << Error;
  Error = errorOf(R"({"cancellationTypes": [{"name": "x"}]})");
  EXPECT_NE(Error.find("unknown key 'name'"), std::string::npos) << Error;
}

TEST(CatalogTest, LaunchersSayWhatTheirCallHandsBack) {
  Catalog Cat = builtin();
  ASSERT_FALSE(static_cast<bool>(Cat.addFromText(
      R"({"framework": "team", "namespaces": ["team"],
          "launchers": [{"method": "team::Pool::fire", "work": 0, "result": "detached"},
                        {"function": "team::run_later", "work": 1, "result": "awaitable"},
                        {"method": "team::Job::on", "result": "task"},
                        {"function": "team::go", "work": 0}]})",
      "team.json")));
  const std::vector<BlockingApi> &Launchers = Cat.launcherApis();
  ASSERT_GE(Launchers.size(), 4u);
  const BlockingApi *Last = &Launchers[Launchers.size() - 4];
  EXPECT_EQ(Last[0].Launch, LaunchResult::Detached);
  EXPECT_EQ(Last[0].WorkArgument, 0u);
  EXPECT_EQ(Last[1].Launch, LaunchResult::Awaitable);
  EXPECT_EQ(Last[1].WorkArgument, 1u);
  EXPECT_EQ(Last[2].Launch, LaunchResult::Task);
  EXPECT_FALSE(Last[2].WorkArgument.has_value());
  EXPECT_EQ(Last[3].Launch, LaunchResult::Detached);
  // Every framework that spawns work has launchers.
  for (llvm::StringRef Id : {"asio", "boost-asio", "libcoro", "cppcoro", "folly", "async_simple",
                             "stdexec", "concurrencpp", "cobalt"})
    EXPECT_TRUE(llvm::any_of(Launchers, [&](const BlockingApi &Api) {
      return Api.Framework == Id;
    })) << Id.str();
  EXPECT_EQ(errorOf(R"({"launchers": [{"function": "f", "result": "later"}]})"),
            "team.json:1: expected 'detached', 'awaitable' or 'task', got 'later' (at "
            "/launchers/0/result)");
}

} // namespace asynclint
