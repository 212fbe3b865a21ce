//===--- Analysis.h - analyse one translation unit --------------*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_ANALYSIS_H
#define ASYNCLINT_TOOL_ANALYSIS_H

#include "config/TidyOptions.h"
#include "report/Finding.h"

#include "clang/Tooling/CompilationDatabase.h"

namespace asynclint {

struct AnalysisRequest {
  clang::tooling::CompileCommand Command;
  TidySettings Settings;
  bool CollectFixes = false;
  /// Whether to record every file the analysis reads or looks for, with a
  /// digest of its content: what the cache of results is keyed by, and work
  /// for nothing without it.
  bool RecordInputs = false;
  /// Where to write the unit's facts for the analysis across units; empty
  /// for none.
  std::string FactsFile;
  /// The unit's name in its facts: the path the driver knows it by.
  std::string FactsUnit;
  /// Whether the process ends once the unit is analysed: its AST is then
  /// left for the exit to reclaim instead of freed node by node, as the
  /// compiler does.
  bool ProcessEndsAfter = false;
};

/// Parses and checks one translation unit in this process.
UnitResult analyzeUnit(const AnalysisRequest &Request);

/// clang's resource directory (built-in headers), found at build time.
llvm::StringRef clangResourceDir();

} // namespace asynclint

#endif
