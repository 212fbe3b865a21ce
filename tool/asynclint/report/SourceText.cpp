#include "report/SourceText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Unicode.h"

#include "support/RegularFiles.h"
#include <algorithm>

namespace asynclint {

SourceTexts::Text *SourceTexts::get(const std::string &File) {
  auto It = Cache.find(File);
  if (It != Cache.end())
    return It->second.get();
  auto &Slot = Cache[File];
  auto Buffer = readRegularFile("source", File, MaxDataBytes);
  if (!Buffer) {
    llvm::consumeError(Buffer.takeError());
    return nullptr;
  }
  Slot = std::make_unique<Text>();
  Slot->Buffer = std::move(*Buffer);
  llvm::StringRef Data = Slot->Buffer->getBuffer();
  Slot->LineStarts.push_back(0);
  for (size_t I = 0; I < Data.size(); ++I)
    if (Data[I] == '\n')
      Slot->LineStarts.push_back(I + 1);
  return Slot.get();
}

std::pair<unsigned, unsigned> SourceTexts::lineAndColumn(const std::string &File, unsigned Offset) {
  Text *T = get(File);
  if (!T)
    return {0, 0};
  auto It = std::upper_bound(T->LineStarts.begin(), T->LineStarts.end(), Offset);
  unsigned Line = It - T->LineStarts.begin();
  return {Line, Offset - T->LineStarts[Line - 1] + 1};
}

std::string SourceTexts::line(const std::string &File, unsigned Line) {
  Text *T = get(File);
  if (!T || Line == 0 || Line > T->LineStarts.size())
    return "";
  llvm::StringRef Data = T->Buffer->getBuffer();
  size_t Begin = T->LineStarts[Line - 1];
  size_t End = Line < T->LineStarts.size() ? T->LineStarts[Line] : Data.size();
  return Data.slice(Begin, End).rtrim("\r\n").str();
}

namespace {

/// Calls \p Visit(CodePoint, Bytes) for each character of \p Text (Bytes:
/// its UTF-8 encoding); a byte
/// that does not start valid UTF-8 counts as one character of its own.
template <typename F> void forEachCharacter(llvm::StringRef Text, F &&Visit) {
  const auto *It = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
  while (It < End) {
    unsigned Bytes = llvm::getNumBytesForUTF8(*It);
    llvm::UTF32 CodePoint = *It;
    const llvm::UTF8 *Next = It;
    if (Bytes > 1 && It + Bytes <= End &&
        llvm::convertUTF8Sequence(&Next, End, &CodePoint, llvm::strictConversion) ==
            llvm::conversionOK) {
      Visit(CodePoint, llvm::StringRef(reinterpret_cast<const char *>(It), Bytes));
      It = Next;
      continue;
    }
    Visit(static_cast<llvm::UTF32>(*It), llvm::StringRef(reinterpret_cast<const char *>(It), 1));
    ++It;
  }
}

llvm::StringRef prefix(llvm::StringRef Line, unsigned ByteColumn) {
  return Line.take_front(ByteColumn > 0 ? ByteColumn - 1 : 0);
}

} // namespace

unsigned utf16Column(llvm::StringRef Line, unsigned ByteColumn) {
  unsigned Units = 0;
  forEachCharacter(prefix(Line, ByteColumn),
                   [&](llvm::UTF32 C, llvm::StringRef) { Units += C >= 0x10000 ? 2 : 1; });
  // Past the end of the line (a range that ends at the newline).
  unsigned Beyond = ByteColumn > Line.size() + 1 ? ByteColumn - Line.size() - 1 : 0;
  return Units + Beyond + 1;
}

unsigned displayColumn(llvm::StringRef Line, unsigned ByteColumn) {
  unsigned Cells = 0;
  forEachCharacter(prefix(Line, ByteColumn), [&](llvm::UTF32 C, llvm::StringRef Bytes) {
    int Width = C < 0x80 ? 1 : llvm::sys::unicode::columnWidthUTF8(Bytes);
    Cells += Width < 0 ? 1 : static_cast<unsigned>(Width);
  });
  unsigned Beyond = ByteColumn > Line.size() + 1 ? ByteColumn - Line.size() - 1 : 0;
  return Cells + Beyond + 1;
}

std::string printable(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  forEachCharacter(Text, [&](llvm::UTF32 C, llvm::StringRef Bytes) {
    bool Invalid = Bytes.size() == 1 && C >= 0x80;
    bool Control = (C < 0x20 && C != '\t') || (C >= 0x7F && C < 0xA0);
    if (Invalid || Control)
      Out += "\xEF\xBF\xBD";
    else
      Out += Bytes;
  });
  return Out;
}

unsigned tokenLength(llvm::StringRef Line, unsigned ByteColumn) {
  llvm::StringRef Rest = Line.drop_front(ByteColumn > 0 ? ByteColumn - 1 : 0);
  if (Rest.empty())
    return 0;
  size_t Word = Rest.find_if_not([](char C) { return llvm::isAlnum(C) || C == '_'; });
  if (Word == llvm::StringRef::npos)
    Word = Rest.size();
  if (Word > 0)
    return static_cast<unsigned>(Word);
  return llvm::getNumBytesForUTF8(static_cast<llvm::UTF8>(Rest.front()));
}

} // namespace asynclint
