// Images never enter a research export (issue 15): a cohort whose films carry images exports, in every
// format, identified or not, without any image's bytes, file name, checksum or DICOM identity.
#include <gtest/gtest.h>

#include "export_fixture.h"
#include "storage/audit_key.h"
#include "storage/film_image_repository.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "synthetic_dicom.h"

namespace ankylos::exports::test {
namespace {

constexpr const char* kFileName = "marker-film-image-7f3a.dcm";
constexpr const char* kBodyPart = "MARKERBODYPART";

class ExportWithImages : public ExportTest {
protected:
    /// Attaches a DICOM image to the first film of each of the first patients that have one.
    void attachImages() {
        int attached = 0;
        for (const std::string& clinicId : clinicIds()) {
            const core::PatientHistory& patient = history(clinicId);
            if (patient.films.empty())
                continue;
            const std::int64_t patientId = *storage::PatientRepository(db()).idOf(clinicId);
            const core::Date date = patient.films.front().date;
            ankylos::testing::SyntheticDicom dicom;
            dicom.patientId = clinicId;
            dicom.patientName = patient.patient.name;
            dicom.studyDate = core::toIsoString(date).substr(0, 4) + core::toIsoString(date).substr(5, 2) +
                              core::toIsoString(date).substr(8, 2);
            dicom.bodyPart = kBodyPart;
            const std::string bytes = ankylos::testing::makeDicom(dicom);
            m_checksums.push_back(storage::sha256Hex(bytes));
            storage::FilmImageRepository(db()).attach(*storage::FilmRepository(db()).filmId(patientId, date),
                                                      kFileName, bytes, std::string("export test"));
            if (++attached == 3)
                return;
        }
    }

    /// Every file the export wrote (the main file, codebook, manifest, ...) holds nothing of an image.
    void expectNoImageIn(const fs::path& folder) {
        int files = 0;
        for (const auto& entry : fs::recursive_directory_iterator(folder)) {
            if (!entry.is_regular_file())
                continue;
            ++files;
            const std::string text = readFile(entry.path());
            const std::string name = entry.path().filename().string();
            EXPECT_EQ(text.find("marker-film-image"), std::string::npos) << name << " names an image file";
            EXPECT_EQ(text.find(kBodyPart), std::string::npos) << name << " holds a DICOM identity";
            EXPECT_EQ(text.find("DICM"), std::string::npos) << name << " holds DICOM bytes";
            for (const std::string& checksum : m_checksums)
                EXPECT_EQ(text.find(checksum), std::string::npos) << name << " holds an image's checksum";
        }
        EXPECT_GT(files, 0) << "nothing exported into " << folder;
    }

    std::vector<std::string> m_checksums;
};

TEST_F(ExportWithImages, NoFormatCarriesAnImage) {
    attachImages();
    ASSERT_EQ(m_checksums.size(), 3u);
    ASSERT_EQ(storage::sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const std::pair<ExportFormat, ExportTable> formats[] = {
        {ExportFormat::Visits, ExportTable::Visits}, {ExportFormat::CsvLong, ExportTable::Visits},
        {ExportFormat::CsvWide, ExportTable::Wide},  {ExportFormat::Progression, ExportTable::Progression},
        {ExportFormat::Redcap, ExportTable::Visits}, {ExportFormat::Sav, ExportTable::Readings},
        {ExportFormat::Dta, ExportTable::Treatments}};
    for (const bool identified : {false, true}) {
        for (const auto& [format, table] : formats) {
            const std::string folder = toString(format) + (identified ? "-identified" : "-research");
            fs::create_directories(path(folder));
            ExportOptions o = options(format,
                                      folder + "/cohort." +
                                          (format == ExportFormat::Sav   ? "sav"
                                           : format == ExportFormat::Dta ? "dta"
                                                                         : "csv"),
                                      identified);
            if (format == ExportFormat::Sav || format == ExportFormat::Dta)
                o.table = table;  // the CSV formats fix their own tables
            run(o);
            expectNoImageIn(path(folder));
        }
    }
}

}  // namespace
}  // namespace ankylos::exports::test
