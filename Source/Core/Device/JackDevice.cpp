#include "Device/JackDevice.h"
#include "Base/Error.h"

#include <algorithm>
#include <jack/jack.h>
#include <jack/thread.h>

namespace loopstage::device
{
JackDevice::JackDevice (const std::string& clientName, int outputs, RenderCallback callback, const std::string& serverName)
    : render (std::move (callback))
{
    jack_status_t status {};
    if (serverName.empty())
        client = jack_client_open (clientName.c_str(), JackNoStartServer, &status);
    else
        client = jack_client_open (clientName.c_str(), (jack_options_t) (JackNoStartServer | JackServerName), &status,
                                   serverName.c_str());
    if (client == nullptr)
        throw InputError ("no JACK server to play on (jack_client_open status " + std::to_string ((int) status) + ")");
    for (int c = 0; c < outputs; ++c)
    {
        const auto name = "out_" + std::to_string (c + 1);
        auto* port = jack_port_register (client, name.c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
        if (port == nullptr)
        {
            jack_client_close (client);
            throw InputError ("JACK refused the output port " + name);
        }
        ports.push_back (port);
    }
    buffers.resize (ports.size(), nullptr);
    rate = (double) jack_get_sample_rate (client);
    jack_set_process_callback (client, &JackDevice::processCallback, this);
    jack_set_xrun_callback (client, &JackDevice::xrunCallback, this);
}

JackDevice::~JackDevice()
{
    stop();
    if (client != nullptr)
        jack_client_close (client);
}

double JackDevice::sampleRate() const noexcept { return (double) jack_get_sample_rate (client); }
int JackDevice::bufferSize() const noexcept { return (int) jack_get_buffer_size (client); }
float JackDevice::serverLoad() const noexcept { return jack_cpu_load (client); }

void JackDevice::start (bool connectToPlayback)
{
    if (active)
        return;
    if (jack_activate (client) != 0)
        throw InputError ("JACK refused to activate the client");
    active = true;
    // A server started with --no-realtime leaves its clients' process threads at normal
    // priority, where any other thread can delay a callback past its deadline. Ask for FIFO
    // scheduling for ours as a DAW under a real-time server would have it (ignored if refused).
    if (! jack_is_realtime (client))
        jack_acquire_real_time_scheduling (jack_client_thread_id (client), 70);
    if (! connectToPlayback)
        return;
    const char** playback = jack_get_ports (client, nullptr, JACK_DEFAULT_AUDIO_TYPE, JackPortIsPhysical | JackPortIsInput);
    if (playback == nullptr)
        return;
    for (size_t c = 0; c < ports.size() && playback[c] != nullptr; ++c)
        jack_connect (client, jack_port_name (ports[c]), playback[c]);
    jack_free (playback);
}

void JackDevice::stop()
{
    if (! active)
        return;
    jack_deactivate (client);
    active = false;
}

int JackDevice::processCallback (std::uint32_t frames, void* self)
{
    auto& device = *static_cast<JackDevice*> (self);
    const auto started = CallbackTiming::begin();
    for (size_t c = 0; c < device.ports.size(); ++c)
        device.buffers[c] = static_cast<float*> (jack_port_get_buffer (device.ports[c], frames));
    device.render (device.buffers.data(), (int) device.buffers.size(), (int) frames);
    device.timing.setPeriod (1e6 * frames / device.rate);
    device.timing.end (started);
    return 0;
}

int JackDevice::xrunCallback (void* self)
{
    auto& device = *static_cast<JackDevice*> (self);
    const auto n = device.xrunCount.fetch_add (1);
    if (n < device.xrunAt.size())
        device.xrunAt[n].store (device.timing.callbacks());
    return 0;
}

std::vector<std::uint64_t> JackDevice::xrunTimes() const
{
    std::vector<std::uint64_t> times;
    for (size_t i = 0; i < std::min<size_t> (xrunAt.size(), xrunCount.load()); ++i)
        times.push_back (xrunAt[i].load());
    return times;
}
} // namespace loopstage::device
