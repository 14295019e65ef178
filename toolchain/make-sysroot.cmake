# Builds wasishim's sysroot from a base wasi-libc sysroot (script mode):
#
#   cmake -DBASE_SYSROOT=/usr -DOUT=<dir> -DREPLACED=<file> -DAR=llvm-ar-19 -P make-sysroot.cmake
#
# <dir>/include/wasm32-wasi   the base headers (a symbolic link)
# <dir>/lib/wasm32-wasi       the base libraries (links), except libc.a: a copy
#                             with every object named in REPLACED removed, so
#                             the shim's definitions cannot collide with them;
#                             and except crt1-command.o, which the caller
#                             provides (libc-shim/crt/crt1-command.c).
#
# REPLACED lists one wasi-libc object name a line ('#' starts a comment).

# Script mode starts with no policies set; IN_LIST below needs CMP0057.
cmake_policy(SET CMP0057 NEW)

foreach(var BASE_SYSROOT OUT REPLACED AR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "make-sysroot: ${var} is not set")
  endif()
endforeach()
set(triple wasm32-wasi)

# Debian keeps wasi-libc in /usr/{include,lib}/wasm32-wasi; wasi-sdk in
# share/wasi-sysroot/{include,lib}/wasm32-wasi (older: include/ and lib/wasm32-wasi).
if(EXISTS "${BASE_SYSROOT}/include/${triple}/stdio.h")
  set(base_include "${BASE_SYSROOT}/include/${triple}")
elseif(EXISTS "${BASE_SYSROOT}/include/stdio.h")
  set(base_include "${BASE_SYSROOT}/include")
else()
  message(FATAL_ERROR "make-sysroot: no wasi-libc headers under ${BASE_SYSROOT}/include")
endif()
set(base_lib "${BASE_SYSROOT}/lib/${triple}")
if(NOT EXISTS "${base_lib}/libc.a")
  message(FATAL_ERROR "make-sysroot: no wasi-libc at ${base_lib}/libc.a")
endif()

file(MAKE_DIRECTORY "${OUT}/include" "${OUT}/lib/${triple}")
file(REMOVE "${OUT}/include/${triple}")
file(CREATE_LINK "${base_include}" "${OUT}/include/${triple}" SYMBOLIC)

file(GLOB base_files RELATIVE "${base_lib}" "${base_lib}/*")
foreach(f IN LISTS base_files)
  # libc.a is rebuilt below; libwasi-emulated-mman.a is provided by mmap-emu;
  # crt1-command.o by libc-shim/crt (compiled by cmake/GuestBuild.cmake).
  if(f STREQUAL "libc.a" OR f STREQUAL "libwasi-emulated-mman.a" OR f STREQUAL "crt1-command.o")
    continue()
  endif()
  file(REMOVE "${OUT}/lib/${triple}/${f}")
  file(CREATE_LINK "${base_lib}/${f}" "${OUT}/lib/${triple}/${f}" SYMBOLIC)
endforeach()

file(STRINGS "${REPLACED}" lines)
set(objects "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "#.*" "" line "${line}")
  string(STRIP "${line}" line)
  if(line)
    list(APPEND objects "${line}")
  endif()
endforeach()

set(tmp "${OUT}/lib/${triple}/libc.a.tmp")
file(COPY_FILE "${base_lib}/libc.a" "${tmp}")
if(objects)
  execute_process(COMMAND "${AR}" t "${tmp}" OUTPUT_VARIABLE members RESULT_VARIABLE rc)
  string(REPLACE "\n" ";" members "${members}")
  foreach(obj IN LISTS objects)
    if(NOT obj IN_LIST members)
      message(FATAL_ERROR "make-sysroot: ${REPLACED} names ${obj}, which ${base_lib}/libc.a does not contain")
    endif()
  endforeach()
  execute_process(COMMAND "${AR}" d "${tmp}" ${objects} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "make-sysroot: ${AR} d failed (${rc})")
  endif()
endif()
file(RENAME "${tmp}" "${OUT}/lib/${triple}/libc.a")
list(LENGTH objects n)
message(STATUS "wasishim sysroot: ${OUT} (libc.a without ${n} replaced object(s))")
