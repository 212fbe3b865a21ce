#include "models/blocking-call/BlockingApiIndex.h"
#include "core/ApiConditions.h"
#include "core/Names.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace asynclint {
namespace {

constexpr llvm::StringLiteral DefaultUserCategory = "wait";
constexpr llvm::StringLiteral UserFramework = "user";

/// Adds \p Name to \p Out once; \p Name stays owned by the index.
void addOnce(std::vector<StringRef> &Out, StringRef Name) {
  if (!llvm::is_contained(Out, Name))
    Out.push_back(Name);
}

} // namespace

BlockingApiIndex::BlockingApiIndex(const Catalog &Cat, const BlockingApiOptions &Options,
                                   StringRef CheckName,
                                   llvm::function_ref<void(const std::string &)> Problem) {
  select(Cat, Options, CheckName, Problem);
  index();
}

bool BlockingApiIndex::isUserApi(const BlockingApi &Api) { return Api.Framework == UserFramework; }

std::vector<StringRef> BlockingApiIndex::functionNames() const {
  std::vector<StringRef> Names;
  for (const auto &Entry : Functions)
    addOnce(Names, unqualifiedName(Entry.getKey()));
  return Names;
}

std::vector<StringRef> BlockingApiIndex::methodNames() const {
  std::vector<StringRef> Names;
  for (const auto &Class : Methods)
    for (const auto &Member : Class.getValue())
      addOnce(Names, Member.getKey());
  return Names;
}

std::vector<StringRef> BlockingApiIndex::classNames() const {
  std::vector<StringRef> Names;
  for (const auto &Entry : Constructors)
    addOnce(Names, unqualifiedName(Entry.getKey()));
  return Names;
}

std::vector<StringRef> BlockingApiIndex::operatorSpellings() const {
  std::vector<StringRef> Spellings;
  for (const auto &Entry : Operators)
    Spellings.push_back(Entry.getKey());
  return Spellings;
}

std::vector<StringRef> BlockingApiIndex::returnedClassNames() const {
  std::vector<StringRef> Names;
  for (const BlockingApi *Api : Signatures)
    addOnce(Names, Api->Returns);
  return Names;
}

void BlockingApiIndex::select(const Catalog &Cat, const BlockingApiOptions &Options,
                              StringRef CheckName,
                              llvm::function_ref<void(const std::string &)> Problem) {
  llvm::StringSet<> IgnoredCats;
  for (StringRef Id : tidy::utils::options::parseStringList(Options.IgnoredCategories)) {
    if (!Cat.category(Id))
      Problem(("invalid value '" + Id + "' in option '" + CheckName +
               ".IgnoredCategories': unknown category")
                  .str());
    IgnoredCats.insert(Id);
  }
  llvm::StringSet<> IgnoredNames;
  insertNames(IgnoredNames, Options.IgnoredFunctions);

  for (const BlockingApi &Api : Cat.blockingApis()) {
    if (IgnoredCats.contains(Api.Category))
      continue;
    if (!IgnoredNames.empty() &&
        (IgnoredNames.contains(Api.displayName()) ||
         IgnoredNames.contains(Api.Kind == ApiKind::Method ? Api.Name + "::" + Api.Member
                                                           : Api.Name)))
      continue;
    Apis.push_back(&Api);
  }

  for (StringRef Item : tidy::utils::options::parseStringList(Options.BlockingFunctions)) {
    auto [Qualified, Category] = Item.split('=');
    Qualified = Qualified.trim().ltrim(':');
    Category = Category.trim();
    if (Category.empty())
      Category = DefaultUserCategory;
    if (!Cat.category(Category)) {
      Problem(("invalid value '" + Item + "' in option '" + CheckName +
               ".BlockingFunctions': unknown category '" + Category + "'")
                  .str());
      continue;
    }
    if (IgnoredCats.contains(Category))
      continue;
    BlockingApi Api;
    Api.Framework = UserFramework.str();
    Api.Category = Category.str();
    Api.Kind = ApiKind::Function;
    Api.Name = Qualified.str();
    UserApis.push_back(Api);
    // "ns::Class::method" may name a member function just as well.
    auto [Owner, Member] = Qualified.rsplit("::");
    if (!Member.empty() && !Owner.empty()) {
      Api.Kind = ApiKind::Method;
      Api.Name = Owner.str();
      Api.Member = Member.str();
      UserApis.push_back(Api);
    }
  }
  // Taken once UserApis no longer grows.
  for (const BlockingApi &Api : UserApis)
    Apis.push_back(&Api);

  insertNames(NonBlocking, Options.NonBlockingTypes);
}

void BlockingApiIndex::index() {
  // Entries with conditions are more specific: consult them first.
  std::vector<const BlockingApi *> Ordered;
  for (bool Conditional : {true, false})
    for (const BlockingApi *Api : Apis)
      if (Api->Argument.has_value() == Conditional)
        Ordered.push_back(Api);
  for (const BlockingApi *Entry : Ordered) {
    const BlockingApi &Api = *Entry;
    switch (Api.Kind) {
    case ApiKind::Function:
      Functions[Api.Name].push_back(&Api);
      break;
    case ApiKind::Method:
      Methods[Api.Name][Api.Member].push_back(&Api);
      break;
    case ApiKind::Constructor:
      Constructors[Api.Name].push_back(&Api);
      break;
    case ApiKind::Operator:
      Operators[Api.Member].push_back(&Api);
      break;
    case ApiKind::Signature:
      Signatures.push_back(&Api);
      break;
    }
  }
}

bool BlockingApiIndex::isNonBlockingType(const CXXRecordDecl *Record) const {
  return isOrDerivesFromAny(Record, NonBlocking);
}

const BlockingApi *BlockingApiIndex::lookupFunction(const CallExpr &Call, ASTContext &Ctx) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return nullptr;
  auto It = Functions.find(qualifiedName(*Callee));
  if (It == Functions.end())
    return nullptr;
  // A project's own global `read` or `send` is not the C library's: the
  // catalogued C APIs are declared extern "C" or in system headers.
  bool IsCLibraryDecl =
      Callee->isExternC() || Ctx.getSourceManager().isInSystemHeader(Callee->getLocation());
  for (const Expr *Arg : Call.arguments())
    if (isNonBlockingType(recordOf(Arg->IgnoreParenImpCasts()->getType(), true)))
      return nullptr;
  for (const BlockingApi *Api : It->second) {
    bool GlobalBuiltin =
        Api->Framework != UserFramework && !llvm::StringRef(Api->Name).contains("::");
    if (GlobalBuiltin && !IsCLibraryDecl)
      continue;
    if (argumentsMatch(*Api, Callee, Call.getArgs(), Call.getNumArgs(), Ctx))
      return Api;
  }
  return nullptr;
}

const BlockingApi *BlockingApiIndex::lookupMethod(const CXXMemberCallExpr &Call,
                                                  ASTContext &Ctx) const {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const Expr *Receiver = Call.getImplicitObjectArgument();
  if (!Method || !Receiver || !Method->getDeclName().isIdentifier())
    return nullptr;
  // Through derived-to-base casts: the object's own type decides.
  const CXXRecordDecl *Record = recordOf(Receiver->IgnoreParenImpCasts()->getType(), true);
  if (!Record || isNonBlockingType(Record))
    return nullptr;
  std::string ReceiverVar = referencedVariable(Receiver);
  for (const std::string &ClassName : recordAndBaseNames(*Record)) {
    auto Class = Methods.find(ClassName);
    if (Class == Methods.end())
      continue;
    auto Member = Class->second.find(Method->getName());
    if (Member == Class->second.end())
      continue;
    for (const BlockingApi *Api : Member->second) {
      if (!Api->Object.empty() && Api->Object != ReceiverVar)
        continue;
      if (argumentsMatch(*Api, Method, Call.getArgs(), Call.getNumArgs(), Ctx))
        return Api;
    }
  }
  // A generated stub's methods have names of the project's choosing; their
  // parameter and result types are the RPC library's.
  for (const BlockingApi *Api : Signatures)
    if (argumentsMatch(*Api, Method, Call.getArgs(), Call.getNumArgs(), Ctx))
      return Api;
  return nullptr;
}

const BlockingApi *BlockingApiIndex::lookupOperator(const CXXOperatorCallExpr &Call,
                                                    ASTContext &Ctx) const {
  auto It = Operators.find(getOperatorSpelling(Call.getOperator()));
  if (It == Operators.end() || Call.getNumArgs() == 0)
    return nullptr;
  const Expr *First = Call.getArg(0);
  const CXXRecordDecl *Record = recordOf(First->IgnoreParenImpCasts()->getType(), true);
  if (isNonBlockingType(Record))
    return nullptr;
  std::string FirstVar = referencedVariable(First);
  llvm::SmallVector<std::string, 4> Names;
  if (Record)
    Names = recordAndBaseNames(*Record);
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
  for (const BlockingApi *Api : It->second) {
    bool Matches =
        Api->Object.empty() ? llvm::is_contained(Names, Api->Name) : Api->Object == FirstVar;
    if (Matches && argumentsMatch(*Api, Callee, Call.getArgs(), Call.getNumArgs(), Ctx))
      return Api;
  }
  return nullptr;
}

const BlockingApi *BlockingApiIndex::lookupConstructor(const CXXConstructExpr &Construct,
                                                       ASTContext &Ctx) const {
  const CXXConstructorDecl *Ctor = Construct.getConstructor();
  if (!Ctor || Ctor->isCopyOrMoveConstructor())
    return nullptr;
  const CXXRecordDecl *Record = Ctor->getParent();
  if (isNonBlockingType(Record))
    return nullptr;
  auto It = Constructors.find(qualifiedName(*Record));
  if (It == Constructors.end())
    return nullptr;
  for (const BlockingApi *Api : It->second)
    if (argumentsMatch(*Api, Ctor, Construct.getArgs(), Construct.getNumArgs(), Ctx))
      return Api;
  return nullptr;
}

const BlockingApi *BlockingApiIndex::lookup(const Expr &E, ASTContext &Ctx) const {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&E))
    return lookupMethod(*Member, Ctx);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&E))
    return lookupOperator(*Op, Ctx);
  if (const auto *Call = dyn_cast<CallExpr>(&E))
    return lookupFunction(*Call, Ctx);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&E))
    return lookupConstructor(*Construct, Ctx);
  return nullptr;
}

} // namespace asynclint
