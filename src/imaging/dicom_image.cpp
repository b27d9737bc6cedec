#include "imaging/dicom_image.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>

// DCMTK's configuration header comes first, before any of its other headers.
#include <dcmtk/config/osconfig.h>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmimgle/dcmimage.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include "imaging/errors.h"

namespace ankylos::imaging {

namespace {

constexpr double kGreyMax = 65535.0;

/// DCMTK's decoders register once per process; its log, which would print on our stderr, is kept
/// to errors that stop a read (and those reach the user as ImagingError anyway).
void registerDecoders() {
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DJDecoderRegistration::registerCodecs();    // JPEG baseline, extended, lossless
        DJLSDecoderRegistration::registerCodecs();  // JPEG-LS lossless and near-lossless
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

/// The file parsed, up to the pixel data or with it.
std::unique_ptr<DcmFileFormat> parse(std::string_view bytes, const std::string& name, bool withPixels) {
    registerDecoders();
    if (bytes.empty())
        throw ImagingError(name + ": not a DICOM file (the file is empty)");
    auto file = std::make_unique<DcmFileFormat>();
    DcmInputBufferStream stream;
    stream.setBuffer(bytes.data(), static_cast<offile_off_t>(bytes.size()));
    stream.setEos();
    file->transferInit();
    const OFCondition status =
        withPixels ? file->read(stream)
                   : file->readUntilTag(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength, DCM_PixelData);
    file->transferEnd();
    if (status.bad())
        throw ImagingError(name + ": not a DICOM file DCMTK can read (" + status.text() + ")");
    return file;
}

std::string text(DcmDataset& dataset, const DcmTagKey& tag) {
    OFString value;
    if (dataset.findAndGetOFStringArray(tag, value).bad())
        return "";
    return value.c_str();
}

int integer(DcmDataset& dataset, const DcmTagKey& tag, int absent) {
    Uint16 value = 0;
    if (dataset.findAndGetUint16(tag, value).good())
        return value;
    return absent;
}

int frameCount(DcmDataset& dataset) {
    Sint32 frames = 0;
    if (dataset.findAndGetSint32(DCM_NumberOfFrames, frames).good() && frames > 0)
        return static_cast<int>(frames);
    return 1;
}

DicomInfo infoOf(DcmFileFormat& file, const std::string& name) {
    DcmDataset& dataset = *file.getDataset();
    // Names in GB18030 or Latin-1 become UTF-8; a character set this build cannot convert leaves the
    // text as stored, which the identity check then compares as it is.
    OFString charset;
    if (dataset.findAndGetOFString(DCM_SpecificCharacterSet, charset).good() && !charset.empty())
        dataset.convertToUTF8();
    DicomInfo info;
    info.identity = {text(dataset, DCM_PatientID),       text(dataset, DCM_PatientName),
                     text(dataset, DCM_StudyDate),       text(dataset, DCM_AcquisitionDate),
                     text(dataset, DCM_ContentDate),     text(dataset, DCM_Modality),
                     text(dataset, DCM_BodyPartExamined)};
    info.width = integer(dataset, DCM_Columns, 0);
    info.height = integer(dataset, DCM_Rows, 0);
    if (info.width == 0 || info.height == 0)
        throw ImagingError(name + ": a DICOM file without an image (no Rows and Columns)");
    info.bitsAllocated = integer(dataset, DCM_BitsAllocated, 0);
    info.bitsStored = integer(dataset, DCM_BitsStored, info.bitsAllocated);
    info.frames = frameCount(dataset);
    info.photometric = text(dataset, DCM_PhotometricInterpretation);
    info.transferSyntax = DcmXfer(dataset.getOriginalXfer()).getXferName();
    return info;
}

std::string readWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ImagingError(path.string() + ": cannot be opened");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw ImagingError(path.string() + ": cannot be read");
    return bytes;
}

/// Compressed pixels decompressed in place, by whichever registered decoder reads them.
void decompress(DcmDataset& dataset, const std::string& name) {
    const DcmXfer original(dataset.getOriginalXfer());
    if (!original.isEncapsulated())
        return;
    const OFCondition status = dataset.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    if (status.bad() || !dataset.canWriteXfer(EXS_LittleEndianExplicit))
        throw ImagingError(name + ": the pixels are compressed as " + original.getXferName() +
                           ", which cannot be decoded (" + status.text() + ")");
}

/// The file's first window on the buffer's scale. DICOM's linear window (PS3.3 C.11.2.1.2) shows
/// values from c - 0.5 - (w - 1)/2 to c - 0.5 + (w - 1)/2; the buffer maps min..max to 0..65535.
GreyWindow fileWindow(DicomImage& image, double min, double max, bool inverted) {
    if (image.getWindowCount() == 0 || !image.setWindow(0))
        return {};
    double center = 0;
    double width = 0;
    if (!image.getWindow(center, width) || width < 1)
        return {};
    const double scale = kGreyMax / std::max(max - min, 1.0);
    GreyWindow window{(center - 0.5 - min) * scale, std::max(width - 1.0, 1.0) * scale};
    if (inverted)
        window.center = kGreyMax - window.center;
    return window;
}

GreyImage greyPixels(DicomImage& image, const std::string& name, bool monochrome1) {
    double min = 0;
    double max = 0;
    image.getMinMaxValues(min, max);
    GreyImage grey;
    grey.width = static_cast<int>(image.getWidth());
    grey.height = static_cast<int>(image.getHeight());
    grey.defaultWindow = fileWindow(image, min, max, monochrome1);
    image.setMinMaxWindow(0);
    const auto* data = static_cast<const std::uint16_t*>(image.getOutputData(16, 0, 0));
    if (!data)
        throw ImagingError(name + ": the pixels cannot be rendered (" +
                           DicomImage::getString(image.getStatus()) + ")");
    grey.pixels.assign(data, data + static_cast<std::size_t>(grey.width) * grey.height);
    image.deleteOutputData();
    return grey;
}

}  // namespace

const std::string& DicomIdentity::imageDate() const {
    if (!studyDate.empty())
        return studyDate;
    if (!acquisitionDate.empty())
        return acquisitionDate;
    return contentDate;
}

DicomInfo readDicomInfo(std::string_view bytes, const std::string& name) {
    const auto file = parse(bytes, name, false);
    return infoOf(*file, name);
}

DicomInfo readDicomInfoFile(const std::filesystem::path& path) {
    return readDicomInfo(readWholeFile(path), path.string());
}

DecodedDicom decodeDicom(std::string_view bytes, const std::string& name) {
    const auto file = parse(bytes, name, true);
    DecodedDicom decoded;
    decoded.info = infoOf(*file, name);
    DcmDataset& dataset = *file->getDataset();
    if (!dataset.tagExists(DCM_PixelData))
        throw ImagingError(name + ": a DICOM file without pixel data");
    decompress(dataset, name);
    DicomImage image(&dataset, EXS_LittleEndianExplicit, 0UL, 0UL, 1UL);
    if (image.getStatus() != EIS_Normal)
        throw ImagingError(name + ": the image cannot be decoded (" +
                           DicomImage::getString(image.getStatus()) + ")");
    if (image.isMonochrome()) {
        decoded.image = greyPixels(image, name, decoded.info.photometric == "MONOCHROME1");
        return decoded;
    }
    // A colour file (a photograph of a film, a secondary capture) is read as its luminance.
    const std::unique_ptr<DicomImage> grey(image.createMonochromeImage());
    if (!grey || grey->getStatus() != EIS_Normal)
        throw ImagingError(name + ": the colour image cannot be turned to grey");
    decoded.image = greyPixels(*grey, name, false);
    return decoded;
}

DecodedDicom decodeDicomFile(const std::filesystem::path& path) {
    return decodeDicom(readWholeFile(path), path.string());
}

}  // namespace ankylos::imaging
