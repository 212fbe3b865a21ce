# A container image with asynclint installed, for GitLab CI and other
# container-based pipelines:
#   docker build -t asynclint .
#   docker run --rm -v "$PWD:/src" -w /src asynclint -p build --format=codequality -o gl-code-quality-report.json
FROM debian:bookworm AS build
COPY . /asynclint
WORKDIR /asynclint
RUN bash scripts/setup.sh \
 && cmake -S . -B /build -G Ninja -DASYNCLINT_BUILD_TESTS=OFF -DASYNCLINT_BUILD_FUZZERS=OFF \
 && cmake --build /build \
 && cd /build && cpack -G DEB -B /package

FROM debian:bookworm
COPY --from=build /package/*.deb /tmp/
# The package's dependencies (LLVM 22's libraries, clang's resource headers)
# come from Debian, as on the machine that built it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/*.deb git \
 && rm -rf /var/lib/apt/lists/* /tmp/*.deb
ENTRYPOINT ["asynclint"]
