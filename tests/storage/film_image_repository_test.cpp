// Images attached to films (storage/film_image_repository.h): the file's bytes stored in the database
// with what it is and what a DICOM file says; a DICOM file of another patient or date refused unless
// confirmed with a reason; every import and removal audited without the bytes; `check` finding bytes
// changed outside Ankylos. On both engines, with DICOM files made by the test through DCMTK.
#include "storage/film_image_repository.h"

#include <gtest/gtest.h>

#include "engine_database.h"
#include "imaging/errors.h"
#include "sample_records.h"
#include "storage/audit.h"
#include "storage/audit_key.h"
#include "storage/film_repository.h"
#include "storage/patient_repository.h"
#include "storage/record_check.h"
#include "synthetic_dicom.h"
#include "temp_database.h"

namespace ankylos::storage {
namespace {

using core::Date;

/// The signature and IHDR chunk of a PNG of that size: all attach reads of a PNG.
std::string pngFile(std::uint32_t width, std::uint32_t height) {
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
    for (const std::uint32_t value : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8)
            png += static_cast<char>((value >> shift) & 0xFF);
    return png + std::string("\x10\0\0\0\0", 5);
}

/// A DICOM file of the fixture's patient and film unless changed.
testing::SyntheticDicom thePatientsFilm() {
    testing::SyntheticDicom dicom;
    dicom.patientId = "AS-0001";
    dicom.patientName = "王^伟";
    dicom.studyDate = "20240315";
    dicom.width = 80;
    dicom.height = 100;
    dicom.encoding = testing::DicomEncoding::JpegLs;
    return dicom;
}

class FilmImages : public ::testing::TestWithParam<sql::Engine> {
protected:
    int imageRows() { return test::rawInt(sql::connectionOf(m_db), "SELECT count(*) FROM film_image"); }

    std::vector<std::string> checkProblems() { return checkDatabase(m_db).problems; }

    /// Expects write to throw E, with nothing stored and nothing audited.
    template <typename E, typename Write>
    std::string expectRefused(Write write) {
        const int rows = imageRows();
        const std::int64_t trail = auditRowCount(m_db);
        std::string message;
        try {
            write();
            ADD_FAILURE() << "not refused";
        } catch (const E& e) {
            message = e.what();
        }
        EXPECT_EQ(imageRows(), rows);
        EXPECT_EQ(auditRowCount(m_db), trail);
        return message;
    }

    test::EngineLocation m_location{GetParam()};
    Database m_db{m_location.path(), "dr.zhang", Open::CreateNew};
    std::int64_t m_patient = PatientRepository(m_db).add(test::fullPatient("AS-0001", "王伟"));
    std::int64_t m_film = FilmRepository(m_db).addFilm(m_patient, Date(2024, 3, 15));
    FilmImageRepository m_images{m_db};
};

TEST_P(FilmImages, AMatchingDicomFileIsStoredWithItsIdentityAndAuditedWithoutItsBytes) {
    const std::string bytes = testing::makeDicom(thePatientsFilm());
    const std::int64_t id = m_images.attach(m_film, "/scans/2024/lateral c-spine.dcm", bytes);

    const std::vector<FilmImage> images = m_images.list(m_film);
    ASSERT_EQ(images.size(), 1u);
    const FilmImage& image = images[0];
    EXPECT_EQ(image.id, id);
    EXPECT_EQ(image.filmId, m_film);
    EXPECT_EQ(image.format, imaging::ImageFormat::Dicom);
    EXPECT_EQ(image.fileName, "lateral c-spine.dcm");  // without its folder
    EXPECT_EQ(image.byteCount, static_cast<std::int64_t>(bytes.size()));
    EXPECT_EQ(image.sha256, sha256Hex(bytes));
    EXPECT_EQ(image.width, 80);
    EXPECT_EQ(image.height, 100);
    ASSERT_TRUE(image.dicom);
    EXPECT_EQ(image.dicom->patientId, "AS-0001");
    EXPECT_EQ(image.dicom->patientName, "王^伟");
    EXPECT_EQ(image.dicom->studyDate, "20240315");
    EXPECT_EQ(image.dicom->modality, "DX");
    EXPECT_EQ(image.importedBy, m_db.user());
    EXPECT_FALSE(image.identityMismatch);
    EXPECT_FALSE(image.confirmationReason);
    EXPECT_EQ(m_images.loadBytes(id), bytes);

    const std::vector<AuditRow> trail = auditRowsFor(m_db, "film_image", id);
    ASSERT_EQ(trail.size(), 1u);
    EXPECT_EQ(trail[0].action, "insert");
    EXPECT_EQ(trail[0].reason, "");
    EXPECT_NE(trail[0].newValues.find("lateral c-spine.dcm"), std::string::npos);
    EXPECT_LT(trail[0].newValues.size(), bytes.size() / 4) << "the audit row holds more than metadata";
    EXPECT_EQ(trail[0].newValues.find("DICM"), std::string::npos);
    EXPECT_TRUE(checkProblems().empty());
}

TEST_P(FilmImages, AnotherPatientsFileIsRefusedUnlessConfirmedWithAReason) {
    testing::SyntheticDicom other = thePatientsFilm();
    other.patientId = "AS-0002";
    other.studyDate = "20240316";
    const std::string bytes = testing::makeDicom(other);
    const std::string message =
        expectRefused<ImageIdentityMismatch>([&] { m_images.attach(m_film, "other.dcm", bytes); });
    EXPECT_NE(
        message.find("other.dcm does not match the film: patient ID AS-0002 in the file, AS-0001 on the "
                     "film; study date 2024-03-16 in the file, 2024-03-15 on the film"),
        std::string::npos)
        << message;
    expectRefused<ImageIdentityMismatch>(
        [&] { m_images.attach(m_film, "other.dcm", bytes, std::string("  ")); });

    const std::int64_t id =
        m_images.attach(m_film, "other.dcm", bytes, std::string("ID mistyped at the scanner"));
    const FilmImage image = *m_images.find(id);
    EXPECT_EQ(image.identityMismatch,
              "patient ID AS-0002 in the file, AS-0001 on the film; study date 2024-03-16 in the file, "
              "2024-03-15 on the film");
    EXPECT_EQ(image.confirmationReason, "ID mistyped at the scanner");
    const std::vector<AuditRow> trail = auditRowsFor(m_db, "film_image", id);
    ASSERT_EQ(trail.size(), 1u);
    EXPECT_EQ(trail[0].reason, "ID mistyped at the scanner");
    EXPECT_NE(trail[0].newValues.find("AS-0002 in the file"), std::string::npos);
    EXPECT_TRUE(checkProblems().empty());
}

TEST_P(FilmImages, InspectTellsTheMismatchesBeforeAnythingIsStored) {
    testing::SyntheticDicom other = thePatientsFilm();
    other.patientName = "LI^NA";
    const ImageInspection inspection = m_images.inspect(m_film, "x.dcm", testing::makeDicom(other));
    ASSERT_EQ(inspection.mismatches.size(), 1u);
    EXPECT_EQ(inspection.mismatches[0].field, core::IdentityField::PatientName);
    EXPECT_EQ(inspection.mismatches[0].message, "patient name LI^NA in the file, 王伟 on the film");
    EXPECT_EQ(imageRows(), 0);
}

TEST_P(FilmImages, PngJpegAndTiffAreKnownByTheirSignatureAndSizedFromTheirHeader) {
    const std::int64_t id = m_images.attach(m_film, "photo.jpg", pngFile(2500, 3000));
    const FilmImage image = *m_images.find(id);
    EXPECT_EQ(image.format, imaging::ImageFormat::Png);  // the bytes say PNG, whatever the name says
    EXPECT_EQ(image.width, 2500);
    EXPECT_EQ(image.height, 3000);
    EXPECT_FALSE(image.dicom);

    expectRefused<core::ValidationError>([&] { m_images.attach(m_film, "scan.gif", "GIF89a\x01\x00"); });
    expectRefused<core::ValidationError>([&] { m_images.attach(m_film, "empty.png", ""); });
    const std::string damaged = testing::makeDicom(thePatientsFilm());
    const std::string message = expectRefused<imaging::ImagingError>(
        [&] { m_images.attach(m_film, "cut.dcm", damaged.substr(0, damaged.size() - 500)); });
    EXPECT_EQ(message.rfind("cut.dcm: ", 0), 0u) << message;
    expectRefused<StorageError>([&] { m_images.attach(m_film + 100, "a.png", pngFile(1, 1)); });
}

TEST_P(FilmImages, RemovalNeedsAReasonAndIsAudited) {
    const std::int64_t id = m_images.attach(m_film, "a.png", pngFile(10, 20));
    expectRefused<core::ValidationError>([&] { m_images.remove(id, ""); });
    m_images.remove(id, "wrong film");
    EXPECT_TRUE(m_images.list(m_film).empty());
    EXPECT_FALSE(m_images.find(id));
    const std::vector<AuditRow> trail = auditRowsFor(m_db, "film_image", id);
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[1].action, "delete");
    EXPECT_EQ(trail[1].reason, "wrong film");
    EXPECT_NE(trail[1].oldValues.find("a.png"), std::string::npos);
    EXPECT_THROW(m_images.loadBytes(id), StorageError);
    EXPECT_TRUE(checkProblems().empty());
}

TEST_P(FilmImages, AFilmTakesItsImagesWithItAndTheTrailSaysWhich) {
    m_images.attach(m_film, "a.png", pngFile(10, 20));
    m_images.attach(m_film, "b.dcm", testing::makeDicom(thePatientsFilm()));
    FilmRepository(m_db).removeFilm(m_film, "entered for the wrong patient");
    EXPECT_EQ(imageRows(), 0);
    const std::vector<AuditRow> trail = auditRowsFor(m_db, "film", m_film);
    ASSERT_FALSE(trail.empty());
    EXPECT_NE(trail.back().oldValues.find("b.dcm"), std::string::npos);
    EXPECT_TRUE(checkProblems().empty());
}

TEST_P(FilmImages, ListsThePatientsImagesByFilmDate) {
    const std::int64_t earlier = FilmRepository(m_db).addFilm(m_patient, Date(2022, 1, 10));
    m_images.attach(m_film, "late.png", pngFile(1, 1));
    m_images.attach(earlier, "early.png", pngFile(1, 1));
    std::vector<std::string> names;
    for (const FilmImage& image : m_images.listForPatient(m_patient))
        names.push_back(image.fileName);
    EXPECT_EQ(names, (std::vector<std::string>{"early.png", "late.png"}));
    EXPECT_TRUE(m_images.listForPatient(m_patient + 100).empty());
}

TEST_P(FilmImages, CheckFindsBytesOrMetadataChangedOutsideAnkylos) {
    const std::int64_t a = m_images.attach(m_film, "a.png", pngFile(10, 20));
    const std::int64_t b = m_images.attach(m_film, "b.png", pngFile(30, 40));  // the same length as a
    ASSERT_TRUE(checkProblems().empty());
    m_location.outsideEdit("UPDATE film_image SET content = (SELECT content FROM film_image WHERE id = " +
                           std::to_string(b) + ") WHERE id = " + std::to_string(a));
    m_location.outsideEdit("UPDATE film_image SET file_name = 'renamed.png' WHERE id = " + std::to_string(b));
    const std::vector<std::string> problems = checkProblems();
    std::string all;
    for (const std::string& problem : problems)
        all += problem + "\n";
    EXPECT_NE(all.find("film_image row " + std::to_string(a) +
                       " (patient AS-0001, film 2024-03-15, image a.png): "
                       "its bytes are not those imported"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("file_name: stored \"renamed.png\", audited \"b.png\""), std::string::npos) << all;
}

ANKYLOS_ON_BOTH_ENGINES(FilmImages);

}  // namespace
}  // namespace ankylos::storage
