#pragma once
/** Pan laws: the gain matrix from a strip's channels to its destination's channels.

    Layouts: 1 mono, 2 stereo (L R), 6 5.1 in SMPTE/ITU order (L R C LFE Ls Rs).

    - mono -> stereo: constant power, -3 dB at centre: theta = (pan + 1) * pi / 4,
      L = cos theta, R = sin theta (centre 0.7071 each; L^2 + R^2 = 1 everywhere).
    - stereo -> stereo: balance, unity at centre: L' = L * min (1, sqrt 2 * cos theta),
      R' = R * min (1, sqrt 2 * sin theta); hard left keeps L at unity and silences R.
    - mono -> 5.1: constant power in both directions. Across (pan x): pairwise L-C-R in front
      (x in -1..0 between L and C, 0..1 between C and R, each pair with the -3 dB law above) and
      Ls-Rs at the rear. Front/back (y, +1 front .. -1 rear): front row weight cos phi, rear row
      sin phi, phi = (1 - y) * pi / 4 (y = 0 is -3 dB to each row). LFE gets nothing from the panner.
    - stereo -> 5.1: L -> L, R -> R with the stereo balance above (front only).
    - 5.1 -> 5.1 and any N -> N with pan 0: identity (bit-exact copy).
    - 5.1 -> stereo: ITU-R BS.775 downmix, L' = L + 0.7071 C + 0.7071 Ls, R' = R + 0.7071 C
      + 0.7071 Rs, LFE dropped; then the balance.
    - anything -> mono: the stereo (or downmixed) pair summed at 0.5 each.
*/
namespace loopstage::engine
{
constexpr int maxChannels = 6;

struct PanMatrix
{
    int sources = 1, destinations = 1;
    bool identity = false;
    float gain[maxChannels][maxChannels] {};   ///< [destination][source]
};

/** Not realtime-critical but allocation free. @realtime */
PanMatrix panMatrix (int sourceChannels, int destinationChannels, double pan, double frontBack) noexcept;

/** True when a pan value changes this layout pair's matrix (mono -> mono does not). */
bool panMatters (int sourceChannels, int destinationChannels) noexcept;
} // namespace loopstage::engine
