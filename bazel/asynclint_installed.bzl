"""A rule that stands for the asynclint on the PATH, so that an aspect can
name it as an executable."""

def _installed_asynclint_impl(ctx):
    launcher = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(
        output = launcher,
        content = "#!/bin/sh\nexec asynclint \"$@\"\n",
        is_executable = True,
    )
    return [DefaultInfo(executable = launcher)]

installed_asynclint = rule(
    implementation = _installed_asynclint_impl,
    executable = True,
)
