# The differential test of mmap-emu against the Linux kernel
# (tests/mmap_diff/run.py): generated programs compiled natively and with
# wasishim-cc must print the same trace and leave the same file bytes.
#   mmap.diff        fixed seed, 15 programs x 20 scenarios, under wasishim (label mmap)
#   mmap.diff.node   the same programs under Node's WASI (label mmap)
#   mmap.diff.long   new seeds each run, failing seeds appended to
#                    tests/mmap_diff/failing-seeds.txt (label long)
if(NOT (WASISHIM_BUILD_GUEST AND WASISHIM_BUILD_TESTS))
  return()
endif()
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(_mmap_diff "${CMAKE_SOURCE_DIR}/tests/mmap_diff/run.py")
set(_mmap_diff_args --prefix "${WASISHIM_PREFIX}" --wasishim "$<TARGET_FILE:wasishim>"
                    --native-cc "${CMAKE_C_COMPILER}" --jobs 2)

add_test(NAME mmap.diff
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --seed 1 --programs 15 --scenarios 20)
set_tests_properties(mmap.diff PROPERTIES LABELS "mmap" TIMEOUT 900)

find_program(WASISHIM_NODE node)
if(WASISHIM_NODE_TESTS AND WASISHIM_NODE)
  add_test(NAME mmap.diff.node
           COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --runner node
                   --node "${WASISHIM_NODE}" --seed 1 --programs 15 --scenarios 20)
  set_tests_properties(mmap.diff.node PROPERTIES LABELS "mmap" TIMEOUT 900)
endif()

add_test(NAME mmap.diff.long
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --long --programs 200 --scenarios 20)
set_tests_properties(mmap.diff.long PROPERTIES LABELS "long" TIMEOUT 3600)

# Write-back cost, measured through the host's --trace: bytes written follow
# bytes stored (at most 1.1x), never the size of the mapping.
add_test(NAME mmap.writeback_cost
         COMMAND Python3::Interpreter "${CMAKE_SOURCE_DIR}/tests/mmap_diff/writeback_cost.py"
                 --prefix "${WASISHIM_PREFIX}" --wasishim "$<TARGET_FILE:wasishim>")
set_tests_properties(mmap.writeback_cost PROPERTIES LABELS "mmap" TIMEOUT 300)

# mmap-emu alone as the drop-in for -lwasi-emulated-mman: plain wasi-libc, no
# shim, so only the steps that need no coherence hooks (--restricted yes).
add_test(NAME mmap.diff.standalone
         COMMAND Python3::Interpreter "${_mmap_diff}" ${_mmap_diff_args} --restricted yes
                 "--wasm-cc=${WASISHIM_CC} --target=wasm32-wasi --sysroot=${WASISHIM_BASE_SYSROOT} -D_WASI_EMULATED_MMAN"
                 "--wasm-ldflags=${WASISHIM_SYSROOT}/lib/wasm32-wasi/libwasi-emulated-mman.a"
                 --seed 2 --programs 5 --scenarios 20)
set_tests_properties(mmap.diff.standalone PROPERTIES LABELS "mmap" TIMEOUT 900)
