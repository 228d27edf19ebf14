#include "Engine/PanLaw.h"

#include <algorithm>
#include <cmath>

namespace loopstage::engine
{
namespace
{
    constexpr double quarterPi = 0.78539816339744830962;
    constexpr double minus3dB = 0.70710678118654752440;

    /** Constant-power pair for x in -1..1: (cos, sin) of (x + 1) * pi / 4. */
    void powerPair (double x, double& a, double& b) noexcept
    {
        const double theta = (std::clamp (x, -1.0, 1.0) + 1.0) * quarterPi;
        a = std::cos (theta);
        b = std::sin (theta);
    }

    void balance (double pan, double& l, double& r) noexcept
    {
        if (pan == 0.0)
        {
            l = r = 1.0;
            return;
        }
        powerPair (pan, l, r);
        l = std::min (1.0, l / minus3dB);
        r = std::min (1.0, r / minus3dB);
    }

    /** The matrix from `sources` to stereo (before balance), as [2][sources]. */
    void toStereo (int sources, double m[2][maxChannels]) noexcept
    {
        for (int d = 0; d < 2; ++d)
            for (int s = 0; s < maxChannels; ++s)
                m[d][s] = 0.0;
        if (sources == 1)
        {
            m[0][0] = m[1][0] = minus3dB;
        }
        else if (sources == 2)
        {
            m[0][0] = m[1][1] = 1.0;
        }
        else
        {
            m[0][0] = 1.0;
            m[1][1] = 1.0;
            m[0][2] = m[1][2] = minus3dB;
            m[0][4] = m[1][5] = minus3dB;
        }
    }
} // namespace

bool panMatters (int sourceChannels, int destinationChannels) noexcept
{
    return destinationChannels > 1;
}

PanMatrix panMatrix (int sources, int destinations, double pan, double frontBack) noexcept
{
    PanMatrix p;
    p.sources = sources;
    p.destinations = destinations;
    if (sources == destinations && (pan == 0.0 || sources != 2) && (sources != 1 || destinations == 1))
    {
        p.identity = true;
        for (int c = 0; c < sources; ++c)
            p.gain[c][c] = 1.0f;
        return p;
    }

    if (destinations == 1)
    {
        double m[2][maxChannels];
        toStereo (sources, m);
        for (int s = 0; s < sources; ++s)
            p.gain[0][s] = (float) (sources == 1 ? 1.0 : 0.5 * (m[0][s] + m[1][s]));
        return p;
    }

    if (destinations == 2)
    {
        if (sources == 1)
        {
            double l, r;
            powerPair (pan, l, r);
            p.gain[0][0] = (float) l;
            p.gain[1][0] = (float) r;
            return p;
        }
        double m[2][maxChannels];
        toStereo (sources, m);
        double l, r;
        balance (pan, l, r);
        for (int s = 0; s < sources; ++s)
        {
            p.gain[0][s] = (float) (m[0][s] * l);
            p.gain[1][s] = (float) (m[1][s] * r);
        }
        return p;
    }

    // 5.1 destination.
    if (sources == 1)
    {
        const double x = std::clamp (pan, -1.0, 1.0);
        double front, rear;
        powerPair (-std::clamp (frontBack, -1.0, 1.0), front, rear);
        double a, b;
        if (x <= 0.0)
        {
            powerPair (2.0 * x + 1.0, a, b);   // L .. C
            p.gain[0][0] = (float) (front * a);
            p.gain[2][0] = (float) (front * b);
        }
        else
        {
            powerPair (2.0 * x - 1.0, a, b);   // C .. R
            p.gain[2][0] = (float) (front * a);
            p.gain[1][0] = (float) (front * b);
        }
        powerPair (x, a, b);                   // Ls .. Rs
        p.gain[4][0] = (float) (rear * a);
        p.gain[5][0] = (float) (rear * b);
        return p;
    }
    if (sources == 2)
    {
        double l, r;
        balance (pan, l, r);
        p.gain[0][0] = (float) l;
        p.gain[1][1] = (float) r;
        return p;
    }
    for (int c = 0; c < std::min (sources, destinations); ++c)
        p.gain[c][c] = 1.0f;
    return p;
}
} // namespace loopstage::engine
