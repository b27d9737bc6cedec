// `ankylos-cli image` (issue 15): attaching image files to a patient's films, listing and removing
// them, on both engines. A DICOM file of another patient or day exits 2 naming what differs unless
// --confirm-mismatch gives a reason; bad input exits 2 naming the option and what is allowed, and
// stores nothing; `check` stays clean after every change.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_engine.h"
#include "cli_runner.h"
#include "sample_records.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "synthetic_dicom.h"

namespace ankylos::test {
namespace {

class ImageCommand : public CliOnEngine {
protected:
    ImageCommand() {
        runCliOk({"init", m_db});
        storage::Database db(m_db, "dr.zhang");
        const std::int64_t patient =
            storage::PatientRepository(db).add(storage::test::fullPatient("AS-0001", "王伟"));
        storage::FilmRepository(db).addFilm(patient, core::Date(2024, 3, 15));
        storage::FilmRepository(db).addFilm(patient, core::Date(2022, 1, 10));
    }

    /// A DICOM file of AS-0001's film of 2024-03-15, written to the test's folder.
    std::string dicomFile(const std::string& name, const std::string& patientId = "AS-0001") {
        testing::SyntheticDicom dicom;
        dicom.patientId = patientId;
        dicom.patientName = "王^伟";
        dicom.studyDate = "20240315";
        dicom.width = 80;
        dicom.height = 100;
        dicom.encoding = testing::DicomEncoding::Rle;
        writeFile(path(name), testing::makeDicom(dicom));
        return path(name);
    }

    nlohmann::json listed() {
        return nlohmann::json::parse(runCliOk({"image", "list", m_db, "--patient", "AS-0001", "--json"}).out);
    }

    void expectCheckClean() {
        const CliResult check = runCli({"check", m_db});
        EXPECT_EQ(check.exitCode, 0) << check.out << check.err;
    }
};

TEST_P(ImageCommand, AttachListAndRemove) {
    const CliResult attached = runCliOk(
        {"image", "attach", m_db, "--patient", "AS-0001", "--film", "2024-03-15", dicomFile("lateral.dcm")});
    EXPECT_NE(
        attached.out.find("Attached lateral.dcm to the film of 2024-03-15 of AS-0001 as image 1 (DICOM, 80 x "
                          "100, "),
        std::string::npos)
        << attached.out;
    const nlohmann::json images = listed();
    ASSERT_EQ(images.size(), 1u) << images.dump();
    EXPECT_EQ(images[0]["file_name"], "lateral.dcm");
    EXPECT_EQ(images[0]["film_date"], "2024-03-15");
    EXPECT_EQ(images[0]["format"], "dicom");
    EXPECT_EQ(images[0]["width"], 80);
    EXPECT_EQ(images[0]["dicom"]["patient_id"], "AS-0001");
    EXPECT_EQ(images[0]["dicom"]["study_date"], "20240315");
    EXPECT_TRUE(images[0]["identity_mismatch"].is_null());
    EXPECT_EQ(images[0]["byte_count"], readFile(path("lateral.dcm")).size());
    EXPECT_NE(runCliOk({"image", "list", m_db, "--patient", "AS-0001"}).out.find("DICOM: patient ID AS-0001"),
              std::string::npos);
    expectCheckClean();

    const CliResult removed = runCliOk({"image", "remove", m_db, "--id", "1", "--reason", "wrong film"});
    EXPECT_NE(removed.out.find("Removed image 1 (lateral.dcm) of the film of 2024-03-15."),
              std::string::npos);
    EXPECT_TRUE(listed().empty());
    EXPECT_EQ(countRows(m_db, "audit_log WHERE table_name = 'film_image' AND reason = 'wrong film'"), 1);
    expectCheckClean();
}

TEST_P(ImageCommand, AnotherPatientsFileNeedsAReason) {
    const std::string file = dicomFile("other.dcm", "AS-0002");
    const CliResult refused =
        runCli({"image", "attach", m_db, "--patient", "AS-0001", "--film", "2024-03-15", file});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_NE(refused.err.find("patient ID AS-0002 in the file, AS-0001 on the film"), std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("--confirm-mismatch REASON"), std::string::npos) << refused.err;
    EXPECT_EQ(countRows(m_db, "film_image"), 0);

    const CliResult confirmed =
        runCliOk({"image", "attach", m_db, "--patient", "AS-0001", "--film", "2024-03-15", file,
                  "--confirm-mismatch", "ID mistyped at the scanner"});
    EXPECT_NE(
        confirmed.out.find("Identity mismatch confirmed (ID mistyped at the scanner): patient ID AS-0002"),
        std::string::npos)
        << confirmed.out;
    EXPECT_EQ(listed()[0]["confirmation_reason"], "ID mistyped at the scanner");
    expectCheckClean();
}

TEST_P(ImageCommand, BadInputExits2NamingWhatIsAllowedAndStoresNothing) {
    writeFile(path("notes.txt"), "not an image");
    const std::string dicom = dicomFile("a.dcm");
    struct Case {
        std::vector<std::string> arguments;
        std::vector<std::string> named;
    };
    const Case cases[] = {
        {{"attach", m_db, "--patient", "AS-9999", "--film", "2024-03-15", dicom}, {"--patient", "AS-9999"}},
        {{"attach", m_db, "--patient", "AS-0001", "--film", "2024-03-16", dicom},
         {"--film", "2024-03-16", "2022-01-10, 2024-03-15"}},
        {{"attach", m_db, "--patient", "AS-0001", "--film", "15.03.2024", dicom}, {"--film", "15.03.2024"}},
        {{"attach", m_db, "--patient", "AS-0001", "--film", "2024-03-15", path("missing.dcm")},
         {"FILE", "missing.dcm"}},
        {{"attach", m_db, "--patient", "AS-0001", "--film", "2024-03-15", path("notes.txt")},
         {"image file", "notes.txt", "DICOM, PNG, JPEG or TIFF"}},
        {{"attach", m_db, "--film", "2024-03-15", dicom}, {"--patient"}},
        {{"remove", m_db, "--id", "7", "--reason", "x"}, {"--id", "7"}},
        {{"remove", m_db, "--id", "1"}, {"--reason"}},
        {{"list", m_db, "--patient", "AS-9999"}, {"--patient", "AS-9999"}},
    };
    for (const Case& c : cases) {
        std::vector<std::string> arguments{"image"};
        arguments.insert(arguments.end(), c.arguments.begin(), c.arguments.end());
        const CliResult result = runCli(arguments);
        EXPECT_EQ(result.exitCode, 2) << result.err;
        for (const std::string& word : c.named)
            EXPECT_NE(result.err.find(word), std::string::npos)
                << "missing \"" << word << "\" in: " << result.err;
    }
    EXPECT_EQ(countRows(m_db, "film_image"), 0);
    EXPECT_EQ(countRows(m_db, "audit_log WHERE table_name = 'film_image'"), 0);
}

ANKYLOS_ON_BOTH_ENGINES(ImageCommand);

}  // namespace
}  // namespace ankylos::test
