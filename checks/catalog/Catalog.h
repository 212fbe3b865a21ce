//===--- Catalog.h - framework catalogue of asynchronous APIs ---*- C++ -*-===//
//
// The catalogue says which APIs block, which frameworks exist and how each
// framework expresses the asynchronous alternative. It is data: the built-in
// part is embedded at build time, users extend it with files of their own.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CATALOG_CATALOG_H
#define ASYNCLINT_CHECKS_CATALOG_CATALOG_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// How a blocking API is spelled in code.
enum class ApiKind {
  Function,    ///< a free (or static) function, by qualified name
  Method,      ///< a member function, on a receiver of the class or a subclass
  Constructor, ///< constructing an object of the class or a subclass
  Operator,    ///< an overloaded operator whose first operand matches
  /// a member function of any class, recognised by its parameter and result
  /// types rather than its name (the methods of a generated RPC stub)
  Signature,
};

/// What a launcher's call hands back, which decides whether the work it
/// starts can outlive the statement.
enum class LaunchResult {
  Detached,  ///< nothing that completes with the work: it runs on its own
  Awaitable, ///< something that completes with the work (co_spawn with use_awaitable)
  Task,      ///< the work itself, rewrapped and not started (scheduleOn, via)
};

/// A condition on one argument of a call.
struct ArgumentCondition {
  unsigned Index = 0;
  std::vector<std::string> Objects; ///< the argument names one of these variables
  std::vector<std::string> Types;   ///< or has a class type derived from one of these
  std::vector<long long> Values;    ///< or is an integer constant equal to one of these
};

struct BlockingApi {
  ApiKind Kind = ApiKind::Function;
  std::string Name;     ///< qualified function or class name
  std::string Member;   ///< method name or operator spelling
  std::string Object;   ///< receiver must name this variable (std::cin)
  std::string Category; ///< one of the categories of the catalogue
  std::string Header;
  std::string Framework;
  unsigned MinArgs = 0;
  std::optional<ArgumentCondition> Argument;       ///< must hold
  std::optional<ArgumentCondition> UnlessArgument; ///< must not hold
  std::optional<unsigned> UnlessZeroDuration;      ///< a zero-duration poll here
  /// The parameter at this index has this class type (`ns::Class`), or is
  /// a pointer to it (`ns::Class *`).
  std::optional<std::pair<unsigned, std::string>> ParameterType;
  /// Blocks only when its result is discarded (std::async's future, whose
  /// destructor waits).
  bool WhenDiscarded = false;
  std::string Advice; ///< overrides the category's and framework's advice
  /// A call on a file descriptor, which blocks only if the descriptor does.
  bool Descriptor = false;
  /// Spawners: not when an argument mentions one of these (an error
  /// handler in a sender chain, say).
  std::vector<std::string> UnlessMentions;
  /// Spawners: only when the callback argument at this index ignores its
  /// parameter (the result it is handed).
  std::optional<unsigned> IgnoredCallback;
  /// Only inside a coroutine (std::thread::detach).
  bool InCoroutine = false;
  /// Spawners: the argument that carries the work (co_spawn's second).
  std::optional<unsigned> WorkArgument;
  /// External waits: the argument that bounds this one operation.
  std::optional<unsigned> TimeoutArgument;
  /// Deadlines: calling it anywhere in the function bounds the operations
  /// that follow (a beast stream's expires_after), rather than wrapping one.
  bool InFunction = false;
  /// External waits: the system ends the wait on its own within minutes
  /// (a TCP connect's retries, a resolver's timeouts).
  bool SystemLimit = false;
  /// Combinators: the framework's own rewrite of a run of awaits into one
  /// await of this combinator is exact (tested to compile).
  bool ExactFix = false;
  /// Combinators: takes a range of operations, for the one-per-iteration loop.
  bool Range = false;
  /// Launchers: what the call hands back.
  LaunchResult Launch = LaunchResult::Detached;
  /// The class the function returns; required for a signature entry.
  std::string Returns;

  /// The name shown to users, e.g. 'std::future::get' or 'std::cin >>'.
  std::string displayName() const;
};

struct Category {
  std::string Id;
  std::string Summary;
  std::string Advice;
};

struct Framework {
  std::string Id;
  std::string Name;
  std::vector<std::string> Namespaces;
  std::vector<std::string> AsyncTypes; ///< return types that are always asynchronous
  /// Executors that give each task a thread of its own: a coroutine started
  /// on one may block without stalling anyone else.
  std::vector<std::string> DedicatedThreadExecutors;
  std::map<std::string, std::string> Advice; ///< category id -> advice
  /// Exception types the framework throws when an operation is cancelled
  /// (or their bases that handlers commonly catch).
  std::vector<std::string> CancellationTypes;
  /// Header of each cancellation type.
  std::map<std::string, std::string> CancellationHeaders;
  /// Names whose mention in a handler shows it tells cancellation apart
  /// (asio::error::operation_aborted, CancellationToken::isCancellationRequested).
  std::vector<std::string> CancellationChecks;
  /// Types in which an operation hands back its failure instead of throwing
  /// it (std::error_code, std::expected, libcoro's io_status); a pair or
  /// tuple that starts with one counts as well.
  std::vector<std::string> ErrorValueTypes;
  /// Thread-safe places to run work (thread pools, I/O contexts, executors):
  /// two operations handed the same one do not order each other.
  std::vector<std::string> SchedulerTypes;
  /// Logging APIs: functions, classes or namespaces, with all their
  /// members. A log call hands a record to a logger; what the logger does
  /// with it on some path (a full file rotated, a flush on a fatal record)
  /// is not what the calling code does.
  std::vector<std::string> LoggingNames;
  std::string Source; ///< file it was read from
};

/// A catalogue file as (file name, contents).
struct EmbeddedFile {
  const char *Name;
  const char *Contents;
};
/// The built-in data files, for the build step that compiles them in and for
/// the tests; the products carry the compiled form only.
llvm::ArrayRef<EmbeddedFile> embeddedCatalogFiles();

/// The merged catalogue: built-in data followed by user files.
/// Containers grouped by what their operations invalidate.
enum class ContainerFamily {
  None,
  Contiguous, ///< vector-like: growing or shrinking moves every element
  Deque,      ///< growing at an end keeps references, not iterators
  NodeList,   ///< list-like: only removal invalidates, and only the removed
  Ordered,    ///< node-based maps and sets: the same
  Hashed,     ///< node-based hash tables: insertion rehashes iterators only
  Flat,       ///< open-addressing and sorted-vector maps: insertion moves elements
};

class Catalog {
public:
  /// The built-in catalogue. It is compiled in: the build reads the data
  /// files with the same reader as a user's files, rejects them if they are
  /// invalid, and writes their content as code, so that no run parses them.
  static Catalog builtin();

  /// Reads catalogue files given as (name, contents) pairs, the categories
  /// file first: what the build does with the built-in data files.
  static llvm::Expected<Catalog> fromFiles(llvm::ArrayRef<EmbeddedFile> Files);

  /// The built-in data followed by the user's files (a semicolon-separated
  /// list). Whatever fails to load is reported through \p Report, and the
  /// rest is kept.
  static Catalog load(llvm::StringRef UserFiles, llvm::function_ref<void(std::string)> Report);

  /// The same, shared by every check of the process that names the same
  /// files with the same contents: parsed once, not once per check and unit
  /// (clang-tidy builds the checks for each unit, clangd on every rebuild).
  /// Thread-safe. \p Report hears the problems on every call.
  static std::shared_ptr<const Catalog> shared(llvm::StringRef UserFiles,
                                               llvm::function_ref<void(std::string)> Report);

  /// Adds the catalogue in \p Text; \p SourceName names it in errors, which
  /// carry the line of the offending value.
  llvm::Error addFromText(llvm::StringRef Text, llvm::StringRef SourceName);
  llvm::Error addFromFile(llvm::StringRef Path);

  const std::vector<BlockingApi> &blockingApis() const { return Blocking; }
  /// Awaiting these moves the coroutine onto a thread meant for blocking
  /// work (libcoro's thread_pool::schedule, concurrencpp::resume_on).
  const std::vector<BlockingApi> &offloadApis() const { return Offload; }
  /// Calls that start work nobody will observe (co_spawn with detached).
  const std::vector<BlockingApi> &spawnerApis() const { return Spawners; }
  /// Calls that run a task (or a callable that makes one) somewhere else:
  /// co_spawn, spawn, start, schedule. The work argument is `work`; without
  /// one, a method's receiver is the work (folly's start()).
  const std::vector<BlockingApi> &launcherApis() const { return Launchers; }
  /// Functions or operators that await several operations at once and
  /// complete when all have (when_all, collectAll, asio's operator&&).
  const std::vector<BlockingApi> &combinatorApis() const { return Combinators; }
  /// Combinators that complete when the first operation does (asio's
  /// operator||, collectAny): with a timer, they set a deadline.
  const std::vector<BlockingApi> &raceApis() const { return Races; }
  /// Facilities that put a deadline on an operation (asio::cancel_after,
  /// folly::coro::timeout, seastar::with_timeout, a beast stream's expiry).
  const std::vector<BlockingApi> &deadlineApis() const { return Deadlines; }
  /// Awaits that complete after a duration or at a time point.
  const std::vector<BlockingApi> &timerApis() const { return Timers; }
  /// Operations that wait for the outside world: network reads, writes,
  /// connects, resolves, requests.
  const std::vector<BlockingApi> &externalWaitApis() const { return ExternalWaits; }
  /// Awaits that order the coroutine rather than produce work: yields,
  /// timers, events, semaphores, coroutine mutexes, channel receives.
  const std::vector<BlockingApi> &schedulingPointApis() const { return SchedulingPoints; }
  const std::vector<Framework> &frameworks() const { return Frameworks; }
  const std::vector<Category> &categories() const { return Categories; }
  /// Words that mark a callee, a lambda or a result type as a way of waiting
  /// one's turn (lock, acquire, permit): async-sequential-await keeps such
  /// awaits in order, also for libraries the catalogue does not list.
  const std::vector<std::string> &schedulingWords() const { return SchedulingWords; }
  /// First words of a function name that ask a question (get, load, fetch),
  /// and words that name an action on shared state (connect, send, commit).
  const std::vector<std::string> &queryWords() const { return QueryWords; }
  const std::vector<std::string> &actionWords() const { return ActionWords; }
  /// Words that mark an awaited call as taking a coroutine lock (a guard or
  /// a held mutex): async-reference-across-suspension trusts state held
  /// under one.
  const std::vector<std::string> &lockWords() const { return LockWords; }
  /// The family of the container class \p QualifiedName (a template's name,
  /// without arguments); None for one the catalogue does not list.
  ContainerFamily containerFamily(llvm::StringRef QualifiedName) const;
  const std::vector<std::string> &containerTypes(ContainerFamily Family) const {
    return ContainerTypes[static_cast<size_t>(Family)];
  }
  /// Functions of the project whose bodies async-blocking-call does not
  /// follow: they block only in ways the project knows to be harmless.
  const std::vector<std::string> &nonBlockingFunctions() const { return NonBlockingFunctions; }
  /// Whether \p QualifiedName is a logging API of some framework, or a
  /// member of one.
  bool isLogging(llvm::StringRef QualifiedName) const;
  const Category *category(llvm::StringRef Id) const;
  const Framework *framework(llvm::StringRef Id) const;

  /// The framework whose namespace is the longest prefix of \p QualifiedName.
  const Framework *frameworkOfName(llvm::StringRef QualifiedName) const;

  /// Advice for \p CategoryId, specific to \p Fw when it has some.
  std::string advice(llvm::StringRef CategoryId, const Framework *Fw) const;

  /// The advice \p Api's own entry or its library gives for it (Beast's
  /// async_read for its read), or empty: then the coroutine's framework
  /// says how to wait.
  std::string ownAdvice(const BlockingApi &Api) const;

private:
  friend class CatalogReader;
  std::vector<Category> Categories;
  std::vector<std::string> SchedulingWords;
  std::vector<std::string> LockWords;
  /// Indexed by ContainerFamily.
  std::array<std::vector<std::string>, 7> ContainerTypes;
  std::vector<std::string> QueryWords;
  std::vector<std::string> ActionWords;
  std::vector<std::string> NonBlockingFunctions;
  std::vector<Framework> Frameworks;
  std::vector<BlockingApi> Blocking;
  std::vector<BlockingApi> Offload;
  std::vector<BlockingApi> Spawners;
  std::vector<BlockingApi> Launchers;
  std::vector<BlockingApi> Combinators;
  std::vector<BlockingApi> Races;
  std::vector<BlockingApi> Deadlines;
  std::vector<BlockingApi> ExternalWaits;
  std::vector<BlockingApi> SchedulingPoints;
  std::vector<BlockingApi> Timers;
};

} // namespace asynclint

#endif
