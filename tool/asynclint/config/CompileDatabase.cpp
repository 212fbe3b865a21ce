#include "config/CompileDatabase.h"
#include "config/CommandLine.h"
#include "support/RegularFiles.h"

#include "clang/Tooling/JSONCompilationDatabase.h"

#include "support/Paths.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <mutex>
#include <set>

using clang::tooling::CompilationDatabase;

namespace asynclint {
namespace {

/// Tooling's expandResponseFiles, with a response file that cannot be read
/// reported once, on a line of its own, and left in the command, where the
/// compiler names it again as that unit's error.
class ResponseFilesExpanded : public CompilationDatabase {
public:
  explicit ResponseFilesExpanded(std::unique_ptr<CompilationDatabase> Base)
      : Base(std::move(Base)),
        Files(regularFilesOnly(llvm::vfs::getRealFileSystem(), MaxDataBytes)) {}

  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    return expand(Base->getCompileCommands(File));
  }
  std::vector<std::string> getAllFiles() const override { return Base->getAllFiles(); }
  std::vector<clang::tooling::CompileCommand> getAllCompileCommands() const override {
    return expand(Base->getAllCompileCommands());
  }

private:
  std::vector<clang::tooling::CompileCommand>
  expand(std::vector<clang::tooling::CompileCommand> Commands) const {
    for (clang::tooling::CompileCommand &Command : Commands) {
      if (llvm::none_of(Command.CommandLine, [](const std::string &Arg) {
            return llvm::StringRef(Arg).starts_with("@");
          }))
        continue;
      llvm::BumpPtrAllocator Allocator;
      llvm::SmallVector<const char *, 32> Argv;
      for (const std::string &Arg : Command.CommandLine)
        Argv.push_back(Arg.c_str());
      llvm::cl::ExpansionContext Expansion(Allocator, llvm::cl::TokenizeGNUCommandLine);
      Expansion.setVFS(Files.get()).setCurrentDir(Command.Directory);
      if (llvm::Error Err = Expansion.expandResponseFiles(Argv)) {
        std::string Problem = llvm::toString(std::move(Err));
        std::scoped_lock Lock(Reported);
        if (ReportedProblems.insert(Problem).second)
          llvm::errs() << "asynclint: warning: " << Problem << "\n";
        continue;
      }
      // Argv points into the old command line: copy before replacing it.
      std::vector<std::string> Expanded(Argv.begin(), Argv.end());
      Command.CommandLine = std::move(Expanded);
    }
    return Commands;
  }

  std::unique_ptr<CompilationDatabase> Base;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Files;
  mutable std::mutex Reported;
  mutable std::set<std::string> ReportedProblems;
};

} // namespace

llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadCompilationDatabaseIn(llvm::StringRef Dir) {
  auto PathOf = [&](llvm::StringRef Name) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, Name);
    return std::string(Candidate);
  };
  std::string JsonPath = PathOf("compile_commands.json");
  std::string FlagsPath = PathOf("compile_flags.txt");
  bool Json = llvm::sys::fs::exists(JsonPath);
  if (!Json && !llvm::sys::fs::exists(FlagsPath))
    return nullptr;
  // A repository can commit either file as a symlink to a device or a FIFO,
  // and name a response file that is one: none of them is ever read.
  if (llvm::Error Err =
          checkRegularFile("compilation database", Json ? JsonPath : FlagsPath, MaxDataBytes))
    return std::move(Err);
  std::string Error;
  std::unique_ptr<CompilationDatabase> DB;
  if (Json) {
    DB = clang::tooling::JSONCompilationDatabase::loadFromFile(
        JsonPath, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
    if (DB)
      DB = clang::tooling::inferTargetAndDriverMode(clang::tooling::inferToolLocation(
          std::make_unique<ResponseFilesExpanded>(std::move(DB))));
  } else {
    DB = clang::tooling::FixedCompilationDatabase::loadFromFile(FlagsPath, Error);
  }
  if (!DB)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "cannot load compilation database in '%s': %s",
                                   Dir.str().c_str(), Error.c_str());
  // compile_flags.txt lists no files: it applies to any.
  if (Json && DB->getAllCompileCommands().empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "compilation database in '%s' has no entries",
                                   Dir.str().c_str());
  return DB;
}

std::vector<std::string> analysableSources(const CompilationDatabase &DB) {
  std::vector<std::string> Sources;
  for (const std::string &File : DB.getAllFiles())
    if (!llvm::is_contained({".s", ".S", ".sx", ".asm"}, llvm::sys::path::extension(File)))
      Sources.push_back(absolutePath(File));
  llvm::sort(Sources);
  Sources.erase(std::unique(Sources.begin(), Sources.end()), Sources.end());
  return Sources;
}

} // namespace asynclint
