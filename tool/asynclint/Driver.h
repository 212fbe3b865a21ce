//===--- Driver.h - the asynclint command line ------------------*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_DRIVER_H
#define ASYNCLINT_TOOL_DRIVER_H

#include "report/ExitStatus.h"

namespace asynclint {

int runDriver(int Argc, const char **Argv);

} // namespace asynclint

#endif
