// The single Catch2 main shared by every test binary (compiled once in loopstage_test_support).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
