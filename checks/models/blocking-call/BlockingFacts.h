//===--- BlockingFacts.h - what each unit knows of blocking -----*- C++ -*-===//
//
// async-blocking-call across translation units, in two phases that scale.
// Each unit's analysis writes small facts keyed by USR: the functions it
// defines, the blocking API each uses directly, the functions each calls.
// A cheap merge solves the project's call graph bottom-up and keeps, for
// each function that blocks, the chain of calls down to the API: a certain
// one, whose every step is taken on every way through its function, where
// there is one, else one that blocks on some way only. A unit
// (or the editor) then reads the merged facts where its own calls leave it.
// The JSON format is versioned; docs/facts.md describes it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_BLOCKINGFACTS_H
#define ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_BLOCKINGFACTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// The version of both formats; facts of another version are not read.
constexpr int BlockingFactsVersion = 2;

/// Where a project's facts live, relative to its build directory.
constexpr llvm::StringLiteral DefaultFactsDirectory = ".asynclint/facts";

/// A position in a source file: an absolute path, 1-based line and column.
struct SourcePlace {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A blocking API used directly in a function's body.
struct BlockingUse {
  std::string Api;      ///< as the diagnostic names it
  std::string Category; ///< catalogue category
  std::string Advice;   ///< the API's own advice, if it has some
  SourcePlace Where;
  bool Certain = false; ///< every way through the function reaches it
};

/// A call from a function's body to another function the analysis follows.
struct CallFact {
  std::string Usr;
  std::string Name; ///< as messages give it
  SourcePlace Where;
  bool Certain = false; ///< every way through the function makes the call
};

struct FunctionFact {
  std::string Usr;
  std::string Name;
  SourcePlace Where;
  /// The first blocking API of the body that every way through it reaches,
  /// or else the first that some way does.
  std::optional<BlockingUse> Blocks;
  /// Each callee once: the first call that every way makes, or else the
  /// first call.
  std::vector<CallFact> Calls;
};

/// What one translation unit knows.
struct UnitFacts {
  std::string Unit; ///< the main file
  std::vector<FunctionFact> Functions;
  /// Functions called from this unit's coroutines and helpers without a
  /// definition here: where the merged facts may change its findings.
  std::vector<std::string> Imports;
};

llvm::json::Value toJSON(const UnitFacts &Facts);
/// Strict: a missing or mistyped field, or another version, is an error.
llvm::Expected<UnitFacts> parseUnitFacts(llvm::StringRef Text);

/// One step of a merged chain: \p Function calls \p Callee at \p Where, or,
/// for the last step, uses the API there.
struct ChainStep {
  std::string Function;
  std::string Callee; ///< empty for the last step
  SourcePlace Where;
};

/// How a function blocks, across the project.
struct BlockingSummary {
  std::string Name;
  BlockingUse Use;              ///< the API at the end of the chain
  std::vector<ChainStep> Steps; ///< from the function's body down to Use
  /// Every step is taken on every way through its function; otherwise the
  /// chain is one the audit mode reports.
  bool Certain = false;
  bool operator==(const BlockingSummary &Other) const;
};

/// As the merged facts write it, without the function's USR.
llvm::json::Value toJSON(const BlockingSummary &Summary);

/// The merged facts of a project: the functions that may block.
class ProjectFacts {
public:
  /// Solves the call graph of \p Units. A function defined in several
  /// units (an inline function of a header) is one function.
  static ProjectFacts merge(llvm::ArrayRef<UnitFacts> Units);

  const BlockingSummary *lookup(llvm::StringRef Usr) const;
  const llvm::StringMap<BlockingSummary> &blocking() const { return Blocking; }

  llvm::json::Value toJSON() const;
  static llvm::Expected<ProjectFacts> parse(llvm::StringRef Text);

  /// The merged facts in \p Directory when it is set, otherwise in
  /// .asynclint/facts of \p BuildDirectory or of the nearest directory above
  /// it that has some; none when there are none or they are damaged.
  static std::optional<ProjectFacts> nearest(llvm::StringRef Directory,
                                             llvm::StringRef BuildDirectory);

private:
  llvm::StringMap<BlockingSummary> Blocking;
};

} // namespace asynclint

#endif
