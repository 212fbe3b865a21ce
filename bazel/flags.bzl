"""The command line of the asynclint action, from the target's sources and
the flags its compile action would have.

Plain functions on lists and strings: no load(), no Bazel builtins, so that
the file is also valid Python and the tests call these functions directly.
"""

# C++ sources, by extension (as Bazel's File.extension gives it). A C source
# (`.c`) is left out: it cannot hold a coroutine, and it does not compile
# with the target's C++ flags.
CXX_SOURCE_EXTENSIONS = ["cc", "cpp", "cxx", "c++", "C"]

# GCC options that the clang driver under asynclint rejects as unknown, which
# fails the whole run with exit status 2. Bazel's toolchain for GCC gives the
# first one; the others come from copts written for GCC.
GCC_ONLY_FLAGS = [
    "-fno-canonical-system-headers",
    "-fcompare-debug-second",
    "-fconcepts",
    "-fconserve-stack",
    "-fext-numeric-literals",
    "-fipa-pta",
    "-fno-ext-numeric-literals",
    "-fno-extern-tls-init",
    "-fno-gnu-unique",
    "-fno-guess-branch-probability",
    "-fno-keep-inline-dllexport",
    "-fno-lifetime-dse",
    "-fno-printf-return-value",
    "-fno-reorder-blocks-and-partition",
    "-fno-var-tracking-assignments",
    "-fnothrow-opt",
    "-fstrong-eval-order",
    "-pass-exit-codes",
]

GCC_ONLY_PREFIXES = (
    "-fabi-version=",
    "-fconcepts-diagnostics-depth=",
    "-fdiagnostics-urls=",
    "-fdump-ipa-",
    "-fdump-rtl-",
    "-fdump-tree-",
    "-flto-partition=",
    "-fvtable-verify=",
)

# Options about what the compiler writes (the object, the dependency file,
# the stack usage file, the seed of its symbol names) or what it is asked to
# do instead of compiling: none concerns an analysis. `-M` and `-MM` would
# make the driver print dependencies and run no compile job at all.
_OUTPUT_FLAGS = ["-c", "-M", "-MM", "-MD", "-MMD", "-MG", "-MP", "-fstack-usage"]

# The same, followed by a value in the next argument.
_OUTPUT_FLAGS_WITH_VALUE = ["-o", "-MF", "-MT", "-MQ"]

# The same, with the value joined.
_OUTPUT_PREFIXES = ("-MF", "-MT", "-MQ", "-frandom-seed=")

def is_cxx_source(path):
    """Whether asynclint analyses the source at `path`."""
    name = path.rpartition("/")[2]
    if "." not in name:
        return False
    return name.rpartition(".")[2] in CXX_SOURCE_EXTENSIONS

def analysis_flags(flags, sources = []):
    """`flags`, a compile command line without the compiler, less the GCC-only
    options, the options about outputs, and the sources themselves."""
    kept = []
    skip_value = False
    for flag in flags:
        if skip_value:
            skip_value = False
            continue
        if flag in _OUTPUT_FLAGS_WITH_VALUE:
            skip_value = True
            continue
        if flag in GCC_ONLY_FLAGS or flag in _OUTPUT_FLAGS or flag in sources:
            continue
        if flag.startswith(GCC_ONLY_PREFIXES) or flag.startswith(_OUTPUT_PREFIXES):
            continue
        kept.append(flag)
    return kept

def asynclint_arguments(report, sources, flags, config = None):
    """The arguments of the asynclint action: the paths of its SARIF report,
    of the C++ sources and of the configuration file (or None), and the
    compile flags, which are filtered with analysis_flags()."""

    # Inside the sandbox: neither a cache nor facts across targets outlive
    # the action.
    arguments = ["--no-cache", "--no-facts", "--quiet", "--exit-zero", "--format=sarif"]
    arguments += ["--output", report]
    if config:
        arguments += ["--config-file", config]
    return arguments + sources + ["--"] + analysis_flags(flags, sources)
