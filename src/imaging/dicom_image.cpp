#include "imaging/dicom_image.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>

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

/// Rescale (PS3.3 C.11.1): modality value = stored value x slope + intercept; 1 and 0 when absent.
struct Rescale {
    double slope = 1.0;
    double intercept = 0.0;
};

/// What the fast path needs to know of a frame's stored values.
struct StoredValues {
    const Uint16* data = nullptr;
    std::size_t count = 0;
    int bits = 16;
    bool isSigned = false;
    Rescale rescale;
};

/// The common radiograph read straight from its pixel data: one sample of 16 bits allocated,
/// MONOCHROME1 or 2, linear rescale, no modality or VOI lookup table. DicomImage's general rendering
/// took most of the 300 ms the viewer has to open a 2500 x 3000 film; this takes a tenth of it.
std::optional<StoredValues> fastPathValues(DcmDataset& dataset, const DicomInfo& info) {
    Uint16 samples = 0;
    if (info.bitsAllocated != 16 || info.bitsStored < 1 || info.bitsStored > 16 ||
        dataset.findAndGetUint16(DCM_SamplesPerPixel, samples).bad() || samples != 1 ||
        (info.photometric != "MONOCHROME1" && info.photometric != "MONOCHROME2") ||
        dataset.tagExists(DCM_ModalityLUTSequence) || dataset.tagExists(DCM_VOILUTSequence))
        return std::nullopt;
    StoredValues values;
    unsigned long count = 0;
    if (dataset.findAndGetUint16Array(DCM_PixelData, values.data, &count).bad() ||
        count < static_cast<unsigned long>(info.width) * static_cast<unsigned long>(info.height))
        return std::nullopt;
    values.count = static_cast<std::size_t>(info.width) * static_cast<std::size_t>(info.height);
    values.bits = info.bitsStored;
    Uint16 representation = 0;
    dataset.findAndGetUint16(DCM_PixelRepresentation, representation);
    values.isSigned = representation == 1;
    // findAndGet sets its output to 0 when the attribute is absent: 1 and 0 are the absent defaults.
    Float64 slope = 1.0;
    Float64 intercept = 0.0;
    if (dataset.findAndGetFloat64(DCM_RescaleSlope, slope).bad())
        slope = 1.0;
    if (dataset.findAndGetFloat64(DCM_RescaleIntercept, intercept).bad())
        intercept = 0.0;
    if (!(slope > 0))
        return std::nullopt;  // a decreasing or flat rescale: DicomImage's general path
    values.rescale = {slope, intercept};
    return values;
}

/// The stored value each 16-bit word stands for: BitsStored low bits, sign-extended when signed.
std::vector<int> storedValueTable(const StoredValues& values) {
    std::vector<int> table(65536);
    const int mask = values.bits == 16 ? 0xFFFF : (1 << values.bits) - 1;
    for (int word = 0; word < 65536; ++word) {
        int value = word & mask;
        if (values.isSigned && ((value >> (values.bits - 1)) & 1))
            value -= 1 << values.bits;
        table[static_cast<std::size_t>(word)] = value;
    }
    return table;
}

/// The file's first WindowCenter/Width (modality units) on the buffer's scale, as fileWindow does.
GreyWindow fastWindow(DcmDataset& dataset, const Rescale& rescale, int min, int max, bool inverted) {
    Float64 center = 0;
    Float64 width = 0;
    if (dataset.findAndGetFloat64(DCM_WindowCenter, center).bad() ||
        dataset.findAndGetFloat64(DCM_WindowWidth, width).bad() || width < 1)
        return {};
    const double low = min * rescale.slope + rescale.intercept;
    const double scale = kGreyMax / std::max((max - min) * rescale.slope, 1.0);
    GreyWindow window{(center - 0.5 - low) * scale, std::max(width - 1.0, 1.0) * scale};
    if (inverted)
        window.center = kGreyMax - window.center;
    return window;
}

GreyImage fastGrey(DcmDataset& dataset, const DicomInfo& info, const StoredValues& values) {
    const std::vector<int> stored = storedValueTable(values);
    int min = stored[values.data[0]];
    int max = min;
    for (std::size_t i = 0; i < values.count; ++i) {
        const int value = stored[values.data[i]];
        min = std::min(min, value);
        max = std::max(max, value);
    }
    // One table from word to grey level: min..max spread over 0..65535, reversed for MONOCHROME1.
    const bool inverted = info.photometric == "MONOCHROME1";
    const double scale = kGreyMax / std::max(max - min, 1);
    std::vector<std::uint16_t> grey(65536);
    for (std::size_t word = 0; word < grey.size(); ++word) {
        const double level = std::clamp(std::round((stored[word] - min) * scale), 0.0, kGreyMax);
        grey[word] = static_cast<std::uint16_t>(inverted ? kGreyMax - level : level);
    }
    GreyImage image;
    image.width = info.width;
    image.height = info.height;
    image.pixels.resize(values.count);
    std::transform(values.data, values.data + values.count, image.pixels.begin(),
                   [&grey](Uint16 word) { return grey[word]; });
    image.defaultWindow = fastWindow(dataset, values.rescale, min, max, inverted);
    return image;
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
    if (const std::optional<StoredValues> values = fastPathValues(dataset, decoded.info)) {
        decoded.image = fastGrey(dataset, decoded.info, *values);
        return decoded;
    }
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
