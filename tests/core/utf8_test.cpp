// Text helpers of core/utf8.h.
#include "core/utf8.h"

#include <gtest/gtest.h>

namespace ankylos::core {
namespace {

TEST(Trimmed, DropsLeadingAndTrailingSpacesAndTabsOnly) {
    EXPECT_EQ(trimmed("  Dr. Li\t"), "Dr. Li");
    EXPECT_EQ(trimmed("OASIS 2026  reading 1"), "OASIS 2026  reading 1");  // inner spaces stay
    EXPECT_EQ(trimmed(" \t "), "");
    EXPECT_EQ(trimmed(""), "");
    EXPECT_EQ(trimmed("\nS1\n"), "\nS1\n");  // line breaks are not a name's padding
    EXPECT_EQ(trimmed(" 王小明 "), "王小明");
}

}  // namespace
}  // namespace ankylos::core
