# wasishim_add_aot: compile a WebAssembly module to native code at build time.
#
#   include(WasishimAot)   # from <prefix>/share/wasishim/cmake, or this tree
#   wasishim_add_aot(<target> MODULE <file.wasm | wasm target>
#                    [OUTPUT <file.aot>] [WASISHIM <path to wasishim>] [ALL])
#
# Adds a custom target <target> that runs `wasishim compile` on the module and
# produces OUTPUT (default: <target>.aot in the current binary directory),
# rebuilt whenever the module or wasishim changes. The object embeds its module
# and runs with `wasishim run <file.aot> [args]`, with no compile and no cache.
# The target's WASISHIM_AOT_FILE property holds the object's path.
#
# wasishim is taken from WASISHIM, else the `wasishim` target of this build,
# else `wasishim` on PATH (or WASISHIM_EXECUTABLE). The object is native code
# for the machine it was built on, made by the C compiler wasishim finds there
# (docs/aot.md).
function(wasishim_add_aot target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "ALL" "MODULE;OUTPUT;WASISHIM" "")
  if(NOT arg_MODULE)
    message(FATAL_ERROR "wasishim_add_aot(${target}): MODULE is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wasishim_add_aot(${target}): unexpected arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_OUTPUT)
    set(arg_OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/${target}.aot")
  endif()

  set(deps)
  if(arg_WASISHIM)
    set(wasishim "${arg_WASISHIM}")
  elseif(TARGET wasishim)
    set(wasishim "$<TARGET_FILE:wasishim>")
    list(APPEND deps wasishim)
  else()
    find_program(WASISHIM_EXECUTABLE wasishim)
    if(NOT WASISHIM_EXECUTABLE)
      message(FATAL_ERROR "wasishim_add_aot(${target}): wasishim not found; pass WASISHIM "
                          "or set WASISHIM_EXECUTABLE")
    endif()
    set(wasishim "${WASISHIM_EXECUTABLE}")
  endif()
  if(EXISTS "${wasishim}")
    list(APPEND deps "${wasishim}")
  endif()

  if(TARGET "${arg_MODULE}")
    set(module "$<TARGET_FILE:${arg_MODULE}>")
    list(APPEND deps "${arg_MODULE}")
  else()
    get_filename_component(module "${arg_MODULE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND deps "${module}")
  endif()

  add_custom_command(
    OUTPUT "${arg_OUTPUT}"
    COMMAND "${wasishim}" compile "${module}" -o "${arg_OUTPUT}"
    DEPENDS ${deps}
    COMMENT "Compiling ${arg_MODULE} to native code (wasishim compile)"
    VERBATIM)
  set(all)
  if(arg_ALL)
    set(all ALL)
  endif()
  add_custom_target(${target} ${all} DEPENDS "${arg_OUTPUT}")
  set_target_properties(${target} PROPERTIES WASISHIM_AOT_FILE "${arg_OUTPUT}")
endfunction()
