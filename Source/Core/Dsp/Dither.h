#pragma once
/** TPDF dither of ±1 LSB at a word length: applied once, where a float mix becomes the integer
    file a deliverable is (the normaliser's output, the delivered stems). Deterministic (a fixed
    xorshift seed), so a measuring pass and the writing pass see the same samples.
*/
#include <cmath>
#include <cstdint>

namespace loopstage::dsp
{
class TpdfDither
{
public:
    /** `bits` of the integer format; 0 (or >= 32) means a float output: nothing added. */
    explicit TpdfDither (int bits) noexcept
        : lsb (bits > 0 && bits < 32 ? (float) std::ldexp (1.0, -(bits - 1)) : 0.0f) {}

    bool active() const noexcept { return lsb > 0.0f; }

    void apply (float* x, std::int64_t n) noexcept
    {
        if (lsb > 0.0f)
            for (std::int64_t i = 0; i < n; ++i)
                x[i] += (uniform() + uniform()) * lsb;
    }

private:
    float lsb;
    std::uint32_t seed = 0x12345678u;

    float uniform() noexcept
    {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        return (float) seed * (1.0f / 4294967296.0f) - 0.5f;
    }
};
} // namespace loopstage::dsp
