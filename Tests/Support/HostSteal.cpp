#include "Support/HostSteal.h"

#include <fstream>
#include <string>
#include <unistd.h>

namespace loopstage::test
{
double hostStealSeconds()
{
    // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks.
    std::ifstream stat ("/proc/stat");
    std::string label;
    unsigned long long fields[8] {};
    if (! (stat >> label) || label != "cpu")
        return 0.0;
    for (auto& f : fields)
        if (! (stat >> f))
            return 0.0;
    return (double) fields[7] / (double) ::sysconf (_SC_CLK_TCK);
}
} // namespace loopstage::test
