#pragma once
/** Live audio output on a JACK server, through libjack directly.

    The stage plays through JUCE's AudioDeviceManager (Core/Device, `loopstage play`, the GUI).
    This one stays for the engine's own JACK test and benchmarks: JUCE's JACK device takes a lock
    around every callback, libjack directly takes none, so here the real-time guard sees
    everything that happens on the audio thread (docs/ENGINE.md).

    The JACK process callback is the audio thread: it fetches the port buffers and calls the
    render callback; nothing else. Xruns reported by the server are counted.
*/
#include "Base/CallbackTiming.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

typedef struct _jack_client jack_client_t;
typedef struct _jack_port jack_port_t;

namespace loopstage::device
{
class JackDevice
{
public:
    /** Fills out[0..channels) with `frames` samples. Runs on the audio thread: realtime rules. */
    using RenderCallback = std::function<void (float* const* out, int channels, int frames)>;

    /** Connects to a running JACK server (the default one, or `serverName`) as `clientName` with
        `outputs` output ports; throws InputError when no server runs. Not realtime. */
    JackDevice (const std::string& clientName, int outputs, RenderCallback render, const std::string& serverName = {});
    ~JackDevice();
    JackDevice (const JackDevice&) = delete;
    JackDevice& operator= (const JackDevice&) = delete;

    double sampleRate() const noexcept;
    int bufferSize() const noexcept;

    /** Activates the client and, when asked, connects output n to the server's nth playback port. */
    void start (bool connectToPlayback = true);
    void stop();

    /** Xruns the server reported (any client late, or the server's own timer late). */
    std::uint64_t xruns() const noexcept { return xrunCount.load(); }
    /** Callbacks of ours that took longer than one period on the wall clock. */
    std::uint64_t lateCallbacks() const noexcept { return timing.lateCallbacks(); }
    std::uint64_t callbacks() const noexcept { return timing.callbacks(); }
    /** Longest time one callback took, in microseconds. */
    double longestCallbackMicros() const noexcept { return timing.longestMicros(); }
    /** Wall and CPU time of the callbacks against the period. */
    const CallbackTiming& callbackTiming() const noexcept { return timing; }
    /** Callback counts at which the first xruns happened (up to 64), to tell start-up hiccups
        from steady-state ones. */
    std::vector<std::uint64_t> xrunTimes() const;
    /** The server's DSP load estimate in percent. */
    float serverLoad() const noexcept;

private:
    jack_client_t* client = nullptr;
    std::vector<jack_port_t*> ports;
    std::vector<float*> buffers;
    RenderCallback render;
    double rate = 48000.0;
    bool active = false;
    std::atomic<std::uint64_t> xrunCount { 0 };
    CallbackTiming timing;
    std::array<std::atomic<std::uint64_t>, 64> xrunAt {};

    static int processCallback (std::uint32_t frames, void* self);
    static int xrunCallback (void* self);
};
} // namespace loopstage::device
