#include "AudioFile/MiniXml.h"
#include "Base/Error.h"

#include <cstdint>

namespace loopstage::audio::xml
{
namespace
{
    bool isSpace (char c) noexcept
    {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
    }

    std::string trim (std::string_view s)
    {
        size_t b = 0, e = s.size();
        while (b < e && isSpace (s[b]))
            ++b;
        while (e > b && isSpace (s[e - 1]))
            --e;
        return std::string (s.substr (b, e - b));
    }

    void appendUtf8 (std::string& out, std::uint32_t cp)
    {
        if (cp < 0x80)
            out += (char) cp;
        else if (cp < 0x800)
        {
            out += (char) (0xC0 | (cp >> 6));
            out += (char) (0x80 | (cp & 0x3F));
        }
        else if (cp < 0x10000)
        {
            out += (char) (0xE0 | (cp >> 12));
            out += (char) (0x80 | ((cp >> 6) & 0x3F));
            out += (char) (0x80 | (cp & 0x3F));
        }
        else
        {
            out += (char) (0xF0 | (cp >> 18));
            out += (char) (0x80 | ((cp >> 12) & 0x3F));
            out += (char) (0x80 | ((cp >> 6) & 0x3F));
            out += (char) (0x80 | (cp & 0x3F));
        }
    }

    class Parser
    {
    public:
        explicit Parser (std::string_view d) : doc (d) {}

        Element document()
        {
            if (doc.substr (0, 3) == "\xEF\xBB\xBF")
                pos = 3;
            skipMisc();
            if (pos >= doc.size() || doc[pos] != '<')
                fail ("no root element");
            Element root = element();
            skipMisc();
            if (pos < doc.size())
                fail ("content after the root element");
            return root;
        }

    private:
        std::string_view doc;
        size_t pos = 0;
        int depth = 0;
        static constexpr int maxDepth = 64;   // iXML nests 4 deep; a hostile file must not blow the stack

        [[noreturn]] void fail (const std::string& what) const
        {
            throw InputError ("malformed XML at byte " + std::to_string (pos) + ": " + what);
        }

        bool startsWith (std::string_view s) const { return doc.substr (pos, s.size()) == s; }

        void skipPast (std::string_view terminator, const char* what)
        {
            const auto end = doc.find (terminator, pos);
            if (end == std::string_view::npos)
                fail (std::string ("unterminated ") + what);
            pos = end + terminator.size();
        }

        // Whitespace, padding, comments, processing instructions and a DOCTYPE between elements.
        void skipMisc()
        {
            for (;;)
            {
                while (pos < doc.size() && isSpace (doc[pos]))
                    ++pos;
                if (startsWith ("<?"))
                    skipPast ("?>", "processing instruction");
                else if (startsWith ("<!--"))
                    skipPast ("-->", "comment");
                else if (startsWith ("<!DOCTYPE"))
                    skipPast (">", "DOCTYPE");
                else
                    return;
            }
        }

        std::string name()
        {
            const auto start = pos;
            while (pos < doc.size() && ! isSpace (doc[pos]) && doc[pos] != '>' && doc[pos] != '/' && doc[pos] != '=')
                ++pos;
            if (pos == start)
                fail ("missing element name");
            return std::string (doc.substr (start, pos - start));
        }

        // Skips attributes up to '>' or '/>'; returns true for an empty element.
        bool skipAttributes()
        {
            while (pos < doc.size())
            {
                const char c = doc[pos];
                if (c == '"' || c == '\'')
                {
                    const auto end = doc.find (c, pos + 1);
                    if (end == std::string_view::npos)
                        fail ("unterminated attribute value");
                    pos = end + 1;
                }
                else if (c == '/' && pos + 1 < doc.size() && doc[pos + 1] == '>')
                {
                    pos += 2;
                    return true;
                }
                else if (c == '>')
                {
                    ++pos;
                    return false;
                }
                else if (c == '<')
                    fail ("'<' inside a tag");
                else
                    ++pos;
            }
            fail ("unterminated tag");
        }

        void entity (std::string& out)
        {
            const auto end = doc.find (';', pos);
            if (end == std::string_view::npos || end - pos > 12)
                fail ("bare '&' (write &amp;)");
            const auto ref = doc.substr (pos + 1, end - pos - 1);
            if (ref == "amp") out += '&';
            else if (ref == "lt") out += '<';
            else if (ref == "gt") out += '>';
            else if (ref == "quot") out += '"';
            else if (ref == "apos") out += '\'';
            else if (ref.size() > 1 && ref[0] == '#')
            {
                const bool hex = ref[1] == 'x' || ref[1] == 'X';
                const auto digits = std::string (ref.substr (hex ? 2 : 1));
                try
                {
                    size_t used = 0;
                    const auto cp = std::stoul (digits, &used, hex ? 16 : 10);
                    if (used != digits.size() || cp > 0x10FFFF)
                        fail ("bad character reference");
                    appendUtf8 (out, (std::uint32_t) cp);
                }
                catch (const std::logic_error&)
                {
                    fail ("bad character reference");
                }
            }
            else
                fail ("unknown entity &" + std::string (ref) + ";");
            pos = end + 1;
        }

        Element element()
        {
            if (++depth > maxDepth)
                fail ("elements nested more than " + std::to_string (maxDepth) + " deep");
            ++pos; // '<'
            Element e;
            e.name = name();
            if (skipAttributes())
            {
                --depth;
                return e;
            }

            std::string text;
            for (;;)
            {
                if (pos >= doc.size())
                    fail ("element <" + e.name + "> is not closed");
                if (startsWith ("</"))
                {
                    pos += 2;
                    const auto closing = name();
                    if (closing != e.name)
                        fail ("</" + closing + "> closes <" + e.name + ">");
                    while (pos < doc.size() && isSpace (doc[pos]))
                        ++pos;
                    if (pos >= doc.size() || doc[pos] != '>')
                        fail ("unterminated closing tag");
                    ++pos;
                    break;
                }
                if (startsWith ("<!--"))
                    skipPast ("-->", "comment");
                else if (startsWith ("<![CDATA["))
                {
                    const auto start = pos + 9;
                    skipPast ("]]>", "CDATA section");
                    text.append (doc.substr (start, pos - 3 - start));
                }
                else if (startsWith ("<?"))
                    skipPast ("?>", "processing instruction");
                else if (doc[pos] == '<')
                    e.children.push_back (element());
                else if (doc[pos] == '&')
                    entity (text);
                else
                    text += doc[pos++];
            }
            e.text = trim (text);
            --depth;
            return e;
        }
    };
} // namespace

const Element* Element::child (std::string_view childName) const noexcept
{
    for (auto& c : children)
        if (c.name == childName)
            return &c;
    return nullptr;
}

std::string Element::childText (std::string_view childName) const
{
    const auto* c = child (childName);
    return c != nullptr ? c->text : std::string();
}

Element parse (std::string_view document)
{
    return Parser (document).document();
}

std::string escape (std::string_view text)
{
    std::string out;
    out.reserve (text.size());
    for (char c : text)
    {
        switch (c)
        {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 has no way to carry other control characters, even as references.
                if ((unsigned char) c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                    out += c;
        }
    }
    return out;
}
} // namespace loopstage::audio::xml
