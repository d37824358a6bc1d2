# `cmake --install`: headers, the libraries, the CMake package
# (find_package(interleave) gives interleave::interleave and interleave::cli),
# the interleave binary, and the ThreadSanitizer build when there is one.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS interleave interleave_bench interleave_cli EXPORT interleaveTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS interleave_bin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY harness/include/interleave DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(PROGRAMS ${INTERLEAVE_TSAN_BINARY} DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME interleave-tsan OPTIONAL)
install(FILES harness/engines/tsan/tsan.supp DESTINATION ${CMAKE_INSTALL_DATADIR}/interleave)

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/interleave)
install(EXPORT interleaveTargets NAMESPACE interleave:: DESTINATION ${config_dir})
configure_package_config_file(cmake/interleaveConfig.cmake.in ${PROJECT_BINARY_DIR}/interleaveConfig.cmake
                              INSTALL_DESTINATION ${config_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/interleaveConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/interleaveConfig.cmake ${PROJECT_BINARY_DIR}/interleaveConfigVersion.cmake
        DESTINATION ${config_dir})
