#include "support/Paths.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace asynclint {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> Out(Path);
  if (!llvm::sys::path::is_absolute(Out) && !Base.empty()) {
    Out = Base;
    llvm::sys::path::append(Out, Path);
  }
  (void)llvm::sys::fs::make_absolute(Out);
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
  return std::string(Out);
}

} // namespace asynclint
