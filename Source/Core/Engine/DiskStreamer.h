#pragma once
/** Read-ahead from disk: the audio thread never touches a file.

    Each track has a TrackStream: a single-producer single-consumer ring of its playlist's mixed
    audio (regions, fades and region gain already applied, as Ardour's butler does). A disk
    thread (the butler) keeps every ring full; the audio thread copies out of it wait-free. When
    the audio thread asks for a position the ring does not hold (a locate, an underrun), it
    posts a seek and plays silence for that track until the butler has refilled from there.
    An edit to a track's regions swaps its playlist on the disk thread and refills from the
    play position (that track drops out for one refill during playback).

    Ring positions are monotonic counts published with release/acquire; the seek handshake is a
    serial the audio thread bumps and the butler echoes once the ring restarts at the new frame.

    Offline renders use direct streams instead: no ring, no disk thread; read() decodes the
    playlist straight into the graph's buffer on whichever thread processes the track. A ring
    there would only add a pass over every sample through memory (the render waits for the
    files anyway), and the graph's worker pool already reads the tracks in parallel.
*/
#include <exception>
#include "Engine/Playlist.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace loopstage::engine
{
constexpr int maxStreamChannels = 8;

class TrackStream
{
public:
    /** A ring of `capacityFrames`, or with `direct` none: read() decodes the playlist itself. */
    TrackStream (int channels, std::int64_t capacityFrames, bool direct = false);

    int channels() const noexcept { return numChannels; }

    /** Audio thread: copies the timeline [frame, frame + count) into dest[c], or silence (and a
        seek request) when the ring does not hold it. Returns false when it played silence
        because data was missing. @realtime for a ring stream; a direct stream reads the file
        here (offline only), and on a read error plays silence and keeps the error for
        DiskStreamer::rethrowReadError(). */
    bool read (std::int64_t frame, int count, float* const* dest) noexcept;

    /** Times read() found the ring short of data it should have had. */
    std::uint64_t underruns() const noexcept { return underrunCount.load (std::memory_order_relaxed); }

private:
    friend class DiskStreamer;
    int numChannels;
    std::int64_t capacity;
    bool direct;
    std::exception_ptr readError;              ///< the read error, published by `failed`
    std::atomic<bool> failed { false };        ///< reading failed: the track plays silence
    std::vector<float> ring;                   ///< channel-major, `capacity` frames each
    std::atomic<std::int64_t> writeCount { 0 }, readCount { 0 };
    std::int64_t ringStart = 0;                ///< timeline frame of count 0 (butler-written before `served`)
    std::atomic<std::uint32_t> seekSerial { 0 }, served { 0 };
    std::atomic<std::int64_t> requestedFrame { 0 };
    std::atomic<bool> invalidated { false };
    std::atomic<std::uint64_t> underrunCount { 0 };
    bool settling = false;                     ///< audio side: a seek is pending, misses are not underruns

    // Disk thread only (guarded by DiskStreamer::lock for the hand-over).
    std::shared_ptr<Playlist> playlist, pendingPlaylist;
    bool playlistChanged = false;

    void requestSeek (std::int64_t frame) noexcept;
    /** Disk side: restarts the ring at `frame`. */
    void restart (std::int64_t frame);
    /** Disk side: fills up to `maxFrames` more; returns frames written. */
    std::int64_t fill (std::int64_t maxFrames);
};

class DiskStreamer
{
public:
    /** `readAheadFrames` per track ring (at least twice the largest block), for live playback. */
    explicit DiskStreamer (std::int64_t readAheadFrames);
    /** Direct streams for offline renders (no rings, no disk thread): call prepareForBlock()
        before each block and rethrowReadError() after it. */
    static std::unique_ptr<DiskStreamer> direct();
    ~DiskStreamer();

    /** Message thread: the stream for a track id and channel count, made on first use. */
    std::shared_ptr<TrackStream> stream (const std::string& trackId, int channels);

    /** Message thread: hands `playlist` to the disk side of `stream`. */
    void setPlaylist (TrackStream& stream, std::shared_ptr<Playlist> playlist);

    /** Starts / stops the disk thread (live playback). */
    void start();
    void stop();

    /** Offline renders (direct streams): hands every stream its latest playlist (after an
        edit) before the next block. Not realtime. */
    void prepareForBlock();
    /** Direct streams: rethrows the first read error any of them met (a file that cannot be
        read, with its name). Call between blocks. */
    void rethrowReadError();
    /** Live: the first read error the disk thread met (that track plays silence until its
        playlist changes), or empty. Any thread but the audio thread. */
    std::string readErrorMessage() const;

    /** Live start: restarts every ring at `frame` and fills it, synchronously. */
    void preroll (std::int64_t frame);

    std::uint64_t underruns() const;

private:
    std::int64_t readAhead;
    bool directStreams = false;
    mutable std::mutex lock;
    std::vector<std::pair<std::string, std::shared_ptr<TrackStream>>> streams;
    std::thread thread;
    std::atomic<bool> running { false };
    std::condition_variable wake;

    void run();
    /** One pass over every stream; returns true when it read anything. Holds `lock`. */
    bool service (std::int64_t maxChunk);
    static bool takePlaylist (TrackStream& s);
};
} // namespace loopstage::engine
