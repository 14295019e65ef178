# The guest half of the superbuild: wasishim's sysroot, compiler wrappers,
# package files, and the guest project (libraries, guest tests, examples)
# built with toolchain/wasi.cmake as an external project.
#
# Everything lands in a staging prefix laid out as an installation:
#   ${WASISHIM_PREFIX}/bin/{wasishim,wasishim-cc,wasishim-c++}
#   ${WASISHIM_PREFIX}/share/wasishim/{wasi.cmake,sysroot/}
#   ${WASISHIM_PREFIX}/lib/pkgconfig/wasishim.pc
include(ExternalProject)

set(WASISHIM_PREFIX "${CMAKE_BINARY_DIR}/prefix")
set(WASISHIM_SYSROOT "${WASISHIM_PREFIX}/share/wasishim/sysroot")

if(WASI_SDK_PREFIX OR DEFINED ENV{WASI_SDK_PREFIX})
  if(NOT WASI_SDK_PREFIX)
    set(WASI_SDK_PREFIX "$ENV{WASI_SDK_PREFIX}")
  endif()
  set(_base_sysroot "${WASI_SDK_PREFIX}/share/wasi-sysroot")
  set(_guest_cc "${WASI_SDK_PREFIX}/bin/clang")
  set(_guest_cxx "${WASI_SDK_PREFIX}/bin/clang++")
  set(_guest_ar "${WASI_SDK_PREFIX}/bin/llvm-ar")
  set(_guest_ranlib "${WASI_SDK_PREFIX}/bin/llvm-ranlib")
  set(_guest_nm "${WASI_SDK_PREFIX}/bin/llvm-nm")
else()
  set(_base_sysroot "/usr")
  find_program(_guest_cc NAMES clang-19 PATHS /usr/lib/llvm-19/bin)
  find_program(_guest_cxx NAMES clang++-19 PATHS /usr/lib/llvm-19/bin)
  find_program(_guest_ar NAMES llvm-ar-19 PATHS /usr/lib/llvm-19/bin)
  find_program(_guest_ranlib NAMES llvm-ranlib-19 PATHS /usr/lib/llvm-19/bin)
  find_program(_guest_nm NAMES llvm-nm-19 PATHS /usr/lib/llvm-19/bin)
  if(NOT _guest_cc OR NOT _guest_ar)
    message(FATAL_ERROR "clang-19/llvm-ar-19 not found: run toolchain/install-deps.sh "
                        "(or configure with -DWASISHIM_BUILD_GUEST=OFF for the host alone)")
  endif()
endif()
set(WASISHIM_BASE_SYSROOT "${_base_sysroot}" CACHE PATH "wasi-libc sysroot wasishim's sysroot is made from")

set(_replaced "${CMAKE_SOURCE_DIR}/libc-shim/replaced-objects.txt")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_replaced}"
             "${CMAKE_SOURCE_DIR}/toolchain/make-sysroot.cmake")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -DBASE_SYSROOT=${WASISHIM_BASE_SYSROOT} -DOUT=${WASISHIM_SYSROOT}
          -DREPLACED=${_replaced} -DAR=${_guest_ar} -P "${CMAKE_SOURCE_DIR}/toolchain/make-sysroot.cmake"
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "building the wasishim sysroot failed")
endif()
# The command entry (libc-shim/crt/crt1-command.c says why it replaces
# wasi-libc's), compiled here so that the guest project's own configure
# checks already link with it.
set(_crt1 "${CMAKE_SOURCE_DIR}/libc-shim/crt/crt1-command.c")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_crt1}")
file(REMOVE "${WASISHIM_SYSROOT}/lib/wasm32-wasi/crt1-command.o")
execute_process(
  COMMAND "${_guest_cc}" --target=wasm32-wasi "--sysroot=${WASISHIM_SYSROOT}" -O2 -Wall -Wextra -Werror
          -c "${_crt1}" -o "${WASISHIM_SYSROOT}/lib/wasm32-wasi/crt1-command.o"
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "compiling the wasishim command entry (${_crt1}) failed")
endif()

# The default stack of every guest link (wasishim-cc, wasi.cmake, pkg-config),
# placed below the static data so that an overflow traps.
set(WASISHIM_STACK_SIZE 1048576)
configure_file(toolchain/wasi.cmake "${WASISHIM_PREFIX}/share/wasishim/wasi.cmake" @ONLY)
set(WASISHIM_CC "${_guest_cc}")
set(WASISHIM_CXX "${_guest_cxx}")
configure_file(toolchain/wasishim-cc.in "${WASISHIM_PREFIX}/bin/wasishim-cc" @ONLY
               FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                WORLD_READ WORLD_EXECUTE)
file(CREATE_LINK wasishim-cc "${WASISHIM_PREFIX}/bin/wasishim-c++" SYMBOLIC)
# Build glue for packages' own build systems and test suites (docs/porting.md):
# wasishim-configure (an emconfigure), wasishim-check (runs `make check` with
# wasm modules executable), wasishim-exec (runs one module as a native program).
set(WASISHIM_AR "${_guest_ar}")
set(WASISHIM_RANLIB "${_guest_ranlib}")
set(WASISHIM_NM "${_guest_nm}")
foreach(_script wasishim-configure wasishim-check)
  configure_file(toolchain/${_script}.in "${WASISHIM_PREFIX}/bin/${_script}" @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
endforeach()
configure_file(toolchain/config.site "${WASISHIM_PREFIX}/share/wasishim/config.site" COPYONLY)
configure_file(tests/node_run.mjs "${WASISHIM_PREFIX}/share/wasishim/node-run.mjs" COPYONLY)
add_executable(wasishim-exec toolchain/wasishim-exec.cpp)
target_compile_options(wasishim-exec PRIVATE ${WASISHIM_WARNINGS})
set_target_properties(wasishim-exec PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${WASISHIM_PREFIX}/bin")
install(TARGETS wasishim-exec RUNTIME DESTINATION bin)
configure_file(toolchain/wasishim.pc.in "${WASISHIM_PREFIX}/lib/pkgconfig/wasishim.pc" @ONLY)
configure_file(toolchain/wasishim-config.cmake.in
               "${WASISHIM_SYSROOT}/lib/cmake/wasishim/wasishim-config.cmake" @ONLY)
configure_file(toolchain/wasishim-config-version.cmake.in
               "${WASISHIM_SYSROOT}/lib/cmake/wasishim/wasishim-config-version.cmake" @ONLY)

ExternalProject_Add(guest
  SOURCE_DIR "${CMAKE_SOURCE_DIR}/guest"
  BINARY_DIR "${CMAKE_BINARY_DIR}/guest"
  CMAKE_ARGS
    -DCMAKE_TOOLCHAIN_FILE=${WASISHIM_PREFIX}/share/wasishim/wasi.cmake
    -DWASISHIM_SYSROOT=${WASISHIM_SYSROOT}
    -DWASI_SDK_PREFIX=${WASI_SDK_PREFIX}
    -DCMAKE_BUILD_TYPE=${WASISHIM_GUEST_BUILD_TYPE}
    -DWASISHIM_SOURCE_DIR=${CMAKE_SOURCE_DIR}
    -DWASISHIM_GENERATED_INCLUDE_DIR=${WASISHIM_GENERATED_INCLUDE_DIR}
    # this project builds the shim libraries the toolchain would link
    -DWASISHIM_NO_AUTO_LINK=ON
  BUILD_ALWAYS TRUE
  INSTALL_COMMAND ""
  USES_TERMINAL_CONFIGURE TRUE
  USES_TERMINAL_BUILD TRUE
)
# The host runs the guest tests and the examples; build it first so a plain
# `cmake --build` leaves everything ready.
add_dependencies(guest wasishim)

set(WASISHIM_GUEST_BINARY_DIR "${CMAKE_BINARY_DIR}/guest")
install(DIRECTORY "${WASISHIM_PREFIX}/" DESTINATION . USE_SOURCE_PERMISSIONS
        PATTERN "bin/wasishim" EXCLUDE PATTERN "bin/wasishim-exec" EXCLUDE)
