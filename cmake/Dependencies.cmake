# Every outside library comes from a Debian 12 package installed by scripts/setup.
# Nothing is fetched at configure or build time.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3 CONFIG REQUIRED)

pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)
pkg_check_modules(FFTW3F REQUIRED IMPORTED_TARGET fftw3f)
pkg_check_modules(FFTW3 REQUIRED IMPORTED_TARGET fftw3)
pkg_check_modules(RUBBERBAND REQUIRED IMPORTED_TARGET rubberband)
pkg_check_modules(SOXR REQUIRED IMPORTED_TARGET soxr)

if(LOOPSTAGE_TESTS)
  find_package(Catch2 2 CONFIG REQUIRED)
  include(Catch)
endif()
