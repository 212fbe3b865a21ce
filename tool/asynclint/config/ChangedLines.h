//===--- ChangedLines.h - what changed since a git revision -----*- C++ -*-===//
//
// --changed-since=<revision> reports only findings on lines added or changed
// since that revision, and analyses only the units the change can affect.
// The lines come from git itself (`git diff --unified=0`, plus the files git
// does not track yet, which are new throughout).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_CHANGEDLINES_H
#define ASYNCLINT_TOOL_CHANGEDLINES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace asynclint {

class ChangedLines {
public:
  /// The changes in the git work tree around \p Directory since \p Revision.
  static llvm::Expected<ChangedLines> since(llvm::StringRef Revision, llvm::StringRef Directory);

  /// Reads `git diff --unified=0` output; paths are below \p WorkTree.
  /// \p Untracked files are new from the first line to the last.
  static ChangedLines parse(llvm::StringRef Diff, llvm::ArrayRef<std::string> Untracked,
                            llvm::StringRef WorkTree);

  /// Whether the change touched \p File (absolute): added, deleted or edited.
  bool touches(llvm::StringRef File) const { return Files.count(File) != 0; }
  /// Whether line \p Line of \p File was added or changed.
  bool changed(llvm::StringRef File, unsigned Line) const;

private:
  /// Each file's changed lines, first and last; a deleted file has none.
  llvm::StringMap<std::vector<std::pair<unsigned, unsigned>>> Files;
};

} // namespace asynclint

#endif
