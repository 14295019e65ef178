# CMake toolchain file for wasm32-wasi (WASI preview1) programs built with
# wasishim.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=<prefix>/share/wasishim/wasi.cmake ...
#
# Compilers: Debian's clang-19/wasm-ld-19/llvm-ar-19 by default, or a wasi-sdk
# when WASI_SDK_PREFIX is set (as a CMake variable or in the environment, the
# same name wasi-sdk's own toolchain file uses).
#
# Sysroot: wasishim's own (WASISHIM_SYSROOT), which holds wasi-libc with the
# objects the shim replaces taken out, so a program can use stdio and the shim
# together without duplicate symbols. Its include path never reaches the host's
# /usr/include.

set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(WASISHIM_TRIPLE wasm32-wasi)

if(NOT DEFINED WASI_SDK_PREFIX AND DEFINED ENV{WASI_SDK_PREFIX})
  set(WASI_SDK_PREFIX "$ENV{WASI_SDK_PREFIX}")
endif()

# Variables a try_compile project must see too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES WASI_SDK_PREFIX WASISHIM_SYSROOT WASISHIM_NO_AUTO_LINK
     WASISHIM_EXECUTABLE_SUFFIX)

if(WASI_SDK_PREFIX)
  set(_wasishim_bin "${WASI_SDK_PREFIX}/bin")
  set(CMAKE_C_COMPILER "${_wasishim_bin}/clang")
  set(CMAKE_CXX_COMPILER "${_wasishim_bin}/clang++")
  set(CMAKE_AR "${_wasishim_bin}/llvm-ar" CACHE FILEPATH "")
  set(CMAKE_RANLIB "${_wasishim_bin}/llvm-ranlib" CACHE FILEPATH "")
else()
  find_program(_wasishim_clang NAMES clang-19 PATHS /usr/lib/llvm-19/bin REQUIRED)
  find_program(_wasishim_clangxx NAMES clang++-19 PATHS /usr/lib/llvm-19/bin REQUIRED)
  find_program(_wasishim_ar NAMES llvm-ar-19 PATHS /usr/lib/llvm-19/bin REQUIRED)
  find_program(_wasishim_ranlib NAMES llvm-ranlib-19 PATHS /usr/lib/llvm-19/bin REQUIRED)
  set(CMAKE_C_COMPILER "${_wasishim_clang}")
  set(CMAKE_CXX_COMPILER "${_wasishim_clangxx}")
  set(CMAKE_AR "${_wasishim_ar}" CACHE FILEPATH "")
  set(CMAKE_RANLIB "${_wasishim_ranlib}" CACHE FILEPATH "")
endif()

set(CMAKE_C_COMPILER_TARGET ${WASISHIM_TRIPLE})
set(CMAKE_CXX_COMPILER_TARGET ${WASISHIM_TRIPLE})
set(CMAKE_ASM_COMPILER_TARGET ${WASISHIM_TRIPLE})

# The installed layout keeps the sysroot beside this file.
if(NOT WASISHIM_SYSROOT AND EXISTS "${CMAKE_CURRENT_LIST_DIR}/sysroot/lib/${WASISHIM_TRIPLE}/libc.a")
  set(WASISHIM_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/sysroot")
endif()
if(NOT WASISHIM_SYSROOT)
  message(FATAL_ERROR "wasishim: WASISHIM_SYSROOT is not set and no sysroot lies beside "
                      "${CMAKE_CURRENT_LIST_FILE}; use the installed toolchain file "
                      "(<prefix>/share/wasishim/wasi.cmake)")
endif()
set(CMAKE_SYSROOT "${WASISHIM_SYSROOT}")

# Headers wasishim adds or completes (pthread.h, declarations wasi-libc lacks);
# searched before the sysroot's own. setjmp/longjmp are lowered to wasm
# exception handling, and the target says it is a Unix, as wasishim-cc does
# (docs/porting.md).
set(_wasishim_overlay "${WASISHIM_SYSROOT}/include/wasishim-overlay")
set(_wasishim_defs "-D_WASI_EMULATED_MMAN -D__unix__=1 -D__unix=1")
set(CMAKE_C_FLAGS_INIT "-isystem ${_wasishim_overlay} ${_wasishim_defs} -mllvm -wasm-enable-sjlj")
set(CMAKE_CXX_FLAGS_INIT "-isystem ${_wasishim_overlay} ${_wasishim_defs} -fno-exceptions -mllvm -wasm-enable-sjlj")

# Every link, try_compile's included, gets what wasishim-cc gives: the stack
# below the static data (--stack-first: an overflow traps instead of
# overwriting .data/.bss) and 1 MiB of it. wasm-ld keeps the last
# -z stack-size, and a project's own link flags come after these, so
# -Wl,-z,stack-size=N in CMAKE_EXE_LINKER_FLAGS or target_link_options wins.
# CMake links with the compile flags too, where clang would warn that the
# setjmp lowering option went unused (with -Werror, a failed link).
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "-Wl,--stack-first -Wl,-z,stack-size=@WASISHIM_STACK_SIZE@ -Wno-unused-command-line-argument")

# ... and the shim, after the project's own libraries and before the libc the
# compiler driver adds, as wasishim-cc links it. Without it every
# check_symbol_exists/check_function_exists link test of a POSIX function the
# shim provides would fail ("not found"), since wasishim's libc.a lacks the
# objects the shim replaces. wasishim's own guest build, which makes these
# libraries, sets WASISHIM_NO_AUTO_LINK.
if(NOT WASISHIM_NO_AUTO_LINK)
  set(_wasishim_libs "")
  if(EXISTS "${WASISHIM_SYSROOT}/lib/${WASISHIM_TRIPLE}/libwasishim-mman.a")
    string(APPEND _wasishim_libs "-lwasishim-mman ")
  endif()
  string(APPEND _wasishim_libs "-lwasishim-posix -lwasishim-syscalls")
  set(CMAKE_C_STANDARD_LIBRARIES "${_wasishim_libs}")
  set(CMAKE_CXX_STANDARD_LIBRARIES "${_wasishim_libs}")
endif()

# Executables are NAME.wasm, unless WASISHIM_EXECUTABLE_SUFFIX says otherwise:
# wasishim-configure sets it empty, so that a package's own test scripts find
# its programs under their native names (wasishim-check then runs them).
if(NOT DEFINED WASISHIM_EXECUTABLE_SUFFIX)
  set(WASISHIM_EXECUTABLE_SUFFIX ".wasm")
endif()
set(CMAKE_EXECUTABLE_SUFFIX "${WASISHIM_EXECUTABLE_SUFFIX}")
set(CMAKE_EXECUTABLE_SUFFIX_C "${WASISHIM_EXECUTABLE_SUFFIX}")
set(CMAKE_EXECUTABLE_SUFFIX_CXX "${WASISHIM_EXECUTABLE_SUFFIX}")

set(CMAKE_FIND_ROOT_PATH "${WASISHIM_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The program that runs this target's executables for add_test, ctest and
# try_run: wasishim-exec runs a module the way the system runs a native
# program (the whole file system, the caller's environment and working
# directory; docs/porting.md).
if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
  find_program(_wasishim_exec NAMES wasishim-exec
               HINTS "${CMAKE_CURRENT_LIST_DIR}/../../bin" NO_CMAKE_FIND_ROOT_PATH)
  if(_wasishim_exec)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${_wasishim_exec}")
  endif()
endif()
