#include "Rules.h"
#include "BlockingCallCheck.h"
#include "DanglingReferenceCheck.h"
#include "DetachedTaskCheck.h"
#include "LockAcrossSuspensionCheck.h"
#include "MissingTimeoutCheck.h"
#include "ReferenceAcrossSuspensionCheck.h"
#include "SequentialAwaitCheck.h"
#include "SwallowedExceptionCheck.h"
#include "UnawaitedTaskCheck.h"

#include "clang-tidy/ClangTidyModule.h"

namespace asynclint {
namespace {

template <typename CheckT>
void registerCheck(clang::tidy::ClangTidyCheckFactories &Factories, llvm::StringRef Id) {
  Factories.registerCheck<CheckT>(Id);
}

const llvm::StringRef BlockingCallTags[] = {"correctness", "performance", "coroutines", "blocking"};

const llvm::StringRef UnawaitedTaskTags[] = {"correctness", "coroutines", "lost-work"};

const llvm::StringRef SwallowedExceptionTags[] = {"correctness", "coroutines", "exceptions",
                                                  "cancellation"};

const llvm::StringRef DetachedTaskTags[] = {"correctness", "coroutines", "lost-work", "exceptions"};

const llvm::StringRef LockAcrossSuspensionTags[] = {"correctness", "coroutines", "concurrency",
                                                    "CP.52"};

const llvm::StringRef SequentialAwaitTags[] = {"performance", "coroutines", "latency"};

const llvm::StringRef MissingTimeoutTags[] = {"reliability", "coroutines", "latency", "timeouts"};

const llvm::StringRef DanglingReferenceTags[] = {"correctness", "coroutines", "lifetime", "CP.51",
                                                 "CP.53"};

const llvm::StringRef ReferenceAcrossSuspensionTags[] = {"correctness", "coroutines", "lifetime",
                                                         "concurrency"};

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
    {"async-unawaited-task", "UnawaitedTask",
     "coroutine task created and dropped: a lazy task never runs, an eager one "
     "runs unobserved",
     "Calling a coroutine only creates its task. A lazy task (its promise's "
     "initial_suspend() suspends) does nothing until someone awaits it, so a "
     "discarded call or a task variable nobody consumes is work that silently "
     "never happens. An eager task runs, but whatever it returns or throws is "
     "lost.",
     "docs/checks/async-unawaited-task.md", UnawaitedTaskTags, "warning", "high",
     &registerCheck<UnawaitedTaskCheck>},
    {"async-swallowed-exception", "SwallowedException",
     "exception or cancellation swallowed in asynchronous code",
     "An exception that a coroutine catches and ignores disappears: nobody "
     "awaiting the coroutine learns of the failure. In a loop around a "
     "co_await, a handler that catches everything also catches the "
     "framework's cancellation, so after shutdown the loop goes round again and "
     "spins. A promise type whose unhandled_exception() is empty loses the "
     "exceptions of every coroutine of that type.",
     "docs/checks/async-swallowed-exception.md", SwallowedExceptionTags, "warning", "high",
     &registerCheck<SwallowedExceptionCheck>},
    {"async-detached-task", "DetachedTask",
     "background work started so that its failure is never seen",
     "Spawning a coroutine detached (asio::co_spawn with asio::detached, a "
     "folly start() whose future is dropped, libcoro's spawn_detached, "
     "start_detached with no error handling) throws away the only channel "
     "that would carry its exception: the work can fail and nobody will ever "
     "know.",
     "docs/checks/async-detached-task.md", DetachedTaskTags, "warning", "high",
     &registerCheck<DetachedTaskCheck>},
    {"async-lock-across-suspension", "LockAcrossSuspension",
     "lock held while the coroutine is suspended",
     "A std::mutex held across co_await or co_yield stays locked for as long "
     "as the coroutine is suspended: every other thread that needs it blocks, "
     "a coroutine on the same thread that needs it deadlocks, and if the "
     "coroutine resumes on another thread the unlock happens on a thread that "
     "does not own the mutex (C++ Core Guidelines CP.52).",
     "docs/checks/async-lock-across-suspension.md", LockAcrossSuspensionTags, "warning", "high",
     &registerCheck<LockAcrossSuspensionCheck>},
    {"async-sequential-await", "SequentialAwait",
     "independent awaits run one after another instead of concurrently",
     "Awaiting independent operations one after another costs the sum of their "
     "latencies where running them concurrently costs the longest one. The "
     "rule reports runs of consecutive awaits whose operands neither share nor "
     "modify anything the others use, and loops that await one independent "
     "operation per element, and names the framework's combinator that "
     "overlaps them.",
     "docs/checks/async-sequential-await.md", SequentialAwaitTags, "warning", "medium",
     &registerCheck<SequentialAwaitCheck>},
    {"async-missing-timeout", "MissingTimeout", "wait on the outside world without a deadline",
     "A coroutine that awaits a network read, write, connect, resolve or "
     "request with no deadline waits forever when the peer goes silent, and "
     "keeps whatever it holds (a connection, a buffer, a slot in a pool) for "
     "as long. The rule reports such awaits when nothing on their path sets a "
     "deadline: no timeout wrapper, no race with a timer, no expiry on the "
     "stream, no timeout argument.",
     "docs/checks/async-missing-timeout.md", MissingTimeoutTags, "warning", "medium",
     &registerCheck<MissingTimeoutCheck>},
    {"async-dangling-reference", "DanglingReference",
     "coroutine outlives an argument, capture or object it refers to",
     "A coroutine keeps its reference, pointer and view parameters, and a "
     "coroutine lambda its captures, for as long as it runs. When the task is "
     "spawned, stored or returned instead of awaited at once, a local or a "
     "temporary it refers to dies first and the coroutine reads freed memory "
     "when it resumes. The rule follows each task from the call that makes it "
     "to where it goes, and reports only the references that outlive what "
     "they refer to.",
     "docs/checks/async-dangling-reference.md", DanglingReferenceTags, "warning", "high",
     &registerCheck<DanglingReferenceCheck>},
    {"async-reference-across-suspension", "ReferenceAcrossSuspension",
     "reference into shared state held across a suspension while other code can invalidate it",
     "While a coroutine is suspended, other code runs. A reference, pointer "
     "or iterator it took into a member container, an object behind a "
     "pointer or a global goes stale when another function erases the "
     "element, grows the vector, rehashes the map or replaces the object "
     "meanwhile, and the coroutine resumes reading freed memory. The rule "
     "reports such references used after a suspension when some other "
     "function of the program changes that state in a way the standard says "
     "invalidates them.",
     "docs/checks/async-reference-across-suspension.md", ReferenceAcrossSuspensionTags, "warning",
     "high", &registerCheck<ReferenceAcrossSuspensionCheck>},
};

} // namespace

llvm::ArrayRef<RuleInfo> rules() { return Rules; }

const RuleInfo *findRule(llvm::StringRef Id) {
  for (const RuleInfo &R : Rules)
    if (R.Id == Id)
      return &R;
  return nullptr;
}

} // namespace asynclint
