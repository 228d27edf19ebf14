#pragma once
/** Moving bext and iXML chunks in and out of libsndfile handles (module-internal).

    Both go through libsndfile's raw chunk API (sf_set_chunk / sf_get_chunk_iterator), not
    SFC_SET_BROADCAST_INFO: that call appends its own coding-history line, so a file would not
    read back as written and every re-save would grow the history.
*/
#include "AudioFile/BextChunk.h"
#include "AudioFile/IxmlChunk.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

struct sf_private_tag;

namespace loopstage::audio::detail
{
/** Metadata found in a file. A malformed chunk does not make the audio unreadable: it is left
    out and described in `warnings`. */
struct FileMetadata
{
    std::optional<BextChunk> bext;
    std::optional<IxmlChunk> ixml;
    std::string ixmlText;               ///< the iXML chunk as stored (trailing padding removed)
    std::vector<std::string> warnings;
};

FileMetadata readChunks (sf_private_tag* file);

/** Adds the chunks to a file opened for writing, before any audio; throws InputError naming
    `target` when libsndfile refuses them. */
void writeChunks (sf_private_tag* file, const std::filesystem::path& target, const std::optional<BextChunk>& bext,
                  const std::optional<IxmlChunk>& ixml);
} // namespace loopstage::audio::detail
