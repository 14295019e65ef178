# What the guest bindings and the host share of preview1, generated at
# configure time from wasi-libc's <wasi/api.h> (the specification's own
# header, installed by toolchain/install-deps.sh) into
# ${WASISHIM_GENERATED_INCLUDE_DIR}/wasishim/:
#   wasi_abi.h        errno values and names, rights bits (syscalls/gen_wasi_abi.py)
#   wasi_functions.h  the functions: groups, signatures, trace descriptors, the
#                     host's parameter lists (syscalls/gen_wasi_functions.py,
#                     with syscalls/preview1.functions, the one list of them)
#   wasi_imports.h    the guest's raw imports and typed wrappers (the same)
# The guest sub-build is handed the same directory.
find_package(Python3 REQUIRED COMPONENTS Interpreter)

if(WASI_SDK_PREFIX OR DEFINED ENV{WASI_SDK_PREFIX})
  set(_sdk "${WASI_SDK_PREFIX}")
  if(NOT _sdk)
    set(_sdk "$ENV{WASI_SDK_PREFIX}")
  endif()
  set(_api_default "${_sdk}/share/wasi-sysroot/include/wasm32-wasi/wasi/api.h")
  if(NOT EXISTS "${_api_default}")
    set(_api_default "${_sdk}/share/wasi-sysroot/include/wasi/api.h")
  endif()
else()
  set(_api_default "/usr/include/wasm32-wasi/wasi/api.h")
endif()
set(WASISHIM_WASI_API_H "${_api_default}" CACHE FILEPATH
    "wasi-libc's <wasi/api.h>, from which wasishim/wasi_abi.h is generated")
if(NOT EXISTS "${WASISHIM_WASI_API_H}")
  message(FATAL_ERROR "${WASISHIM_WASI_API_H} not found: run toolchain/install-deps.sh "
                      "(it installs wasi-libc), or set WASISHIM_WASI_API_H")
endif()

set(WASISHIM_GENERATED_INCLUDE_DIR "${CMAKE_BINARY_DIR}/generated/include")
set(_gen "${CMAKE_SOURCE_DIR}/syscalls/gen_wasi_abi.py")
set(_gen_functions "${CMAKE_SOURCE_DIR}/syscalls/gen_wasi_functions.py")
set(_function_table "${CMAKE_SOURCE_DIR}/syscalls/preview1.functions")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             "${WASISHIM_WASI_API_H}" "${_gen}" "${_gen_functions}" "${_function_table}")
execute_process(
  COMMAND "${Python3_EXECUTABLE}" "${_gen}" --api "${WASISHIM_WASI_API_H}"
          --out "${WASISHIM_GENERATED_INCLUDE_DIR}/wasishim/wasi_abi.h"
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "generating wasishim/wasi_abi.h from ${WASISHIM_WASI_API_H} failed")
endif()
execute_process(
  COMMAND "${Python3_EXECUTABLE}" "${_gen_functions}" --api "${WASISHIM_WASI_API_H}"
          --table "${_function_table}" --out-dir "${WASISHIM_GENERATED_INCLUDE_DIR}"
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "generating the preview1 functions from ${_function_table} and "
                      "${WASISHIM_WASI_API_H} failed")
endif()

add_library(wasishim_wasi_abi INTERFACE)
target_include_directories(wasishim_wasi_abi INTERFACE "$<BUILD_INTERFACE:${WASISHIM_GENERATED_INCLUDE_DIR}>")

if(WASISHIM_BUILD_TESTS)
  add_test(NAME abi.generator
           COMMAND "${Python3_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/abi/check_generator.py"
                   "${_gen}" "${WASISHIM_WASI_API_H}")
  set_tests_properties(abi.generator PROPERTIES LABELS "syscalls")
  add_test(NAME abi.functions_generator
           COMMAND "${Python3_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/abi/check_functions_generator.py"
                   "${_gen_functions}" "${WASISHIM_WASI_API_H}" "${_function_table}")
  set_tests_properties(abi.functions_generator PROPERTIES LABELS "syscalls")
  add_test(NAME abi.group_doc
           COMMAND "${Python3_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/abi/check_group_doc.py"
                   "${_function_table}" "${CMAKE_SOURCE_DIR}/docs/host.md")
  set_tests_properties(abi.group_doc PROPERTIES LABELS "syscalls")
endif()
