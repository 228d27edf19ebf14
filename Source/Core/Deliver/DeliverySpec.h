#pragma once
/** Delivery specifications: the loudness targets and limits a mix is delivered against.

    | spec           | target            | tolerance | ceiling  | also                          |
    |----------------|-------------------|-----------|----------|-------------------------------|
    | ebu-r128       | -23 LUFS          | ±0.5 LU   | -1 dBTP  |                               |
    | atsc-a85       | -24 LKFS          | ±2 LU     | -2 dBTP  | 48 kHz                        |
    | netflix        | -27 LKFS dialogue | ±2 LU     | -2 dBTP  | programme -24 when speech < 15 %, LRA 4-18 LU, 48 kHz 24-bit |
    | apple-podcasts | -16 LUFS          | ±1 LU     | -1 dBTP  |                               |
    | spotify        | -14 LUFS          | ±1 LU     | -1 dBTP  |                               |
*/
#include <optional>
#include <string>
#include <vector>

namespace loopstage::deliver
{
enum class Measure
{
    programme,   ///< integrated loudness of everything (BS.1770-4)
    dialogue     ///< loudness over speech only, programme loudness when speech is scarce
};

struct DeliverySpec
{
    std::string name;
    double targetLufs = -23.0;
    double toleranceLu = 0.5;
    double ceilingDbtp = -1.0;
    Measure measure = Measure::programme;
    /** Dialogue specs: below this share of speech, programme loudness at fallbackTargetLufs. */
    double minSpeechPercent = 15.0;
    double fallbackTargetLufs = -24.0;
    std::optional<double> lraMinLu, lraMaxLu;
    std::optional<double> sampleRate;
    std::optional<int> bitDepth;
};

/** The spec called `name`; throws InputError listing the known ones otherwise. */
DeliverySpec findSpec (const std::string& name);

/** "ebu-r128, atsc-a85, ..." for help texts. */
/** Every built-in spec, in the order specNames() lists them. */
std::vector<DeliverySpec> allSpecs();
std::string specNames();
} // namespace loopstage::deliver
