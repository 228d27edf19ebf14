#pragma once
/** Whether this CPU runs the SSSE3 sample converters (checked once). The byte shuffle that packs
    and unpacks 24-bit samples four at a time needs it; every x86-64 since 2006 has it, but the
    build targets baseline x86-64, so the converters are compiled for it separately and chosen
    at run time, with a scalar path that gives the same bytes. */
namespace loopstage::audio
{
#if defined(__x86_64__) || defined(__i386__)
 #define LOOPSTAGE_SSSE3 1
inline bool haveSsse3() noexcept
{
    static const bool have = __builtin_cpu_supports ("ssse3");
    return have;
}
#endif
} // namespace loopstage::audio
