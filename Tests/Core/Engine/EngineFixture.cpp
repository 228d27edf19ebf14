#include "EngineFixture.h"

#include <cmath>

namespace loopstage::test
{
engine::RenderOptions renderOptions (const TestSetup& setup)
{
    engine::RenderOptions o;
    o.blockSize = setup.blockSize;
    o.blockPattern = setup.randomBlocks;
    return o;
}

engine::PlanBus stem (const std::string& id, int channels)
{
    engine::PlanBus b;
    b.id = id;
    b.name = id;
    b.channels = channels;
    b.isStem = true;
    b.output = "master";
    return b;
}

engine::PlanTrack monoTrack (const std::string& id, const std::filesystem::path& file, std::int64_t length,
                             const std::string& output)
{
    engine::PlanTrack t;
    t.id = id;
    t.channels = 1;
    t.output = output;
    t.regions.push_back ({ .file = file, .position = 0, .sourceStart = 0, .length = length });
    return t;
}

engine::MixPlan richPlan (const TempDir& dir, int tracks, double seconds, double sampleRate)
{
    using namespace engine;
    MixPlan plan;
    plan.sampleRate = sampleRate;
    const auto length = (std::int64_t) (seconds * plan.sampleRate);
    plan.length = length;
    plan.master.gainDb = -1.0;

    const SourceFormat format { .sampleRate = sampleRate };
    const auto mono = makeSource (dir, "mono", 1, seconds, "pinknoise", 0.1, format);
    const auto tone = makeSource (dir, "tone", 1, seconds, "sine 330", 0.1, format);
    const auto stereo = makeSource (dir, "stereo", 2, seconds, "brownnoise", 0.1, format);
    const auto surround = makeSource (dir, "surround", 6, seconds, "whitenoise", 0.05, format);

    for (int t = 0; t < std::max (tracks, 6); ++t)
    {
        PlanTrack track;
        track.id = "t" + std::to_string (t);
        track.name = "Track " + std::to_string (t);
        const int kind = t % 6;
        track.channels = kind == 2 || kind == 3 ? 2 : (kind == 4 ? 6 : 1);
        const auto& file = kind == 2 || kind == 3 ? stereo : (kind == 4 ? surround : (kind == 1 ? tone : mono));
        track.output = kind <= 1 ? "DX" : (kind == 2 || kind == 5 ? "FX" : "MX");
        const auto offset = (std::int64_t) (t * 977) % (length / 4);

        PlanRegion r;
        r.file = file;
        r.position = offset;
        r.sourceStart = 100 + t;
        r.length = length / 2;
        r.fadeIn = 4800;
        r.fadeOut = 2400;
        r.gainDb = -0.5 * (t % 4);
        track.regions.push_back (r);
        // A second region overlapping the first: a crossfade.
        PlanRegion r2 = r;
        r2.position = offset + length / 2 - 4800;
        r2.sourceStart = 5000;
        r2.length = length / 3;
        r2.fadeIn = 4800;
        r2.fadeInShape = FadeShape::equalPower;
        track.regions.push_back (r2);

        track.gainDb = -2.0 - t % 3;
        track.pan = -0.8 + 0.3 * (t % 7);
        switch (kind)
        {
            case 0:
                track.gainAutomation.points = { { 1000, -6.0 }, { 30000 + t, 0.0 }, { 60000, 0.0 }, { 60000, -12.0 }, { length - 5000, -3.0 } };
                break;
            case 1:
                track.inserts.push_back ({ .id = "lookahead", .kind = PlanInsert::Kind::delay, .samples = 64 + t });
                track.panAutomation.points = { { 0, -1.0 }, { length / 2, 1.0 }, { length, 0.0 } };
                break;
            case 2:
                track.muteAutomation.points = { { 10007, 1.0 }, { 10007, 1.0 }, { 20011, 0.0 } };
                track.sends.push_back ({ .bus = "verb", .gainDb = -3.0, .preFader = true });
                break;
            case 3:
                track.sends.push_back ({ .bus = "verb", .gainDb = -6.0, .preFader = false });
                track.inserts.push_back ({ .id = "eq", .kind = PlanInsert::Kind::eq,
                                           .bands = { { dsp::EqBand::Type::highPass, 80.0, 0.0, 0.7071 },
                                                      { dsp::EqBand::Type::peak, 2500.0, 3.0, 1.2 } } });
                track.inserts.push_back ({ .id = "comp", .kind = PlanInsert::Kind::compressor,
                                           .compressor = { .thresholdDb = -30.0, .ratio = 3.0 } });
                break;
            case 5:
                track.polarityInvert = true;
                track.inserts.push_back ({ .id = "trim", .kind = PlanInsert::Kind::trim, .gainDb = 1.5 });
                break;
            default:
                break;
        }
        plan.tracks.push_back (track);
    }

    PlanBus verb;
    verb.id = "verb";
    verb.name = "Verb";
    verb.channels = 2;
    verb.output = "FX";
    verb.inserts.push_back ({ .id = "predelay", .kind = PlanInsert::Kind::delay, .samples = 480 });
    verb.inserts.push_back ({ .id = "trim", .kind = PlanInsert::Kind::trim, .gainDb = -2.0 });
    plan.buses.push_back (verb);
    plan.buses.push_back (stem ("DX"));
    plan.buses.push_back (stem ("FX"));
    plan.buses.push_back (stem ("MX"));
    return plan;
}
} // namespace loopstage::test
