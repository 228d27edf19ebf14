#pragma once
/** Real FFTs through FFTW (single precision), one instance per size.

    FFTW's planner is not thread-safe, so plans are made once per size under a lock and shared;
    each instance owns aligned buffers and runs the shared plan on them (fftw's new-array
    execute, which is thread-safe). FFTW_ESTIMATE: measuring would cost more at start-up than
    an alignment takes.
*/
#include <complex>
#include <cstdint>

namespace loopstage::align
{
class RealFft
{
public:
    explicit RealFft (int size);
    ~RealFft();
    RealFft (const RealFft&) = delete;
    RealFft& operator= (const RealFft&) = delete;

    int size() const noexcept { return n; }
    int bins() const noexcept { return n / 2 + 1; }
    float* time() noexcept { return timeBuffer; }
    std::complex<float>* spectrum() noexcept { return spectrumBuffer; }

    /** time() -> spectrum(). */
    void forward();
    /** spectrum() -> time(), not normalised (scaled by size()); spectrum() is destroyed. */
    void inverse();

private:
    int n;
    float* timeBuffer = nullptr;
    std::complex<float>* spectrumBuffer = nullptr;
    void* forwardPlan = nullptr;
    void* inversePlan = nullptr;
};

/** The smallest size >= minimum that FFTW transforms fast (factors 2, 3, 5 only). */
int fastFftSize (std::int64_t minimum);
} // namespace loopstage::align
