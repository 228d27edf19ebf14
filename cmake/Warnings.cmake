# One warning policy for every LoopStage target (never for JUCE or other third-party code).
add_library(loopstage_warnings INTERFACE)
target_compile_options(loopstage_warnings INTERFACE -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers)
if(LOOPSTAGE_WERROR)
  target_compile_options(loopstage_warnings INTERFACE -Werror)
endif()
