//===--- BlockingApiIndex.h - which catalogued API a call is ----*- C++ -*-===//
//
// async-blocking-call's view of the catalogue after its options: the
// catalogued blocking APIs minus the ignored ones plus the project's own,
// indexed by how a call names them.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_BLOCKINGAPIINDEX_H
#define ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_BLOCKINGAPIINDEX_H

#include "catalog/Catalog.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace asynclint {

/// The options that change which APIs count as blocking, as configured.
struct BlockingApiOptions {
  std::string BlockingFunctions; ///< "ns::f=category;..."
  std::string IgnoredFunctions;  ///< "ns::f;Class::method;..."
  std::string IgnoredCategories; ///< "sleep;file-io;..."
  std::string NonBlockingTypes;  ///< "app::memory_stream;..."
};

class BlockingApiIndex {
public:
  /// \p Problem receives each option value that names no category, worded
  /// for the check \p CheckName. The index refers into \p Cat, which must
  /// outlive it.
  BlockingApiIndex(const Catalog &Cat, const BlockingApiOptions &Options, llvm::StringRef CheckName,
                   llvm::function_ref<void(const std::string &)> Problem);

  /// The API that \p E, a call, operator call or construction, uses.
  const BlockingApi *lookup(const clang::Expr &E, clang::ASTContext &Ctx) const;

  /// Unqualified names for a cheap matcher preselection.
  std::vector<llvm::StringRef> functionNames() const;
  std::vector<llvm::StringRef> methodNames() const;
  std::vector<llvm::StringRef> classNames() const;
  std::vector<llvm::StringRef> operatorSpellings() const;
  /// The classes that signature entries return, for the same preselection.
  std::vector<llvm::StringRef> returnedClassNames() const;

  /// Whether \p Api was added by the project's own options.
  static bool isUserApi(const BlockingApi &Api);

private:
  using ApiList = std::vector<const BlockingApi *>;

  void select(const Catalog &Cat, const BlockingApiOptions &Options, llvm::StringRef CheckName,
              llvm::function_ref<void(const std::string &)> Problem);
  void index();
  const BlockingApi *lookupFunction(const clang::CallExpr &Call, clang::ASTContext &Ctx) const;
  const BlockingApi *lookupMethod(const clang::CXXMemberCallExpr &Call,
                                  clang::ASTContext &Ctx) const;
  const BlockingApi *lookupOperator(const clang::CXXOperatorCallExpr &Call,
                                    clang::ASTContext &Ctx) const;
  const BlockingApi *lookupConstructor(const clang::CXXConstructExpr &Construct,
                                       clang::ASTContext &Ctx) const;
  bool isNonBlockingType(const clang::CXXRecordDecl *Record) const;

  std::vector<const BlockingApi *> Apis; ///< into the catalogue, or UserApis
  std::vector<BlockingApi> UserApis;
  llvm::StringMap<ApiList> Functions;
  llvm::StringMap<llvm::StringMap<ApiList>> Methods;
  llvm::StringMap<ApiList> Constructors;
  llvm::StringMap<ApiList> Operators;
  ApiList Signatures;
  llvm::StringSet<> NonBlocking;
};

} // namespace asynclint

#endif
