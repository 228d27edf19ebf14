#pragma once
// WAV files made by writers other than libsndfile, for reading metadata "written by another tool".
#include <filesystem>
#include <string>

namespace loopstage::test
{
/** Writes a 48 kHz 16-bit stereo RIFF WAVE of `frames` frames with Python's own byte packing
    (not libsndfile): fmt, a v1 bext with `description` and time reference `timeReference`, an
    iXML chunk holding `ixmlText` (odd lengths get RIFF's pad byte), then data; or, with
    `metadataAfterData` (as many field recorders do), data first and the metadata after it. */
void writeForeignWav (const std::filesystem::path& file, const std::string& description,
                      unsigned long long timeReference, const std::string& ixmlText, int frames = 4800,
                      bool metadataAfterData = false);
} // namespace loopstage::test
