#include "AudioFile/ChunkIo.h"
#include "Base/Error.h"

#include <algorithm>
#include <cstring>
#include <sndfile.h>

namespace loopstage::audio::detail
{
namespace
{
    /** The data of the first chunk called `id`, or nothing. */
    std::optional<std::vector<char>> rawChunk (SNDFILE* file, const char* id)
    {
        SF_CHUNK_INFO query {};
        std::strncpy (query.id, id, sizeof (query.id) - 1);
        query.id_size = (unsigned) std::strlen (id);
        auto* it = sf_get_chunk_iterator (file, &query);
        if (it == nullptr)
            return std::nullopt;
        SF_CHUNK_INFO info {};
        if (sf_get_chunk_size (it, &info) != SF_ERR_NO_ERROR)
            return std::nullopt;
        // A size past what any metadata chunk needs is a damaged header, not a real chunk.
        if (info.datalen > (1u << 24))
            return std::nullopt;
        std::vector<char> data (info.datalen);
        info.data = data.data();
        if (info.datalen > 0 && sf_get_chunk_data (it, &info) != SF_ERR_NO_ERROR)
            return std::nullopt;
        data.resize (info.datalen);
        return data;
    }

    std::string withoutPadding (const std::vector<char>& data)
    {
        // Recorders reserve room for later edits with trailing NULs or spaces.
        auto end = data.size();
        while (end > 0 && (data[end - 1] == '\0' || data[end - 1] == ' ' || data[end - 1] == '\n' || data[end - 1] == '\r'))
            --end;
        return std::string (data.data(), end);
    }

    template <typename Info>
    BextChunk fromLibsndfile (const Info& info)
    {
        // Field by field: the struct is padded, so its bytes are not the chunk's.
        auto text = [] (const char* p, size_t width) { return std::string (p, strnlen (p, width)); };
        BextChunk b;
        b.description = text (info.description, sizeof (info.description));
        b.originator = text (info.originator, sizeof (info.originator));
        b.originatorReference = text (info.originator_reference, sizeof (info.originator_reference));
        b.originationDate = text (info.origination_date, sizeof (info.origination_date));
        b.originationTime = text (info.origination_time, sizeof (info.origination_time));
        b.timeReference = (std::uint64_t) info.time_reference_low | ((std::uint64_t) info.time_reference_high << 32);
        b.version = info.version;
        std::memcpy (b.umid.data(), info.umid, 64);
        if (b.version >= 2)
        {
            auto loud = [] (std::int16_t v) { return v == 0x7FFF ? std::optional<double>() : std::optional<double> (v / 100.0); };
            b.loudnessValue = loud (info.loudness_value);
            b.loudnessRange = loud (info.loudness_range);
            b.maxTruePeakLevel = loud (info.max_true_peak_level);
            b.maxMomentaryLoudness = loud (info.max_momentary_loudness);
            b.maxShortTermLoudness = loud (info.max_shortterm_loudness);
        }
        b.codingHistory = text (info.coding_history, std::min<size_t> (info.coding_history_size, sizeof (info.coding_history)));
        return b;
    }

    void setChunk (SNDFILE* file, const std::filesystem::path& target, const char* id, const std::vector<char>& data)
    {
        SF_CHUNK_INFO chunk {};
        std::strncpy (chunk.id, id, sizeof (chunk.id) - 1);
        chunk.id_size = 4;
        chunk.datalen = (unsigned) data.size();
        chunk.data = const_cast<char*> (data.data());
        if (sf_set_chunk (file, &chunk) != SF_ERR_NO_ERROR)
            throwFileError (target, std::string ("cannot add the ") + id + " chunk: " + sf_strerror (file));
    }
} // namespace

FileMetadata readChunks (SNDFILE* file)
{
    FileMetadata m;
    if (const auto bext = rawChunk (file, "bext"))
    {
        try
        {
            m.bext = parseBext (bext->data(), bext->size());
        }
        catch (const InputError& e)
        {
            m.warnings.push_back (e.what());
        }
    }
    else
    {
        // Some layouts only reach us through libsndfile's own parser.
        SF_BROADCAST_INFO_VAR (16384) info {};
        if (sf_command (file, SFC_GET_BROADCAST_INFO, &info, sizeof (info)) == SF_TRUE)
            m.bext = fromLibsndfile (info);
    }

    if (const auto ixml = rawChunk (file, "iXML"))
    {
        m.ixmlText = withoutPadding (*ixml);
        try
        {
            m.ixml = parseIxml (m.ixmlText);
        }
        catch (const InputError& e)
        {
            m.warnings.push_back (std::string ("iXML chunk ignored: ") + e.what());
        }
    }
    return m;
}

void writeChunks (SNDFILE* file, const std::filesystem::path& target, const std::optional<BextChunk>& bext,
                  const std::optional<IxmlChunk>& ixml)
{
    if (bext)
        setChunk (file, target, "bext", serialiseBext (*bext));
    if (ixml)
    {
        const auto text = toXml (*ixml);
        setChunk (file, target, "iXML", std::vector<char> (text.begin(), text.end()));
    }
}
} // namespace loopstage::audio::detail
