#include "Output.h"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace loopstage::cli
{
void Output::result (const Json& object, const std::string& human) const
{
    if (json)
        std::cout << object.dump (2) << std::endl;
    else
        std::cout << human << (human.empty() || human.back() == '\n' ? "" : "\n") << std::flush;
}

int Output::error (const std::string& message, int code) const
{
    std::cerr << "loopstage: error: " << message << std::endl;
    if (json)
        std::cout << Json { { "error", message } }.dump() << std::endl;
    return code;
}

Progress& Output::progress()
{
    bar.enabled = ! quiet && ::isatty (STDERR_FILENO);
    return bar;
}

bool Output::Bar::update (double fraction, std::string_view stage)
{
    if (! enabled)
        return true;
    const int percent = (int) (fraction * 100.0 + 0.5);
    if (percent == lastPercent)
        return true;
    lastPercent = percent;
    const int filled = percent / 4;
    std::fprintf (stderr, "\r%-12.*s [%-25s] %3d%%", (int) stage.size(), stage.data(),
                  std::string ((size_t) filled, '#').c_str(), percent);
    if (percent >= 100)
        std::fputc ('\n', stderr);
    std::fflush (stderr);
    return true;
}

} // namespace loopstage::cli
