// compile_commands.json as any build system (or a hostile one) writes it:
// loaded, its sources listed, and the command of each source and of a
// header that it does not list (inferred from the closest source).

#include "CompileDatabase.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <cstdint>
#include <cstdlib>

using namespace asynclint;

namespace {

/// A directory of this process for the database, made once.
const std::string &databaseDirectory() {
  static const std::string Dir = [] {
    llvm::SmallString<256> Path;
    if (llvm::sys::fs::createUniqueDirectory("asynclint-fuzz-cdb", Path))
      std::abort();
    return std::string(Path);
  }();
  return Dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  const std::string &Dir = databaseDirectory();
  llvm::SmallString<256> Json(Dir);
  llvm::sys::path::append(Json, "compile_commands.json");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Json, EC);
    if (EC)
      std::abort();
    OS.write(reinterpret_cast<const char *>(Data), Size);
  }
  auto Loaded = loadCompilationDatabaseIn(Dir);
  if (!Loaded) {
    llvm::consumeError(Loaded.takeError());
    return 0;
  }
  if (!*Loaded)
    std::abort(); // the file is there: a database or an error, never neither
  std::unique_ptr<clang::tooling::CompilationDatabase> DB =
      clang::tooling::inferMissingCompileCommands(std::move(*Loaded));
  std::vector<std::string> Sources = analysableSources(*DB);
  for (size_t I = 0; I < Sources.size() && I < 16; ++I)
    (void)DB->getCompileCommands(Sources[I]);
  llvm::SmallString<256> Header(Dir);
  llvm::sys::path::append(Header, "include", "unlisted.h");
  (void)DB->getCompileCommands(Header);
  return 0;
}
