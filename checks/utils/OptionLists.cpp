#include "utils/OptionLists.h"

#include "llvm/ADT/SmallVector.h"

namespace asynclint {

std::vector<std::string> parseList(llvm::StringRef Value) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Value.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Items;
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (!Part.empty())
      Items.push_back(Part.str());
  }
  return Items;
}

void insertNames(llvm::StringSet<> &Into, llvm::StringRef Value) {
  for (const std::string &Name : parseList(Value))
    Into.insert(llvm::StringRef(Name).ltrim(':'));
}

std::string joinList(const std::vector<std::string> &Items) {
  std::string Out;
  for (const std::string &Item : Items) {
    if (!Out.empty())
      Out += ';';
    Out += Item;
  }
  return Out;
}

} // namespace asynclint
