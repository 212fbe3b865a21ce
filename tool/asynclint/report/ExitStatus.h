//===--- ExitStatus.h - how a run ends, for scripts and CI ------*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_REPORT_EXITSTATUS_H
#define ASYNCLINT_TOOL_REPORT_EXITSTATUS_H

namespace asynclint {

/// Exit statuses: a contract with scripts and CI.
enum ExitStatus {
  ExitClean = 0,      ///< no findings
  ExitFindings = 1,   ///< findings reported
  ExitUsage = 2,      ///< usage or configuration error; nothing analysed
  ExitIncomplete = 3, ///< some unit could not be analysed; the rest reported
};

} // namespace asynclint

#endif
