//===--- NoteRole.h - what a note of a finding is to the reports -*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_CORE_NOTEROLE_H
#define ASYNCLINT_CHECKS_CORE_NOTEROLE_H

namespace asynclint {

/// What a note is to the reports, as the check that wrote it says.
enum class NoteRole : unsigned {
  Plain = 0,
  /// One step of the path from the reported call to what it reaches.
  ChainStep = 1,
  /// The finding lies in test code and is not reported by default.
  HiddenInTestCode = 2,
};

} // namespace asynclint

#endif
