#include "report/Reports.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <map>
#include <tuple>

namespace asynclint {

std::string displayPath(const std::string &File, const std::string &Root) {
  llvm::StringRef Path(File);
  if (!Root.empty() && Path.starts_with(Root)) {
    llvm::StringRef Rest = Path.drop_front(Root.size());
    if (Rest.consume_front("/") || llvm::StringRef(Root).ends_with("/"))
      return Rest.str();
  }
  return File;
}

namespace {

/// Whitespace-insensitive text of the line: re-indenting does not change it.
std::string normaliseLine(llvm::StringRef Line) {
  std::string Out;
  for (char C : Line)
    if (!llvm::isSpace(C))
      Out += C;
  return Out;
}

/// SHA-256 of the parts, each ended by a NUL, and the rank; 32 hex digits.
std::string hashOf(std::initializer_list<llvm::StringRef> Parts, unsigned Index) {
  llvm::SHA256 Hash;
  for (llvm::StringRef Part : Parts) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  }
  Hash.update(std::to_string(Index));
  return llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
}

} // namespace

void assignFingerprints(std::vector<Finding> &Findings, const std::string &Root) {
  // Findings of one rule on identical lines are told apart by their order.
  std::map<std::tuple<std::string, std::string, std::string>, unsigned> Occurrences;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, unsigned>
      LegacyOccurrences;
  for (Finding &F : Findings) {
    std::string Path = displayPath(F.Where.File, Root);
    std::string Line = normaliseLine(F.SourceLine);
    // The message is left out: renaming a coroutine or rewording the
    // advice must not make a known finding new.
    F.Fingerprint = hashOf({F.RuleId, Path, Line}, Occurrences[{F.RuleId, Path, Line}]++);
    F.LegacyFingerprint = hashOf({F.RuleId, Path, Line, F.Message},
                                 LegacyOccurrences[{F.RuleId, Path, Line, F.Message}]++);
  }
}

} // namespace asynclint
