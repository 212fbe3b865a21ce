#include "Catalog.h"
#include "CatalogReader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"

namespace asynclint {
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
  case ApiKind::Signature:
    return Name;
  }
  return Name;
}

llvm::Expected<Catalog> Catalog::fromFiles(llvm::ArrayRef<EmbeddedFile> Files) {
  Catalog Result;
  // Categories first: the framework files refer to them.
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

llvm::Error Catalog::addFromFile(llvm::StringRef Path) {
  auto Buffer = CatalogReader::readFile(Path);
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

bool Catalog::isLogging(llvm::StringRef QualifiedName) const {
  return llvm::any_of(Frameworks, [&](const Framework &F) {
    return llvm::any_of(F.LoggingNames, [&](llvm::StringRef Name) {
      llvm::StringRef Rest = QualifiedName;
      return Rest.consume_front(Name) && (Rest.empty() || Rest.starts_with("::"));
    });
  });
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

ContainerFamily Catalog::containerFamily(llvm::StringRef QualifiedName) const {
  for (size_t Family = 0; Family < ContainerTypes.size(); ++Family)
    if (llvm::is_contained(ContainerTypes[Family], QualifiedName))
      return static_cast<ContainerFamily>(Family);
  return ContainerFamily::None;
}

} // namespace asynclint
