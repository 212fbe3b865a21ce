"""An aspect that runs the standalone asynclint on the C++ sources of the
targets it visits, with each target's own compile flags, and collects one
SARIF report per target.

    bazel build //... \\
        --aspects=@asynclint//bazel:asynclint.bzl%asynclint_aspect \\
        --output_groups=asynclint_report
    asynclint merge $(find bazel-bin -name '*.asynclint.sarif') -o asynclint.sarif

Only C++ sources are analysed (`.cc`, `.cpp`, `.cxx`, `.c++`, `.C`): a C
source has no coroutine. The compile flags lose the GCC-only options that the
clang driver under asynclint rejects, and those about outputs (bazel/flags.bzl).

A unit that cannot be analysed (exit status 3) or a usage error (2) fails the
target's action; findings do not (`--exit-zero`): they are in the reports,
which `asynclint merge` makes into one run for code scanning, and whose exit
status (1 when there are findings) can gate the pipeline.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")
load(":flags.bzl", "asynclint_arguments", "is_cxx_source")

def _sources(ctx):
    """The target's own C++ sources: headers are analysed through them."""
    sources = []
    for target in getattr(ctx.rule.attr, "srcs", []):
        for f in target.files.to_list():
            if f.is_source and is_cxx_source(f.path):
                sources.append(f)
    return sources

def _toolchain_flags(ctx, cc_toolchain):
    """The C++ compile flags the toolchain and the target give, as the
    compile action would have them."""
    features = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    user_flags = ctx.fragments.cpp.copts + ctx.fragments.cpp.cxxopts
    user_flags += [ctx.expand_make_variables("copts", flag, {}) for flag in getattr(ctx.rule.attr, "copts", [])]
    variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = cc_toolchain,
        user_compile_flags = user_flags,
    )
    return cc_common.get_memory_inefficient_command_line(
        feature_configuration = features,
        action_name = ACTION_NAMES.cpp_compile,
        variables = variables,
    )

def _context_flags(compilation_context):
    """Defines and include paths of the target and its dependencies."""
    flags = ["-D" + d for d in compilation_context.defines.to_list()]
    flags += ["-D" + d for d in compilation_context.local_defines.to_list()]
    flags += ["-I" + i for i in compilation_context.includes.to_list()]
    flags += ["-iquote" + i for i in compilation_context.quote_includes.to_list()]
    flags += ["-isystem" + i for i in compilation_context.system_includes.to_list()]
    flags += ["-isystem" + i for i in compilation_context.external_includes.to_list()]
    flags += ["-F" + i for i in compilation_context.framework_includes.to_list()]
    return flags

def _asynclint_aspect_impl(target, ctx):
    if CcInfo not in target:
        return []
    sources = _sources(ctx)
    if not sources:
        return []
    cc_toolchain = find_cpp_toolchain(ctx)
    compilation_context = target[CcInfo].compilation_context
    report = ctx.actions.declare_file(ctx.label.name + ".asynclint.sarif")

    config = ctx.attr._config.files.to_list()
    args = ctx.actions.args()
    args.add_all(asynclint_arguments(
        report = report.path,
        sources = [f.path for f in sources],
        flags = _toolchain_flags(ctx, cc_toolchain) + _context_flags(compilation_context),
        config = config[0].path if config else None,
    ))

    ctx.actions.run(
        executable = ctx.executable._asynclint,
        arguments = [args],
        inputs = depset(
            sources + config,
            transitive = [compilation_context.headers, cc_toolchain.all_files],
        ),
        outputs = [report],
        mnemonic = "Asynclint",
        progress_message = "asynclint %{label}",
    )
    return [OutputGroupInfo(asynclint_report = depset([report]))]

asynclint_aspect = aspect(
    implementation = _asynclint_aspect_impl,
    fragments = ["cpp"],
    attrs = {
        "_cc_toolchain": attr.label(default = Label("@bazel_tools//tools/cpp:current_cc_toolchain")),
        "_asynclint": attr.label(
            default = Label("//bazel:asynclint"),
            executable = True,
            cfg = "exec",
        ),
        "_config": attr.label(default = Label("//bazel:config")),
    },
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
)
