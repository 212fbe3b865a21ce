//===--- Names.h - names of declarations as catalogues spell them -*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_CORE_NAMES_H
#define ASYNCLINT_CHECKS_CORE_NAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <string>

namespace asynclint {

/// "std::future" for std::__1::future<int>: namespaces and classes, without
/// inline namespaces, anonymous namespaces or template arguments.
std::string qualifiedName(const clang::NamedDecl &D);

/// "sleep_for" for "std::this_thread::sleep_for"; a name without scope as is.
llvm::StringRef unqualifiedName(llvm::StringRef QualifiedName);

/// The qualified names of \p Record and of all its bases, most derived first.
llvm::SmallVector<std::string, 4> recordAndBaseNames(const clang::CXXRecordDecl &Record);

/// Whether \p Record (null-safe) or one of its bases is named in \p Names.
bool isOrDerivesFromAny(const clang::CXXRecordDecl *Record, const llvm::StringSet<> &Names);

/// The variable or member an expression names (`lock`, `m_`, `this->m_`),
/// through parentheses and implicit casts; null for anything else.
const clang::ValueDecl *namedObject(const clang::Expr *E);

/// The class behind \p T, looking through references and, when
/// \p ThroughPointers, one level of pointer.
const clang::CXXRecordDecl *recordOf(clang::QualType T, bool ThroughPointers);

/// The source text of \p Range, its last token included, as written.
std::string writtenText(clang::SourceRange Range, const clang::ASTContext &Ctx);

/// Adds the names of a list option ("a; b;c") to \p Into; a leading "::"
/// is ignored, so that "::sleep" and "sleep" name the same thing.
void insertNames(llvm::StringSet<> &Into, llvm::StringRef Value);

} // namespace asynclint

#endif
