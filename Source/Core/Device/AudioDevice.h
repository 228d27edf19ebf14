#pragma once
/** An audio output opened through JUCE's AudioDeviceManager: JACK or ALSA, the device a stage
    actually plays through. The engine stays JUCE-free: it only sees the render callback.

    Why beside device::JackDevice (libjack directly): that one serves the engine's own tests and
    benchmarks with no JUCE in the link; this one is what the application and `loopstage play`
    use, so the device list, sample-rate and buffer-size choices are JUCE's, as in any JUCE host.

    JUCE needs its message manager for the device manager's change notifications: construct
    this on the thread that owns it (the message thread in the GUI, main() in the CLI).
    The callback runs on the device's audio thread: it times itself and calls `render`, nothing
    else. Late callbacks (longer than one buffer) and the driver's xruns are counted.
*/
#include "Base/CallbackTiming.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace loopstage::device
{
struct AudioDeviceOptions
{
    std::string type = "JACK";     ///< a JUCE device type: "JACK" or "ALSA"
    std::string output;            ///< device name; empty: the type's default
    double sampleRate = 0.0;       ///< 0: the device's current rate
    int bufferSize = 0;            ///< 0: the device's current size (JACK: the server's)
    int outputs = 2;               ///< output channels to open
};

class AudioDevice
{
public:
    /** Fills out[0..channels) with `frames` samples. Audio thread: realtime rules. */
    using RenderCallback = std::function<void (float* const* out, int channels, int frames)>;

    /** Opens the device (not yet started). Throws InputError naming the type and device when
        it cannot be opened (no JACK server, no such ALSA device, rate not supported). */
    AudioDevice (const AudioDeviceOptions& options, RenderCallback render);
    ~AudioDevice();
    AudioDevice (const AudioDevice&) = delete;
    AudioDevice& operator= (const AudioDevice&) = delete;

    /** The names the type offers for output, e.g. {"system"} on JACK. Not realtime. */
    static std::vector<std::string> outputNames (const std::string& type);

    std::string typeName() const;
    std::string deviceName() const;
    double sampleRate() const;
    int bufferSize() const;
    int outputChannels() const;

    void start();
    void stop();

    /** Xruns the driver reported (JACK's xrun callback, ALSA under/overruns); -1 if unknown. */
    int xruns() const;
    std::uint64_t callbacks() const noexcept;
    /** Callbacks that took longer than one buffer: the dropouts this host caused. */
    std::uint64_t lateCallbacks() const noexcept;
    double longestCallbackMicros() const noexcept;
    /** Wall and CPU time of the callbacks against the buffer period. */
    const CallbackTiming& callbackTiming() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl;
};
} // namespace loopstage::device
