#include "Catalog.h"
#include "CatalogReader.h"
#include "utils/RegularFiles.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

#include <mutex>

namespace asynclint {
namespace {

/// The text of a catalogue file, read as the analysis reads sources: a
/// device or a pipe named where a file belongs (by a .clang-tidy of the
/// analysed project) would never end.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readCatalogueFile(llvm::StringRef Path) {
  auto Buffer = regularFilesOnly(llvm::vfs::getRealFileSystem())->getBufferForFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read catalogue file '%s': %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  return std::move(*Buffer);
}

} // namespace

std::string BlockingApi::displayName() const {
  switch (Kind) {
  case ApiKind::Function:
    return Name;
  case ApiKind::Method:
    return Name + "::" + Member;
  case ApiKind::Constructor:
    return Name + " constructor";
  case ApiKind::Operator:
    if (Member == "()")
      return Object;
    return (Object.empty() ? Name : Object) + " " + Member;
  }
  return Name;
}

llvm::Expected<Catalog> Catalog::builtin() {
  Catalog Result;
  // Categories first: the framework files refer to them.
  auto Files = embeddedCatalogFiles();
  for (bool CategoriesPass : {true, false}) {
    for (const EmbeddedFile &File : Files) {
      bool IsCategories = llvm::StringRef(File.Name) == "categories.json";
      if (IsCategories != CategoriesPass)
        continue;
      // Read into the result itself, not staged as a user's file is: an
      // error discards the whole catalogue, and a staged copy per file
      // copies every entry read before it.
      if (auto Err =
              CatalogReader::read(Result, File.Contents, std::string("<built-in>/") + File.Name))
        return std::move(Err);
    }
  }
  return Result;
}

Catalog Catalog::load(llvm::StringRef UserFiles, llvm::function_ref<void(std::string)> Report) {
  auto Builtin = builtin();
  if (!Builtin) {
    Report("built-in catalogue is invalid: " + llvm::toString(Builtin.takeError()));
    return {};
  }
  llvm::SmallVector<llvm::StringRef, 4> Paths;
  UserFiles.split(Paths, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Paths) {
    Path = Path.trim();
    if (Path.empty())
      continue;
    if (auto Err = Builtin->addFromFile(Path))
      Report("invalid catalogue: " + llvm::toString(std::move(Err)));
  }
  return std::move(*Builtin);
}

std::shared_ptr<const Catalog> Catalog::shared(llvm::StringRef UserFiles,
                                               llvm::function_ref<void(std::string)> Report) {
  // Keyed by content: an edited catalogue (in the editor, between runs of
  // one clangd) is read again.
  std::string Key = UserFiles.str();
  llvm::SmallVector<llvm::StringRef, 4> Paths;
  UserFiles.split(Paths, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Paths) {
    auto Buffer = readCatalogueFile(Path.trim());
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

llvm::Error Catalog::addFromFile(llvm::StringRef Path) {
  auto Buffer = readCatalogueFile(Path);
  if (!Buffer)
    return Buffer.takeError();
  return addFromText((*Buffer)->getBuffer(), Path);
}

llvm::Error Catalog::addFromText(llvm::StringRef Text, llvm::StringRef SourceName) {
  Catalog Staged = *this;
  if (llvm::Error Err = CatalogReader::read(Staged, Text, SourceName))
    return Err;
  *this = std::move(Staged);
  return llvm::Error::success();
}

const Category *Catalog::category(llvm::StringRef Id) const {
  for (const Category &C : Categories)
    if (C.Id == Id)
      return &C;
  return nullptr;
}

const Framework *Catalog::framework(llvm::StringRef Id) const {
  for (const Framework &F : Frameworks)
    if (F.Id == Id)
      return &F;
  return nullptr;
}

const Framework *Catalog::frameworkOfName(llvm::StringRef QualifiedName) const {
  const Framework *Best = nullptr;
  size_t BestLength = 0;
  for (const Framework &F : Frameworks) {
    for (const std::string &Ns : F.Namespaces) {
      if (Ns.size() <= BestLength || !QualifiedName.starts_with(Ns) ||
          !QualifiedName.drop_front(Ns.size()).starts_with("::"))
        continue;
      Best = &F;
      BestLength = Ns.size();
    }
  }
  return Best;
}

std::string Catalog::advice(llvm::StringRef CategoryId, const Framework *Fw) const {
  if (Fw) {
    auto It = Fw->Advice.find(CategoryId.str());
    if (It != Fw->Advice.end())
      return It->second;
  }
  if (const Category *C = category(CategoryId))
    return C->Advice;
  return "";
}

std::string Catalog::ownAdvice(const BlockingApi &Api) const {
  if (!Api.Advice.empty())
    return Api.Advice;
  if (const Framework *Fw = framework(Api.Framework)) {
    auto It = Fw->Advice.find(Api.Category);
    if (It != Fw->Advice.end())
      return It->second;
  }
  return "";
}

} // namespace asynclint
