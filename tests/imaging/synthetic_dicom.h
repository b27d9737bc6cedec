#pragma once
/// DICOM files made by the tests themselves through DCMTK's encoders: a radiograph-like 16-bit image
/// (a lighter spine-shaped band over a soft gradient, with vertebra-like blocks), with a known
/// identity, uncompressed or compressed with each transfer syntax the readers must decode.

#include <cstdint>
#include <string>
#include <vector>

namespace ankylos::testing {

enum class DicomEncoding {
    Uncompressed,  ///< Explicit VR Little Endian
    JpegLossless,  ///< JPEG lossless, first-order prediction (process 14 SV1)
    JpegBaseline,  ///< JPEG baseline (8-bit images only)
    JpegLs,        ///< JPEG-LS lossless
    Rle,           ///< RLE lossless
};

struct SyntheticDicom {
    int width = 64;
    int height = 48;
    int bitsStored = 16;  ///< 8 for a JPEG baseline file
    std::string patientId = "AS-000001";
    std::string patientName = "DOE^JANE";  ///< a non-ASCII name is written as UTF-8 (ISO_IR 192)
    std::string studyDate = "20240315";
    std::string acquisitionDate;
    std::string contentDate;
    std::string modality = "DX";
    std::string bodyPart = "SPINE";
    std::string photometric = "MONOCHROME2";
    std::string windowCenter;  ///< written when not empty, e.g. "2048"
    std::string windowWidth;
    DicomEncoding encoding = DicomEncoding::Uncompressed;
};

/// The pixel values the file carries, row by row (the same for every encoding: all are lossless but
/// JPEG baseline).
std::vector<std::uint16_t> syntheticPixels(const SyntheticDicom& spec);

/// The DICOM Part 10 file's bytes.
std::string makeDicom(const SyntheticDicom& spec);

}  // namespace ankylos::testing
