#include "Engine/DiskStreamer.h"

#include <algorithm>
#include <chrono>

namespace loopstage::engine
{
TrackStream::TrackStream (int channels, std::int64_t capacityFrames)
    : numChannels (channels), capacity (capacityFrames), ring ((size_t) (channels * capacityFrames), 0.0f)
{
}

void TrackStream::requestSeek (std::int64_t frame) noexcept
{
    requestedFrame.store (frame, std::memory_order_relaxed);
    seekSerial.store (seekSerial.load (std::memory_order_relaxed) + 1, std::memory_order_release);
    settling = true;
}

bool TrackStream::read (std::int64_t frame, int count, float* const* dest) noexcept
{
    auto silence = [&]
    {
        for (int c = 0; c < numChannels; ++c)
            std::fill (dest[c], dest[c] + count, 0.0f);
        return false;
    };

    if (invalidated.exchange (false, std::memory_order_acq_rel))
    {
        requestSeek (frame + count);
        return silence();
    }
    if (served.load (std::memory_order_acquire) != seekSerial.load (std::memory_order_relaxed))
        return silence();

    auto rc = readCount.load (std::memory_order_relaxed);
    const auto wc = writeCount.load (std::memory_order_acquire);
    const auto offset = frame - (ringStart + rc);
    if (offset < 0 || offset + count > wc - rc)
    {
        if (offset == 0 && ! settling)
            underrunCount.fetch_add (1, std::memory_order_relaxed);
        requestSeek (frame + count);
        return silence();
    }

    rc += offset;
    const auto index = rc % capacity;
    const auto first = std::min<std::int64_t> (count, capacity - index);
    for (int c = 0; c < numChannels; ++c)
    {
        const float* channel = ring.data() + (size_t) c * (size_t) capacity;
        std::copy (channel + index, channel + index + first, dest[c]);
        std::copy (channel, channel + (count - first), dest[c] + first);
    }
    readCount.store (rc + count, std::memory_order_release);
    settling = false;
    return true;
}

void TrackStream::restart (std::int64_t frame)
{
    readCount.store (0, std::memory_order_relaxed);
    writeCount.store (0, std::memory_order_relaxed);
    ringStart = frame;
}

std::int64_t TrackStream::fill (std::int64_t maxFrames, std::vector<float>& scratch)
{
    const auto wc = writeCount.load (std::memory_order_relaxed);
    const auto rc = readCount.load (std::memory_order_acquire);
    const auto n = std::min (maxFrames, capacity - (wc - rc));
    if (n <= 0)
        return 0;

    if ((std::int64_t) scratch.size() < n * numChannels)
        scratch.resize ((size_t) (n * numChannels));
    float* channels[maxStreamChannels];
    for (int c = 0; c < numChannels; ++c)
        channels[c] = scratch.data() + (size_t) c * (size_t) n;
    if (playlist != nullptr)
        playlist->read (ringStart + wc, (int) n, channels);
    else
        std::fill (scratch.begin(), scratch.begin() + n * numChannels, 0.0f);

    const auto index = wc % capacity;
    const auto first = std::min (n, capacity - index);
    for (int c = 0; c < numChannels; ++c)
    {
        float* channel = ring.data() + (size_t) c * (size_t) capacity;
        std::copy (channels[c], channels[c] + first, channel + index);
        std::copy (channels[c] + first, channels[c] + n, channel);
    }
    writeCount.store (wc + n, std::memory_order_release);
    return n;
}

DiskStreamer::DiskStreamer (std::int64_t readAheadFrames) : readAhead (std::max<std::int64_t> (readAheadFrames, 1024)) {}

DiskStreamer::~DiskStreamer()
{
    stop();
}

std::shared_ptr<TrackStream> DiskStreamer::stream (const std::string& trackId, int channels)
{
    std::lock_guard<std::mutex> guard (lock);
    const auto key = trackId + "#" + std::to_string (channels);
    for (auto& [id, s] : streams)
        if (id == key)
            return s;
    auto s = std::make_shared<TrackStream> (channels, readAhead);
    streams.emplace_back (key, s);
    return s;
}

void DiskStreamer::setPlaylist (TrackStream& s, std::shared_ptr<Playlist> playlist)
{
    std::lock_guard<std::mutex> guard (lock);
    s.pendingPlaylist = std::move (playlist);
    s.playlistChanged = true;
}

bool DiskStreamer::takePlaylist (TrackStream& s)
{
    if (! s.playlistChanged)
        return false;
    s.playlist = std::move (s.pendingPlaylist);
    s.pendingPlaylist.reset();
    s.playlistChanged = false;
    return true;
}

void DiskStreamer::start()
{
    if (running.exchange (true))
        return;
    thread = std::thread ([this] { run(); });
}

void DiskStreamer::stop()
{
    if (! running.exchange (false))
        return;
    if (thread.joinable())
        thread.join();
}

void DiskStreamer::run()
{
    while (running.load (std::memory_order_relaxed))
        if (! service (8192))
            std::this_thread::sleep_for (std::chrono::milliseconds (2));
}

bool DiskStreamer::service (std::int64_t maxChunk)
{
    std::lock_guard<std::mutex> guard (lock);
    bool didWork = false;
    for (auto& entry : streams)
    {
        auto& s = *entry.second;
        if (takePlaylist (s))
            s.invalidated.store (true, std::memory_order_release);
        const auto serial = s.seekSerial.load (std::memory_order_acquire);
        if (serial != s.served.load (std::memory_order_relaxed))
        {
            s.restart (s.requestedFrame.load (std::memory_order_relaxed));
            s.fill (s.capacity / 2, scratch);
            s.served.store (serial, std::memory_order_release);
            didWork = true;
            continue;
        }
        didWork = s.fill (maxChunk, scratch) > 0 || didWork;
    }
    return didWork;
}

void DiskStreamer::prepareFor (std::int64_t frame, int count)
{
    std::lock_guard<std::mutex> guard (lock);
    for (auto& entry : streams)
    {
        auto& s = *entry.second;
        const bool changed = takePlaylist (s);
        const auto start = s.ringStart + s.readCount.load (std::memory_order_relaxed);
        const auto end = s.ringStart + s.writeCount.load (std::memory_order_relaxed);
        const bool inSync = s.served.load() == s.seekSerial.load() && ! s.invalidated.load();
        if (changed || ! inSync || frame < start || frame > end)
        {
            const auto serial = s.seekSerial.load() + 1;
            s.restart (frame);
            s.seekSerial.store (serial);
            s.served.store (serial);
            s.invalidated.store (false);
            s.settling = false;
        }
        while (s.ringStart + s.writeCount.load (std::memory_order_relaxed) < frame + count)
            if (s.fill (s.capacity, scratch) == 0)
                break;
    }
}

void DiskStreamer::preroll (std::int64_t frame)
{
    std::lock_guard<std::mutex> guard (lock);
    for (auto& entry : streams)
    {
        auto& s = *entry.second;
        takePlaylist (s);
        const auto serial = s.seekSerial.load() + 1;
        s.restart (frame);
        s.fill (s.capacity, scratch);
        s.seekSerial.store (serial);
        s.served.store (serial, std::memory_order_release);
        s.invalidated.store (false);
        s.settling = false;
    }
}

std::uint64_t DiskStreamer::underruns() const
{
    std::lock_guard<std::mutex> guard (lock);
    std::uint64_t total = 0;
    for (auto& entry : streams)
        total += entry.second->underruns();
    return total;
}
} // namespace loopstage::engine
