//===--- Reports.h - output formats -----------------------------*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_REPORTS_H
#define ASYNCLINT_TOOL_REPORTS_H

#include "report/Finding.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {

/// Everything one run found, in report order.
struct RunReport {
  /// Absolute; machine-read reports (SARIF, JSON, GitHub, Code Quality) and
  /// fingerprints show paths below it relative to it.
  std::string SourceRoot;
  /// Absolute; the text report shows paths below it relative to it, as a
  /// terminal or an editor opened there expects.
  std::string WorkingDirectory;
  std::vector<std::string> Files;   ///< the units analysed
  std::vector<Finding> Findings;    ///< sorted, without duplicates
  std::vector<UnitResult> Failures; ///< units that could not be analysed
  std::vector<std::string> SuppressedByBaseline;
};

/// The path as reports show it: relative to the root when below it.
std::string displayPath(const std::string &File, const std::string &Root);

/// Fills Finding::Fingerprint: stable under edits elsewhere in the file.
void assignFingerprints(std::vector<Finding> &Findings, const std::string &Root);

void writeText(const RunReport &Report, llvm::raw_ostream &OS, bool Color);
/// What GitHub code scanning accepts of one SARIF run.
struct SarifLimits {
  size_t MaxResults = 25000; ///< 0: no limit, and no size limit either
  size_t MaxGzippedBytes = size_t{10} * 1024 * 1024;
};

/// Writes the report as SARIF 2.1.0. Beyond \p Limits, keeps the most severe
/// results, says so in the run's tool execution notifications, and returns
/// how many it left out.
size_t writeSarif(const RunReport &Report, llvm::raw_ostream &OS, const SarifLimits &Limits = {});
void writeJson(const RunReport &Report, llvm::raw_ostream &OS);
void writeGithub(const RunReport &Report, llvm::raw_ostream &OS);
void writeCodeQuality(const RunReport &Report, llvm::raw_ostream &OS);

} // namespace asynclint

#endif
