#include "ForeignWav.h"
#include "Base/AtomicFile.h"
#include "Support/Process.h"
#include "Support/TempDir.h"

namespace loopstage::test
{
void writeForeignWav (const std::filesystem::path& file, const std::string& description,
                      unsigned long long timeReference, const std::string& ixmlText, int frames, bool metadataAfterData)
{
    // Inputs travel through files so no quoting can mangle them.
    TempDir scratch ("foreign");
    writeFileAtomically (scratch / "description", description);
    writeFileAtomically (scratch / "ixml", ixmlText);
    static const char* script = R"PY(
import struct, sys, math
out, desc_file, tref, ixml_file, frames, after = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6] == '1'

desc = open(desc_file, 'rb').read()[:256]
ixml = open(ixml_file, 'rb').read()
def chunk(cid, data):
    return cid + struct.pack('<I', len(data)) + data + (b'\0' if len(data) % 2 else b'')
fmt = struct.pack('<HHIIHH', 1, 2, 48000, 48000 * 4, 4, 16)
bext = (desc.ljust(256, b'\0') + b'ForeignRecorder'.ljust(32, b'\0') + b'FR-77'.ljust(32, b'\0')
        + b'2025-06-01' + b'07:30:00' + struct.pack('<IIH', tref & 0xffffffff, tref >> 32, 1)
        + bytes(64) + bytes(190) + b'A=PCM,F=48000,W=16,M=stereo,T=Foreign\r\n')
samples = b''.join(struct.pack('<hh', int(8000 * math.sin(i / 10.0)), -int(8000 * math.sin(i / 10.0))) for i in range(frames))
meta = chunk(b'bext', bext) + chunk(b'iXML', ixml)
body = b'WAVE' + chunk(b'fmt ', fmt) + (chunk(b'data', samples) + meta if after else meta + chunk(b'data', samples))
open(out, 'wb').write(b'RIFF' + struct.pack('<I', len(body)) + body)
)PY";
    runOrFail ({ "python3", "-c", script, file.string(), (scratch / "description").string(), std::to_string (timeReference),
                 (scratch / "ixml").string(), std::to_string (frames), metadataAfterData ? "1" : "0" });
}
} // namespace loopstage::test
