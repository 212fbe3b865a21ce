#include "Catalog.h"
#include "CatalogReader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

#include <mutex>

namespace asynclint {

Catalog Catalog::load(llvm::StringRef UserFiles, llvm::function_ref<void(std::string)> Report) {
  Catalog Result = builtin();
  llvm::SmallVector<llvm::StringRef, 4> Paths;
  UserFiles.split(Paths, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Paths) {
    Path = Path.trim();
    if (Path.empty())
      continue;
    if (auto Err = Result.addFromFile(Path))
      Report("invalid catalogue: " + llvm::toString(std::move(Err)));
  }
  return Result;
}

std::shared_ptr<const Catalog> Catalog::shared(llvm::StringRef UserFiles,
                                               llvm::function_ref<void(std::string)> Report) {
  // Keyed by content: an edited catalogue (in the editor, between runs of
  // one clangd) is read again.
  std::string Key = UserFiles.str();
  llvm::SmallVector<llvm::StringRef, 4> Paths;
  UserFiles.split(Paths, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Paths) {
    auto Buffer = CatalogReader::readFile(Path.trim());
    Key += '\0';
    if (Buffer)
      Key += llvm::utohexstr(llvm::xxh3_64bits((*Buffer)->getBuffer()));
    else
      Key += llvm::toString(Buffer.takeError());
  }
  struct Entry {
    std::shared_ptr<const Catalog> Loaded;
    std::vector<std::string> Problems;
  };
  static std::mutex Lock;
  static llvm::StringMap<Entry> Cache;
  std::scoped_lock Guard(Lock);
  auto It = Cache.find(Key);
  if (It == Cache.end()) {
    // A handful of configurations at a time; an editor that keeps changing
    // the files must not grow this without end.
    if (Cache.size() >= 8)
      Cache.clear();
    Entry New;
    New.Loaded = std::make_shared<const Catalog>(
        load(UserFiles, [&](std::string Problem) { New.Problems.push_back(std::move(Problem)); }));
    It = Cache.try_emplace(Key, std::move(New)).first;
  }
  for (const std::string &Problem : It->second.Problems)
    Report(Problem);
  return It->second.Loaded;
}

} // namespace asynclint
