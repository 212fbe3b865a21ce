"""The container image of the Dockerfile, checked without building it: the
Debian packages of scripts/image-packages.txt exist, and with asynclint's
package and what they depend on they provide every header the analysis of a
coroutine source reads and every program the GitLab recipe of docs/ci.md
runs; the Dockerfile installs that list and the package, and the recipe and
the `docker run` examples fit the image's entry point."""
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

from harness import CLANGXX, SOURCE_DIR
from test_packaging import BLOCKING, BUILD_DIR, make_package, package_files, sh

PACKAGE_LIST = os.path.join(SOURCE_DIR, "scripts", "image-packages.txt")
DOCKERFILE = os.path.join(SOURCE_DIR, "Dockerfile")
CI_DOC = os.path.join(SOURCE_DIR, "docs", "ci.md")

# Headers of the standard libraries a project's units include, beyond those
# of the example.
SOURCE = BLOCKING + """#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
"""


def image_packages():
    with open(PACKAGE_LIST) as f:
        return [word for line in f for word in line.split("#")[0].split()]


def dockerfile_stages():
    """[[(INSTRUCTION, arguments)]], one list per FROM, continuations joined
    and comments dropped as Docker does."""
    stages, current = [], ""
    with open(DOCKERFILE) as f:
        for line in f.read().splitlines():
            if line.lstrip().startswith("#") or (not current and not line.strip()):
                continue
            if line.endswith("\\"):
                current += line[:-1] + " "
                continue
            keyword, _, arguments = (current + line).strip().partition(" ")
            current = ""
            if keyword.upper() == "FROM":
                stages.append([])
            stages[-1].append((keyword.upper(), " ".join(arguments.split())))
    return stages


def gitlab_image_job():
    """The GitLab job of docs/ci.md that runs in the image: its YAML."""
    with open(CI_DOC) as f:
        blocks = re.findall(r"```yaml\n(.*?)```", f.read(), re.S)
    jobs = [b for b in blocks if re.search(r"^\s+image:", b, re.M) and "script:" in b]
    if len(jobs) != 1:
        raise AssertionError(f"docs/ci.md has {len(jobs)} GitLab jobs with an image")
    return jobs[0]


def job_script(job):
    lines = job.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "script:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    script = []
    for line in lines[start + 1:]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        if line.strip().startswith("- "):
            script.append(line.strip()[2:])
    return script


def docker_runs():
    """(where, command run in the container) of each `docker run` example in
    the Dockerfile and docs/ci.md."""
    found = []
    for path in (DOCKERFILE, CI_DOC):
        with open(path) as f:
            for line in f:
                if "docker run " not in line:
                    continue
                words = shlex.split(line.split("docker run ", 1)[1])
                while words and words[0].startswith("-"):
                    option = words.pop(0)
                    if option in ("-v", "-w", "-e", "--volume", "--workdir", "--env"):
                        words.pop(0)
                found.append((os.path.relpath(path, SOURCE_DIR), words[1:]))
    return found


def first_alternatives(depends):
    """The package each clause of a Depends field names first."""
    return [clause.split("|")[0].split("(")[0].strip() for clause in depends.split(",")
            if clause.strip()]


def dependency_closure(roots):
    """\\p roots and everything apt installs with them without recommends: of
    a choice between packages the first, of a virtual package its first
    provider."""
    seen, todo = set(), set(roots)
    while todo:
        out = sh(["apt-cache", "depends", "--no-recommends", "--no-suggests",
                  "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances",
                  *sorted(todo)]).stdout
        seen |= todo
        todo = set()
        in_choice = provider_wanted = False
        for line in out.splitlines():
            dependency = re.match(r"  (\|?)(?:Pre)?Depends: (\S+)$", line)
            if not line.startswith(" "):
                in_choice = provider_wanted = False
            elif dependency:
                wanted = not in_choice
                in_choice = bool(dependency.group(1))
                name = dependency.group(2)
                provider_wanted = wanted and name.startswith("<")
                if wanted and not name.startswith("<"):
                    todo.add(name.split(":")[0])
            elif provider_wanted and line.startswith("    "):
                todo.add(line.strip().split(":")[0])
                provider_wanted = False
        todo -= seen
    return seen


def owners(paths):
    """{path: {package}} of the installed packages owning \\p paths."""
    proc = subprocess.run(["dpkg", "-S", *paths], capture_output=True, text=True, timeout=60)
    found = {path: set() for path in paths}
    for line in proc.stdout.splitlines():
        packages, _, path = line.partition(": ")
        if path in found:
            found[path] |= {p.strip().split(":")[0] for p in packages.split(",")}
    return found


@unittest.skipUnless(BUILD_DIR, "ASYNCLINT_BUILD_DIR is not set")
@unittest.skipUnless(shutil.which("apt-cache") and shutil.which("dpkg"), "not a Debian system")
class ImageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.packages = tempfile.mkdtemp(prefix="asynclint-image-")
        deb = make_package(cls.packages)
        cls.deb_files = package_files(deb)
        depends = sh(["dpkg-deb", "--field", deb, "Depends"]).stdout
        cls.closure = dependency_closure(image_packages() + first_alternatives(depends))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.packages, True)

    def assertFromImage(self, paths, what):
        """Each of \\p paths (resolved) belongs to a package of the image."""
        resolved = {path: os.path.realpath(path) for path in paths}
        found = owners(sorted(set(resolved.values())))
        missing = {path: sorted(found[real]) or "no package"
                   for path, real in resolved.items() if not found[real] & self.closure}
        self.assertEqual(missing, {}, f"{what} that the image's packages do not provide")

    def assertCommandInImage(self, command):
        if "/usr/bin/" + command in self.deb_files:
            return
        program = shutil.which(command)
        self.assertIsNotNone(program, f"{command} is not on this machine to be checked")
        self.assertFromImage([program], f"{command}")

    def test_every_listed_package_exists(self):
        self.assertTrue(image_packages())
        for package in image_packages():
            proc = subprocess.run(["apt-cache", "show", "--no-all-versions", package],
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(proc.returncode, 0, f"{package}: {proc.stderr}")

    def test_headers_the_analysis_reads(self):
        root = tempfile.mkdtemp(prefix="asynclint-image-")
        self.addCleanup(shutil.rmtree, root, True)
        source = os.path.join(root, "work.cpp")
        with open(source, "w") as f:
            f.write(SOURCE)
        deps = sh([CLANGXX, "-std=c++20", "-M", source], cwd=root).stdout
        headers = [h for h in deps.replace("\\\n", " ").split(":", 1)[1].split()
                   if h != source]
        self.assertTrue(any(h.endswith("/coroutine") for h in headers), headers)
        self.assertTrue(any(h.endswith("/stddef.h") for h in headers), headers)
        self.assertFromImage(headers, "headers")

    def test_gitlab_recipe(self):
        job = gitlab_image_job()
        runtime = dockerfile_stages()[-1]
        if any(keyword == "ENTRYPOINT" for keyword, _ in runtime):
            self.assertRegex(job, r'entrypoint:\s*\[\s*""\s*\]',
                             "GitLab would hand the job's script to the image's entry point")
        script = job_script(job)
        self.assertTrue(script)
        for line in script:
            words = shlex.split(line)
            self.assertCommandInImage(words[0])
            if words[0] == "cmake" and "--build" not in words and "--install" not in words:
                # Configuring: the default generator's program and compiler.
                generator = words[words.index("-G") + 1] if "-G" in words else "Unix Makefiles"
                self.assertCommandInImage({"Ninja": "ninja"}.get(generator, "make"))
                self.assertCommandInImage("c++")

    def test_docker_run_examples(self):
        runs = docker_runs()
        self.assertTrue(runs)
        entrypoint = [arguments for keyword, arguments in dockerfile_stages()[-1]
                      if keyword == "ENTRYPOINT"]
        for where, command in runs:
            if entrypoint:
                self.assertNotEqual(command[:1], ["asynclint"],
                                    f"{where}: the entry point is asynclint already")
            else:
                self.assertTrue(command, f"{where}: the image has no entry point to run")
                self.assertCommandInImage(command[0])

    def test_dockerfile_installs_the_list_and_the_package(self):
        stages = dockerfile_stages()
        build, runtime = stages[0], stages[-1]
        self.assertGreater(len(stages), 1)
        name = build[0][1].split()[-1]
        self.assertRegex(" ".join(a for k, a in build if k == "RUN"), r"cpack -G DEB -B /package\b")
        copies = {}
        for keyword, arguments in runtime:
            if keyword == "COPY":
                words = arguments.split()
                options = [w for w in words if w.startswith("--")]
                paths = [w for w in words if not w.startswith("--")]
                for source in paths[:-1]:
                    copies[source] = (paths[-1], options)
        self.assertIn("scripts/image-packages.txt", copies, "the runtime stage copies no list")
        self.assertIn("/package/*.deb", copies, "the runtime stage copies no package")
        self.assertIn(f"--from={name}", copies["/package/*.deb"][1])
        list_in_image = os.path.join(copies["scripts/image-packages.txt"][0], "image-packages.txt")
        debs_in_image = os.path.join(copies["/package/*.deb"][0], "*.deb")
        installs = [a for k, a in runtime if k == "RUN" and "apt-get install" in a]
        self.assertEqual(len(installs), 1, runtime)
        install = installs[0].split("apt-get install", 1)[1].split("&&")[0]
        self.assertIn(" " + debs_in_image + " ", install + " ")
        # The list is read by a command substitution; run it on the file here.
        substitution = re.search(r"\$\(([^)]*)\)", install)
        self.assertIsNotNone(substitution, install)
        self.assertIn(list_in_image, substitution.group(1))
        read = sh(["bash", "-c", substitution.group(1).replace(list_in_image, PACKAGE_LIST)])
        self.assertEqual(read.stdout.split(), image_packages())


if __name__ == "__main__":
    unittest.main()
