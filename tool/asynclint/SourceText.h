//===--- SourceText.h - file contents for positions and carets --*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_SOURCETEXT_H
#define ASYNCLINT_TOOL_SOURCETEXT_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace asynclint {

/// Reads each file once and answers line/column questions about it.
class SourceTexts {
public:
  /// 1-based line and byte column of \p Offset; {0, 0} if unreadable.
  std::pair<unsigned, unsigned> lineAndColumn(const std::string &File,
                                              unsigned Offset);
  /// The text of line \p Line (1-based) without its newline.
  std::string line(const std::string &File, unsigned Line);

private:
  struct Text {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<unsigned> LineStarts;
  };
  Text *get(const std::string &File);
  llvm::StringMap<std::unique_ptr<Text>> Cache;
};

} // namespace asynclint

#endif
