#include "core/Names.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace asynclint {

std::string qualifiedName(const NamedDecl &D) {
  llvm::SmallVector<llvm::StringRef, 6> Parts;
  std::string OperatorName; // "operator&&" has no identifier of its own
  if (const IdentifierInfo *Id = D.getIdentifier()) {
    Parts.push_back(Id->getName());
  } else if (D.getDeclName().getNameKind() == DeclarationName::CXXOperatorName) {
    OperatorName = D.getNameAsString();
    Parts.push_back(OperatorName);
  } else {
    return D.getNameAsString();
  }
  for (const DeclContext *DC = D.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (!RD->getIdentifier())
        continue;
      Parts.push_back(RD->getName());
    } else if (const auto *ED = dyn_cast<EnumDecl>(DC)) {
      // Enumerators of unscoped enums live in the enclosing scope.
      if (ED->isScoped())
        Parts.push_back(ED->getName());
    } else if (isa<LinkageSpecDecl>(DC) || isa<ExportDecl>(DC)) {
      continue;
    } else if (!isa<TranslationUnitDecl>(DC)) {
      // A declaration local to a function is never a catalogued API.
      return "";
    }
  }
  std::string Out;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Out.empty())
      Out += "::";
    Out += *It;
  }
  return Out;
}

llvm::StringRef unqualifiedName(llvm::StringRef QualifiedName) {
  size_t Sep = QualifiedName.rfind("::");
  return Sep == llvm::StringRef::npos ? QualifiedName : QualifiedName.drop_front(Sep + 2);
}

static void collectBases(const CXXRecordDecl &Record, llvm::SmallVectorImpl<std::string> &Names,
                         unsigned Depth) {
  if (Depth > 16)
    return;
  Names.push_back(qualifiedName(Record));
  const CXXRecordDecl *Def = Record.getDefinition();
  if (!Def)
    return;
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl())
      collectBases(*B, Names, Depth + 1);
}

llvm::SmallVector<std::string, 4> recordAndBaseNames(const CXXRecordDecl &Record) {
  llvm::SmallVector<std::string, 4> Names;
  collectBases(Record, Names, 0);
  return Names;
}

bool isOrDerivesFromAny(const CXXRecordDecl *Record, const llvm::StringSet<> &Names) {
  if (!Record || Names.empty())
    return false;
  return llvm::any_of(recordAndBaseNames(*Record),
                      [&](const std::string &Name) { return Names.contains(Name); });
}

const CXXRecordDecl *recordOf(QualType T, bool ThroughPointers) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (ThroughPointers && T->isPointerType())
    T = T->getPointeeType();
  return T->getAsCXXRecordDecl();
}

void insertNames(llvm::StringSet<> &Into, llvm::StringRef Value) {
  for (llvm::StringRef Name : clang::tidy::utils::options::parseStringList(Value))
    Into.insert(Name.ltrim(':'));
}

const clang::ValueDecl *namedObject(const clang::Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = llvm::dyn_cast<clang::MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

std::string writtenText(SourceRange Range, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range), Ctx.getSourceManager(),
                              Ctx.getLangOpts())
      .str();
}

} // namespace asynclint
