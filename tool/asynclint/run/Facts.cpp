#include "run/Facts.h"
#include "report/Output.h"

#include "support/RegularFiles.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace asynclint {

llvm::Error FactsStore::prepare() const {
  llvm::SmallString<256> Units(Directory);
  llvm::sys::path::append(Units, "units");
  if (std::error_code EC = llvm::sys::fs::create_directories(Units))
    return llvm::createStringError(EC, "cannot create the facts directory '%s': %s", Units.c_str(),
                                   EC.message().c_str());
  return llvm::Error::success();
}

std::string FactsStore::unitFile(llvm::StringRef Source) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, "units",
                          llvm::sys::path::filename(Source) + "-" +
                              llvm::utohexstr(llvm::xxh3_64bits(Source), /*LowerCase=*/true) +
                              ".json");
  return std::string(Path);
}

std::string FactsStore::mergedFile() const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, "merged.json");
  return std::string(Path);
}

ProjectFacts FactsStore::readMerged() const {
  return ProjectFacts::nearest(Directory, "").value_or(ProjectFacts());
}

llvm::Expected<ProjectFacts>
FactsStore::merge(const std::vector<std::string> &Units, std::vector<std::string> &Warnings,
                  llvm::StringMap<std::vector<std::string>> &Imports) const {
  std::vector<UnitFacts> All;
  for (const std::string &Unit : Units) {
    std::string File = unitFile(Unit);
    auto Buffer = readRegularFile("facts", File, MaxDataBytes);
    if (!Buffer) {
      // Absent: not analysed yet, or it did not compile.
      std::string Problem = llvm::toString(Buffer.takeError());
      if (llvm::sys::fs::exists(File))
        Warnings.push_back("ignoring damaged facts: " + Problem);
      continue;
    }
    auto Facts = parseUnitFacts((*Buffer)->getBuffer());
    if (!Facts) {
      Warnings.push_back((llvm::Twine("ignoring damaged facts '") + File +
                          "': " + llvm::toString(Facts.takeError()))
                             .str());
      continue;
    }
    // JSON holds text: a unit whose name is not UTF-8 is written with
    // U+FFFD in place of the bytes that are not.
    if (Facts->Unit != llvm::json::fixUTF8(Unit)) {
      Warnings.push_back((llvm::Twine("ignoring facts '") + File + "': they describe '" +
                          Facts->Unit + "', not '" + Unit + "'")
                             .str());
      continue;
    }
    Imports[Unit] = Facts->Imports;
    All.push_back(std::move(*Facts));
  }
  ProjectFacts Merged = ProjectFacts::merge(All);
  if (auto Err =
          writeAtomically(mergedFile(), [&](llvm::raw_ostream &OS) { OS << Merged.toJSON(); }))
    return std::move(Err);
  return Merged;
}

llvm::StringSet<> changedFunctions(const ProjectFacts &Before, const ProjectFacts &After) {
  llvm::StringSet<> Changed;
  for (const auto &Entry : Before.blocking()) {
    const BlockingSummary *Now = After.lookup(Entry.getKey());
    if (!Now || !(*Now == Entry.getValue()))
      Changed.insert(Entry.getKey());
  }
  for (const auto &Entry : After.blocking())
    if (!Before.lookup(Entry.getKey()))
      Changed.insert(Entry.getKey());
  return Changed;
}

} // namespace asynclint
