//===--- UnitRuns.h - every unit's result, analysed or cached ---*- C++ -*-===//
//
// What a run analyses, and how each unit's result is obtained: taken from
// the cache when nothing it was made from changed, else from the workers;
// then the second phase of the analysis across units.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_UNITRUNS_H
#define ASYNCLINT_TOOL_UNITRUNS_H

#include "config/ChangedLines.h"
#include "run/Analysis.h"
#include "run/Cache.h"
#include "run/Facts.h"
#include "run/Workers.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace asynclint {

/// What a run analyses, and with what.
struct Plan {
  TidySettings Settings;
  std::vector<std::string> Sources;
  std::vector<AnalysisRequest> Requests;
  std::vector<UnitResult> Missing; ///< inputs that failed before analysis
  std::set<std::string> BaselineKeys;
  /// Every unit of the compilation database, whether analysed or not.
  std::vector<std::string> AllUnits;
  std::optional<FactsStore> Facts;
  std::optional<ResultCache> Cache;
  /// The cache key of each request.
  std::vector<std::string> CacheKeys;
  /// With --changed-since: what changed.
  std::optional<ChangedLines> Changes;
  /// Files the run reads besides the sources: no output may replace them.
  std::vector<std::string> OtherInputs;
};

/// Drops the requests of units that \p P's changes cannot affect: whose
/// files, as the cache recorded them, none changed. A unit the cache knows
/// nothing of is kept. Returns how many were dropped.
size_t keepUnitsAffectedByChanges(Plan &P);

/// The result of every request of \p P, in its order. \p FromCache counts
/// the results taken from the cache.
std::vector<UnitResult> analyzeUnits(const Plan &P, const WorkerSettings &Workers,
                                     size_t &FromCache);

} // namespace asynclint

#endif
