# Debian's LLVM 22 packages: the version-qualified config rejects 22.1.x, so
# locate the configs by path and check the major version ourselves.
set(ASYNCLINT_LLVM_ROOT "/usr/lib/llvm-22" CACHE PATH "LLVM 22 installation prefix")

find_package(LLVM CONFIG REQUIRED PATHS "${ASYNCLINT_LLVM_ROOT}/lib/cmake/llvm" NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL 22)
  message(FATAL_ERROR "asynclint needs LLVM 22, found ${LLVM_PACKAGE_VERSION} in ${LLVM_DIR}")
endif()

# clangd's remote-index libraries name gRPC::grpc++ and protobuf::libprotobuf
# in their link interface, so they must exist before the Clang targets load.
# Debian's gRPC CMake package is incomplete, so describe the libraries here.
if(NOT TARGET gRPC::grpc++)
  add_library(gRPC::grpc++ INTERFACE IMPORTED)
  add_library(protobuf::libprotobuf INTERFACE IMPORTED)
  if(ASYNCLINT_BUILD_CLANGD)
    foreach(lib grpc++ grpc gpr protobuf)
      find_library(ASYNCLINT_LIB_${lib} ${lib} REQUIRED)
    endforeach()
    file(GLOB ASYNCLINT_ABSL_LIBS "/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/libabsl_*.so")
    set_target_properties(gRPC::grpc++ PROPERTIES INTERFACE_LINK_LIBRARIES
      "${ASYNCLINT_LIB_grpc++};${ASYNCLINT_LIB_grpc};${ASYNCLINT_LIB_gpr};${ASYNCLINT_ABSL_LIBS}")
    set_target_properties(protobuf::libprotobuf PROPERTIES INTERFACE_LINK_LIBRARIES
      "${ASYNCLINT_LIB_protobuf}")
  endif()
endif()

find_package(Clang CONFIG REQUIRED PATHS "${ASYNCLINT_LLVM_ROOT}/lib/cmake/clang" NO_DEFAULT_PATH)

set(ASYNCLINT_CLANG_RESOURCE_DIR "${LLVM_LIBRARY_DIR}/clang/${LLVM_VERSION_MAJOR}")
if(NOT EXISTS "${ASYNCLINT_CLANG_RESOURCE_DIR}/include/stddef.h")
  message(FATAL_ERROR "clang's resource directory ${ASYNCLINT_CLANG_RESOURCE_DIR} is missing; install clang-22")
endif()
find_program(ASYNCLINT_CLANG_TIDY clang-tidy-22 PATHS "${LLVM_TOOLS_BINARY_DIR}" REQUIRED)
find_program(ASYNCLINT_CLANGXX clang++-22 PATHS "${LLVM_TOOLS_BINARY_DIR}" REQUIRED)

# LLVM's include directory also receives libc++abi's <cxxabi.h> when
# libc++abi-22-dev is installed; searched before the standard library's, it
# would replace libstdc++'s. -idirafter puts LLVM's headers after the
# standard library's, and still treats them as system headers.
list(REMOVE_DUPLICATES LLVM_INCLUDE_DIRS)
foreach(dir IN LISTS LLVM_INCLUDE_DIRS CLANG_INCLUDE_DIRS)
  add_compile_options("SHELL:-idirafter \"${dir}\"")
endforeach()
add_definitions(${LLVM_DEFINITIONS})
find_package(nlohmann_json 3 REQUIRED)

# Embeds data files into a generated source that defines FUNCTION.
function(asynclint_embed OUTPUT FUNCTION HEADER)
  add_custom_command(
    OUTPUT "${OUTPUT}"
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${OUTPUT}" "-DFUNCTION=${FUNCTION}"
            "-DHEADER=${HEADER}" "-DFILES=${ARGN}"
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake"
    DEPENDS ${ARGN} "${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake"
    VERBATIM)
endfunction()
