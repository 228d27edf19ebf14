#include "Session/RegionFromFile.h"
#include "AudioFile/AudioFileReader.h"
#include "Base/Error.h"
#include "Base/Format.h"
#include "Session/SessionLookup.h"

namespace loopstage::session
{
Region regionFromFile (const SessionDocument& document, Region r, std::optional<double> length)
{
    const auto& s = document.session();
    r.track = requireTrack (document, r.track).id;
    r.file = std::filesystem::absolute (r.file).lexically_normal();
    const auto info = audio::probeAudio (r.file);   // InputError naming the audio file
    r.sourceSampleRate = info.sampleRate;
    r.sourceChannels = info.channels;
    if (r.position < 0)
        throwFileError (document.file(), "the region would start before the session's start timecode");

    const double available = info.durationSeconds() - r.sourceOffset;
    if (r.sourceOffset < 0 || available <= 0)
        throwFileError (r.file, "offset " + fixed (r.sourceOffset, 3) + " s is outside the file (" + fixed (info.durationSeconds(), 3) + " s long)");
    r.length = length.value_or (available);
    if (r.length > available + 1e-9)
        throwFileError (r.file, "length " + fixed (r.length, 3) + " s runs past the end of the file (" + fixed (available, 3) + " s after the offset)");
    if (r.id.empty())
        r.id = s.nextId ("region");
    return r;
}
} // namespace loopstage::session
