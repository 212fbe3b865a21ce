//===--- CatalogReader.h - one catalogue file into a catalogue --*- C++ -*-===//
//
// Parsed with llvm::json and checked against the catalogue's schema without
// exceptions (the checks run inside clang-tidy and clangd): the first problem
// is reported with the file, the line and the JSON pointer of the value.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CATALOG_CATALOGREADER_H
#define ASYNCLINT_CHECKS_CATALOG_CATALOGREADER_H

#include "Catalog.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

namespace asynclint {

class CatalogReader {
public:
  /// Adds the document in \p Text to \p Into. On error \p Into may hold
  /// part of the document: the caller reads into a copy.
  static llvm::Error read(Catalog &Into, llvm::StringRef Text, llvm::StringRef SourceName);

  /// The text of a catalogue file, read as the analysis reads sources: a
  /// device or a pipe named where a file belongs (by a .clang-tidy of the
  /// analysed project) would never end.
  static llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readFile(llvm::StringRef Path);

private:
  class Document;
};

} // namespace asynclint

#endif
