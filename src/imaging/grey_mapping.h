#pragma once
/// Window/level and inversion of a 16-bit grey buffer to 8-bit grey for the screen: what the viewer
/// draws after each change of window.

#include <cstdint>
#include <vector>

#include "imaging/dicom_image.h"

namespace ankylos::imaging {

/// One byte per pixel of image, row by row: values at or below window.center - window.width/2 are 0
/// (black), at or above window.center + window.width/2 are 255 (white), linear between (rounded to
/// the nearest level). invert swaps black and white (after windowing). A width under 1 is taken as 1
/// (a threshold at the centre).
std::vector<std::uint8_t> mapToEightBit(const GreyImage& image, const GreyWindow& window, bool invert);

/// The level one 16-bit value maps to, as mapToEightBit does.
std::uint8_t mapGrey(std::uint16_t value, const GreyWindow& window, bool invert);

}  // namespace ankylos::imaging
