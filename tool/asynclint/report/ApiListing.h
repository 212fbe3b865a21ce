//===--- ApiListing.h - asynclint --list-apis -------------------*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_APILISTING_H
#define ASYNCLINT_TOOL_APILISTING_H

#include "catalog/Catalog.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {

/// The roles an entry of the catalogue can play, as --role spells them.
llvm::ArrayRef<llvm::StringRef> apiRoles();

/// Prints the entries of \p Cat, one per line under its framework, keeping
/// only the frameworks and roles named in the comma-separated lists (all when
/// a list is empty). An unknown name is an error that lists the known ones.
llvm::Error listApis(const Catalog &Cat, llvm::StringRef Frameworks, llvm::StringRef Roles,
                     llvm::raw_ostream &OS);

} // namespace asynclint

#endif
