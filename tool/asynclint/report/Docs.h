//===--- Docs.h - rule documentation embedded in the binary -----*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_DOCS_H
#define ASYNCLINT_TOOL_DOCS_H

#include "checks/Rules.h"
#include "checks/catalog/Catalog.h"

namespace asynclint {

/// docs/checks/*.md, as built.
llvm::ArrayRef<EmbeddedFile> embeddedDocFiles();

/// The markdown page of \p Rule; empty when it has none.
llvm::StringRef ruleDocumentation(const RuleInfo &Rule);

/// Where the page of \p Rule is published.
std::string ruleHelpUri(const RuleInfo &Rule);

/// The project's home page.
llvm::StringRef homepage();

} // namespace asynclint

#endif
