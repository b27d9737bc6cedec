#pragma once
// Test CTSS readings written compactly, one character per quadrant in spec order.

#include <gtest/gtest.h>

#include <string>

#include "core/ctss.h"

namespace ankylos::core::test {

/// A reading from segments of 48, 88 and 48 characters: '0'-'3' graded, 'N' not assessable,
/// '.' not scored.
inline CtssReading ctssReadingOf(const std::string& cervical, const std::string& thoracic,
                                 const std::string& lumbar, const std::string& reader = "R1") {
    EXPECT_EQ(cervical.size(), 48u);
    EXPECT_EQ(thoracic.size(), 88u);
    EXPECT_EQ(lumbar.size(), 48u);
    const std::string grades = cervical + thoracic + lumbar;
    CtssReading reading;
    reading.reader = reader;
    for (Quadrant quadrant : allQuadrants()) {
        const char c = grades.at(quadrant.index());
        if (c == 'N')
            reading.at(quadrant) = QuadrantScore::notAssessable(NotAssessableReason::NotVisible);
        else if (c != '.')
            reading.at(quadrant) = QuadrantScore::graded(quadrant, c - '0');
    }
    return reading;
}

/// A segment of `size` quadrants: `prefix` first, then `fill` to the end.
inline std::string segmentText(std::size_t size, const std::string& prefix = "", char fill = '0') {
    EXPECT_LE(prefix.size(), size);
    return prefix + std::string(size - prefix.size(), fill);
}

inline std::string cervical(const std::string& prefix = "", char fill = '0') {
    return segmentText(48, prefix, fill);
}
inline std::string thoracic(const std::string& prefix = "", char fill = '0') {
    return segmentText(88, prefix, fill);
}
inline std::string lumbar(const std::string& prefix = "", char fill = '0') {
    return segmentText(48, prefix, fill);
}

/// `n` copies of c.
inline std::string times(int n, char c) {
    return std::string(static_cast<std::size_t>(n), c);
}

}  // namespace ankylos::core::test
