# The differential tests of mmap-emu against the Linux kernel
# (tests/mmap_diff): generated programs compiled natively and with
# wasishim-cc must print the same trace and leave the same file bytes.
#   mmap.diff             fixed seed, 15 programs x 20 scenarios, interpreter (label mmap)
#   mmap.diff.aot         the same 300 scenarios on compiled code, the default engine (label mmap)
#   mmap.diff.node        the same seed under Node's WASI (label mmap)
#   mmap.diff.fail_writes one write to a file fails in each run (--fail-write) (label mmap)
#   mmap.diff.standalone  mmap-emu alone with plain wasi-libc (label mmap)
#   mmap.diff.seeds       every seed a long run found failing, replayed (label mmap)
#   mmap.diff.long        new seeds each run, 500 programs x 20 = 10,000 scenarios,
#                         failing seeds appended to tests/mmap_diff/failing-seeds.txt
#                         (label long; workflow preset mmap-long)
#   mmap.crash_table      docs/mmap.md's crash-consistency table, cell by cell, both engines
#   mmap.flush_entry      the host flush after a trap, with and without wasishim's command entry
# and two checks that docs/mmap.md holds the tables the scripts make.
if(NOT (WASISHIM_BUILD_GUEST AND WASISHIM_BUILD_TESTS))
  return()
endif()
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(_mmap_dir "${CMAKE_SOURCE_DIR}/tests/mmap_diff")
set(_mmap_diff "${_mmap_dir}/run.py")
set(_mmap_diff_args --prefix "${WASISHIM_PREFIX}" --wasishim "$<TARGET_FILE:wasishim>"
                    --native-cc "${CMAKE_C_COMPILER}" --jobs 2)
set(_aot_cache "WASISHIM_CACHE_DIR=${CMAKE_BINARY_DIR}/aot-cache")

add_test(NAME mmap.diff
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --host-arg=--engine=interp
                 --seed 1 --programs 15 --scenarios 20)
set_tests_properties(mmap.diff PROPERTIES LABELS "mmap" TIMEOUT 900)

# Compiled code as users get it by default (wasm2c, the quick tier): an
# optimized compile of each of the 15 programs would cost CI minutes; the
# optimized tier runs the crash table and mmap.flush_entry.
add_test(NAME mmap.diff.aot
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --host-arg=--engine=auto
                 --seed 1 --programs 15 --scenarios 20)
set_tests_properties(mmap.diff.aot PROPERTIES LABELS "mmap;aot" TIMEOUT 1200 ENVIRONMENT "${_aot_cache}")

find_program(WASISHIM_NODE node)
if(WASISHIM_NODE_TESTS AND WASISHIM_NODE)
  add_test(NAME mmap.diff.node
           COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --runner node
                   --node "${WASISHIM_NODE}" --seed 1 --programs 15 --scenarios 20)
  set_tests_properties(mmap.diff.node PROPERTIES LABELS "mmap" TIMEOUT 900)
endif()

add_test(NAME mmap.diff.fail_writes
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --fail-writes
                 --seed 3 --programs 8 --scenarios 10)
set_tests_properties(mmap.diff.fail_writes PROPERTIES LABELS "mmap" TIMEOUT 900)

add_test(NAME mmap.diff.seeds
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --host-arg=--engine=interp
                 --replay "${_mmap_dir}/failing-seeds.txt" --record /dev/null --scenarios 20)
set_tests_properties(mmap.diff.seeds PROPERTIES LABELS "mmap" TIMEOUT 900)

add_test(NAME mmap.diff.long
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --long --programs 500 --scenarios 20)
set_tests_properties(mmap.diff.long PROPERTIES LABELS "long" TIMEOUT 7200)

add_test(NAME mmap.crash_table
         COMMAND Python3::Interpreter "${_mmap_dir}/crash_table.py" --prefix "${WASISHIM_PREFIX}"
                 --wasishim "$<TARGET_FILE:wasishim>" --native-cc "${CMAKE_C_COMPILER}" --jobs 2)
set_tests_properties(mmap.crash_table PROPERTIES LABELS "mmap;aot" TIMEOUT 900 ENVIRONMENT "${_aot_cache}")

add_test(NAME mmap.crash_table.doc
         COMMAND Python3::Interpreter "${_mmap_dir}/crash_table.py" --check-doc "${CMAKE_SOURCE_DIR}/docs/mmap.md")
add_test(NAME mmap.coverage.doc
         COMMAND Python3::Interpreter "${_mmap_dir}/gen.py" --check-doc "${CMAKE_SOURCE_DIR}/docs/mmap.md")
set_tests_properties(mmap.crash_table.doc mmap.coverage.doc PROPERTIES LABELS "mmap")

# Write-back cost, measured through the host's --trace: bytes written follow
# bytes stored (at most 1.1x), never the size of the mapping.
add_test(NAME mmap.writeback_cost
         COMMAND Python3::Interpreter "${_mmap_dir}/writeback_cost.py"
                 --prefix "${WASISHIM_PREFIX}" --wasishim "$<TARGET_FILE:wasishim>"
                 --check-doc "${CMAKE_SOURCE_DIR}/docs/mmap.md")
set_tests_properties(mmap.writeback_cost PROPERTIES LABELS "mmap" TIMEOUT 300)

# mmap-emu alone as the drop-in for -lwasi-emulated-mman: plain wasi-libc, no
# shim, so only the steps that need no coherence hooks (--restricted yes).
add_test(NAME mmap.diff.standalone
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --restricted yes
                 "--wasm-cc=${WASISHIM_CC} --target=wasm32-wasi --sysroot=${WASISHIM_BASE_SYSROOT} -D_WASI_EMULATED_MMAN"
                 "--wasm-ldflags=${WASISHIM_SYSROOT}/lib/wasm32-wasi/libwasi-emulated-mman.a"
                 --seed 2 --programs 5 --scenarios 20)
set_tests_properties(mmap.diff.standalone PROPERTIES LABELS "mmap" TIMEOUT 900)

# The host's flush after a trap runs nothing of the program but the flush
# (wasishim's command entry leaves exports unwrapped), and a module whose
# flush export wasm-ld wrapped is not flushed, and says so.
add_test(NAME mmap.flush_entry
         COMMAND Python3::Interpreter "${_mmap_dir}/flush_entry.py" --prefix "${WASISHIM_PREFIX}"
                 --wasishim "$<TARGET_FILE:wasishim>" --cc "${WASISHIM_CC}"
                 --base-sysroot "${WASISHIM_BASE_SYSROOT}" --native-cc "${CMAKE_C_COMPILER}")
set_tests_properties(mmap.flush_entry PROPERTIES LABELS "mmap;aot" TIMEOUT 300 ENVIRONMENT "${_aot_cache}")
