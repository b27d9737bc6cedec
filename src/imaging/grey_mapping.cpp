#include "imaging/grey_mapping.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ankylos::imaging {

std::uint8_t mapGrey(std::uint16_t value, const GreyWindow& window, bool invert) {
    const double width = std::max(window.width, 1.0);
    const double lower = window.center - width / 2.0;
    const double level = std::round((static_cast<double>(value) - lower) / width * 255.0);
    const auto grey = static_cast<std::uint8_t>(std::clamp(level, 0.0, 255.0));
    return invert ? static_cast<std::uint8_t>(255 - grey) : grey;
}

std::vector<std::uint8_t> mapToEightBit(const GreyImage& image, const GreyWindow& window, bool invert) {
    // One table of the 65536 possible values: a lookup per pixel instead of arithmetic per pixel.
    static thread_local std::array<std::uint8_t, 65536> table;
    for (std::size_t value = 0; value < table.size(); ++value)
        table[value] = mapGrey(static_cast<std::uint16_t>(value), window, invert);
    std::vector<std::uint8_t> out(image.pixels.size());
    std::transform(image.pixels.begin(), image.pixels.end(), out.begin(),
                   [](std::uint16_t value) { return table[value]; });
    return out;
}

}  // namespace ankylos::imaging
