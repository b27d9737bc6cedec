/// Opening a radiograph for the viewer (run by .ci/benchmark, not a test; issue 15 target: under
/// 300 ms): a 16-bit 2500 x 3000 DICOM file made here through DCMTK, uncompressed, JPEG-LS and RLE,
/// each decoded from its bytes to the 16-bit grey buffer (imaging/dicom_image.h) and mapped to 8-bit
/// grey with its default window (imaging/grey_mapping.h), RUNS times; prints each step's median.
///
///   dicom_decode [RUNS=7]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "imaging/dicom_image.h"
#include "imaging/grey_mapping.h"
#include "synthetic_dicom.h"

namespace {

using namespace ankylos;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Timing {
    double decode = 0;
    double map = 0;
};

Timing openOnce(const std::string& bytes) {
    const auto start = Clock::now();
    const imaging::DecodedDicom decoded = imaging::decodeDicom(bytes, "bench.dcm");
    const double decode = msSince(start);
    const auto mapStart = Clock::now();
    const std::vector<std::uint8_t> grey =
        imaging::mapToEightBit(decoded.image, decoded.image.defaultWindow, false);
    const double map = msSince(mapStart);
    if (grey.size() != 2500u * 3000u)
        std::printf("unexpected size %zu\n", grey.size());
    return {decode, map};
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::stoi(argv[1])) : 7;
    const std::pair<const char*, testing::DicomEncoding> encodings[] = {
        {"uncompressed", testing::DicomEncoding::Uncompressed},
        {"JPEG-LS lossless", testing::DicomEncoding::JpegLs},
        {"RLE lossless", testing::DicomEncoding::Rle}};
    std::printf("16-bit 2500 x 3000 DICOM: decode to 16-bit grey, then map to 8-bit; median of %d runs\n",
                runs);
    for (const auto& [name, encoding] : encodings) {
        testing::SyntheticDicom spec;
        spec.width = 2500;
        spec.height = 3000;
        spec.windowCenter = "30000";
        spec.windowWidth = "40000";
        spec.encoding = encoding;
        const std::string bytes = testing::makeDicom(spec);
        std::vector<double> decodes, maps, totals;
        for (int i = 0; i < runs; ++i) {
            const Timing t = openOnce(bytes);
            decodes.push_back(t.decode);
            maps.push_back(t.map);
            totals.push_back(t.decode + t.map);
        }
        std::printf("%-17s %6.1f MB  decode %6.1f ms  map %5.1f ms  total %6.1f ms (target < 300 ms)\n", name,
                    bytes.size() / 1e6, median(decodes), median(maps), median(totals));
    }
    return 0;
}
