// Dsp/Decibels: the one spelling of level conversions.
#include "Dsp/Decibels.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage::dsp;

TEST_CASE ("dB and gain convert both ways", "[dsp]")
{
    CHECK (dbToGain (0.0) == 1.0);
    CHECK (dbToGain (20.0) == Approx (10.0).epsilon (1e-15));
    CHECK (dbToGain (-6.0) == Approx (0.501187233627272).epsilon (1e-14));
    CHECK (gainToDb (1.0) == 0.0);
    CHECK (gainToDb (0.5) == Approx (-6.020599913279624).epsilon (1e-14));
    CHECK (std::isinf (gainToDb (0.0)));
    CHECK (dbToPower (10.0) == Approx (10.0).epsilon (1e-15));
    CHECK (powerToDb (0.5) == Approx (-3.010299956639812).epsilon (1e-14));
    for (double db = -144.0; db <= 24.0; db += 0.37)
    {
        CHECK (gainToDb (dbToGain (db)) == Approx (db).margin (1e-12));
        CHECK (powerToDb (dbToPower (db)) == Approx (db).margin (1e-12));
    }
}

TEST_CASE ("dbToGain is the expression its callers wrote before, to the bit", "[dsp]")
{
    // The engine's renders must not move: same arithmetic as std::pow (10, dB / 20).
    for (double db : { -144.0, -60.5, -18.0, -1.01, -0.01, 0.0, 3.3, 12.0 })
    {
        CHECK (dbToGain (db) == std::pow (10.0, db / 20.0));
        CHECK (gainToDb (dbToGain (db)) == 20.0 * std::log10 (std::pow (10.0, db / 20.0)));
    }
}
