# `cpack -G DEB` in the build directory makes a Debian package of what
# `cmake --install` installs. The dependencies are the shared libraries the
# binaries link (dpkg-shlibdeps finds their packages), and clang's resource
# headers, which the analysis parses with.
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The package installs into /usr, where Debian keeps libraries in the
# multiarch directory (/usr/lib/x86_64-linux-gnu). GNUInstallDirs chose the
# library directory for the prefix the build was configured with (lib/ for
# /usr/local), so the package takes the plugin from a rule of its own, which
# `cmake --install` leaves out, instead of from the plugin's own rule.
if(CMAKE_LIBRARY_ARCHITECTURE)
  set(ASYNCLINT_PACKAGE_LIBDIR lib/${CMAKE_LIBRARY_ARCHITECTURE})
else()
  set(ASYNCLINT_PACKAGE_LIBDIR lib)
endif()
install(TARGETS asynclint-tidy LIBRARY DESTINATION ${ASYNCLINT_PACKAGE_LIBDIR}
  COMPONENT package-plugin EXCLUDE_FROM_ALL)

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
# One package of the components listed: everything but the plugin's own rule.
set(CPACK_COMPONENTS_ALL Unspecified package-plugin)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-22-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-22")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
