#include "Engine/DiskStreamer.h"

#include <algorithm>
#include <chrono>

namespace loopstage::engine
{
TrackStream::TrackStream (int channels, std::int64_t capacityFrames, bool directRead)
    : numChannels (channels), capacity (directRead ? 0 : capacityFrames), direct (directRead),
      ring (directRead ? 0 : (size_t) (channels * capacityFrames), 0.0f)
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

    if (direct)
    {
        if (playlist == nullptr || failed.load (std::memory_order_relaxed))
            return silence();
        try
        {
            playlist->read (frame, count, dest);
            return true;
        }
        catch (...)
        {
            readError = std::current_exception();
            failed.store (true, std::memory_order_release);
            return silence();
        }
    }
    if (failed.load (std::memory_order_acquire))
        return silence();
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

std::int64_t TrackStream::fill (std::int64_t maxFrames)
{
    const auto wc = writeCount.load (std::memory_order_relaxed);
    const auto rc = readCount.load (std::memory_order_acquire);
    const auto n = std::min (maxFrames, capacity - (wc - rc));
    if (n <= 0)
        return 0;

    // Straight into the ring: one piece up to its end, one from its start.
    const auto index = wc % capacity;
    const auto first = std::min (n, capacity - index);
    auto readInto = [&] (std::int64_t ringIndex, std::int64_t timeline, std::int64_t count)
    {
        if (count <= 0)
            return;
        float* channels[maxStreamChannels];
        for (int c = 0; c < numChannels; ++c)
            channels[c] = ring.data() + (size_t) c * (size_t) capacity + (size_t) ringIndex;
        if (playlist != nullptr)
            playlist->read (timeline, (int) count, channels);
        else
            for (int c = 0; c < numChannels; ++c)
                std::fill (channels[c], channels[c] + count, 0.0f);
    };
    readInto (index, ringStart + wc, first);
    readInto (0, ringStart + wc + first, n - first);
    writeCount.store (wc + n, std::memory_order_release);
    return n;
}

DiskStreamer::DiskStreamer (std::int64_t readAheadFrames) : readAhead (std::max<std::int64_t> (readAheadFrames, 1024)) {}

std::unique_ptr<DiskStreamer> DiskStreamer::direct()
{
    auto streamer = std::make_unique<DiskStreamer> (0);
    streamer->directStreams = true;
    return streamer;
}

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
    auto s = std::make_shared<TrackStream> (channels, readAhead, directStreams);
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
        {
            s.failed.store (false, std::memory_order_release);   // a new playlist gets a new chance
            s.invalidated.store (true, std::memory_order_release);
        }
        if (s.failed.load (std::memory_order_relaxed))
            continue;
        try
        {
            const auto serial = s.seekSerial.load (std::memory_order_acquire);
            if (serial != s.served.load (std::memory_order_relaxed))
            {
                s.restart (s.requestedFrame.load (std::memory_order_relaxed));
                s.fill (s.capacity / 2);
                s.served.store (serial, std::memory_order_release);
                didWork = true;
                continue;
            }
            // Top up in large pieces only: many tiny reads would keep this thread spinning and
            // compete with the audio thread for the cores.
            const auto space = s.capacity - (s.writeCount.load (std::memory_order_relaxed) - s.readCount.load (std::memory_order_acquire));
            if (space >= std::min<std::int64_t> (maxChunk, s.capacity / 4))
                didWork = s.fill (maxChunk) > 0 || didWork;
        }
        catch (...)
        {
            // A file that cannot be read (cut short, unreadable): that track falls silent, the
            // rest plays on, and the error waits for the message thread (readErrorMessage()).
            s.readError = std::current_exception();
            s.failed.store (true, std::memory_order_release);
        }
    }
    return didWork;
}

void DiskStreamer::prepareForBlock()
{
    std::lock_guard<std::mutex> guard (lock);
    for (auto& entry : streams)
        takePlaylist (*entry.second);
}

std::string DiskStreamer::readErrorMessage() const
{
    std::lock_guard<std::mutex> guard (lock);
    for (auto& entry : streams)
        if (entry.second->failed.load (std::memory_order_acquire))
        {
            try
            {
                std::rethrow_exception (entry.second->readError);
            }
            catch (const std::exception& e)
            {
                return e.what();
            }
            catch (...)
            {
                return "a track's file could not be read";
            }
        }
    return {};
}

void DiskStreamer::rethrowReadError()
{
    std::lock_guard<std::mutex> guard (lock);
    for (auto& entry : streams)
        if (entry.second->failed.load (std::memory_order_acquire))
            std::rethrow_exception (entry.second->readError);
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
        s.fill (s.capacity);
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
