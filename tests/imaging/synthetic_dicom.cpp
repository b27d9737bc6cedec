#include "synthetic_dicom.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>

#include <unistd.h>

#include <dcmtk/config/osconfig.h>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcrlerp.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpeg/djrploss.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>

namespace ankylos::testing {

namespace {

void registerEncoders() {
    static std::once_flag once;
    std::call_once(once, [] {
        DJEncoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
    });
}

void check(const OFCondition& status, const std::string& what) {
    if (status.bad())
        throw std::runtime_error("making a test DICOM file: " + what + ": " + status.text());
}

std::string newUid() {
    char uid[100];
    return dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
}

bool ascii(const std::string& text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

void putIdentity(DcmDataset& dataset, const SyntheticDicom& spec) {
    if (!ascii(spec.patientName))
        check(dataset.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192"), "character set");
    check(dataset.putAndInsertString(DCM_SOPClassUID, UID_DigitalXRayImageStorageForPresentation),
          "SOP class");
    check(dataset.putAndInsertString(DCM_SOPInstanceUID, newUid().c_str()), "SOP instance");
    check(dataset.putAndInsertString(DCM_StudyInstanceUID, newUid().c_str()), "study");
    check(dataset.putAndInsertString(DCM_SeriesInstanceUID, newUid().c_str()), "series");
    check(dataset.putAndInsertString(DCM_PatientID, spec.patientId.c_str()), "PatientID");
    check(dataset.putAndInsertString(DCM_PatientName, spec.patientName.c_str()), "PatientName");
    check(dataset.putAndInsertString(DCM_Modality, spec.modality.c_str()), "Modality");
    check(dataset.putAndInsertString(DCM_BodyPartExamined, spec.bodyPart.c_str()), "BodyPartExamined");
    const std::pair<DcmTagKey, const std::string*> dates[] = {{DCM_StudyDate, &spec.studyDate},
                                                              {DCM_AcquisitionDate, &spec.acquisitionDate},
                                                              {DCM_ContentDate, &spec.contentDate}};
    for (const auto& [tag, value] : dates)
        if (!value->empty())
            check(dataset.putAndInsertString(tag, value->c_str()), "a date");
}

void putPixels(DcmDataset& dataset, const SyntheticDicom& spec) {
    const bool eight = spec.bitsStored <= 8;
    check(dataset.putAndInsertUint16(DCM_SamplesPerPixel, 1), "SamplesPerPixel");
    check(dataset.putAndInsertString(DCM_PhotometricInterpretation, spec.photometric.c_str()), "photometric");
    check(dataset.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.height)), "Rows");
    check(dataset.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.width)), "Columns");
    check(dataset.putAndInsertUint16(DCM_BitsAllocated, eight ? 8 : 16), "BitsAllocated");
    check(dataset.putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(spec.bitsStored)), "BitsStored");
    check(dataset.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(spec.bitsStored - 1)), "HighBit");
    check(dataset.putAndInsertUint16(DCM_PixelRepresentation, 0), "PixelRepresentation");
    if (!spec.windowCenter.empty()) {
        check(dataset.putAndInsertString(DCM_WindowCenter, spec.windowCenter.c_str()), "WindowCenter");
        check(dataset.putAndInsertString(DCM_WindowWidth, spec.windowWidth.c_str()), "WindowWidth");
    }
    const std::vector<std::uint16_t> pixels = syntheticPixels(spec);
    if (eight) {
        std::vector<Uint8> bytes(pixels.begin(), pixels.end());
        check(dataset.putAndInsertUint8Array(DCM_PixelData, bytes.data(), bytes.size()), "pixels");
    } else {
        check(dataset.putAndInsertUint16Array(DCM_PixelData, pixels.data(), pixels.size()), "pixels");
    }
}

E_TransferSyntax compress(DcmDataset& dataset, DicomEncoding encoding) {
    registerEncoders();
    const DJ_RPLossless jpegLossless(1, 0);
    const DJ_RPLossy jpegBaseline(90);
    const DJLSRepresentationParameter jpegLs(0, OFTrue);
    const DcmRLERepresentationParameter rle;
    switch (encoding) {
        case DicomEncoding::Uncompressed:
            return EXS_LittleEndianExplicit;
        case DicomEncoding::JpegLossless:
            check(dataset.chooseRepresentation(EXS_JPEGProcess14SV1, &jpegLossless), "JPEG lossless");
            return EXS_JPEGProcess14SV1;
        case DicomEncoding::JpegBaseline:
            check(dataset.chooseRepresentation(EXS_JPEGProcess1, &jpegBaseline), "JPEG baseline");
            return EXS_JPEGProcess1;
        case DicomEncoding::JpegLs:
            check(dataset.chooseRepresentation(EXS_JPEGLSLossless, &jpegLs), "JPEG-LS");
            return EXS_JPEGLSLossless;
        case DicomEncoding::Rle:
            check(dataset.chooseRepresentation(EXS_RLELossless, &rle), "RLE");
            return EXS_RLELossless;
    }
    return EXS_LittleEndianExplicit;
}

}  // namespace

std::vector<std::uint16_t> syntheticPixels(const SyntheticDicom& spec) {
    const int max = (1 << spec.bitsStored) - 1;
    std::vector<std::uint16_t> pixels(static_cast<std::size_t>(spec.width) * spec.height);
    for (int y = 0; y < spec.height; ++y) {
        for (int x = 0; x < spec.width; ++x) {
            // Soft tissue: a gradient; the spine: a brighter band in the middle third, crossed by
            // darker disc spaces (one row band in four of every eighth of the height).
            double value = 0.15 + 0.2 * y / spec.height + 0.05 * x / spec.width;
            if (x > spec.width / 3 && x < 2 * spec.width / 3)
                value += (y * 32 / spec.height) % 4 == 3 ? 0.2 : 0.45;
            pixels[static_cast<std::size_t>(y) * spec.width + x] = static_cast<std::uint16_t>(value * max);
        }
    }
    return pixels;
}

std::string makeDicom(const SyntheticDicom& spec) {
    DcmFileFormat file;
    DcmDataset& dataset = *file.getDataset();
    putIdentity(dataset, spec);
    putPixels(dataset, spec);
    const E_TransferSyntax xfer = compress(dataset, spec.encoding);
    static std::atomic<int> counter{0};
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("ankylos-synthetic-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".dcm");
    check(file.saveFile(path.c_str(), xfer), "saving");
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    return bytes;
}

}  // namespace ankylos::testing
