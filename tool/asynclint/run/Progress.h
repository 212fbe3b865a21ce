//===--- Progress.h - how far a run has got ---------------------*- C++ -*-===//
//
// On a terminal, one line that keeps itself up to date: units done of all,
// findings so far, the time left. With --progress, a line per finished unit
// instead, for logs.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_PROGRESS_H
#define ASYNCLINT_TOOL_PROGRESS_H

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <string>

namespace asynclint {

enum class ProgressStyle { None, Lines, Terminal };

class Progress {
public:
  /// \p Done units of \p Total are done before the first report (from the
  /// cache), with \p Findings findings.
  Progress(llvm::raw_ostream &OS, ProgressStyle Style, size_t Total, size_t Done = 0,
           size_t Findings = 0);
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;
  /// Clears the terminal line.
  ~Progress();

  /// A unit finished, shown as \p Shown, with \p Findings findings.
  void finished(llvm::StringRef Shown, size_t Findings);

private:
  std::string status() const;

  llvm::raw_ostream &OS;
  ProgressStyle Style;
  size_t Total;
  size_t Done;
  size_t Findings;
  size_t DoneAtStart;
  std::chrono::steady_clock::time_point Started = std::chrono::steady_clock::now();
};

} // namespace asynclint

#endif
