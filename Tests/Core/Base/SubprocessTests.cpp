#include "Base/Subprocess.h"

#include <catch2/catch.hpp>

using namespace loopstage;

TEST_CASE ("subprocesses report output and exit codes", "[base]")
{
    auto ok = runSubprocess ({ "sh", "-c", "echo out; echo err >&2; exit 3" });
    CHECK (ok.exitCode == 3);
    CHECK (ok.out == "out\n");
    CHECK (ok.err == "err\n");

    auto big = runSubprocess ({ "sh", "-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2" });
    CHECK (big.out.size() == 300000);
    CHECK (big.err.size() == 300000);

    CHECK (runSubprocess ({ "/no/such/program" }).exitCode != 0);
}
