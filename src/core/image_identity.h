#pragma once
/// Does an image belong to the film it is attached to? The identity a DICOM file carries is compared
/// with the film's patient and date before the image is stored (docs/images.md): a mismatch is
/// refused unless the user confirms it with a reason.
///
/// - Patient ID: the file's PatientID against the clinic ID, ignoring case and surrounding spaces.
/// - Name: the file's PatientName (DICOM's FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX, up to three groups
///   separated by "=": alphabetic, ideographic, phonetic) against the patient's name. A group matches
///   when it has the same words in any order, or the same characters once spaces, "^" and commas are
///   removed, without regard to case: "DOE^JANE" matches "Jane Doe", "王^小明" matches "王小明"
///   (Chinese names are compared character by character), "WANG^XIAOMING=王^小明" matches either.
/// - Date: the file's study date, else its acquisition date, else its content date (DICOM's
///   YYYYMMDD) against the film date: they must be the same day.
/// What the file leaves empty is a mismatch too ("no patient ID in the file"): the user confirms it.

#include <optional>
#include <string>
#include <vector>

#include "core/patient.h"

namespace ankylos::core {

/// The identity a DICOM file carries, as read (text as stored, dates as YYYYMMDD or empty).
struct ImageIdentity {
    std::string patientId;
    std::string patientName;
    std::string studyDate;
    std::string acquisitionDate;
    std::string contentDate;
};

/// What the film says: its patient and its date.
struct FilmIdentity {
    std::string clinicId;
    std::string name;
    Date filmDate;
};

enum class IdentityField { PatientId, PatientName, Date };

/// "patient ID", "patient name", "study date" (for the date, the DICOM date compared).
struct IdentityMismatch {
    IdentityField field;
    std::string inFile;   ///< the file's value as shown ("" when the file has none)
    std::string onFilm;   ///< the film's value as shown
    std::string message;  ///< "patient ID AS-000002 in the file, AS-000001 on the film"
};

/// Every field that does not match, in the order ID, name, date; empty when the image is the film's.
std::vector<IdentityMismatch> compareImageIdentity(const ImageIdentity& file, const FilmIdentity& film);

/// The mismatches as one sentence for a message: "patient ID ... on the film; study date ...".
std::string describeMismatches(const std::vector<IdentityMismatch>& mismatches);

/// Whether two person names match as compareImageIdentity compares them (dicomName may hold groups).
bool dicomNameMatches(const std::string& dicomName, const std::string& name);

/// A DICOM date (YYYYMMDD, or the older YYYY.MM.DD) as a date; nullopt when it is not one.
std::optional<Date> parseDicomDate(const std::string& text);

}  // namespace ankylos::core
