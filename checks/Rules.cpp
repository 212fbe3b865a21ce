#include "Rules.h"
#include "BlockingCallCheck.h"

#include "clang-tidy/ClangTidyModule.h"

namespace asynclint {
namespace {

template <typename CheckT>
void registerCheck(clang::tidy::ClangTidyCheckFactories &Factories,
                   llvm::StringRef Id) {
  Factories.registerCheck<CheckT>(Id);
}

const llvm::StringRef BlockingCallTags[] = {"correctness", "performance",
                                            "coroutines", "blocking"};

const RuleInfo Rules[] = {
    {"async-blocking-call", "BlockingCall",
     "blocking call inside a coroutine stalls the thread that runs the event "
     "loop",
     "A coroutine that calls a blocking API (sleep, waiting on a future or a "
     "thread, running an event loop, synchronous file, network, process, "
     "console or database I/O) holds the executor thread for the whole call: "
     "every other coroutine scheduled on that thread waits, and a coroutine "
     "that blocks on work only its own thread can finish deadlocks.",
     "docs/checks/async-blocking-call.md", BlockingCallTags, "warning", "high",
     &registerCheck<BlockingCallCheck>},
};

} // namespace

llvm::ArrayRef<RuleInfo> rules() { return Rules; }

const RuleInfo *findRule(llvm::StringRef Id) {
  for (const RuleInfo &R : Rules)
    if (R.Id == Id)
      return &R;
  return nullptr;
}

std::map<std::string, std::string> findingProperties(llvm::StringRef RuleId,
                                                     llvm::StringRef Message) {
  std::map<std::string, std::string> Props;
  if (RuleId == "async-blocking-call") {
    if (auto Category = BlockingCallCheck::categoryOfMessage(Message))
      Props["category"] = Category->str();
  }
  return Props;
}

} // namespace asynclint
