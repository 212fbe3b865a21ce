#include "JsonLocator.h"

#include "llvm/ADT/StringExtras.h"
#include <vector>

namespace asynclint {
namespace {

std::string escapePointerToken(llvm::StringRef Token) {
  std::string Out;
  for (char C : Token) {
    if (C == '~')
      Out += "~0";
    else if (C == '/')
      Out += "~1";
    else
      Out += C;
  }
  return Out;
}

/// The end of the string literal that starts at \p Begin (its opening
/// quote), and its contents with escapes left as written.
std::pair<size_t, llvm::StringRef> stringAt(llvm::StringRef Text, size_t Begin) {
  size_t I = Begin + 1;
  while (I < Text.size() && Text[I] != '"')
    I += Text[I] == '\\' ? 2 : 1;
  return {I + 1, Text.slice(Begin + 1, std::min(I, Text.size()))};
}

} // namespace

// The text has been parsed by llvm::json before; this pass only follows
// the nesting to record where each value starts. An object member is
// recorded at its key, an array element at its first character.
JsonLocator::JsonLocator(llvm::StringRef Text) {
  struct Frame {
    std::string Path;
    bool IsArray = false;
    size_t NextIndex = 0;
    bool ExpectKey = false;
    std::string Member;
  };
  std::vector<Frame> Frames;
  unsigned Line = 1;
  // The pointer of the value starting here, recorded for array elements.
  auto ValueStarts = [&]() -> std::string {
    if (Frames.empty()) {
      Lines.emplace("", Line);
      return "";
    }
    Frame &Top = Frames.back();
    if (!Top.IsArray)
      return Top.Member;
    std::string Pointer = Top.Path + "/" + std::to_string(Top.NextIndex++);
    Lines.emplace(Pointer, Line);
    return Pointer;
  };
  for (size_t I = 0; I < Text.size();) {
    char C = Text[I];
    if (C == '\n') {
      ++Line;
      ++I;
    } else if (C == '{' || C == '[') {
      std::string Pointer = ValueStarts();
      Frames.push_back({Pointer, C == '[', 0, C == '{', {}});
      ++I;
    } else if (C == '}' || C == ']') {
      if (!Frames.empty())
        Frames.pop_back();
      ++I;
    } else if (C == ',') {
      if (!Frames.empty() && !Frames.back().IsArray)
        Frames.back().ExpectKey = true;
      ++I;
    } else if (C == '"') {
      auto [End, Contents] = stringAt(Text, I);
      if (!Frames.empty() && Frames.back().ExpectKey) {
        Frame &Top = Frames.back();
        Top.ExpectKey = false;
        Top.Member = Top.Path + "/" + escapePointerToken(Contents);
        Lines.emplace(Top.Member, Line);
      } else {
        ValueStarts();
      }
      I = End;
    } else if (llvm::isAlnum(C) || C == '-') {
      // A number, true, false or null.
      ValueStarts();
      while (I < Text.size() &&
             (llvm::isAlnum(Text[I]) || llvm::StringRef("+-.").contains(Text[I])))
        ++I;
    } else {
      ++I;
    }
  }
}

unsigned JsonLocator::lineOf(llvm::StringRef Pointer) const {
  while (true) {
    auto It = Lines.find(Pointer);
    if (It != Lines.end())
      return It->second;
    size_t Slash = Pointer.rfind('/');
    if (Slash == llvm::StringRef::npos)
      return 0;
    Pointer = Pointer.take_front(Slash);
  }
}

std::pair<unsigned, unsigned> lineAndColumn(llvm::StringRef Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  llvm::StringRef Before = Text.take_front(Offset);
  unsigned Line = 1 + Before.count('\n');
  size_t LineStart = Before.rfind('\n');
  unsigned Column = LineStart == llvm::StringRef::npos ? Offset + 1 : Offset - LineStart;
  return {Line, Column};
}

} // namespace asynclint
