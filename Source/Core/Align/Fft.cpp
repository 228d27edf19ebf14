#include "Align/Fft.h"
#include "Base/Error.h"

#include <fftw3.h>
#include <map>
#include <mutex>
#include <utility>

namespace loopstage::align
{
namespace
{
    std::mutex planLock;

    std::pair<fftwf_plan, fftwf_plan> plansFor (int n)
    {
        static std::map<int, std::pair<fftwf_plan, fftwf_plan>> plans;
        std::lock_guard<std::mutex> lock (planLock);
        auto found = plans.find (n);
        if (found != plans.end())
            return found->second;
        auto* t = fftwf_alloc_real ((size_t) n);
        auto* s = fftwf_alloc_complex ((size_t) n / 2 + 1);
        auto forward = fftwf_plan_dft_r2c_1d (n, t, s, FFTW_ESTIMATE);
        auto inverse = fftwf_plan_dft_c2r_1d (n, s, t, FFTW_ESTIMATE);
        fftwf_free (t);
        fftwf_free (s);
        return plans[n] = { forward, inverse };
    }
} // namespace

RealFft::RealFft (int size) : n (size)
{
    if (size < 2 || size % 2 != 0)
        throw std::invalid_argument ("RealFft: size must be even");
    timeBuffer = fftwf_alloc_real ((size_t) n);
    spectrumBuffer = reinterpret_cast<std::complex<float>*> (fftwf_alloc_complex ((size_t) n / 2 + 1));
    auto [f, i] = plansFor (n);
    forwardPlan = f;
    inversePlan = i;
}

RealFft::~RealFft()
{
    fftwf_free (timeBuffer);
    fftwf_free (spectrumBuffer);
}

void RealFft::forward()
{
    fftwf_execute_dft_r2c ((fftwf_plan) forwardPlan, timeBuffer,
                           reinterpret_cast<fftwf_complex*> (spectrumBuffer));
}

void RealFft::inverse()
{
    fftwf_execute_dft_c2r ((fftwf_plan) inversePlan, reinterpret_cast<fftwf_complex*> (spectrumBuffer),
                           timeBuffer);
}

int fastFftSize (std::int64_t minimum)
{
    std::int64_t best = 1;
    while (best < minimum)
        best *= 2;
    for (std::int64_t p5 = 1; p5 <= best; p5 *= 5)
        for (std::int64_t p3 = p5; p3 <= best; p3 *= 3)
        {
            std::int64_t v = p3;
            while (v < minimum)
                v *= 2;
            if (v < best)
                best = v;
        }
    if (best % 2 != 0)
        best *= 2;
    if (best > (1LL << 30))
        throw InputError ("audio too long to align in one piece");
    return (int) best;
}
} // namespace loopstage::align
