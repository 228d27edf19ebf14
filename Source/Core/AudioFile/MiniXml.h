#pragma once
/** Just enough XML for metadata chunks such as iXML: elements, text, entities.

    Not a general XML library: no namespaces, no DTD processing (a DOCTYPE is skipped), attributes
    are read past and dropped. It is tolerant where recorders are sloppy (a UTF-8 byte-order mark,
    trailing NUL or space padding that reserves room in the chunk, comments, CDATA) and strict
    where a mistake would give wrong values (mismatched tags, text outside the root element).
*/
#include <string>
#include <string_view>
#include <vector>

namespace loopstage::audio::xml
{
struct Element
{
    std::string name;
    std::string text;                ///< character data directly inside, entities decoded, trimmed
    std::vector<Element> children;

    /** The first child called `childName`, or nullptr. */
    const Element* child (std::string_view childName) const noexcept;
    /** The trimmed text of the first child called `childName`, or "" when there is none. */
    std::string childText (std::string_view childName) const;
};

/** Parses a document and returns its root element; throws InputError (no file name) describing
    the first problem and where it is. */
Element parse (std::string_view document);

/** Escapes & < > " ' for use in element text. */
std::string escape (std::string_view text);
} // namespace loopstage::audio::xml
