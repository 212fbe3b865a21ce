#include "report/Docs.h"

#include "llvm/Support/Path.h"

namespace asynclint {

llvm::StringRef ruleDocumentation(const RuleInfo &Rule) {
  llvm::StringRef Name = llvm::sys::path::filename(Rule.DocPath);
  for (const EmbeddedFile &File : embeddedDocFiles())
    if (Name == File.Name)
      return File.Contents;
  return "";
}

llvm::StringRef homepage() { return ASYNCLINT_HOMEPAGE; }

std::string ruleHelpUri(const RuleInfo &Rule) {
  return (homepage() + "/blob/main/" + Rule.DocPath).str();
}

} // namespace asynclint
