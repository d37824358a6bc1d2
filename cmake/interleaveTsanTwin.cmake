# interleave_add_tsan_twin(TARGET): builds TARGET, a program on
# interleave::cli (find_package(interleave COMPONENTS cli)), a second time
# with -fsanitize=thread against the ThreadSanitizer build of the libraries,
# as TARGET-tsan beside it: what `TARGET run ... --engine tsan` runs.
# Building TARGET builds its twin too. Call it after TARGET's own target_*
# commands: it copies what they set.
function(interleave_add_tsan_twin target)
  if(NOT TARGET interleave::cli)
    message(FATAL_ERROR "interleave_add_tsan_twin(${target}) is for programs on interleave::cli: "
                        "find_package(interleave COMPONENTS cli) first")
  endif()
  if(NOT TARGET interleave_tsan::cli)
    message(WARNING "interleave_add_tsan_twin(${target}): this interleave package was installed without its "
                    "ThreadSanitizer build (build the tsan preset before `cmake --install`); no ${target}-tsan, so "
                    "`${target} run ... --engine tsan` will say it is missing")
    return()
  endif()
  set(twin ${target}-tsan)
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(sources ${target} SOURCES)
  set(absolute_sources)
  foreach(source IN LISTS sources)
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${source_dir}")
    list(APPEND absolute_sources "${source}")
  endforeach()
  add_executable(${twin} ${absolute_sources})

  # The same program: its include paths, definitions, options and libraries,
  # interleave's replaced by their ThreadSanitizer builds.
  foreach(property INCLUDE_DIRECTORIES COMPILE_DEFINITIONS COMPILE_OPTIONS COMPILE_FEATURES LINK_OPTIONS
                   CXX_STANDARD CXX_STANDARD_REQUIRED CXX_EXTENSIONS)
    get_target_property(value ${target} ${property})
    if(value)
      set_target_properties(${twin} PROPERTIES ${property} "${value}")
    endif()
  endforeach()
  get_target_property(libraries ${target} LINK_LIBRARIES)
  if(libraries)
    list(TRANSFORM libraries REPLACE "^interleave::" "interleave_tsan::")
    target_link_libraries(${twin} PRIVATE ${libraries})
  endif()
  target_compile_options(${twin} PRIVATE -fsanitize=thread -g -O1)
  target_link_options(${twin} PRIVATE -fsanitize=thread)

  # Beside TARGET: the program looks for `<its own path>-tsan`.
  get_target_property(output_dir ${target} RUNTIME_OUTPUT_DIRECTORY)
  if(NOT output_dir)
    get_target_property(output_dir ${target} BINARY_DIR)
  endif()
  set_target_properties(${twin} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${output_dir}")
  add_dependencies(${target} ${twin})
endfunction()
