//===--- Facts.h - the facts directory of a whole-project run ---*- C++ -*-===//
//
// async-blocking-call sees across translation units in two phases. Each
// unit's worker writes its facts to units/<key>.json; the driver then merges
// the facts of every unit of the compilation database into merged.json,
// which the checks of later units (and the editor) read. A unit whose
// imports changed in the merge is analysed once more, with the new facts.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_FACTS_H
#define ASYNCLINT_TOOL_FACTS_H

#include "checks/models/blocking-call/BlockingFacts.h"

#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace asynclint {

class FactsStore {
public:
  explicit FactsStore(std::string Directory) : Directory(std::move(Directory)) {}

  /// Creates the directory; an error says why it cannot be used.
  llvm::Error prepare() const;

  const std::string &directory() const { return Directory; }
  /// Where the facts of the unit \p Source go: a name derived from its path.
  std::string unitFile(llvm::StringRef Source) const;
  std::string mergedFile() const;

  /// The merged facts as they are on disk: none when absent or damaged.
  ProjectFacts readMerged() const;

  /// Merges the facts of \p Units (absolute paths, the whole compilation
  /// database) and writes them as merged.json. Facts of units not listed
  /// are not read, so those of deleted files do not linger; damaged facts
  /// are named in \p Warnings and left out. \p Imports receives each unit's
  /// imports.
  llvm::Expected<ProjectFacts> merge(const std::vector<std::string> &Units,
                                     std::vector<std::string> &Warnings,
                                     llvm::StringMap<std::vector<std::string>> &Imports) const;

private:
  std::string Directory;
};

/// The functions whose summary differs between \p Before and \p After.
llvm::StringSet<> changedFunctions(const ProjectFacts &Before, const ProjectFacts &After);

} // namespace asynclint

#endif
