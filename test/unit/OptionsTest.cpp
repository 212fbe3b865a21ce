// storeOptions must write back exactly what the constructor read.
#include "config/TidyOptions.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include <gtest/gtest.h>

namespace asynclint {
namespace {

using clang::tidy::ClangTidyOptions;

constexpr llvm::StringLiteral TestCodeOptions[] = {"ReportTestCode",       "TestFilePattern",
                                                   "TestMacros",           "ExpectThrowMacros",
                                                   "ExpectThrowFunctions", "FailMacros"};

ClangTidyOptions::OptionMap storedFor(llvm::StringRef Check,
                                      const ClangTidyOptions::OptionMap &Given) {
  ClangTidyOptions Options = ClangTidyOptions::getDefaults();
  Options.Checks = ("-*," + Check).str();
  for (const auto &Entry : Given)
    Options.CheckOptions[Entry.getKey()] = Entry.getValue();
  clang::tidy::ClangTidyContext Context(std::make_unique<clang::tidy::DefaultOptionsProvider>(
      clang::tidy::ClangTidyGlobalOptions(), Options));
  clang::tidy::ClangTidyASTConsumerFactory Factory(Context);
  ClangTidyOptions::OptionMap Stored = Factory.getCheckOptions();
  // Every check stores the shared test-code options; TestCodeOptionsRoundTrip
  // covers them.
  for (llvm::StringRef Shared : TestCodeOptions)
    Stored.erase((Check + "." + Shared).str());
  return Stored;
}

TEST(OptionsTest, TestCodeOptionsRoundTrip) {
  for (llvm::StringRef Check :
       {"async-blocking-call", "async-detached-task", "async-lock-across-suspension",
        "async-missing-timeout", "async-reference-across-suspension", "async-sequential-await",
        "async-swallowed-exception", "async-unawaited-task"}) {
    ClangTidyOptions Options = ClangTidyOptions::getDefaults();
    Options.Checks = ("-*," + Check).str();
    // Set once for every rule, read by each.
    Options.CheckOptions["ReportTestCode"] = "true";
    Options.CheckOptions["TestFilePattern"] = "(^|/)qa/";
    Options.CheckOptions["TestMacros"] = "MY_TEST";
    Options.CheckOptions["ExpectThrowMacros"] = "MY_THROWS";
    Options.CheckOptions["ExpectThrowFunctions"] = "must_throw";
    Options.CheckOptions["FailMacros"] = "MY_FAIL";
    clang::tidy::ClangTidyContext Context(std::make_unique<clang::tidy::DefaultOptionsProvider>(
        clang::tidy::ClangTidyGlobalOptions(), Options));
    clang::tidy::ClangTidyASTConsumerFactory Factory(Context);
    ClangTidyOptions::OptionMap Stored = Factory.getCheckOptions();
    auto Value = [&](llvm::StringRef Name) { return Stored[(Check + "." + Name).str()].Value; };
    EXPECT_EQ(Value("ReportTestCode"), "true") << Check.str();
    EXPECT_EQ(Value("TestFilePattern"), "(^|/)qa/") << Check.str();
    EXPECT_EQ(Value("TestMacros"), "MY_TEST") << Check.str();
    EXPECT_EQ(Value("ExpectThrowMacros"), "MY_THROWS") << Check.str();
    EXPECT_EQ(Value("ExpectThrowFunctions"), "must_throw") << Check.str();
    EXPECT_EQ(Value("FailMacros"), "MY_FAIL") << Check.str();
  }
}

TEST(OptionsTest, BlockingCallOptionsRoundTrip) {
  ClangTidyOptions::OptionMap Given;
  Given["async-blocking-call.BlockingFunctions"] = "lib::fetch=network;lib::Db::query";
  Given["async-blocking-call.IgnoredFunctions"] = "usleep";
  Given["async-blocking-call.IgnoredCategories"] = "process;console-input";
  Given["async-blocking-call.NonBlockingTypes"] = "mem::RamFile";
  Given["async-blocking-call.NonBlockingFunctions"] = "app::warm_cache;app::Index::rebuild";
  Given["async-blocking-call.FactsDirectory"] = "build/.asynclint/facts";
  Given["async-blocking-call.CatalogFile"] = "";
  Given["async-blocking-call.LogMacros"] = "TRACE_EVENT;AUDIT";
  Given["async-blocking-call.AuditMode"] = "true";
  ClangTidyOptions::OptionMap Stored = storedFor("async-blocking-call", Given);
  for (const auto &Entry : Given) {
    auto It = Stored.find(Entry.getKey());
    ASSERT_NE(It, Stored.end()) << Entry.getKey().str();
    EXPECT_EQ(It->getValue().Value, Entry.getValue().Value) << Entry.getKey().str();
  }
  for (const auto &Entry : Stored)
    EXPECT_TRUE(Given.count(Entry.getKey())) << "undocumented option " << Entry.getKey().str();
}

TEST(OptionsTest, UnawaitedTaskOptionsRoundTrip) {
  ClangTidyOptions::OptionMap Given;
  Given["async-unawaited-task.IgnoredTaskTypes"] = "app::job;lib::fire";
  Given["async-unawaited-task.ReportEagerTasks"] = "false";
  ClangTidyOptions::OptionMap Stored = storedFor("async-unawaited-task", Given);
  EXPECT_EQ(Stored["async-unawaited-task.IgnoredTaskTypes"].Value, "app::job;lib::fire");
  EXPECT_EQ(Stored["async-unawaited-task.ReportEagerTasks"].Value, "false");
  // The catalogue tells its spawners, which start a callable on purpose.
  EXPECT_EQ(Stored["async-unawaited-task.CatalogFile"].Value, "");
  EXPECT_EQ(Stored.size(), 3u);
}

TEST(OptionsTest, SwallowedExceptionOptionsRoundTrip) {
  ClangTidyOptions::OptionMap Given;
  Given["async-swallowed-exception.CancellationTypes"] = "app::Cancelled";
  Given["async-swallowed-exception.CancellationChecks"] = "app::is_cancelled";
  ClangTidyOptions::OptionMap Stored = storedFor("async-swallowed-exception", Given);
  EXPECT_EQ(Stored["async-swallowed-exception.CancellationTypes"].Value, "app::Cancelled");
  EXPECT_EQ(Stored["async-swallowed-exception.CancellationChecks"].Value, "app::is_cancelled");
  EXPECT_EQ(Stored["async-swallowed-exception.CatalogFile"].Value, "");
  EXPECT_EQ(Stored.size(), 3u);
}

TEST(OptionsTest, DetachedTaskOptionsRoundTrip) {
  ClangTidyOptions::OptionMap Given;
  Given["async-detached-task.IgnoredSpawners"] = "asio::co_spawn";
  Given["async-detached-task.CatalogFile"] = "";
  ClangTidyOptions::OptionMap Stored = storedFor("async-detached-task", Given);
  EXPECT_EQ(Stored["async-detached-task.IgnoredSpawners"].Value, "asio::co_spawn");
  EXPECT_EQ(Stored.size(), 2u);
}

TEST(OptionsTest, LockAcrossSuspensionOptionsRoundTrip) {
  ClangTidyOptions::OptionMap Given;
  Given["async-lock-across-suspension.LockTypes"] = "app::Guard";
  Given["async-lock-across-suspension.MutexTypes"] = "app::Spin;app::Ticket";
  ClangTidyOptions::OptionMap Stored = storedFor("async-lock-across-suspension", Given);
  EXPECT_EQ(Stored["async-lock-across-suspension.LockTypes"].Value, "app::Guard");
  EXPECT_EQ(Stored["async-lock-across-suspension.MutexTypes"].Value, "app::Spin;app::Ticket");
  EXPECT_EQ(Stored.size(), 2u);
}

TEST(OptionsTest, SequentialAwaitOptionsRoundTrip) {
  ClangTidyOptions::OptionMap Given;
  Given["async-sequential-await.IgnoredFunctions"] = "app::log;app::audit";
  Given["async-sequential-await.MinimumRun"] = "3";
  Given["async-sequential-await.CheckLoops"] = "false";
  ClangTidyOptions::OptionMap Stored = storedFor("async-sequential-await", Given);
  EXPECT_EQ(Stored["async-sequential-await.IgnoredFunctions"].Value, "app::log;app::audit");
  EXPECT_EQ(Stored["async-sequential-await.MinimumRun"].Value, "3");
  EXPECT_EQ(Stored["async-sequential-await.CheckLoops"].Value, "false");
  EXPECT_EQ(Stored.size(), 4u);
}

TEST(OptionsTest, MissingTimeoutOptionsRoundTrip) {
  ClangTidyOptions::OptionMap Given;
  Given["async-missing-timeout.IoFunctions"] = "app::fetch";
  Given["async-missing-timeout.IoTypes"] = "app::Connection";
  Given["async-missing-timeout.DeadlineFunctions"] = "app::with_deadline";
  Given["async-missing-timeout.DeadlineTypes"] = "app::TimedConnection";
  ClangTidyOptions::OptionMap Stored = storedFor("async-missing-timeout", Given);
  EXPECT_EQ(Stored["async-missing-timeout.IoFunctions"].Value, "app::fetch");
  EXPECT_EQ(Stored["async-missing-timeout.IoTypes"].Value, "app::Connection");
  EXPECT_EQ(Stored["async-missing-timeout.DeadlineFunctions"].Value, "app::with_deadline");
  EXPECT_EQ(Stored["async-missing-timeout.DeadlineTypes"].Value, "app::TimedConnection");
  EXPECT_EQ(Stored.size(), 5u);
}

TEST(OptionsTest, DefaultsAreEmpty) {
  ClangTidyOptions::OptionMap Stored = storedFor("async-blocking-call", {});
  for (const char *Name :
       {"BlockingFunctions", "IgnoredFunctions", "IgnoredCategories", "NonBlockingTypes",
        "NonBlockingFunctions", "FactsDirectory", "CatalogFile"}) {
    auto It = Stored.find(std::string("async-blocking-call.") + Name);
    ASSERT_NE(It, Stored.end()) << Name;
    EXPECT_EQ(It->getValue().Value, "") << Name;
  }
}

TEST(OptionsTest, OnlyAsyncChecksRunUnlessAsked) {
  TidySettings Settings;
  Settings.Config = "Checks: 'bugprone-*,async-*'";
  std::vector<std::string> Enabled = enabledChecks(Settings, "/tmp/x.cpp");
  ASSERT_FALSE(Enabled.empty());
  for (const std::string &Name : Enabled)
    EXPECT_EQ(Name.rfind("async-", 0), 0u) << Name;

  Settings.Checks = "-*,bugprone-use-after-move,async-*";
  Enabled = enabledChecks(Settings, "/tmp/x.cpp");
  EXPECT_NE(std::find(Enabled.begin(), Enabled.end(), "bugprone-use-after-move"), Enabled.end());
}

TEST(OptionsTest, ValidationWarnsOfUnknownNamesAndRejectsBadValues) {
  TidySettings Settings;
  Settings.Checks = "-*,async-blocking-cal";
  auto Warnings = validateConfiguration(Settings, {"/tmp/x.cpp"});
  ASSERT_TRUE(static_cast<bool>(Warnings)) << llvm::toString(Warnings.takeError());
  ASSERT_EQ(Warnings->size(), 1u);
  EXPECT_EQ(Warnings->front(), "check glob 'async-blocking-cal' in --checks matches no "
                               "check; did you mean 'async-blocking-call'?");

  Settings.Checks = "-*,async-*";
  Settings.Config = "CheckOptions: {async-blocking-call.IgnoredCategory: 'sleep'}";
  Warnings = validateConfiguration(Settings, {"/tmp/x.cpp"});
  ASSERT_TRUE(static_cast<bool>(Warnings)) << llvm::toString(Warnings.takeError());
  ASSERT_EQ(Warnings->size(), 1u);
  EXPECT_NE(Warnings->front().find("unknown option 'async-blocking-call.IgnoredCategory' in "
                                   "command-line option '-config'"),
            std::string::npos)
      << Warnings->front();
  EXPECT_NE(Warnings->front().find("did you mean 'async-blocking-call.IgnoredCategories'?"),
            std::string::npos)
      << Warnings->front();

  Settings.Config = "CheckOptions: {async-blocking-call.IgnoredCategories: bogus}";
  Warnings = validateConfiguration(Settings, {"/tmp/x.cpp"});
  ASSERT_FALSE(static_cast<bool>(Warnings));
  EXPECT_NE(llvm::toString(Warnings.takeError()).find("invalid value 'bogus'"), std::string::npos);

  Settings.Config = "CheckOptions: {async-blocking-call.IgnoredCategories: 'sleep'}";
  Warnings = validateConfiguration(Settings, {"/tmp/x.cpp"});
  ASSERT_TRUE(static_cast<bool>(Warnings));
  EXPECT_TRUE(Warnings->empty());

  Settings.Config = "Checks: [unclosed";
  Warnings = validateConfiguration(Settings, {"/tmp/x.cpp"});
  ASSERT_FALSE(static_cast<bool>(Warnings));
  EXPECT_NE(llvm::toString(Warnings.takeError()).find("invalid configuration in --config:1:"),
            std::string::npos);
}

} // namespace
} // namespace asynclint
