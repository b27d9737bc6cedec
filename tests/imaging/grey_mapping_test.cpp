#include "imaging/grey_mapping.h"

#include <gtest/gtest.h>

namespace ankylos::imaging {
namespace {

struct GreyCase {
    std::uint16_t value;
    double center;
    double width;
    bool invert;
    int expected;
};

class MapGrey : public ::testing::TestWithParam<GreyCase> {};

TEST_P(MapGrey, WindowsAndInverts) {
    const GreyCase& c = GetParam();
    EXPECT_EQ(mapGrey(c.value, {c.center, c.width}, c.invert), c.expected)
        << "value " << c.value << " window " << c.center << "/" << c.width << " invert " << c.invert;
}

INSTANTIATE_TEST_SUITE_P(Boundaries, MapGrey,
                         ::testing::Values(
                             // Window 100 +- 50: black at and below 50, white at and above 150.
                             GreyCase{0, 100, 100, false, 0}, GreyCase{50, 100, 100, false, 0},
                             GreyCase{51, 100, 100, false, 3},     // 1/100 of 255 = 2.55, rounded
                             GreyCase{100, 100, 100, false, 128},  // 127.5 rounds up
                             GreyCase{149, 100, 100, false, 252}, GreyCase{150, 100, 100, false, 255},
                             GreyCase{65535, 100, 100, false, 255},
                             // Inverted: the same levels, black and white swapped.
                             GreyCase{50, 100, 100, true, 255}, GreyCase{100, 100, 100, true, 127},
                             GreyCase{150, 100, 100, true, 0},
                             // The whole range: identity on the top byte.
                             GreyCase{0, 32767.5, 65536, false, 0},
                             GreyCase{65535, 32767.5, 65536, false, 255},
                             GreyCase{32768, 32767.5, 65536, false, 128},
                             // Width under 1 is 1: a threshold at the centre.
                             GreyCase{999, 1000, 0, false, 0}, GreyCase{1001, 1000, 0, false, 255},
                             GreyCase{999, 1000, -5, true, 255}));

TEST(MapToEightBit, EveryPixelAsMapGrey) {
    GreyImage image;
    image.width = 4;
    image.height = 2;
    image.pixels = {0, 10, 1000, 20000, 30000, 40000, 60000, 65535};
    const GreyWindow window{30000, 20000};
    for (const bool invert : {false, true}) {
        const std::vector<std::uint8_t> out = mapToEightBit(image, window, invert);
        ASSERT_EQ(out.size(), image.pixels.size());
        for (std::size_t i = 0; i < out.size(); ++i)
            EXPECT_EQ(out[i], mapGrey(image.pixels[i], window, invert)) << "pixel " << i;
    }
    EXPECT_EQ(mapToEightBit(image, window, false)[0], 0);
    EXPECT_EQ(mapToEightBit(image, window, false)[7], 255);
}

TEST(MapToEightBit, ANewWindowChangesTheLevels) {
    GreyImage image;
    image.width = 1;
    image.height = 1;
    image.pixels = {30000};
    EXPECT_EQ(mapToEightBit(image, {30000, 1000}, false)[0], 128);
    EXPECT_EQ(mapToEightBit(image, {10000, 1000}, false)[0], 255);
    EXPECT_EQ(mapToEightBit(image, {50000, 1000}, false)[0], 0);
}

}  // namespace
}  // namespace ankylos::imaging
