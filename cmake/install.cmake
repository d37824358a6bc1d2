# `cmake --install`: headers, the libraries, the CMake package
# (find_package(interleave) gives interleave::interleave; its component cli,
# find_package(interleave COMPONENTS cli), gives interleave::cli), a
# pkg-config file for interleave::interleave, the interleave binary, and the
# ThreadSanitizer build when there is one. Each export set is what one
# component links, so the package asks a consumer only for the packages of
# the components it names.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/interleave)

if(INTERLEAVE_TSAN_BUILD)
  # The tsan preset's tree installs only its instrumented twin of the
  # libraries (interleave_tsan::interleave, interleave_tsan::cli, for
  # interleave_add_tsan_twin) and of the binary, beside the normal install.
  install(TARGETS interleave EXPORT interleaveTsanTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}/interleave-tsan)
  install(TARGETS interleave_bench interleave_cli EXPORT interleaveTsanCliTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}/interleave-tsan)
  install(EXPORT interleaveTsanTargets NAMESPACE interleave_tsan:: DESTINATION ${config_dir})
  install(EXPORT interleaveTsanCliTargets NAMESPACE interleave_tsan:: DESTINATION ${config_dir})
  install(PROGRAMS $<TARGET_FILE:interleave_bin> DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME interleave-tsan)
  return()
endif()

install(TARGETS interleave EXPORT interleaveTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS interleave_bench interleave_cli EXPORT interleaveCliTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS interleave_bin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY harness/include/interleave DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES harness/engines/tsan/tsan.supp DESTINATION ${CMAKE_INSTALL_DATADIR}/interleave)

# The ThreadSanitizer build, when the tsan preset was built: installed by its
# own tree into the same prefix, so that one install carries both.
get_filename_component(tsan_build_dir "${INTERLEAVE_TSAN_BINARY}" DIRECTORY)
# A tree configured before it installed only its twin, in one export set per
# component, would install itself over the normal libraries or put the cli's
# dependencies into the core's: such a tree is skipped until rebuilt.
install(CODE "
  set(tsan_install \"${tsan_build_dir}/cmake_install.cmake\")
  if(EXISTS \"${INTERLEAVE_TSAN_BINARY}\" AND EXISTS \"\${tsan_install}\")
    file(READ \"\${tsan_install}\" tsan_rules)
    if(tsan_rules MATCHES \"interleaveTsanCliTargets\")
      execute_process(COMMAND \"${CMAKE_COMMAND}\" --install \"${tsan_build_dir}\" --prefix \"\${CMAKE_INSTALL_PREFIX}\"
                      OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
    else()
      message(WARNING \"${tsan_build_dir} predates its install rules: rebuild it to install the ThreadSanitizer build\")
    endif()
  endif()")

install(EXPORT interleaveTargets NAMESPACE interleave:: DESTINATION ${config_dir})
install(EXPORT interleaveCliTargets NAMESPACE interleave:: DESTINATION ${config_dir})
# What the package's Boost.Fiber lookup uses when the consumer has not chosen:
# the variant (static or shared) these libraries were built and measured with.
set(INTERLEAVE_BOOST_STATIC_LIBS ${Boost_USE_STATIC_LIBS})
configure_package_config_file(cmake/interleaveConfig.cmake.in ${PROJECT_BINARY_DIR}/interleaveConfig.cmake
                              INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/interleaveConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/interleaveConfig.cmake ${PROJECT_BINARY_DIR}/interleaveConfigVersion.cmake
              cmake/interleaveTsanTwin.cmake
        DESTINATION ${config_dir})

# pkg-config, for interleave::interleave: the static library and what it
# links, Boost's libraries by their files (Boost has no .pc files), as built.
file(RELATIVE_PATH pc_prefix_from_pcfiledir "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" pc_prefix_from_pcfiledir "${pc_prefix_from_pcfiledir}")
configure_file(cmake/interleave.pc.in ${PROJECT_BINARY_DIR}/interleave.pc.genex @ONLY)
file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/interleave.pc INPUT ${PROJECT_BINARY_DIR}/interleave.pc.genex)
install(FILES ${PROJECT_BINARY_DIR}/interleave.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
