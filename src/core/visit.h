#pragma once
/// One clinic visit: what is recorded (docs/methods.md 2-6) and the scores computed from it.
/// Scores are never stored as the only copy: they are recomputed from these inputs.

#include <optional>
#include <string>
#include <vector>

#include "core/asas_core_set.h"
#include "core/asdas.h"
#include "core/basdai.h"
#include "core/basfi.h"
#include "core/basmi.h"
#include "core/bmd.h"
#include "core/lab.h"
#include "core/msasss.h"
#include "core/patient.h"
#include "core/settings.h"

namespace ankylos::core {

struct Visit {
    Date date;
    std::optional<bool> postmenopausal;  ///< women only; nullopt = not recorded
    BasdaiInput basdai;
    std::optional<double> patientGlobal;  ///< ASDAS patient global, 0-10
    BasfiInput basfi;
    BasmiInput basmi;
    std::vector<BmdMeasurement> bmd;  ///< DXA of this visit (scan date = visit date)
    std::vector<LabValue> labs;
    AsasCoreSet coreSet;  ///< physician global, MASES, joint counts, ... (docs/methods.md 9)
    std::string notes;

    /// The first value of that analyte, or nullptr.
    const LabValue* lab(Analyte analyte) const;
};

/// The assay of the patient's latest value of analyte sampled on or before that date whose assay was
/// recorded; empty when there is none. The visit editor offers it for a new value (docs/methods.md 6:
/// values from different assays are not comparable, so the assay is recorded with each value).
std::string lastAssay(const std::vector<Visit>& visits, Analyte analyte, Date onOrBefore);

/// Every problem with a visit at once (hard errors and soft warnings): the date (not in the
/// future, not before birth), every score item, BMD, every lab value and the rest of the ASAS core
/// set; menopausal status is only for women.
Validation validateVisit(const Patient& patient, const Visit& visit, Date today);

/// Every problem with a patient's visits as a set: each visit, and visit dates unique per patient
/// (docs/methods.md 8).
Validation validateVisits(const Patient& patient, const std::vector<Visit>& visits, Date today);

struct VisitScores {
    BasdaiResult basdai;
    AsdasResult asdasCrp;  ///< from the visit's first CRP
    AsdasResult asdasEsr;  ///< from the visit's first ESR
    BasfiResult basfi;
    BasmiResult basmi;
    std::optional<BmdClassification> bmd;  ///< when the visit has a DXA
};

/// Scores of a valid visit; films decide the lumbar BMD caveat (nearest film within a year).
/// Throws ValidationError when the visit has hard errors.
VisitScores scoreVisit(const Patient& patient, const Visit& visit, const std::vector<Film>& films,
                       const Settings& settings);

}  // namespace ankylos::core
