//===--- CompileDatabase.h - where compile commands come from ----*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_COMPILEDATABASE_H
#define ASYNCLINT_TOOL_COMPILEDATABASE_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace asynclint {

/// Tooling's loaders (compile_commands.json, compile_flags.txt) for \p Dir:
/// the database, none when \p Dir has neither file, an error that names the
/// file when one is there but does not load or lists nothing.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadCompilationDatabaseIn(llvm::StringRef Dir);

/// The sources of \p DB worth analysing, absolute, sorted and unique:
/// assembly files share databases with C++ ones but hold nothing to analyse.
std::vector<std::string> analysableSources(const clang::tooling::CompilationDatabase &DB);

} // namespace asynclint

#endif
