#pragma once
/** Buses and stems. A bus sums the strips routed or sent to it; a stem is a bus whose signal is
    also delivered as a file (DX, FX, MX). Stems feed the master (the printmaster). */
#include "Session/Strip.h"

namespace loopstage::session
{
struct Bus : Strip
{
    bool isStem = false;   ///< rendered as its own file (`render` writes <name>.wav)

    bool operator== (const Bus&) const = default;
};

/** A stem is a bus with isStem set: one type, so routing code never needs two. */
using Stem = Bus;
} // namespace loopstage::session
