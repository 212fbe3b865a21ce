//===--- JsonLocator.h - source lines of JSON values ------------*- C++ -*-===//
//
// llvm::json keeps no positions in its values, so a second pass over the
// text maps each JSON pointer to the line it starts on. Used only to point at
// the offending line when a catalogue file is rejected.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CATALOG_JSONLOCATOR_H
#define ASYNCLINT_CHECKS_CATALOG_JSONLOCATOR_H

#include "llvm/ADT/StringRef.h"
#include <map>
#include <string>

namespace asynclint {

class JsonLocator {
public:
  explicit JsonLocator(llvm::StringRef Text);

  /// The line (1-based) of the value at \p Pointer, or of its nearest
  /// ancestor that could be located; 0 when nothing could be.
  unsigned lineOf(llvm::StringRef Pointer) const;

private:
  std::map<std::string, unsigned, std::less<>> Lines;
};

/// Line and column (both 1-based) of byte \p Offset in \p Text.
std::pair<unsigned, unsigned> lineAndColumn(llvm::StringRef Text, size_t Offset);

} // namespace asynclint

#endif
