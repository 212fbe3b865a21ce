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

namespace asynclint {

class CatalogReader {
public:
  /// Adds the document in \p Text to \p Into. On error \p Into may hold
  /// part of the document: the caller reads into a copy.
  static llvm::Error read(Catalog &Into, llvm::StringRef Text, llvm::StringRef SourceName);

private:
  class Document;
};

} // namespace asynclint

#endif
