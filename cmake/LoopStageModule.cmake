# ls_add_core_module(Name SOURCES ... [DEPS ...] [LIBS ...])
#   Builds Source/Core/<Name> as the static library loopstage_<name> (lower case), alias
#   loopstage::<name>. Headers are included as "<Name>/File.h" from Source/Core, so every include
#   names its module. DEPS are other Core modules by Name; LIBS are outside targets.
function(ls_add_core_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LIBS" ${ARGN})
  string(TOLOWER ${name} lower)
  set(target loopstage_${lower})
  add_library(${target} STATIC ${ARG_SOURCES})
  add_library(loopstage::${lower} ALIAS ${target})
  set_property(GLOBAL APPEND PROPERTY LOOPSTAGE_CORE_MODULES ${target})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/Source/Core)
  target_link_libraries(${target} PRIVATE loopstage_warnings)
  foreach(dep IN LISTS ARG_DEPS)
    string(TOLOWER ${dep} dep_lower)
    target_link_libraries(${target} PUBLIC loopstage::${dep_lower})
  endforeach()
  if(ARG_LIBS)
    target_link_libraries(${target} PUBLIC ${ARG_LIBS})
  endif()
endfunction()

# ls_add_tests(Name SOURCES ... DEPS ...)
#   One Catch2 binary per Core module (tests_<name>), each TEST_CASE a ctest entry prefixed
#   "<name>." so `ctest -R timecode` runs one module's tests.
function(ls_add_tests name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LIBS" ${ARGN})
  string(TOLOWER ${name} lower)
  set(target tests_${lower})
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE loopstage_test_support loopstage_warnings ${ARG_LIBS})
  foreach(dep IN LISTS ARG_DEPS)
    string(TOLOWER ${dep} dep_lower)
    target_link_libraries(${target} PRIVATE loopstage::${dep_lower})
  endforeach()
  catch_discover_tests(${target}
    TEST_PREFIX "${lower}."
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES ENVIRONMENT "LOOPSTAGE_BIN=${CMAKE_BINARY_DIR}/bin/loopstage;LOOPSTAGE_SOURCE=${PROJECT_SOURCE_DIR}")
endfunction()
