#include "Screenshot.h"
#include "MainWindow.h"

#include <iostream>

namespace loopstage::app
{
ScreenshotRequest ScreenshotRequest::parse (const juce::String& commandLine)
{
    ScreenshotRequest request;
    auto words = juce::StringArray::fromTokens (commandLine, true);
    for (int i = 0; i < words.size(); ++i)
    {
        const auto word = words[i].unquoted();
        if (word == "--screenshot" && i + 1 < words.size())
            request.outputFile = juce::File::getCurrentWorkingDirectory().getChildFile (words[++i].unquoted());
        else if (word == "--page" && i + 1 < words.size())
            request.page = words[++i].unquoted();
        else if (! word.startsWith ("-"))
            request.sessionFile = juce::File::getCurrentWorkingDirectory().getChildFile (word);
    }
    return request;
}

bool saveScreenshot (MainWindow& window, const juce::File& png)
{
    auto image = window.content().createComponentSnapshot (window.content().getLocalBounds());
    png.deleteFile();
    juce::FileOutputStream stream (png);
    juce::PNGImageFormat format;
    if (! stream.openedOk() || ! format.writeImageToStream (image, stream))
    {
        std::cerr << "LoopStage: error: " << png.getFullPathName() << ": cannot write screenshot" << std::endl;
        return false;
    }
    return true;
}
} // namespace loopstage::app
