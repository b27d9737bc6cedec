#include "imaging/image_format.h"

#include <cstdint>

#include "imaging/errors.h"

namespace ankylos::imaging {

namespace {

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

std::uint32_t byteAt(std::string_view bytes, std::size_t at) {
    return static_cast<unsigned char>(bytes[at]);
}

std::uint32_t bigEndian(std::string_view bytes, std::size_t at, int length) {
    std::uint32_t value = 0;
    for (int i = 0; i < length; ++i)
        value = (value << 8) | byteAt(bytes, at + static_cast<std::size_t>(i));
    return value;
}

std::uint32_t littleEndian(std::string_view bytes, std::size_t at, int length) {
    std::uint32_t value = 0;
    for (int i = length - 1; i >= 0; --i)
        value = (value << 8) | byteAt(bytes, at + static_cast<std::size_t>(i));
    return value;
}

[[noreturn]] void damaged(const std::string& name, const std::string& format, const std::string& why) {
    throw ImagingError(name + ": not a readable " + format + " file (" + why + ")");
}

RasterSize checkedSize(std::uint32_t width, std::uint32_t height, const std::string& name,
                       const std::string& format) {
    if (width == 0 || height == 0 || width > 1000000 || height > 1000000)
        damaged(name, format,
                "its header gives a size of " + std::to_string(width) + " x " + std::to_string(height));
    return {static_cast<int>(width), static_cast<int>(height)};
}

RasterSize pngSize(std::string_view bytes, const std::string& name) {
    // The signature, then the IHDR chunk: length (4), type (4), width (4), height (4), big-endian.
    if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR")
        damaged(name, "PNG", "no IHDR header after the signature");
    return checkedSize(bigEndian(bytes, 16, 4), bigEndian(bytes, 20, 4), name, "PNG");
}

bool isFrameHeader(std::uint32_t marker) {
    // SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range.
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

RasterSize jpegSize(std::string_view bytes, const std::string& name) {
    std::size_t at = 2;  // after SOI
    while (at + 4 <= bytes.size()) {
        if (byteAt(bytes, at) != 0xFF)
            damaged(name, "JPEG", "a segment does not start with a marker at byte " + std::to_string(at));
        const std::uint32_t marker = byteAt(bytes, at + 1);
        if (marker == 0xFF) {  // fill byte before a marker
            ++at;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA)
            break;  // end of image, or the scan, before any frame header
        const std::uint32_t length = bigEndian(bytes, at + 2, 2);
        if (isFrameHeader(marker)) {
            // Length (2), precision (1), height (2), width (2).
            if (at + 9 > bytes.size())
                break;
            return checkedSize(bigEndian(bytes, at + 7, 2), bigEndian(bytes, at + 5, 2), name, "JPEG");
        }
        at += 2 + length;
    }
    damaged(name, "JPEG", "no frame header giving its size");
}

RasterSize tiffSize(std::string_view bytes, const std::string& name) {
    const bool little = bytes[0] == 'I';
    const auto read = [&](std::size_t at, int length) {
        if (at + static_cast<std::size_t>(length) > bytes.size())
            damaged(name, "TIFF", "its first directory runs past the end of the file");
        return little ? littleEndian(bytes, at, length) : bigEndian(bytes, at, length);
    };
    const std::size_t directory = read(4, 4);
    const std::uint32_t entries = read(directory, 2);
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    for (std::uint32_t i = 0; i < entries; ++i) {
        const std::size_t entry = directory + 2 + 12 * static_cast<std::size_t>(i);
        const std::uint32_t tag = read(entry, 2);
        const std::uint32_t type = read(entry + 2, 2);  // 3 SHORT, 4 LONG
        if (tag != 256 && tag != 257)
            continue;
        const std::uint32_t value = type == 3 ? read(entry + 8, 2) : read(entry + 8, 4);
        (tag == 256 ? width : height) = value;
    }
    return checkedSize(width, height, name, "TIFF");
}

}  // namespace

const char* formatId(ImageFormat format) {
    switch (format) {
        case ImageFormat::Dicom:
            return "dicom";
        case ImageFormat::Png:
            return "png";
        case ImageFormat::Jpeg:
            return "jpeg";
        case ImageFormat::Tiff:
            return "tiff";
    }
    return "dicom";
}

std::optional<ImageFormat> parseFormatId(const std::string& id) {
    for (ImageFormat format : {ImageFormat::Dicom, ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Tiff})
        if (id == formatId(format))
            return format;
    return std::nullopt;
}

std::optional<ImageFormat> detectFormat(std::string_view bytes) {
    if (bytes.size() >= 132 && bytes.substr(128, 4) == "DICM")
        return ImageFormat::Dicom;
    if (bytes.substr(0, kPngSignature.size()) == kPngSignature)
        return ImageFormat::Png;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF")
        return ImageFormat::Jpeg;
    if (bytes.substr(0, 4) == std::string_view("II*\0", 4) ||
        bytes.substr(0, 4) == std::string_view("MM\0*", 4))
        return ImageFormat::Tiff;
    return std::nullopt;
}

RasterSize readRasterSize(std::string_view bytes, ImageFormat format, const std::string& name) {
    switch (format) {
        case ImageFormat::Png:
            return pngSize(bytes, name);
        case ImageFormat::Jpeg:
            return jpegSize(bytes, name);
        case ImageFormat::Tiff:
            return tiffSize(bytes, name);
        case ImageFormat::Dicom:
            break;
    }
    throw ImagingError(name + ": a DICOM file's size is read from its header (readDicomInfo)");
}

}  // namespace ankylos::imaging
