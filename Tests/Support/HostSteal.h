#pragma once
/** CPU time the hypervisor took from this virtual machine's vCPUs (the "steal" column of
    /proc/stat), in seconds since boot; 0 where the kernel does not report it. Timing tests
    read it before and after a run to say how much of a late callback was the host's. */
namespace loopstage::test
{
double hostStealSeconds();
} // namespace loopstage::test
