#pragma once
// The app's colours, fonts and sizes in one place.
#include <juce_gui_extra/juce_gui_extra.h>

namespace loopstage::app::theme
{
inline const juce::Colour background { 0xff1e1f22 };
inline const juce::Colour panel { 0xff2b2d31 };
inline const juce::Colour text { 0xffe6e6e6 };
inline const juce::Colour dimText { 0xffb5bac1 };
inline const juce::Colour good { 0xff57c785 };
inline const juce::Colour bad { 0xffff6b6b };
inline const juce::Colour accent { 0xfff0b429 };

inline constexpr int headingHeight = 34;
inline constexpr int rowHeight = 22;

inline juce::Font titleFont() { return juce::Font (26.0f, juce::Font::bold); }
inline juce::Font headingFont() { return juce::Font (18.0f, juce::Font::bold); }
inline juce::Font bodyFont() { return juce::Font (14.5f); }
} // namespace loopstage::app::theme
