#include "Device/AudioDevice.h"
#include "Base/Error.h"

#include <jack/jack.h>
#include <juce_audio_devices/juce_audio_devices.h>

#include <algorithm>
#include <pthread.h>
#include <sched.h>

namespace loopstage::device
{
namespace
{
    /** Times each block and hands it to the render callback. */
    class Callback final : public juce::AudioIODeviceCallback
    {
    public:
        explicit Callback (AudioDevice::RenderCallback r) : render (std::move (r)) {}

        void audioDeviceIOCallbackWithContext (const float* const*, int, float* const* out, int outs, int frames,
                                               const juce::AudioIODeviceCallbackContext&) override
        {
            if (! realtime)
            {
                // Under a JACK server started without -R (or an ALSA device) the callback thread is
                // an ordinary thread that any build can preempt for tens of ms: ask for FIFO
                // priority once, as jackd would have given it (one syscall, no lock or allocation).
                realtime = true;
                int policy = 0;
                sched_param param {};
                if (pthread_getschedparam (pthread_self(), &policy, &param) == 0 && policy == SCHED_OTHER)
                {
                    param.sched_priority = 70;
                    pthread_setschedparam (pthread_self(), SCHED_FIFO, &param);
                }
            }
            const auto start = CallbackTiming::begin();
            render (out, outs, frames);
            timing.end (start);
        }

        void audioDeviceAboutToStart (juce::AudioIODevice* device) override
        {
            timing.setPeriod (1e6 * device->getCurrentBufferSizeSamples() / device->getCurrentSampleRate());
        }

        void audioDeviceStopped() override {}

        AudioDevice::RenderCallback render;
        bool realtime = false;   // audio thread only
        CallbackTiming timing;
    };

    // libjack prints to stderr when it finds no server, and JUCE's device scan probes JACK even
    // when ALSA is asked for; we report our own clear error instead.
    void quiet (const char*) {}

    juce::AudioIODeviceType* findType (juce::AudioDeviceManager& manager, const std::string& type)
    {
        jack_set_error_function (quiet);
        jack_set_info_function (quiet);
        for (auto* t : manager.getAvailableDeviceTypes())
            if (t->getTypeName().equalsIgnoreCase (juce::String (type)))
                return t;
        throw InputError ("audio device type '" + type + "' is not available (JACK or ALSA)");
    }
} // namespace

struct AudioDevice::Impl
{
    juce::AudioDeviceManager manager;
    std::unique_ptr<Callback> callback;
    bool started = false;

    juce::AudioIODevice& device() const
    {
        return *manager.getCurrentAudioDevice();
    }
};

std::vector<std::string> AudioDevice::outputNames (const std::string& type)
{
    juce::MessageManager::getInstance();
    juce::AudioDeviceManager manager;
    auto* t = findType (manager, type);
    t->scanForDevices();
    std::vector<std::string> names;
    for (auto& n : t->getDeviceNames (false))
        names.push_back (n.toStdString());
    return names;
}

AudioDevice::AudioDevice (const AudioDeviceOptions& options, RenderCallback render) : impl (std::make_unique<Impl>())
{
    juce::MessageManager::getInstance();   // the device manager posts change messages
    auto& manager = impl->manager;
    auto* type = findType (manager, options.type);
    type->scanForDevices();
    const auto names = type->getDeviceNames (false);
    const auto what = options.type + " output" + (options.output.empty() ? "" : " '" + options.output + "'");
    if (names.isEmpty())
        throw InputError ("cannot open " + what + (options.type == "JACK" ? ": no JACK server is running" : ": no sound card found"));
    const juce::String name = options.output.empty() ? names[std::max (0, type->getDefaultDeviceIndex (false))]
                                                     : juce::String (options.output);
    if (! names.contains (name))
        throw InputError ("cannot open " + what + ": no such device (found: " + names.joinIntoString (", ").toStdString() + ")");

    manager.initialise (0, options.outputs, nullptr, false);
    manager.setCurrentAudioDeviceType (type->getTypeName(), true);
    auto setup = manager.getAudioDeviceSetup();
    setup.outputDeviceName = name;
    setup.inputDeviceName = {};
    setup.useDefaultInputChannels = false;
    setup.inputChannels.clear();
    setup.useDefaultOutputChannels = false;
    setup.outputChannels.clear();
    setup.outputChannels.setRange (0, options.outputs, true);
    if (options.sampleRate > 0)
        setup.sampleRate = options.sampleRate;
    if (options.bufferSize > 0)
        setup.bufferSize = options.bufferSize;
    const auto error = manager.setAudioDeviceSetup (setup, true);
    if (error.isNotEmpty() || manager.getCurrentAudioDevice() == nullptr)
        throw InputError ("cannot open " + what + ": " + (error.isNotEmpty() ? error.toStdString() : std::string ("the driver refused it")));
    if (options.sampleRate > 0 && impl->device().getCurrentSampleRate() != options.sampleRate)
        throw InputError ("cannot open " + what + " at " + std::to_string ((int) options.sampleRate) + " Hz: it runs at "
                          + std::to_string ((int) impl->device().getCurrentSampleRate()) + " Hz");
    impl->callback = std::make_unique<Callback> (std::move (render));
}

AudioDevice::~AudioDevice()
{
    stop();
    impl->manager.closeAudioDevice();
}

std::string AudioDevice::typeName() const { return impl->device().getTypeName().toStdString(); }
std::string AudioDevice::deviceName() const { return impl->device().getName().toStdString(); }
double AudioDevice::sampleRate() const { return impl->device().getCurrentSampleRate(); }
int AudioDevice::bufferSize() const { return impl->device().getCurrentBufferSizeSamples(); }
int AudioDevice::outputChannels() const { return impl->device().getActiveOutputChannels().countNumberOfSetBits(); }

void AudioDevice::start()
{
    if (! impl->started)
        impl->manager.addAudioCallback (impl->callback.get());
    impl->started = true;
}

void AudioDevice::stop()
{
    if (impl->started)
        impl->manager.removeAudioCallback (impl->callback.get());
    impl->started = false;
}

int AudioDevice::xruns() const { return impl->device().getXRunCount(); }
std::uint64_t AudioDevice::callbacks() const noexcept { return impl->callback->timing.callbacks(); }
std::uint64_t AudioDevice::lateCallbacks() const noexcept { return impl->callback->timing.lateCallbacks(); }
double AudioDevice::longestCallbackMicros() const noexcept { return impl->callback->timing.longestMicros(); }
const CallbackTiming& AudioDevice::callbackTiming() const noexcept { return impl->callback->timing; }
} // namespace loopstage::device
