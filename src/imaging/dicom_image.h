#pragma once
/// DICOM radiographs read through DCMTK: the identity the file carries, its size, and its pixels as a
/// 16-bit grey buffer, for every transfer syntax DCMTK's decoders read (uncompressed, JPEG baseline and
/// lossless, JPEG-LS, RLE). No GUI and no database: the viewer and storage build on it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ankylos::imaging {

/// Who and when, as the file says (text as stored, converted to UTF-8 when the file names its
/// character set; dates as DICOM writes them, YYYYMMDD, or empty).
struct DicomIdentity {
    std::string patientId;        ///< (0010,0020) PatientID
    std::string patientName;      ///< (0010,0010) PatientName, FAMILY^GIVEN
    std::string studyDate;        ///< (0008,0020) StudyDate
    std::string acquisitionDate;  ///< (0008,0022) AcquisitionDate
    std::string contentDate;      ///< (0008,0023) ContentDate
    std::string modality;         ///< (0008,0060) Modality, e.g. CR, DX
    std::string bodyPart;         ///< (0018,0015) BodyPartExamined

    /// The date of the image: StudyDate, else AcquisitionDate, else ContentDate (YYYYMMDD or empty).
    const std::string& imageDate() const;
};

/// What the header says about the image.
struct DicomInfo {
    DicomIdentity identity;
    int width = 0;               ///< Columns
    int height = 0;              ///< Rows
    int bitsAllocated = 0;       ///< BitsAllocated
    int bitsStored = 0;          ///< BitsStored
    int frames = 1;              ///< NumberOfFrames (1 when absent)
    std::string photometric;     ///< PhotometricInterpretation, e.g. MONOCHROME2
    std::string transferSyntax;  ///< the transfer syntax's name, e.g. "JPEG-LS Lossless"
};

/// A window on a 16-bit grey buffer: the value at its centre shows mid-grey, values below centre -
/// width/2 black, above centre + width/2 white. In the buffer's units (0-65535).
struct GreyWindow {
    double center = 32767.5;
    double width = 65536.0;
};

/// The first frame as grey levels, one 16-bit value per pixel, row by row, brighter is whiter (a
/// MONOCHROME1 file is turned the right way). The buffer spans the pixel range of the frame (its
/// smallest value is 0, its largest 65535); defaultWindow is the file's first WindowCenter/Width
/// expressed on that scale, or the whole range when the file has none.
struct GreyImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint16_t> pixels;
    GreyWindow defaultWindow;
};

struct DecodedDicom {
    DicomInfo info;
    GreyImage image;
};

/// The header only (identity, size, bits): the pixel data is not read. name names the file in errors.
/// Throws ImagingError ("name: not a DICOM file (reason)") when DCMTK cannot read it.
DicomInfo readDicomInfo(std::string_view bytes, const std::string& name);
DicomInfo readDicomInfoFile(const std::filesystem::path& path);

/// Header and pixels of the first frame. Throws ImagingError naming the file and why (not DICOM,
/// no pixel data, a transfer syntax no decoder reads, a damaged stream).
DecodedDicom decodeDicom(std::string_view bytes, const std::string& name);
DecodedDicom decodeDicomFile(const std::filesystem::path& path);

}  // namespace ankylos::imaging
