//===--- Driver.h - the asynclint command line ------------------*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_DRIVER_H
#define ASYNCLINT_TOOL_DRIVER_H

namespace asynclint {

/// Exit statuses: a contract with scripts and CI.
enum ExitStatus {
  ExitClean = 0,      ///< no findings
  ExitFindings = 1,   ///< findings reported
  ExitUsage = 2,      ///< usage or configuration error; nothing analysed
  ExitIncomplete = 3, ///< some unit could not be analysed; the rest reported
};

int runDriver(int Argc, const char **Argv);

} // namespace asynclint

#endif
