# The preview1 numbers the guest bindings and the host share: errno values and
# names, rights bits. They are generated, at configure time, from wasi-libc's
# <wasi/api.h> (the specification's own header, installed by
# toolchain/install-deps.sh) by syscalls/gen_wasi_abi.py into
#   ${WASISHIM_GENERATED_INCLUDE_DIR}/wasishim/wasi_abi.h
# which both syscalls/include/wasishim/syscalls.h and host/wasi/types.h
# include. The guest sub-build is handed the same directory.
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
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${WASISHIM_WASI_API_H}" "${_gen}")
execute_process(
  COMMAND "${Python3_EXECUTABLE}" "${_gen}" --api "${WASISHIM_WASI_API_H}"
          --out "${WASISHIM_GENERATED_INCLUDE_DIR}/wasishim/wasi_abi.h"
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "generating wasishim/wasi_abi.h from ${WASISHIM_WASI_API_H} failed")
endif()

add_library(wasishim_wasi_abi INTERFACE)
target_include_directories(wasishim_wasi_abi INTERFACE "$<BUILD_INTERFACE:${WASISHIM_GENERATED_INCLUDE_DIR}>")

if(WASISHIM_BUILD_TESTS)
  add_test(NAME abi.generator
           COMMAND "${Python3_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/abi/check_generator.py"
                   "${_gen}" "${WASISHIM_WASI_API_H}")
  set_tests_properties(abi.generator PROPERTIES LABELS "syscalls")
endif()
