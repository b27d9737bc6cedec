#include "imaging/dicom_image.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "imaging/errors.h"
#include "synthetic_dicom.h"

namespace ankylos::imaging {
namespace {

using testing::DicomEncoding;
using testing::SyntheticDicom;

SyntheticDicom spec(DicomEncoding encoding = DicomEncoding::Uncompressed) {
    SyntheticDicom dicom;
    dicom.width = 120;
    dicom.height = 160;
    dicom.encoding = encoding;
    return dicom;
}

/// The buffer the reader should give for the raw values: min..max spread over 0..65535.
std::vector<double> expectedGrey(const std::vector<std::uint16_t>& raw) {
    const auto [low, high] = std::minmax_element(raw.begin(), raw.end());
    std::vector<double> grey;
    for (const std::uint16_t value : raw)
        grey.push_back((value - *low) * 65535.0 / (*high - *low));
    return grey;
}

void expectMatches(const GreyImage& image, const std::vector<double>& expected, double tolerance) {
    ASSERT_EQ(image.pixels.size(), expected.size());
    double worst = 0;
    for (std::size_t i = 0; i < expected.size(); ++i)
        worst = std::max(worst, std::abs(image.pixels[i] - expected[i]));
    EXPECT_LE(worst, tolerance);
}

TEST(ReadDicomInfo, IdentitySizeAndBits) {
    SyntheticDicom dicom = spec();
    dicom.patientId = "AS-000042";
    dicom.patientName = "ZHANG^WEI";
    dicom.studyDate = "20230102";
    dicom.acquisitionDate = "20230103";
    dicom.contentDate = "20230104";
    dicom.modality = "CR";
    dicom.bodyPart = "CSPINE";
    const DicomInfo info = readDicomInfo(testing::makeDicom(dicom), "lateral.dcm");
    EXPECT_EQ(info.identity.patientId, "AS-000042");
    EXPECT_EQ(info.identity.patientName, "ZHANG^WEI");
    EXPECT_EQ(info.identity.studyDate, "20230102");
    EXPECT_EQ(info.identity.acquisitionDate, "20230103");
    EXPECT_EQ(info.identity.contentDate, "20230104");
    EXPECT_EQ(info.identity.modality, "CR");
    EXPECT_EQ(info.identity.bodyPart, "CSPINE");
    EXPECT_EQ(info.width, 120);
    EXPECT_EQ(info.height, 160);
    EXPECT_EQ(info.bitsAllocated, 16);
    EXPECT_EQ(info.bitsStored, 16);
    EXPECT_EQ(info.frames, 1);
    EXPECT_EQ(info.photometric, "MONOCHROME2");
    EXPECT_EQ(info.transferSyntax, "Little Endian Explicit");
}

TEST(ReadDicomInfo, ChineseNameInUtf8) {
    SyntheticDicom dicom = spec();
    dicom.patientName = "王^小明";
    EXPECT_EQ(readDicomInfo(testing::makeDicom(dicom), "x.dcm").identity.patientName, "王^小明");
}

struct DateCase {
    std::string study, acquisition, content, expected;
};

TEST(DicomIdentity, ImageDateFallsBackInOrder) {
    for (const DateCase& c : {DateCase{"20200101", "20200102", "20200103", "20200101"},
                              DateCase{"", "20200102", "20200103", "20200102"},
                              DateCase{"", "", "20200103", "20200103"}, DateCase{"", "", "", ""}}) {
        DicomIdentity identity;
        identity.studyDate = c.study;
        identity.acquisitionDate = c.acquisition;
        identity.contentDate = c.content;
        EXPECT_EQ(identity.imageDate(), c.expected);
    }
}

class LosslessEncodings : public ::testing::TestWithParam<DicomEncoding> {};

TEST_P(LosslessEncodings, DecodeToTheSamePixels) {
    const SyntheticDicom dicom = spec(GetParam());
    const std::string bytes = testing::makeDicom(dicom);
    const DecodedDicom decoded = decodeDicom(bytes, "film.dcm");
    EXPECT_EQ(decoded.image.width, 120);
    EXPECT_EQ(decoded.image.height, 160);
    EXPECT_EQ(*std::min_element(decoded.image.pixels.begin(), decoded.image.pixels.end()), 0);
    EXPECT_EQ(*std::max_element(decoded.image.pixels.begin(), decoded.image.pixels.end()), 65535);
    expectMatches(decoded.image, expectedGrey(testing::syntheticPixels(dicom)), 1.0);
    EXPECT_EQ(decoded.image.defaultWindow.center, 32767.5);  // no window in the file: the whole range
    EXPECT_EQ(decoded.image.defaultWindow.width, 65536.0);
}

INSTANTIATE_TEST_SUITE_P(TransferSyntaxes, LosslessEncodings,
                         ::testing::Values(DicomEncoding::Uncompressed, DicomEncoding::JpegLossless,
                                           DicomEncoding::JpegLs, DicomEncoding::Rle));

TEST(DecodeDicom, TransferSyntaxNamedForEachEncoding) {
    EXPECT_EQ(readDicomInfo(testing::makeDicom(spec(DicomEncoding::JpegLs)), "a").transferSyntax,
              "JPEG-LS Lossless");
    EXPECT_EQ(readDicomInfo(testing::makeDicom(spec(DicomEncoding::Rle)), "a").transferSyntax,
              "RLE Lossless");
}

TEST(DecodeDicom, JpegBaselineWithinTheLossOfCompression) {
    SyntheticDicom dicom = spec(DicomEncoding::JpegBaseline);
    dicom.bitsStored = 8;
    const DecodedDicom decoded = decodeDicom(testing::makeDicom(dicom), "photo.dcm");
    const std::vector<double> expected = expectedGrey(testing::syntheticPixels(dicom));
    double total = 0;
    for (std::size_t i = 0; i < expected.size(); ++i)
        total += std::abs(decoded.image.pixels[i] - expected[i]);
    // Quality 90 on smooth bands: within 2 % of the range on average.
    EXPECT_LT(total / expected.size(), 0.02 * 65535);
}

TEST(DecodeDicom, FileWindowOnTheBufferScale) {
    SyntheticDicom dicom = spec();
    dicom.windowCenter = "30000";
    dicom.windowWidth = "20001";
    const std::vector<std::uint16_t> raw = testing::syntheticPixels(dicom);
    const auto [low, high] = std::minmax_element(raw.begin(), raw.end());
    const double scale = 65535.0 / (*high - *low);
    const GreyWindow window = decodeDicom(testing::makeDicom(dicom), "w.dcm").image.defaultWindow;
    EXPECT_NEAR(window.center, (30000 - 0.5 - *low) * scale, 1e-6);
    EXPECT_NEAR(window.width, 20000 * scale, 1e-6);
}

TEST(DecodeDicom, Monochrome1IsTurnedBrightForHighValues) {
    SyntheticDicom normal = spec();
    SyntheticDicom inverse = spec();
    inverse.photometric = "MONOCHROME1";
    const GreyImage a = decodeDicom(testing::makeDicom(normal), "a").image;
    const GreyImage b = decodeDicom(testing::makeDicom(inverse), "b").image;
    ASSERT_EQ(a.pixels.size(), b.pixels.size());
    for (std::size_t i = 0; i < a.pixels.size(); i += 97)
        EXPECT_NEAR(a.pixels[i] + b.pixels[i], 65535, 1) << "pixel " << i;
}

void expectError(const std::string& bytes, const std::string& name, const std::string& why) {
    try {
        decodeDicom(bytes, name);
        FAIL() << "decoded what should be refused (" << why << ")";
    } catch (const ImagingError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(name + ": ", 0), 0u) << message;
        EXPECT_NE(message.find(why), std::string::npos) << message;
    }
}

TEST(DecodeDicom, UnreadableFilesNameTheFileAndWhy) {
    expectError("", "empty.dcm", "the file is empty");
    expectError(std::string(128, '\0') + "DICM" + std::string(40, '\xff'), "garbage.dcm", "not a DICOM file");
    SyntheticDicom noPixels = spec();
    const std::string whole = testing::makeDicom(noPixels);
    expectError(whole.substr(0, whole.size() / 2), "cut.dcm", "cut.dcm");
}

TEST(DecodeDicom, FromAPath) {
    const auto path = std::filesystem::temp_directory_path() / "ankylos-imaging-path-test.dcm";
    {
        std::ofstream out(path, std::ios::binary);
        out << testing::makeDicom(spec(DicomEncoding::Rle));
    }
    EXPECT_EQ(decodeDicomFile(path).image.width, 120);
    EXPECT_EQ(readDicomInfoFile(path).identity.patientId, "AS-000001");
    std::filesystem::remove(path);
    try {
        decodeDicomFile(path);
        FAIL() << "read a file that is not there";
    } catch (const ImagingError& e) {
        EXPECT_NE(std::string(e.what()).find(path.string() + ": cannot be opened"), std::string::npos);
    }
}

}  // namespace
}  // namespace ankylos::imaging
