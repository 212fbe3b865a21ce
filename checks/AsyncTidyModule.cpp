//===--- AsyncTidyModule.cpp - the clang-tidy module "async" -------------===//

#include "Rules.h"

#include "clang-tidy/ClangTidyModule.h"

namespace asynclint {
namespace {

class AsyncModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    for (const RuleInfo &Rule : rules())
      Rule.Register(Factories, Rule.Id);
  }
};

} // namespace
} // namespace asynclint

namespace clang::tidy {

// Registers the module with whichever clang-tidy registry this object is
// linked against: asynclint's own, clang-tidy-22's (plugin) or clangd's.
static ClangTidyModuleRegistry::Add<asynclint::AsyncModule>
    AsyncModuleRegistration("async-module", "Checks for misuse of C++20 coroutines.");

// Referenced by front ends that link the checks as a static library.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int AsyncModuleAnchorSource = 0;

} // namespace clang::tidy
