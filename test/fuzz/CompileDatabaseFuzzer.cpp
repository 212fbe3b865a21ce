// compile_commands.json as any build system (or a hostile one) writes it:
// loaded, its sources listed, and the command of each source and of a
// header that it does not list (inferred from the closest source).

#include "ScratchFiles.h"
#include "config/CompileDatabase.h"

#include "llvm/Support/Path.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <cstdint>
#include <cstdlib>

using namespace asynclint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  const std::string &Dir = fuzz::scratchDirectory();
  fuzz::writeScratchFile(fuzz::scratchPath("compile_commands.json"),
                         llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
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
