# Registers every guest test program with CTest. Each test runs one wasm
# program through tests/run_guest.py under wasishim's host and, unless the
# program opts out, under Node's WASI; programs marked `wasishim-test: native`
# are also compiled for Linux, whose output is the oracle. See
# tests/guest/README.md for the directives.
find_program(WASISHIM_NODE node)
find_package(Python3 REQUIRED COMPONENTS Interpreter)

file(GLOB _guest_tests CONFIGURE_DEPENDS RELATIVE "${CMAKE_SOURCE_DIR}/tests/guest"
     "${CMAKE_SOURCE_DIR}/tests/guest/*/*.c" "${CMAKE_SOURCE_DIR}/tests/guest/*/*.cpp")
# Registers guest test <area>/<name> built from `src` (whose directives
# tests/run_guest.py reads): under the default engine and the interpreter.
function(wasishim_add_guest_test area name src)
  set(args --wasishim "$<TARGET_FILE:wasishim>"
           --wasm "${WASISHIM_GUEST_BINARY_DIR}/tests/guest/${area}/${name}.wasm"
           --source "${src}")
  if(WASISHIM_NODE_TESTS AND WASISHIM_NODE)
    list(APPEND args --node "${WASISHIM_NODE}")
  endif()
  file(STRINGS "${src}" _native REGEX "wasishim-test:[ ]*native")
  if(_native)
    set(native_target "native_${area}_${name}")
    add_executable(${native_target} "${src}")
    target_include_directories(${native_target} PRIVATE "${CMAKE_SOURCE_DIR}/tests/guest/include")
    # `wasishim-test: cflags ...`, as the wasm build (tests/guest/CMakeLists.txt)
    file(STRINGS "${src}" _cflags REGEX "wasishim-test:[ ]*cflags ")
    foreach(_line IN LISTS _cflags)
      string(REGEX REPLACE ".*wasishim-test:[ ]*cflags[ ]+([^*]*).*" "\\1" _line "${_line}")
      separate_arguments(_line UNIX_COMMAND "${_line}")
      target_compile_options(${native_target} PRIVATE ${_line})
    endforeach()
    set_target_properties(${native_target} PROPERTIES
      RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests/native/${area}" OUTPUT_NAME "${name}")
    list(APPEND args --native "$<TARGET_FILE:${native_target}>")
  endif()
  # Under `wasishim run`'s default engine (docs/aot.md), with Node and Linux.
  # On a fresh build each module runs from its quick-tier object, compiled at
  # once. One cache for all tests, so a rerun compiles nothing; no background
  # compiles, since each module runs once here (the optimized tier is tested by
  # tests/aot and tests/programs).
  add_test(NAME "guest.${area}.${name}"
           COMMAND Python3::Interpreter "${CMAKE_SOURCE_DIR}/tests/run_guest.py" ${args})
  set_tests_properties("guest.${area}.${name}" PROPERTIES LABELS "guest;${area}" TIMEOUT 300
                       ENVIRONMENT "WASISHIM_CACHE_DIR=${CMAKE_BINARY_DIR}/aot-cache;WASISHIM_AOT_BACKGROUND=0")
  # The same program in the interpreter (--engine=interp), with Linux.
  add_test(NAME "guest.${area}.${name}.interp"
           COMMAND Python3::Interpreter "${CMAKE_SOURCE_DIR}/tests/run_guest.py" ${args} --engine interp)
  set_tests_properties("guest.${area}.${name}.interp" PROPERTIES LABELS "guest;${area};interp" TIMEOUT 300)
endfunction()

foreach(rel IN LISTS _guest_tests)
  get_filename_component(area "${rel}" DIRECTORY)
  get_filename_component(name "${rel}" NAME_WE)
  wasishim_add_guest_test(${area} ${name} "${CMAKE_SOURCE_DIR}/tests/guest/${rel}")
endforeach()

# Generated guest tests (the guest project builds their wasm from the same
# generator, tests/guest/CMakeLists.txt). Generated at configure time here,
# since the test's directives are read then, and again when the generator
# changes.
set(_gen_path_cases "${CMAKE_SOURCE_DIR}/tests/unit/shim/gen_path_cases.py")
set(_path_cases "${CMAKE_BINARY_DIR}/tests/generated/posix/path_cases.c")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_gen_path_cases}")
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/tests/generated/posix")
execute_process(COMMAND "${Python3_EXECUTABLE}" "${_gen_path_cases}" --out "${_path_cases}"
                RESULT_VARIABLE _gen_result)
if(NOT _gen_result EQUAL 0)
  message(FATAL_ERROR "tests/unit/shim/gen_path_cases.py failed (${_gen_result})")
endif()
wasishim_add_guest_test(posix path_cases "${_path_cases}")

add_test(NAME syscalls.import_signatures
         COMMAND Python3::Interpreter "${CMAKE_SOURCE_DIR}/tests/unit/syscalls/check_imports.py"
                 "${WASISHIM_GUEST_BINARY_DIR}/syscalls/syscalls_import_signatures.wasm"
                 "${WASISHIM_GENERATED_INCLUDE_DIR}/wasishim/wasi_functions.h")
set_tests_properties(syscalls.import_signatures PROPERTIES LABELS "guest;syscalls")

# The example program: built by the guest project, compared with a native build.
add_executable(native_wordfreq "${CMAKE_SOURCE_DIR}/examples/wordfreq/wordfreq.c")
set_target_properties(native_wordfreq PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests/native/examples")
set(_example_args --wasishim "$<TARGET_FILE:wasishim>"
    --wasm "${WASISHIM_GUEST_BINARY_DIR}/examples/wordfreq.wasm"
    --source "${CMAKE_SOURCE_DIR}/examples/wordfreq/wordfreq.c"
    --native "$<TARGET_FILE:native_wordfreq>"
    --fixture "${CMAKE_SOURCE_DIR}/examples/wordfreq/texts")
if(WASISHIM_NODE_TESTS AND WASISHIM_NODE)
  list(APPEND _example_args --node "${WASISHIM_NODE}")
endif()
add_test(NAME example.wordfreq COMMAND Python3::Interpreter "${CMAKE_SOURCE_DIR}/tests/run_guest.py" ${_example_args})
add_test(NAME example.wordfreq_make
         COMMAND sh "${CMAKE_SOURCE_DIR}/tests/example_make.sh" "${WASISHIM_PREFIX}" "${CMAKE_SOURCE_DIR}")
set_tests_properties(example.wordfreq example.wordfreq_make PROPERTIES LABELS "example" TIMEOUT 300)

# The toolchain as a user meets it: find_package(wasishim) and pkg-config.
add_test(NAME toolchain.consumers
         COMMAND sh "${CMAKE_SOURCE_DIR}/tests/toolchain/check_consumers.sh" "${WASISHIM_PREFIX}" "${CMAKE_SOURCE_DIR}")
set_tests_properties(toolchain.consumers PROPERTIES LABELS "toolchain" TIMEOUT 300)
# The safe stack (--stack-first, 1 MiB, overridable) on both engines and Node.
add_test(NAME toolchain.stack
         COMMAND sh "${CMAKE_SOURCE_DIR}/tests/toolchain/check_stack.sh" "${WASISHIM_PREFIX}" "${CMAKE_SOURCE_DIR}"
                 "$<$<BOOL:${WASISHIM_NODE_TESTS}>:${WASISHIM_NODE}>")
# A user's explicit -lc keeps the shim's definitions first (abort, against Linux).
add_test(NAME toolchain.libc_order
         COMMAND sh "${CMAKE_SOURCE_DIR}/tests/toolchain/check_libc_order.sh" "${WASISHIM_PREFIX}" "${CMAKE_SOURCE_DIR}")
set_tests_properties(toolchain.libc_order PROPERTIES LABELS "toolchain" TIMEOUT 300)
# An unmodified project's check_symbol_exists/try_run/ctest, against Linux's answers.
add_test(NAME toolchain.checks
         COMMAND sh "${CMAKE_SOURCE_DIR}/tests/toolchain/check_checks.sh" "${WASISHIM_PREFIX}" "${CMAKE_SOURCE_DIR}")
set_tests_properties(toolchain.stack toolchain.checks PROPERTIES LABELS "toolchain" TIMEOUT 600
                     ENVIRONMENT "WASISHIM_CACHE_DIR=${CMAKE_BINARY_DIR}/aot-cache")

# The link check: every symbol of each wasi-libc object the shim replaces or
# overrides is defined by libwasishim-posix.a, and no other libc.a object
# duplicates a shim symbol (tests/unit/shim/check_replaced_symbols.py).
find_program(WASISHIM_LLVM_NM NAMES llvm-nm-19 llvm-nm PATHS /usr/lib/llvm-19/bin "${WASI_SDK_PREFIX}/bin")
add_test(NAME link.replaced_symbols
         COMMAND Python3::Interpreter "${CMAKE_SOURCE_DIR}/tests/unit/shim/check_replaced_symbols.py"
                 --nm "${WASISHIM_LLVM_NM}"
                 --base-libc "${WASISHIM_BASE_SYSROOT}/lib/wasm32-wasi/libc.a"
                 --shim "${WASISHIM_SYSROOT}/lib/wasm32-wasi/libwasishim-posix.a"
                 --replaced "${CMAKE_SOURCE_DIR}/libc-shim/replaced-objects.txt"
                 --overridden "${CMAKE_SOURCE_DIR}/libc-shim/overridden-objects.txt"
                 --aliases "${CMAKE_SOURCE_DIR}/libc-shim/wasilibc-aliases.txt"
                 --sysroot-libc "${WASISHIM_SYSROOT}/lib/wasm32-wasi/libc.a")
set_tests_properties(link.replaced_symbols PROPERTIES LABELS "link")

# Imports per open(), from the host's --trace: one (path_open) for a file
# that exists beneath a preopen (issue 13).
add_test(NAME shim.open_imports
         COMMAND Python3::Interpreter "${CMAKE_SOURCE_DIR}/tests/imports/count_imports.py"
                 --prefix "${WASISHIM_PREFIX}" --wasishim "$<TARGET_FILE:wasishim>")
set_tests_properties(shim.open_imports PROPERTIES LABELS "posix" TIMEOUT 300)

