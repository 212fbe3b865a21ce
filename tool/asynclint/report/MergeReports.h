//===--- MergeReports.h - one report from the reports of shards -*- C++ -*-===//
//
// A CI matrix runs asynclint with --shard=K/N in N jobs; `asynclint merge`
// makes their reports one. GitHub code scanning rejects an upload with
// several runs of one tool and category, so SARIF reports become ONE run
// with one tool.driver; a header analysed in two shards gives each finding
// once.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_MERGEREPORTS_H
#define ASYNCLINT_TOOL_MERGEREPORTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace asynclint {

/// SARIF logs of asynclint as one log with one run: the rules of all, each
/// result once, one invocation that failed if any did. An error names the
/// input that is not such a log.
llvm::Expected<nlohmann::ordered_json>
mergeSarif(llvm::ArrayRef<std::pair<std::string, nlohmann::ordered_json>> Inputs);

/// asynclint's JSON reports as one: each finding and each failure once.
llvm::Expected<nlohmann::ordered_json>
mergeJson(llvm::ArrayRef<std::pair<std::string, nlohmann::ordered_json>> Inputs);

/// `asynclint merge [-o FILE] [--quiet] REPORT...`, \p Args after `merge`:
/// the exit status, as asynclint's own (0 no findings, 1 findings, 2 usage
/// error, 3 a shard's analysis was incomplete).
int runMerge(llvm::ArrayRef<const char *> Args);

} // namespace asynclint

#endif
