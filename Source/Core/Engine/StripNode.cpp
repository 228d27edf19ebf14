#include "Engine/StripNode.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>

namespace loopstage::engine
{
void ChannelBuffer::allocate (int channelCount, int frames)
{
    numChannels = channelCount;
    storage.assign ((size_t) channelCount * (size_t) frames, 0.0f);
    for (int c = 0; c < maxChannels; ++c)
        channels[c] = c < channelCount ? storage.data() + (size_t) c * (size_t) frames : nullptr;
}

void ChannelBuffer::clear (int count) noexcept
{
    for (int c = 0; c < numChannels; ++c)
        std::fill (channels[c], channels[c] + count, 0.0f);
}

float decibelsToGain (double db) noexcept
{
    return db <= -144.0 ? 0.0f : (float) dsp::dbToGain (db);
}

void StripNode::prepare (int maxBlockSize)
{
    main.allocate (channels, maxBlockSize);
    needsPre = std::any_of (outputs.begin(), outputs.end(), [] (const Edge& e) { return e.preFader; });
    if (needsPre)
        pre.allocate (channels, maxBlockSize);
    gains.assign ((size_t) maxBlockSize, 1.0f);
    mutes.assign ((size_t) maxBlockSize, 1.0f);
    values.assign ((size_t) maxBlockSize, 0.0);
    staticPan.clear();
    for (auto& e : outputs)
    {
        e.buffer.allocate (e.buffer.numChannels, maxBlockSize);
        staticPan.push_back (panMatrix (channels, e.buffer.numChannels, pan, frontBack));
    }
}

void StripNode::process (std::int64_t frame, int count) noexcept
{
    float* const* x = main.channels;
    if (kind == Kind::track)
    {
        stream->read (frame, count, x);
    }
    else
    {
        main.clear (count);
        for (const Edge* in : inputs)
            for (int c = 0; c < channels; ++c)
            {
                const float* src = in->buffer.channels[c];
                float* dst = x[c];
                for (int i = 0; i < count; ++i)
                    dst[i] += src[i];
            }
    }

    for (auto& insert : inserts)
        insert->process (x, channels, count);

    if (polarityInvert)
        for (int c = 0; c < channels; ++c)
            for (int i = 0; i < count; ++i)
                x[c][i] = -x[c][i];

    if (needsPre)
        for (int c = 0; c < channels; ++c)
            std::copy (x[c], x[c] + count, pre.channels[c]);

    applyFader (frame, count);

    if (meter != nullptr)
        meter->process (x, count);

    for (size_t e = 0; e < outputs.size(); ++e)
        writeEdge (outputs[e], frame, count, (int) e);
}

void StripNode::applyFader (std::int64_t frame, int count) noexcept
{
    // Mute: static, or automated with steps (> 0.5 is muted).
    bool muteConstant = true;
    float muteValue = muted ? 0.0f : 1.0f;
    if (! muted && muteAutomation.isAutomated())
    {
        double v = 0.0;
        if (muteAutomation.constantOver (frame, count, v))
            muteValue = v > 0.5 ? 0.0f : 1.0f;
        else
        {
            muteConstant = false;
            muteAutomation.fill (frame, count, values.data());
            for (int i = 0; i < count; ++i)
                mutes[(size_t) i] = values[(size_t) i] > 0.5 ? 0.0f : 1.0f;
        }
    }

    bool gainConstant = true;
    float gainValue = decibelsToGain (gainDb);
    if (gainAutomation.isAutomated())
    {
        double v = 0.0;
        if (gainAutomation.constantOver (frame, count, v))
            gainValue = decibelsToGain (v);
        else
        {
            gainConstant = false;
            gainAutomation.fill (frame, count, values.data());
            for (int i = 0; i < count; ++i)
                gains[(size_t) i] = decibelsToGain (values[(size_t) i]);
        }
    }

    if (needsPre && ! (muteConstant && muteValue == 1.0f))
        for (int c = 0; c < channels; ++c)
            for (int i = 0; i < count; ++i)
                pre.channels[c][i] *= muteConstant ? muteValue : mutes[(size_t) i];

    float* const* x = main.channels;
    if (gainConstant && muteConstant)
    {
        const float g = gainValue * muteValue;
        if (g != 1.0f)
            for (int c = 0; c < channels; ++c)
                for (int i = 0; i < count; ++i)
                    x[c][i] *= g;
        return;
    }
    for (int i = 0; i < count; ++i)
        gains[(size_t) i] = (gainConstant ? gainValue : gains[(size_t) i]) * (muteConstant ? muteValue : mutes[(size_t) i]);
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < count; ++i)
            x[c][i] *= gains[(size_t) i];
}

void StripNode::writeEdge (Edge& edge, std::int64_t frame, int count, int edgeIndex) noexcept
{
    const float* const* src = edge.preFader ? pre.channels : main.channels;
    float* const* dst = edge.buffer.channels;
    const int outs = edge.buffer.numChannels;

    double constantPan = pan;
    const bool panVaries = panAutomation.isAutomated() && panMatters (channels, outs)
                           && ! panAutomation.constantOver (frame, count, constantPan);
    if (panVaries)
    {
        panAutomation.fill (frame, count, values.data());
        for (int i = 0; i < count; ++i)
        {
            // The same operations in the same order as the block paths below, so a sample's
            // value does not depend on which path its block took.
            const auto m = panMatrix (channels, outs, values[(size_t) i], frontBack);
            if (m.identity)
            {
                for (int c = 0; c < outs; ++c)
                    dst[c][i] = edge.gain == 1.0f ? src[c][i] : src[c][i] * edge.gain;
                continue;
            }
            for (int d = 0; d < outs; ++d)
            {
                float sum = 0.0f;
                bool first = true;
                for (int s = 0; s < channels; ++s)
                {
                    const float g = m.gain[d][s] * edge.gain;
                    if (g == 0.0f)
                        continue;
                    sum = first ? g * src[s][i] : sum + g * src[s][i];
                    first = false;
                }
                dst[d][i] = sum;
            }
        }
    }
    else
    {
        const PanMatrix m = panAutomation.isAutomated() ? panMatrix (channels, outs, constantPan, frontBack)
                                                         : staticPan[(size_t) edgeIndex];
        if (m.identity)
        {
            for (int c = 0; c < outs; ++c)
            {
                if (edge.gain == 1.0f)
                    std::copy (src[c], src[c] + count, dst[c]);
                else
                    for (int i = 0; i < count; ++i)
                        dst[c][i] = src[c][i] * edge.gain;
            }
        }
        else
        {
            for (int d = 0; d < outs; ++d)
            {
                bool first = true;
                for (int s = 0; s < channels; ++s)
                {
                    const float g = m.gain[d][s] * edge.gain;
                    if (g == 0.0f)
                        continue;
                    if (first)
                        for (int i = 0; i < count; ++i)
                            dst[d][i] = g * src[s][i];
                    else
                        for (int i = 0; i < count; ++i)
                            dst[d][i] += g * src[s][i];
                    first = false;
                }
                if (first)
                    std::fill (dst[d], dst[d] + count, 0.0f);
            }
        }
    }

    if (edge.compensation != nullptr)
        edge.compensation->process (dst, count);
}
} // namespace loopstage::engine
