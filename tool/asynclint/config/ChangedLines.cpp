#include "config/ChangedLines.h"
#include "report/Output.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <limits>

namespace asynclint {
namespace {

/// Runs git with \p Args in \p Directory; its standard output, or an error
/// with what it said on standard error.
llvm::Expected<std::string> git(llvm::ArrayRef<llvm::StringRef> Args, llvm::StringRef Directory) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(Git.getError(), "git is not installed");
  llvm::SmallString<128> Out;
  llvm::SmallString<128> Err;
  if (auto EC = llvm::sys::fs::createTemporaryFile("asynclint-git", "out", Out))
    return llvm::createStringError(EC, "cannot create a temporary file: %s", EC.message().c_str());
  if (auto EC = llvm::sys::fs::createTemporaryFile("asynclint-git", "err", Err))
    return llvm::createStringError(EC, "cannot create a temporary file: %s", EC.message().c_str());
  llvm::scope_exit Remove([&] {
    (void)llvm::sys::fs::remove(Out);
    (void)llvm::sys::fs::remove(Err);
  });
  // Paths as they are, not quoted for a terminal.
  std::vector<llvm::StringRef> Argv = {*Git, "-c", "core.quotePath=false", "-C", Directory};
  llvm::append_range(Argv, Args);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), Out.str(), Err.str()};
  std::string Failure;
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0, &Failure);
  if (Status != 0)
    return llvm::createStringError(
        std::errc::invalid_argument, "git %s failed: %s", Args.front().str().c_str(),
        (Failure.empty() ? llvm::StringRef(readFileOrEmpty(Err)).trim().str() : Failure).c_str());
  return readFileOrEmpty(Out);
}

std::string below(llvm::StringRef WorkTree, llvm::StringRef Relative) {
  llvm::SmallString<256> Path(WorkTree);
  llvm::sys::path::append(Path, Relative);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

} // namespace

llvm::Expected<ChangedLines> ChangedLines::since(llvm::StringRef Revision,
                                                 llvm::StringRef Directory) {
  auto Top = git({"rev-parse", "--show-toplevel"}, Directory);
  if (!Top)
    return Top.takeError();
  std::string WorkTree = llvm::StringRef(*Top).trim().str();
  // Revisions only: "--end-of-options" keeps a revision that starts with a
  // dash from being read as an option of git's.
  auto Diff = git({"diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames",
                   "--end-of-options", Revision, "--"},
                  WorkTree);
  if (!Diff)
    return Diff.takeError();
  auto Others = git({"ls-files", "--others", "--exclude-standard", "-z"}, WorkTree);
  if (!Others)
    return Others.takeError();
  llvm::SmallVector<llvm::StringRef, 16> Names;
  llvm::StringRef(*Others).split(Names, '\0', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Untracked(Names.begin(), Names.end());
  return parse(*Diff, Untracked, WorkTree);
}

ChangedLines ChangedLines::parse(llvm::StringRef Diff, llvm::ArrayRef<std::string> Untracked,
                                 llvm::StringRef WorkTree) {
  ChangedLines Changes;
  std::vector<std::pair<unsigned, unsigned>> *Current = nullptr;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (Line.consume_front("--- ")) {
      // A deleted file has no `+++ b/` side: it is touched all the same.
      if (Line.consume_front("a/"))
        Changes.Files[below(WorkTree, Line)];
      Current = nullptr;
    } else if (Line.consume_front("+++ ")) {
      Current = Line.consume_front("b/") ? &Changes.Files[below(WorkTree, Line)] : nullptr;
    } else if (Current && Line.consume_front("@@ ")) {
      // @@ -l[,s] +l[,s] @@: the new side's lines.
      llvm::StringRef New = Line.split(' ').second.split(' ').first;
      if (!New.consume_front("+"))
        continue;
      auto [StartText, CountText] = New.split(',');
      unsigned Start = 0;
      unsigned Count = 1;
      if (StartText.getAsInteger(10, Start) ||
          (!CountText.empty() && CountText.getAsInteger(10, Count)))
        continue;
      if (Count)
        Current->emplace_back(Start, Start + Count - 1);
    }
  }
  for (const std::string &File : Untracked)
    Changes.Files[below(WorkTree, File)] = {{1, std::numeric_limits<unsigned>::max()}};
  return Changes;
}

bool ChangedLines::changed(llvm::StringRef File, unsigned Line) const {
  auto It = Files.find(File);
  return It != Files.end() && llvm::any_of(It->second, [&](const auto &Range) {
           return Range.first <= Line && Line <= Range.second;
         });
}

} // namespace asynclint
