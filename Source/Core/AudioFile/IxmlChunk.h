#pragma once
/** The production-sound `iXML` chunk (www.gallery.co.uk/ixml) as a value type.

    The fields location recorders write and post-production reads: PROJECT, SCENE, TAKE, TAPE,
    CIRCLED, NOTE, SPEED (timecode rate and flag, sample rates, TIMESTAMP_SAMPLES_SINCE_MIDNIGHT)
    and TRACK_LIST (per channel: index, name, function). Other elements written by recorders
    (USER, BEXT, HISTORY, LOCATION, ...) are read past; they are not kept, so rewriting a file's
    iXML through this type drops them.

    iXML timecode rates are rationals ("30000/1001") with a flag "DF"/"NDF"; here they become a
    timecode::FrameRate when they are one LoopStage knows, and are otherwise kept only as text.
*/
#include "Timecode/FrameRate.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loopstage::audio
{
struct IxmlTrack
{
    int channelIndex = 1;       ///< 1-based channel of the file this track is
    int interleaveIndex = 1;    ///< 1-based position in the interleaved data (usually the same)
    std::string name;           ///< "Boom", "Lav 1 Anna"
    std::string function;       ///< e.g. "L", "R", "M", "S", "X", "Y" (free text in practice)

    bool operator== (const IxmlTrack&) const = default;
};

struct IxmlSpeed
{
    std::string note;
    std::string masterSpeed;                    ///< as written, e.g. "24000/1001"
    std::string currentSpeed;
    std::string timecodeRate;                   ///< as written, e.g. "25/1" or "30000/1001"
    std::string timecodeFlag;                   ///< "DF" or "NDF"
    std::optional<int> fileSampleRate;          ///< Hz
    std::optional<int> audioBitDepth;
    std::optional<int> digitizerSampleRate;     ///< Hz, before any pull-up/down
    std::optional<std::uint64_t> timestampSamplesSinceMidnight;
    std::optional<int> timestampSampleRate;     ///< Hz the timestamp counts at

    /** The timecode rate as a LoopStage frame rate, when it is one of FrameRate::all(). */
    std::optional<timecode::FrameRate> frameRate() const;
    /** Sets timecodeRate ("num/den") and timecodeFlag from a frame rate. */
    void setFrameRate (const timecode::FrameRate& rate);

    bool operator== (const IxmlSpeed&) const = default;
};

struct IxmlChunk
{
    std::string version = "1.61";   ///< IXML_VERSION
    std::string project;
    std::string scene;
    std::string take;
    std::string tape;               ///< the recorder's roll / sound roll
    std::optional<bool> circled;    ///< a take the director asked to print
    std::string note;
    std::optional<IxmlSpeed> speed;
    std::vector<IxmlTrack> tracks;

    bool operator== (const IxmlChunk&) const = default;
};

/** The chunk as iXML text (UTF-8, entities escaped; empty fields are left out). */
std::string toXml (const IxmlChunk& ixml);

/** Parses iXML text as recorders write it (padding, comments, unknown elements, a
    lower-case or upper-case TRUE/FALSE). Throws InputError (no file name) when the text is not
    well-formed XML or its root is not BWFXML; a number field that is not a number is dropped. */
IxmlChunk parseIxml (std::string_view text);
} // namespace loopstage::audio
