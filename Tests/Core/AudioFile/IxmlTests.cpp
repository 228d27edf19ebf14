// iXML text: our writer, the parser, and iXML as recorders write it.
#include "AudioFile/IxmlChunk.h"
#include "AudioFile/MiniXml.h"
#include "Base/Error.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::audio;

namespace
{
IxmlChunk fullIxml()
{
    IxmlChunk x;
    x.project = "Night & Day <ADR>";
    x.scene = "12A";
    x.take = "3";
    x.tape = "SR004";
    x.circled = true;
    x.note = "line 14 \"quiet\" it's fine";
    IxmlSpeed s;
    s.setFrameRate (timecode::FrameRate::parse ("29.97df"));
    s.masterSpeed = "30000/1001";
    s.currentSpeed = "30000/1001";
    s.fileSampleRate = 48000;
    s.audioBitDepth = 24;
    s.digitizerSampleRate = 48000;
    s.timestampSamplesSinceMidnight = 6ull * 3600 * 192000;
    s.timestampSampleRate = 48000;
    x.speed = s;
    x.tracks = { { 1, 1, "Boom", "M" }, { 2, 2, "Lav Anna", "" } };
    return x;
}
} // namespace

TEST_CASE ("iXML round trips through its text", "[audiofile][ixml]")
{
    const auto x = fullIxml();
    const auto text = toXml (x);
    CHECK_THAT (text, Catch::Contains ("<PROJECT>Night &amp; Day &lt;ADR&gt;</PROJECT>"));
    CHECK_THAT (text, Catch::Contains ("<TIMECODE_RATE>30000/1001</TIMECODE_RATE>"));
    CHECK_THAT (text, Catch::Contains ("<TIMECODE_FLAG>DF</TIMECODE_FLAG>"));
    CHECK_THAT (text, Catch::Contains ("<TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>0</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>"));
    CHECK_THAT (text, Catch::Contains ("<TRACK_COUNT>2</TRACK_COUNT>"));
    CHECK (parseIxml (text) == x);
    CHECK (parseIxml (text).speed->frameRate() == timecode::FrameRate::parse ("29.97df"));
}

TEST_CASE ("iXML leaves out what is not set", "[audiofile][ixml]")
{
    IxmlChunk x;
    x.scene = "1";
    const auto text = toXml (x);
    CHECK_THAT (text, ! Catch::Contains ("<TAKE>"));
    CHECK_THAT (text, ! Catch::Contains ("<SPEED>"));
    CHECK_THAT (text, ! Catch::Contains ("<CIRCLED>"));
    const auto back = parseIxml (text);
    CHECK (back == x);
    CHECK_FALSE (back.circled);
}

TEST_CASE ("iXML as a recorder writes it: padding, comments, attributes, unknown elements", "[audiofile][ixml]")
{
    const std::string foreign =
        "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
        "<!DOCTYPE BWFXML>\r\n"
        "<BWFXML>\r\n"
        "\t<IXML_VERSION>2.10</IXML_VERSION>\r\n"
        "\t<PROJECT>Caf&#233; &#x263A;</PROJECT>\r\n"
        "\t<SCENE> 104 </SCENE>\r\n"
        "\t<TAKE>2</TAKE>\r\n"
        "\t<TAPE>25Y11M29</TAPE>\r\n"
        "\t<CIRCLED>true</CIRCLED>\r\n"
        "\t<!-- recorder state follows -->\r\n"
        "\t<NOTE><![CDATA[wind <gusts>]]></NOTE>\r\n"
        "\t<FILE_UID>ABCDEF</FILE_UID>\r\n"
        "\t<SPEED>\r\n"
        "\t\t<MASTER_SPEED>24000/1001</MASTER_SPEED>\r\n"
        "\t\t<TIMECODE_RATE>24000/1001</TIMECODE_RATE>\r\n"
        "\t\t<TIMECODE_FLAG>NDF</TIMECODE_FLAG>\r\n"
        "\t\t<FILE_SAMPLE_RATE>48048</FILE_SAMPLE_RATE>\r\n"
        "\t\t<TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>1</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_HI>\r\n"
        "\t\t<TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO>5</TIMESTAMP_SAMPLES_SINCE_MIDNIGHT_LO>\r\n"
        "\t</SPEED>\r\n"
        "\t<TRACK_LIST>\r\n"
        "\t\t<TRACK_COUNT>2</TRACK_COUNT>\r\n"
        "\t\t<TRACK><CHANNEL_INDEX>1</CHANNEL_INDEX><INTERLEAVE_INDEX>1</INTERLEAVE_INDEX><NAME>MixL</NAME><FUNCTION>L</FUNCTION></TRACK>\r\n"
        "\t\t<TRACK attr='x'><CHANNEL_INDEX>2</CHANNEL_INDEX><NAME>MixR</NAME></TRACK>\r\n"
        "\t\t<TRACK/>\r\n"
        "\t</TRACK_LIST>\r\n"
        "\t<USER>free text</USER>\r\n"
        "\t<BEXT><BWF_ORIGINATOR>X</BWF_ORIGINATOR></BEXT>\r\n"
        "</BWFXML>\r\n"
        + std::string (400, '\0');   // reserved room, as some recorders leave
    const auto x = parseIxml (foreign);
    CHECK (x.version == "2.10");
    CHECK (x.project == "Caf\xC3\xA9 \xE2\x98\xBA");
    CHECK (x.scene == "104");
    CHECK (x.take == "2");
    CHECK (x.tape == "25Y11M29");
    CHECK (x.circled == true);
    CHECK (x.note == "wind <gusts>");
    REQUIRE (x.speed);
    CHECK (x.speed->frameRate() == timecode::FrameRate::parse ("23.976"));
    CHECK (x.speed->fileSampleRate == 48048);
    CHECK (x.speed->timestampSamplesSinceMidnight == (1ull << 32) + 5);
    REQUIRE (x.tracks.size() == 3);
    CHECK (x.tracks[0] == IxmlTrack { 1, 1, "MixL", "L" });
    CHECK (x.tracks[1] == IxmlTrack { 2, 2, "MixR", "" });   // interleave index defaults to the channel
    CHECK (x.tracks[2].channelIndex == 0);
}

TEST_CASE ("iXML timecode rates map to LoopStage frame rates", "[audiofile][ixml]")
{
    auto rateOf = [] (std::string rate, std::string flag) {
        IxmlSpeed s;
        s.timecodeRate = rate;
        s.timecodeFlag = flag;
        return s.frameRate();
    };
    CHECK (rateOf ("25/1", "NDF") == timecode::FrameRate::parse ("25"));
    CHECK (rateOf ("30000/1001", "DF") == timecode::FrameRate::parse ("29.97df"));
    CHECK (rateOf ("2997/100", "NDF") == timecode::FrameRate::parse ("29.97"));
    CHECK (rateOf ("23.976", "") == timecode::FrameRate::parse ("23.976"));
    CHECK (rateOf ("60000/1001", "df") == timecode::FrameRate::parse ("59.94df"));
    CHECK_FALSE (rateOf ("25/1", "DF"));       // there is no drop-frame 25
    CHECK_FALSE (rateOf ("12/1", "NDF"));
    CHECK_FALSE (rateOf ("", ""));
    CHECK_FALSE (rateOf ("25/0", "NDF"));

    for (const auto& rate : timecode::FrameRate::all())
    {
        IxmlSpeed s;
        s.setFrameRate (rate);
        CHECK (s.frameRate() == rate);
    }
}

TEST_CASE ("malformed iXML is an InputError saying where", "[audiofile][ixml]")
{
    for (std::string bad : { "", "not xml", "<BWFXML><SCENE>1</TAKE></BWFXML>", "<BWFXML><SCENE>1</SCENE>",
                             "<BWFXML>a & b</BWFXML>", "<BWFXML>&bogus;</BWFXML>", "<BWFXML></BWFXML><X/>",
                             "<BWFXML><!-- open </BWFXML>" })
    {
        INFO (bad);
        CHECK_THROWS_AS (parseIxml (bad), InputError);
    }
    CHECK_THROWS_WITH (parseIxml ("<?xml version=\"1.0\"?><RIFF/>"), Catch::Contains ("BWFXML"));
    std::string deep;
    for (int i = 0; i < 100000; ++i)
        deep += "<A>";
    CHECK_THROWS_WITH (parseIxml (deep), Catch::Contains ("nested"));
    CHECK_THROWS_WITH (parseIxml ("<BWFXML><SCENE>1</TAKE></BWFXML>"), Catch::Contains ("byte"));
}

TEST_CASE ("XML escaping covers the five entities and drops control characters", "[audiofile][ixml]")
{
    CHECK (xml::escape ("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f");
    CHECK (xml::escape (std::string ("x\x01y\tz")) == "xy\tz");
    IxmlChunk x;
    x.note = "<&>\"'";
    CHECK (parseIxml (toXml (x)).note == "<&>\"'");
}
