#pragma once
/// The image files a film may carry (DICOM, PNG, JPEG, TIFF), told apart by their signature (magic
/// bytes), never by the file's name; and the width and height PNG, JPEG and TIFF headers give, read
/// without decoding the image (that is the viewer's job).

#include <optional>
#include <string>
#include <string_view>

namespace ankylos::imaging {

enum class ImageFormat { Dicom, Png, Jpeg, Tiff };

/// The stored name of a format: "dicom", "png", "jpeg", "tiff".
const char* formatId(ImageFormat format);
/// The format of a stored name; nullopt for any other text.
std::optional<ImageFormat> parseFormatId(const std::string& id);

/// The format the file's first bytes announce: "DICM" at byte 128 (DICOM Part 10), the PNG
/// signature, FF D8 FF (JPEG), "II*\0" or "MM\0*" (TIFF). nullopt for anything else.
std::optional<ImageFormat> detectFormat(std::string_view bytes);

struct RasterSize {
    int width = 0;
    int height = 0;
};

/// Width and height from a PNG's IHDR, a JPEG's frame header (SOFn) or a TIFF's first directory
/// (ImageWidth, ImageLength). Throws ImagingError naming the file when the header is cut short or
/// damaged, or for a DICOM file (readDicomInfo reads those).
RasterSize readRasterSize(std::string_view bytes, ImageFormat format, const std::string& name);

}  // namespace ankylos::imaging
