#pragma once
/// The columns of the visit CSV format (db/visit_csv.md) in export order. One table drives the
/// header, the writer, the reader and the mapping of the core's problems (by their field name) back
/// to columns, so the four cannot drift apart.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/asas_core_set.h"
#include "core/basmi.h"

namespace ankylos::interchange {

/// The column names in export order (db/visit_csv.md).
const std::vector<std::string>& visitCsvColumns();

/// Which part of a history a column belongs to: patient columns repeat on every row of a patient,
/// visit columns on every row of a visit, film columns describe one reading.
/// Treatment columns describe one episode of the patient's treatment course, on a row of its own;
/// CT columns one reading of a low-dose CT scan (or a scan not read yet), on a row of its own.
enum class ColumnGroup { Patient, Visit, Film, Treatment, Ct };

/// What a column holds; some kinds repeat per item (ColumnSpec::arg).
enum class ColumnKind {
    PatientId,
    Name,
    Sex,
    BirthDate,
    HlaB27,
    SymptomOnset,
    DiagnosisDate,
    Smoking,
    PatientNotes,
    VisitDate,
    Postmenopausal,
    Basdai,  // arg: item 0-5
    PatientGlobal,
    Basfi,  // arg: item 0-9
    Basmi,  // arg: measurement 0-7
    PhysicianGlobal,
    MasesSite,                 // arg: site index in allMasesSites()
    CoreCount,                 // arg: kCoreCounts index (swollen, tender, dactylitis)
    Manifestation,             // arg: index in allManifestations()
    ManifestationLastEpisode,  // arg: index in allManifestations()
    VisitNotes,
    LabValue,  // arg: analyte index in allAnalytes()
    LabUnit,
    LabBelowLod,
    LabLod,
    LabAssay,
    LabSampleType,
    LabLaboratory,
    LabSampleDate,
    BmdValue,  // arg: site index in allBmdSites()
    BmdT,
    BmdZ,
    BmdVertebrae,  // lumbar spine only
    DxaManufacturer,
    DxaModel,
    FilmReader,
    FilmReadingDate,
    FilmChronology,
    FilmSession,  // the reading session's name (docs/methods.md 11); empty outside sessions
    FilmRole,
    FilmIdentitySeen,
    FilmPairedByPatient,
    SiteScore,  // arg: site index
    TreatmentDrug,
    TreatmentBrand,
    TreatmentStart,
    TreatmentStop,
    TreatmentDose,
    TreatmentRoute,
    TreatmentStopReason,
    CtDate,
    CtDevice,
    CtWholeSpine,
    CtReader,
    CtReadingDate,
    CtChronology,
    QuadrantScore,  // arg: quadrant index, docs/methods.md 12 order
};

/// One column of the format.
struct ColumnSpec {
    std::string name;   ///< the CSV column
    std::string field;  ///< the field name the core uses in its messages ("BASDAI Q2")
    ColumnGroup group;
    ColumnKind kind;
    int arg;
};

inline constexpr std::size_t kAnalyteCount = 5;
inline constexpr std::size_t kBmdSiteCount = 4;
inline constexpr std::size_t kBasmiCount = 8;

/// A BASMI column: its name, the core's field name (core/basmi.h) and the member it holds.
struct BasmiColumn {
    const char* name;
    const char* field;
    std::optional<double> core::BasmiInput::*member;
};
extern const std::array<BasmiColumn, kBasmiCount> kBasmiColumns;

/// A count of the ASAS core set (docs/methods.md 9): its column, the core's field name (in
/// validateAsasCoreSet's messages) and the member it holds.
struct CoreCountColumn {
    const char* name;
    const char* field;
    std::optional<int> core::AsasCoreSet::*member;
};
inline constexpr std::size_t kCoreCountCount = 3;
extern const std::array<CoreCountColumn, kCoreCountCount> kCoreCounts;

/// Column prefixes of the analytes, in allAnalytes() order.
extern const std::array<const char*, kAnalyteCount> kAnalytePrefixes;

/// Labels the core uses for the BMD sites in its messages (core/bmd.cpp), in allBmdSites() order.
extern const std::array<const char*, kBmdSiteCount> kBmdLabels;

/// The whole table with its look-ups.
struct VisitCsvColumns {
    std::vector<ColumnSpec> specs;
    std::vector<std::string> names;
    std::unordered_map<std::string, int> byName;
    std::unordered_map<std::string, int> byField;  ///< the core's field name -> column
    int visitBegin = 0;                            ///< first visit-group column
    int filmBegin = 0;                             ///< first film-group column
    int treatmentBegin = 0;                        ///< first treatment-group column (the film group ends)
    int ctBegin = 0;                               ///< first CT-group column (the treatment group ends)
    int patientId = 0, name = 0, sex = 0, birthDate = 0, visitDate = 0, filmReader = 0;
    int filmChronology = 0, filmSession = 0, filmRole = 0, filmIdentitySeen = 0, filmPairedByPatient = 0;
    int treatmentDrug = 0, treatmentStart = 0, treatmentRoute = 0;
    int ctDate = 0, ctDevice = 0, ctReader = 0;
};

/// The treatment column a problem of core::validateTreatmentEpisode or validateTreatmentCourse
/// is about: their fields are "<drug label> start date", "treatment stop date", "drug",
/// "<drug label> episode" (a day shared with another episode: the start date's column), ...;
/// -1 for another field.
int treatmentColumnOf(const std::string& field);

/// The CT column a problem of core::validateCtScan or core::parseQuadrantScore on a CT row is about
/// ("CT scan date", "CT scanner", "reader", "CT reading date", "CTSS C2_inf_ant"); -1 for another field.
int ctColumnOf(const std::string& field);

/// The table, built once.
const VisitCsvColumns& visitCsvColumnTable();

/// The columns written as free text (core::appendCsvText): the reader undoes their formula
/// neutralisation.
bool isTextKind(ColumnKind kind);

}  // namespace ankylos::interchange
