#include "SourceText.h"

#include <algorithm>

namespace asynclint {

SourceTexts::Text *SourceTexts::get(const std::string &File) {
  auto It = Cache.find(File);
  if (It != Cache.end())
    return It->second.get();
  auto &Slot = Cache[File];
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return nullptr;
  Slot = std::make_unique<Text>();
  Slot->Buffer = std::move(*Buffer);
  llvm::StringRef Data = Slot->Buffer->getBuffer();
  Slot->LineStarts.push_back(0);
  for (size_t I = 0; I < Data.size(); ++I)
    if (Data[I] == '\n')
      Slot->LineStarts.push_back(I + 1);
  return Slot.get();
}

std::pair<unsigned, unsigned> SourceTexts::lineAndColumn(const std::string &File,
                                                         unsigned Offset) {
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

} // namespace asynclint
