#pragma once
/// Random numbers and date arithmetic of the demo generator. Uniform numbers come from the raw
/// output of std::mt19937_64, whose sequence the standard fixes, so a seed gives the same cohort on
/// every standard library (demo_cohort.h, "Determinism").

#include <array>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cmath>
#include <cstdint>
#include <random>

#include "core/patient.h"

namespace ankylos::demo {

using core::Date;

constexpr double kPi = 3.14159265358979323846;
constexpr double kDaysPerYear = 365.25;

/// SplitMix64 (Steele, Lea and Flood 2014): mixes seed and index into a well-spread engine seed,
/// so neighbouring indexes do not give correlated engines.
inline std::uint64_t splitMix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Random numbers from std::mt19937_64, whose output sequence the standard fixes. Uniform numbers
/// come from its raw bits, not from std:: distributions, whose algorithms differ between libraries.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    /// Uniform in [0, 1): the top 53 bits of one output.
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    /// Uniform integer in [low, high].
    int integer(int low, int high) { return low + static_cast<int>(uniform() * (high - low + 1)); }
    bool chance(double probability) { return uniform() < probability; }
    /// Standard normal (Box-Muller, one value per call).
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1], so the logarithm is finite
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
    }
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(uniform() * static_cast<double>(N))];
    }

private:
    std::mt19937_64 m_engine;
};

inline Date addDays(Date date, long days) {
    return date + boost::gregorian::days(days);
}
inline long daysBetween(Date from, Date to) {
    return static_cast<long>((to - from).days());
}
inline double yearsBetween(Date from, Date to) {
    return static_cast<double>(daysBetween(from, to)) / kDaysPerYear;
}
inline long yearsToDays(double years) {
    return std::lround(years * kDaysPerYear);
}

/// value rounded to 1 / scale (scale 10: one decimal).
inline double roundTo(double value, double scale) {
    return std::round(value * scale) / scale;
}

}  // namespace ankylos::demo
