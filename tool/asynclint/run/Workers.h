//===--- Workers.h - one child process per translation unit -----*- C++ -*-===//
//
// Each unit is analysed in a process of its own, so a crash, an assertion or
// a unit past its time or memory limit loses that unit only; up to --jobs run
// at a time.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_WORKERS_H
#define ASYNCLINT_TOOL_WORKERS_H

#include "run/Analysis.h"
#include "run/Progress.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace asynclint {

struct WorkerSettings {
  unsigned Jobs = 1;
  ProgressStyle Progress = ProgressStyle::None;
  /// A worker still running after this many seconds is stopped and its unit
  /// reported as a failure; 0 for no limit.
  unsigned TimeoutSeconds = 0;
  /// The memory a worker may take, in MiB; 0 for no limit.
  unsigned MemoryMiB = 0;
};

/// Results in the order of \p Requests, whatever the order of completion.
/// \p Finished, when given, sees each result as soon as its unit is done.
std::vector<UnitResult>
runInWorkers(const std::vector<AnalysisRequest> &Requests, const WorkerSettings &Settings,
             llvm::function_ref<void(size_t, const UnitResult &)> Finished = {});

} // namespace asynclint

#endif
