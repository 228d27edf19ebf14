#include "AudioFile/IxmlChunk.h"
#include "AudioFile/MiniXml.h"
#include "Base/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace loopstage::audio
{
namespace
{
    std::string upper (std::string s)
    {
        std::transform (s.begin(), s.end(), s.begin(), [] (unsigned char c) { return (char) std::toupper (c); });
        return s;
    }

    template <typename Int>
    std::optional<Int> number (const std::string& text)
    {
        Int v {};
        auto [end, ec] = std::from_chars (text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size())
            return std::nullopt;
        return v;
    }

    // "30000/1001", "25/1", "25" or "29.97" in frames per second.
    std::optional<double> rateValue (const std::string& text)
    {
        const auto slash = text.find ('/');
        if (slash != std::string::npos)
        {
            const auto n = number<std::int64_t> (text.substr (0, slash));
            const auto d = number<std::int64_t> (text.substr (slash + 1));
            if (! n || ! d || *d <= 0)
                return std::nullopt;
            return (double) *n / (double) *d;
        }
        try
        {
            size_t used = 0;
            const double v = std::stod (text, &used);
            return used == text.size() ? std::optional<double> (v) : std::nullopt;
        }
        catch (const std::logic_error&)
        {
            return std::nullopt;
        }
    }

    struct Writer
    {
        std::string out;

        void field (int indent, std::string_view name, const std::string& value)
        {
            if (value.empty())
                return;
            out += std::string ((size_t) indent * 2, ' ') + "<" + std::string (name) + ">" + xml::escape (value) + "</"
                   + std::string (name) + ">\n";
        }

        void open (int indent, std::string_view name) { out += std::string ((size_t) indent * 2, ' ') + "<" + std::string (name) + ">\n"; }
        void close (int indent, std::string_view name) { out += std::string ((size_t) indent * 2, ' ') + "</" + std::string (name) + ">\n"; }
    };

    template <typename T>
    std::string text (const std::optional<T>& v)
    {
        return v ? std::to_string (*v) : std::string();
    }

    IxmlSpeed parseSpeed (const xml::Element& e)
    {
        IxmlSpeed s;
        s.note = e.childText ("NOTE");
        s.masterSpeed = e.childText ("MASTER_SPEED");
        s.currentSpeed = e.childText ("CURRENT_SPEED");
        s.timecodeRate = e.childText ("TIMECODE_RATE");
        s.timecodeFlag = upper (e.childText ("TIMECODE_FLAG"));
        s.fileSampleRate = number<int> (e.childText ("FILE_SAMPLE_RATE"));
        s.audioBitDepth = number<int> (e.childText ("AUDIO_BIT_DEPTH"));
        s.digitizerSampleRate = number<int> (e.childText ("DIGITIZER_SAMPLE_RATE"));
        s.timestampSampleRate = number<int> (e.childText ("TIMESTAMP_SAMPLE_RATE"));
        const auto hi = number<std::uint32_t> (e.childText ("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI"));
        const auto lo = number<std::uint32_t> (e.childText ("TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO"));
        if (lo)
            s.timestampSamplesSinceMidnight = ((std::uint64_t) hi.value_or (0) << 32) | *lo;
        return s;
    }

    IxmlTrack parseTrack (const xml::Element& e)
    {
        IxmlTrack t;
        t.channelIndex = number<int> (e.childText ("CHANNEL_INDEX")).value_or (0);
        t.interleaveIndex = number<int> (e.childText ("INTERLEAVE_INDEX")).value_or (t.channelIndex);
        t.name = e.childText ("NAME");
        t.function = e.childText ("FUNCTION");
        return t;
    }
} // namespace

std::optional<timecode::FrameRate> IxmlSpeed::frameRate() const
{
    const auto fps = rateValue (timecodeRate);
    if (! fps)
        return std::nullopt;
    const bool drop = upper (timecodeFlag) == "DF";
    // Exact rationals first; then within a hair, for tools that write "2997/100" or "29.97".
    for (const double tolerance : { 1e-9, 5e-3 })
        for (const auto& rate : timecode::FrameRate::all())
            if (rate.dropFrame == drop && std::abs (rate.framesPerSecond() - *fps) <= tolerance)
                return rate;
    return std::nullopt;
}

void IxmlSpeed::setFrameRate (const timecode::FrameRate& rate)
{
    timecodeRate = std::to_string (rate.numerator) + "/" + std::to_string (rate.denominator);
    timecodeFlag = rate.dropFrame ? "DF" : "NDF";
}

std::string toXml (const IxmlChunk& ixml)
{
    Writer w;
    w.out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    w.open (0, "BWFXML");
    w.field (1, "IXML_VERSION", ixml.version);
    w.field (1, "PROJECT", ixml.project);
    w.field (1, "SCENE", ixml.scene);
    w.field (1, "TAKE", ixml.take);
    w.field (1, "TAPE", ixml.tape);
    if (ixml.circled)
        w.field (1, "CIRCLED", *ixml.circled ? "TRUE" : "FALSE");
    w.field (1, "NOTE", ixml.note);
    if (ixml.speed)
    {
        const auto& s = *ixml.speed;
        w.open (1, "SPEED");
        w.field (2, "NOTE", s.note);
        w.field (2, "MASTER_SPEED", s.masterSpeed);
        w.field (2, "CURRENT_SPEED", s.currentSpeed);
        w.field (2, "TIMECODE_RATE", s.timecodeRate);
        w.field (2, "TIMECODE_FLAG", s.timecodeFlag);
        w.field (2, "FILE_SAMPLE_RATE", text (s.fileSampleRate));
        w.field (2, "AUDIO_BIT_DEPTH", text (s.audioBitDepth));
        w.field (2, "DIGITIZER_SAMPLE_RATE", text (s.digitizerSampleRate));
        if (s.timestampSamplesSinceMidnight)
        {
            w.field (2, "TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI", std::to_string (*s.timestampSamplesSinceMidnight >> 32));
            w.field (2, "TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO", std::to_string (*s.timestampSamplesSinceMidnight & 0xFFFFFFFFu));
        }
        w.field (2, "TIMESTAMP_SAMPLE_RATE", text (s.timestampSampleRate));
        w.close (1, "SPEED");
    }
    if (! ixml.tracks.empty())
    {
        w.open (1, "TRACK_LIST");
        w.field (2, "TRACK_COUNT", std::to_string (ixml.tracks.size()));
        for (const auto& t : ixml.tracks)
        {
            w.open (2, "TRACK");
            w.field (3, "CHANNEL_INDEX", std::to_string (t.channelIndex));
            w.field (3, "INTERLEAVE_INDEX", std::to_string (t.interleaveIndex));
            w.field (3, "NAME", t.name);
            w.field (3, "FUNCTION", t.function);
            w.close (2, "TRACK");
        }
        w.close (1, "TRACK_LIST");
    }
    w.close (0, "BWFXML");
    return w.out;
}

IxmlChunk parseIxml (std::string_view text)
{
    const auto root = xml::parse (text);
    if (root.name != "BWFXML")
        throw InputError ("iXML root element is <" + root.name + ">, not <BWFXML>");

    IxmlChunk x;
    x.version = root.childText ("IXML_VERSION");
    x.project = root.childText ("PROJECT");
    x.scene = root.childText ("SCENE");
    x.take = root.childText ("TAKE");
    x.tape = root.childText ("TAPE");
    x.note = root.childText ("NOTE");
    const auto circled = upper (root.childText ("CIRCLED"));
    if (circled == "TRUE" || circled == "YES" || circled == "1")
        x.circled = true;
    else if (circled == "FALSE" || circled == "NO" || circled == "0")
        x.circled = false;
    if (const auto* speed = root.child ("SPEED"))
        x.speed = parseSpeed (*speed);
    if (const auto* list = root.child ("TRACK_LIST"))
        for (const auto& t : list->children)
            if (t.name == "TRACK")
                x.tracks.push_back (parseTrack (t));
    return x;
}
} // namespace loopstage::audio
