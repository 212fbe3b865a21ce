//===--- SourceText.h - file contents for positions and carets --*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_SOURCETEXT_H
#define ASYNCLINT_TOOL_SOURCETEXT_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
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
  std::pair<unsigned, unsigned> lineAndColumn(const std::string &File, unsigned Offset);
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

/// The 1-based column, in UTF-16 code units (SARIF's default column kind,
/// what GitHub and editors count), of the 1-based byte column \p ByteColumn
/// of \p Line.
unsigned utf16Column(llvm::StringRef Line, unsigned ByteColumn);

/// The 1-based column at which the byte column \p ByteColumn of \p Line is
/// shown on a terminal: a multibyte character takes the cells it is drawn
/// in (one, two for East Asian wide ones), as clang places its carets.
unsigned displayColumn(llvm::StringRef Line, unsigned ByteColumn);

/// \p Text as a terminal or a log may show it: valid UTF-8, with U+FFFD for
/// each byte that is not and for each control character but the tab, so
/// that neither a Latin-1 line nor a binary file's escape sequences reach
/// the reader. Every replaced byte or character takes one cell, as in
/// displayColumn.
std::string printable(llvm::StringRef Text);

/// The byte length of the token that starts at byte column \p ByteColumn of
/// \p Line: an identifier or number, else one character. For locations that
/// come without a range.
unsigned tokenLength(llvm::StringRef Line, unsigned ByteColumn);

} // namespace asynclint

#endif
