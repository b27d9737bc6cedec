#include "core/image_identity.h"

#include <gtest/gtest.h>

namespace ankylos::core {
namespace {

const FilmIdentity kFilm{"AS-000001", "Jane Doe", Date(2024, 3, 15)};

ImageIdentity matching() {
    return {"AS-000001", "DOE^JANE", "20240315", "", ""};
}

struct NameCase {
    std::string dicom;
    std::string name;
    bool matches;
};

class DicomNames : public ::testing::TestWithParam<NameCase> {};

TEST_P(DicomNames, MatchAsAClinicianWould) {
    const NameCase& c = GetParam();
    EXPECT_EQ(dicomNameMatches(c.dicom, c.name), c.matches) << c.dicom << " vs " << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, DicomNames,
    ::testing::Values(NameCase{"DOE^JANE", "Jane Doe", true}, NameCase{"DOE^JANE", "Doe Jane", true},
                      NameCase{"doe^jane", "JANE DOE", true}, NameCase{"DOE^JANE^^^", "Jane Doe", true},
                      NameCase{"DOE^JANE", "  Jane   Doe ", true}, NameCase{"Doe, Jane", "Jane Doe", true},
                      NameCase{"MÜLLER^ÉRIC", "éric müller", true},  // case folded beyond ASCII
                      NameCase{"DOE^JANE", "John Doe", false}, NameCase{"DOE^JANE^M", "Jane Doe", false},
                      NameCase{"DOE", "Jane Doe", false}, NameCase{"", "Jane Doe", false},
                      NameCase{"DOE^JANE", "", false},
                      // Chinese: the characters, with or without "^" between family and given name.
                      NameCase{"王^小明", "王小明", true}, NameCase{"王小明", "王小明", true},
                      NameCase{"王^小明", "王 小明", true}, NameCase{"王^小", "王小明", false},
                      NameCase{"张^小明", "王小明", false},
                      // Groups: alphabetic=ideographic=phonetic; any group may match.
                      NameCase{"WANG^XIAOMING=王^小明=", "王小明", true},
                      NameCase{"WANG^XIAOMING=王^小明", "Xiaoming Wang", true},
                      NameCase{"WANG^XIAOMING=王^小明", "wangxiaoming", true},
                      NameCase{"WANG^XIAOMING=王^小明", "李小明", false},
                      NameCase{"=王^小明", "王小明", true}, NameCase{"==", "王小明", false}));

struct IdentityCase {
    std::string label;
    ImageIdentity file;
    std::vector<IdentityField> fields;
    std::string description;
};

class ImageIdentities : public ::testing::TestWithParam<IdentityCase> {};

TEST_P(ImageIdentities, MismatchesInWordsAClinicianReads) {
    const IdentityCase& c = GetParam();
    const std::vector<IdentityMismatch> mismatches = compareImageIdentity(c.file, kFilm);
    std::vector<IdentityField> fields;
    for (const IdentityMismatch& m : mismatches)
        fields.push_back(m.field);
    EXPECT_EQ(fields, c.fields);
    EXPECT_EQ(describeMismatches(mismatches), c.description);
}

ImageIdentity with(void (*change)(ImageIdentity&)) {
    ImageIdentity identity = matching();
    change(identity);
    return identity;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ImageIdentities,
    ::testing::Values(
        IdentityCase{"same", matching(), {}, ""},
        IdentityCase{"idCaseAndSpaces", with([](ImageIdentity& i) { i.patientId = " as-000001  "; }), {}, ""},
        IdentityCase{"otherId",
                     with([](ImageIdentity& i) { i.patientId = "AS-000002"; }),
                     {IdentityField::PatientId},
                     "patient ID AS-000002 in the file, AS-000001 on the film"},
        IdentityCase{"noId",
                     with([](ImageIdentity& i) { i.patientId = ""; }),
                     {IdentityField::PatientId},
                     "no patient ID in the file, AS-000001 on the film"},
        IdentityCase{"otherName",
                     with([](ImageIdentity& i) { i.patientName = "ROE^RICHARD"; }),
                     {IdentityField::PatientName},
                     "patient name ROE^RICHARD in the file, Jane Doe on the film"},
        IdentityCase{"otherDay",
                     with([](ImageIdentity& i) { i.studyDate = "20240316"; }),
                     {IdentityField::Date},
                     "study date 2024-03-16 in the file, 2024-03-15 on the film"},
        IdentityCase{"acquisitionWhenNoStudyDate",
                     with([](ImageIdentity& i) {
                         i.studyDate = "";
                         i.acquisitionDate = "20240314";
                     }),
                     {IdentityField::Date},
                     "acquisition date 2024-03-14 in the file, 2024-03-15 on the film"},
        IdentityCase{"contentDateMatches",
                     with([](ImageIdentity& i) {
                         i.studyDate = "";
                         i.contentDate = "20240315";
                     }),
                     {},
                     ""},
        IdentityCase{
            "studyDateFirst", with([](ImageIdentity& i) { i.acquisitionDate = "20200101"; }), {}, ""},
        IdentityCase{"oldDateForm", with([](ImageIdentity& i) { i.studyDate = "2024.03.15"; }), {}, ""},
        IdentityCase{"noDate",
                     with([](ImageIdentity& i) { i.studyDate = ""; }),
                     {IdentityField::Date},
                     "no study date in the file, 2024-03-15 on the film"},
        IdentityCase{"badDate",
                     with([](ImageIdentity& i) { i.studyDate = "20241332"; }),
                     {IdentityField::Date},
                     "study date 20241332 (not a date) in the file, 2024-03-15 on the film"},
        IdentityCase{"everything",
                     ImageIdentity{"AS-000002", "ROE^RICHARD", "20230101", "", ""},
                     {IdentityField::PatientId, IdentityField::PatientName, IdentityField::Date},
                     "patient ID AS-000002 in the file, AS-000001 on the film; patient name ROE^RICHARD in "
                     "the file, Jane Doe on the film; study date 2023-01-01 in the file, 2024-03-15 on the "
                     "film"}),
    [](const auto& info) { return info.param.label; });

struct DateCase {
    std::string text;
    std::optional<Date> expected;
};

TEST(ParseDicomDate, ValidAndInvalid) {
    for (const DateCase& c :
         {DateCase{"20240315", Date(2024, 3, 15)}, DateCase{" 20240315 ", Date(2024, 3, 15)},
          DateCase{"2024.03.15", Date(2024, 3, 15)}, DateCase{"20240229", Date(2024, 2, 29)},
          DateCase{"20230229", std::nullopt}, DateCase{"20241301", std::nullopt},
          DateCase{"20240100", std::nullopt}, DateCase{"2024-03-15", std::nullopt},
          DateCase{"2024031", std::nullopt}, DateCase{"", std::nullopt}, DateCase{"2024031a", std::nullopt},
          DateCase{"00000101", std::nullopt}})
        EXPECT_EQ(parseDicomDate(c.text), c.expected) << c.text;
}

}  // namespace
}  // namespace ankylos::core
