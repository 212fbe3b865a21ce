# A container image with asynclint installed, for GitLab CI and other
# container-based pipelines:
#   docker build -t asynclint .
#   docker run --rm -v "$PWD:/src" -w /src asynclint asynclint -p build --format=codequality -o gl-code-quality-report.json
FROM debian:bookworm AS build
COPY . /asynclint
WORKDIR /asynclint
RUN bash scripts/setup.sh \
 && cmake -S . -B /build -G Ninja -DASYNCLINT_BUILD_TESTS=OFF -DASYNCLINT_BUILD_FUZZERS=OFF \
 && cmake --build /build \
 && cd /build && cpack -G DEB -B /package

FROM debian:bookworm
# Besides the package and its dependencies (LLVM 22's libraries, clang's
# built-in headers, from Debian as on the machine that built it), the image
# has what a CI job needs to make a compilation database and analyse it: the
# C and C++ standard headers, a compiler, CMake and git
# (scripts/image-packages.txt).
COPY scripts/image-packages.txt /tmp/image/
COPY --from=build /package/*.deb /tmp/image/
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/image/*.deb \
      $(sed 's/#.*//' /tmp/image/image-packages.txt) \
 && rm -rf /var/lib/apt/lists/* /tmp/image \
 && git config --system --add safe.directory '*'
# safe.directory: a checkout mounted into the container belongs to another
# user, and git would refuse it (--changed-since needs git).
# No entry point: GitLab CI runs a job's script in the image's shell.
