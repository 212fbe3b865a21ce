# `cpack -G DEB` in the build directory makes a Debian package of what
# `cmake --install` installs. The dependencies are the shared libraries the
# binaries link (dpkg-shlibdeps finds their packages), and clang's resource
# headers, which the analysis parses with.
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME asynclint)
set(CPACK_PACKAGE_VENDOR "asynclint")
set(CPACK_PACKAGE_CONTACT "asynclint maintainers <asynclint@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "static analysis of C++20 coroutines")
set(CPACK_PACKAGE_DESCRIPTION
  "asynclint finds misuse of C++20 coroutines that compilers and clang-tidy
let through: blocking calls in coroutines, sequential awaits, missing
timeouts, swallowed exceptions, detached and unawaited tasks, locks held
across suspension and dangling references. Command line, clang-tidy plugin
and a clangd with the checks built in.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${ASYNCLINT_HOMEPAGE}")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-22-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-22")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
