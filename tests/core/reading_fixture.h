#pragma once
// Test readings written compactly, one character per site in spec order.

#include <gtest/gtest.h>

#include <string>

#include "core/msasss.h"

namespace ankylos::core::test {

/// A reading from a 24-character string: '0'-'3' graded, 'N' not assessable, '.' not scored.
inline Reading readingOf(const std::string& grades, const std::string& reader = "R1") {
    EXPECT_EQ(grades.size(), 24u);
    Reading reading;
    reading.reader = reader;
    for (Site site : allSites()) {
        const char c = grades[siteIndex(site)];
        if (c == 'N')
            reading.at(site) = SiteScore::notAssessable(NotAssessableReason::NotVisible);
        else if (c != '.')
            reading.at(site) = SiteScore::graded(site, c - '0');
    }
    return reading;
}

}  // namespace ankylos::core::test
