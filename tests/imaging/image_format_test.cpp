#include "imaging/image_format.h"

#include <gtest/gtest.h>

#include "imaging/errors.h"
#include "synthetic_dicom.h"

namespace ankylos::imaging {
namespace {

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int value : values)
        out += static_cast<char>(value);
    return out;
}

/// The signature and IHDR of a PNG of width x height (the rest of the file is not read).
std::string pngHeader(std::uint32_t width, std::uint32_t height) {
    std::string png = bytes({0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    for (const std::uint32_t value : {width, height})
        png +=
            bytes({int(value >> 24), int((value >> 16) & 0xFF), int((value >> 8) & 0xFF), int(value & 0xFF)});
    return png + bytes({16, 0, 0, 0, 0});
}

/// SOI, an APP0 segment, then a SOF marker with height and width.
std::string jpegHeader(int sof, int width, int height) {
    return bytes({0xFF,
                  0xD8,
                  0xFF,
                  0xE0,
                  0,
                  16,
                  'J',
                  'F',
                  'I',
                  'F',
                  0,
                  1,
                  1,
                  0,
                  0,
                  1,
                  0,
                  1,
                  0,
                  0,
                  0xFF,
                  sof,
                  0,
                  11,
                  8,
                  height >> 8,
                  height & 0xFF,
                  width >> 8,
                  width & 0xFF,
                  1,
                  1,
                  0x11,
                  0});
}

/// A TIFF header and a first directory of three entries; width as a SHORT, height as a LONG.
std::string tiffHeader(bool little, int width, int height) {
    const auto u16 = [&](int v) { return little ? bytes({v & 0xFF, v >> 8}) : bytes({v >> 8, v & 0xFF}); };
    const auto u32 = [&](int v) {
        return little ? bytes({v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24})
                      : bytes({v >> 24, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF});
    };
    std::string tiff = little ? std::string("II*\0", 4) : std::string("MM\0*", 4);
    tiff += u32(8) + u16(3);
    tiff += u16(254) + u16(4) + u32(1) + u32(0);               // NewSubfileType
    tiff += u16(256) + u16(3) + u32(1) + u16(width) + u16(0);  // ImageWidth, SHORT
    tiff += u16(257) + u16(4) + u32(1) + u32(height);          // ImageLength, LONG
    return tiff + u32(0);
}

TEST(DetectFormat, BySignatureOnly) {
    EXPECT_EQ(detectFormat(pngHeader(10, 20)), ImageFormat::Png);
    EXPECT_EQ(detectFormat(jpegHeader(0xC0, 10, 20)), ImageFormat::Jpeg);
    EXPECT_EQ(detectFormat(tiffHeader(true, 10, 20)), ImageFormat::Tiff);
    EXPECT_EQ(detectFormat(tiffHeader(false, 10, 20)), ImageFormat::Tiff);
    EXPECT_EQ(detectFormat(testing::makeDicom({})), ImageFormat::Dicom);
    EXPECT_EQ(detectFormat(""), std::nullopt);
    EXPECT_EQ(detectFormat("GIF89a......"), std::nullopt);
    EXPECT_EQ(detectFormat(std::string(128, '\0') + "DICX"), std::nullopt);
    EXPECT_EQ(detectFormat("%PDF-1.7"), std::nullopt);
}

TEST(FormatId, RoundTripsAndRefusesOthers) {
    for (ImageFormat format : {ImageFormat::Dicom, ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Tiff})
        EXPECT_EQ(parseFormatId(formatId(format)), format);
    EXPECT_EQ(std::string(formatId(ImageFormat::Jpeg)), "jpeg");
    EXPECT_EQ(parseFormatId("jpg"), std::nullopt);
    EXPECT_EQ(parseFormatId("DICOM"), std::nullopt);
}

struct SizeCase {
    std::string name;
    std::string header;
    ImageFormat format;
    int width;
    int height;
};

class RasterSizes : public ::testing::TestWithParam<SizeCase> {};

TEST_P(RasterSizes, FromTheHeader) {
    const SizeCase& c = GetParam();
    const RasterSize size = readRasterSize(c.header, c.format, c.name);
    EXPECT_EQ(size.width, c.width);
    EXPECT_EQ(size.height, c.height);
}

INSTANTIATE_TEST_SUITE_P(
    Formats, RasterSizes,
    ::testing::Values(SizeCase{"png", pngHeader(2500, 3000), ImageFormat::Png, 2500, 3000},
                      SizeCase{"png1", pngHeader(1, 1), ImageFormat::Png, 1, 1},
                      SizeCase{"baseline", jpegHeader(0xC0, 2048, 1536), ImageFormat::Jpeg, 2048, 1536},
                      SizeCase{"progressive", jpegHeader(0xC2, 640, 480), ImageFormat::Jpeg, 640, 480},
                      SizeCase{"lossless", jpegHeader(0xC3, 300, 200), ImageFormat::Jpeg, 300, 200},
                      SizeCase{"tiffLittle", tiffHeader(true, 2500, 3000), ImageFormat::Tiff, 2500, 3000},
                      SizeCase{"tiffBig", tiffHeader(false, 640, 65000), ImageFormat::Tiff, 640, 65000}),
    [](const auto& info) { return info.param.name; });

void expectRefused(const std::string& header, ImageFormat format, const std::string& why) {
    try {
        readRasterSize(header, format, "scan.img");
        FAIL() << "accepted a damaged header; expected " << why;
    } catch (const ImagingError& e) {
        EXPECT_NE(std::string(e.what()).find("scan.img"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    }
}

TEST(RasterSizes, DamagedHeadersAreRefusedNamingTheFile) {
    expectRefused(pngHeader(10, 20).substr(0, 20), ImageFormat::Png, "no IHDR");
    expectRefused(pngHeader(0, 20), ImageFormat::Png, "0 x 20");
    // A JPEG cut before its frame header, and one whose segments do not start with a marker.
    expectRefused(jpegHeader(0xC0, 10, 20).substr(0, 20), ImageFormat::Jpeg, "no frame header");
    expectRefused(bytes({0xFF, 0xD8, 0x00, 0x00, 0x00, 0x00}), ImageFormat::Jpeg, "marker at byte 2");
    // DHT (C4) is not a frame header: the size comes from the SOF after it.
    expectRefused(jpegHeader(0xC4, 10, 20), ImageFormat::Jpeg, "no frame header");
    expectRefused(tiffHeader(true, 10, 20).substr(0, 20), ImageFormat::Tiff, "past the end");
    expectRefused(testing::makeDicom({}), ImageFormat::Dicom, "readDicomInfo");
}

}  // namespace
}  // namespace ankylos::imaging
