//===--- Workers.h - one child process per translation unit -----*- C++ -*-===//
//
// Each unit is analysed in a process of its own, so a crash or an assertion
// in one unit loses that unit only; up to --jobs run at a time.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_WORKERS_H
#define ASYNCLINT_TOOL_WORKERS_H

#include "Analysis.h"

namespace asynclint {

/// Results in the order of \p Requests, whatever the order of completion.
std::vector<UnitResult> runInWorkers(const std::string &Executable,
                                     const std::vector<AnalysisRequest> &Requests, unsigned Jobs,
                                     bool Progress);

/// The entry point of a worker process: `asynclint --worker REQUEST RESULT`.
int workerMain(llvm::StringRef RequestFile, llvm::StringRef ResultFile);

} // namespace asynclint

#endif
