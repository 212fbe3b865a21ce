#include "Reports.h"

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

} // namespace

void assignFingerprints(std::vector<Finding> &Findings, const std::string &Root) {
  // Identical findings on identical lines are told apart by their order.
  std::map<std::tuple<std::string, std::string, std::string, std::string>,
           unsigned>
      Occurrences;
  for (Finding &F : Findings) {
    std::string Path = displayPath(F.Where.File, Root);
    std::string Line = normaliseLine(F.SourceLine);
    unsigned Index = Occurrences[{F.RuleId, Path, Line, F.Message}]++;
    llvm::SHA256 Hash;
    for (llvm::StringRef Part :
         {llvm::StringRef(F.RuleId), llvm::StringRef(Path), llvm::StringRef(Line),
          llvm::StringRef(F.Message)}) {
      Hash.update(Part);
      Hash.update(llvm::StringRef("\0", 1));
    }
    Hash.update(std::to_string(Index));
    F.Fingerprint = llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
  }
}

} // namespace asynclint
