#include "interchange/visit_csv_columns.h"

#include "core/basdai.h"
#include "core/basfi.h"
#include "core/bmd.h"
#include "core/ctss.h"
#include "core/lab.h"
#include "core/msasss.h"

namespace ankylos::interchange {

const std::array<BasmiColumn, kBasmiCount> kBasmiColumns = {{
    {"basmi_lateral_flexion_left_cm", "BASMI lateral lumbar flexion left",
     &core::BasmiInput::lateralFlexionLeftCm},
    {"basmi_lateral_flexion_right_cm", "BASMI lateral lumbar flexion right",
     &core::BasmiInput::lateralFlexionRightCm},
    {"basmi_tragus_wall_left_cm", "BASMI tragus-to-wall left", &core::BasmiInput::tragusToWallLeftCm},
    {"basmi_tragus_wall_right_cm", "BASMI tragus-to-wall right", &core::BasmiInput::tragusToWallRightCm},
    {"basmi_schober_cm", "BASMI modified Schober", &core::BasmiInput::modifiedSchoberCm},
    {"basmi_intermalleolar_cm", "BASMI intermalleolar distance", &core::BasmiInput::intermalleolarDistanceCm},
    {"basmi_cervical_rotation_left_deg", "BASMI cervical rotation left",
     &core::BasmiInput::cervicalRotationLeftDegrees},
    {"basmi_cervical_rotation_right_deg", "BASMI cervical rotation right",
     &core::BasmiInput::cervicalRotationRightDegrees},
}};

const std::array<CoreCountColumn, kCoreCountCount> kCoreCounts = {{
    {"swollen_joint_count", "swollen joint count", &core::AsasCoreSet::swollenJointCount},
    {"tender_joint_count", "tender joint count", &core::AsasCoreSet::tenderJointCount},
    {"dactylitis_digits", "dactylitis", &core::AsasCoreSet::dactylitisDigits},
}};

const std::array<const char*, kAnalyteCount> kAnalytePrefixes = {"crp", "esr", "mmp3", "dkk1", "sclerostin"};

const std::array<const char*, kBmdSiteCount> kBmdLabels = {"lumbar spine", "femoral neck", "total hip",
                                                           "1/3 radius"};

namespace {

using Group = ColumnGroup;
using Kind = ColumnKind;

/// Appends the columns of the table in export order.
class TableBuilder {
public:
    explicit TableBuilder(VisitCsvColumns& table) : m_c(table) {}

    void patientColumns() {
        add("patient_id", "patient ID", Group::Patient, Kind::PatientId);
        add("name", "name", Group::Patient, Kind::Name);
        add("sex", "sex", Group::Patient, Kind::Sex);
        add("birth_date", "date of birth", Group::Patient, Kind::BirthDate);
        add("hla_b27", "HLA-B27", Group::Patient, Kind::HlaB27);
        add("symptom_onset", "symptom onset", Group::Patient, Kind::SymptomOnset);
        add("diagnosis_date", "diagnosis date", Group::Patient, Kind::DiagnosisDate);
        add("smoking", "smoking status", Group::Patient, Kind::Smoking);
        add("patient_notes", "patient notes", Group::Patient, Kind::PatientNotes);
    }

    void visitColumns() {
        m_c.visitBegin = static_cast<int>(m_c.specs.size());
        add("visit_date", "visit date", Group::Visit, Kind::VisitDate);
        add("postmenopausal", "menopausal status", Group::Visit, Kind::Postmenopausal);
        for (int i = 0; i < core::kBasdaiItemCount; ++i)
            add("basdai_q" + std::to_string(i + 1), core::basdaiItemField(i + 1), Group::Visit, Kind::Basdai,
                i);
        add("patient_global", "ASDAS patient global", Group::Visit, Kind::PatientGlobal);
        for (int i = 0; i < core::kBasfiItemCount; ++i)
            add("basfi_q" + std::to_string(i + 1), core::basfiItemField(i + 1), Group::Visit, Kind::Basfi, i);
        for (std::size_t i = 0; i < kBasmiCount; ++i)
            add(kBasmiColumns[i].name, kBasmiColumns[i].field, Group::Visit, Kind::Basmi,
                static_cast<int>(i));
        coreSetColumns();
        add("visit_notes", "visit notes", Group::Visit, Kind::VisitNotes);
    }

    /// The rest of the ASAS core set (docs/methods.md 9), named as the database names them.
    void coreSetColumns() {
        add("physician_global", "physician global", Group::Visit, Kind::PhysicianGlobal);
        for (const core::MasesSite site : core::allMasesSites())
            add("mases_" + core::masesSiteId(site), "MASES " + core::masesSiteLabel(site), Group::Visit,
                Kind::MasesSite, static_cast<int>(site));
        for (std::size_t i = 0; i < kCoreCountCount; ++i)
            add(kCoreCounts[i].name, kCoreCounts[i].field, Group::Visit, Kind::CoreCount,
                static_cast<int>(i));
        for (std::size_t i = 0; i < core::allManifestations().size(); ++i) {
            const core::Manifestation m = core::allManifestations()[i];
            const int arg = static_cast<int>(i);
            add(core::toString(m), core::manifestationLabel(m), Group::Visit, Kind::Manifestation, arg);
            add(core::toString(m) + "_last_episode", core::manifestationLabel(m) + " last episode",
                Group::Visit, Kind::ManifestationLastEpisode, arg);
        }
    }

    void labColumns() {
        for (std::size_t a = 0; a < kAnalyteCount; ++a) {
            const std::string prefix = kAnalytePrefixes[a];
            const std::string analyte = core::toString(core::allAnalytes()[a]);
            const int arg = static_cast<int>(a);
            add(prefix + "_value", analyte, Group::Visit, Kind::LabValue, arg);
            add(prefix + "_unit", analyte + " unit", Group::Visit, Kind::LabUnit, arg);
            add(prefix + "_below_lod", analyte + " below detection limit", Group::Visit, Kind::LabBelowLod,
                arg);
            add(prefix + "_lod", analyte + " detection limit", Group::Visit, Kind::LabLod, arg);
            add(prefix + "_assay", analyte + " assay", Group::Visit, Kind::LabAssay, arg);
            add(prefix + "_sample_type", analyte + " sample type", Group::Visit, Kind::LabSampleType, arg);
            add(prefix + "_laboratory", analyte + " laboratory", Group::Visit, Kind::LabLaboratory, arg);
            add(prefix + "_sample_date", analyte + " sample date", Group::Visit, Kind::LabSampleDate, arg);
        }
    }

    void bmdColumns() {
        for (std::size_t s = 0; s < kBmdSiteCount; ++s) {
            const std::string prefix = "bmd_" + core::toString(core::allBmdSites()[s]);
            const std::string label = kBmdLabels[s];
            const int arg = static_cast<int>(s);
            add(prefix + "_g_cm2", label + " BMD", Group::Visit, Kind::BmdValue, arg);
            add(prefix + "_t_score", label + " T-score", Group::Visit, Kind::BmdT, arg);
            add(prefix + "_z_score", label + " Z-score", Group::Visit, Kind::BmdZ, arg);
            if (core::allBmdSites()[s] == core::BmdSite::LumbarSpine)
                add(prefix + "_vertebrae", label + " vertebrae", Group::Visit, Kind::BmdVertebrae, arg);
        }
        add("dxa_manufacturer", "DXA manufacturer", Group::Visit, Kind::DxaManufacturer);
        add("dxa_model", "DXA model", Group::Visit, Kind::DxaModel);
    }

    void filmColumns() {
        m_c.filmBegin = static_cast<int>(m_c.specs.size());
        add("film_reader", "film reader", Group::Film, Kind::FilmReader);
        add("film_reading_date", "film reading date", Group::Film, Kind::FilmReadingDate);
        add("film_chronology_known", "film chronology known", Group::Film, Kind::FilmChronology);
        // How the reading was made (docs/methods.md 11): its session, the reader's role in it and the
        // session's blinding.
        add("film_session", "film session", Group::Film, Kind::FilmSession);
        add("film_role", "film role", Group::Film, Kind::FilmRole);
        add("film_identity_seen", "film identity seen", Group::Film, Kind::FilmIdentitySeen);
        add("film_paired_by_patient", "film paired by patient", Group::Film, Kind::FilmPairedByPatient);
        for (core::Site site : core::allSites())
            add("msasss_" + core::siteId(site), "mSASSS " + core::siteId(site), Group::Film, Kind::SiteScore,
                core::siteIndex(site));
    }

    /// One row per treatment episode (docs/methods.md 10); the fields are the endings of the core's
    /// field names ("Adalimumab start date").
    void treatmentColumns() {
        m_c.treatmentBegin = static_cast<int>(m_c.specs.size());
        add("treatment_drug", "drug", Group::Treatment, Kind::TreatmentDrug);
        add("treatment_brand", "brand", Group::Treatment, Kind::TreatmentBrand);
        add("treatment_start_date", "start date", Group::Treatment, Kind::TreatmentStart);
        add("treatment_stop_date", "stop date", Group::Treatment, Kind::TreatmentStop);
        add("treatment_dose_and_frequency", "dose and frequency", Group::Treatment, Kind::TreatmentDose);
        add("treatment_route", "route", Group::Treatment, Kind::TreatmentRoute);
        add("treatment_stop_reason", "reason for stopping", Group::Treatment, Kind::TreatmentStopReason);
    }

    /// One row per reading of a low-dose CT scan (docs/methods.md 12); the fields are the core's names.
    void ctColumns() {
        m_c.ctBegin = static_cast<int>(m_c.specs.size());
        add("ct_date", "CT scan date", Group::Ct, Kind::CtDate);
        add("ct_device", "CT scanner", Group::Ct, Kind::CtDevice);
        add("ct_whole_spine", "CT whole spine", Group::Ct, Kind::CtWholeSpine);
        add("ctss_reader", "CT reader", Group::Ct, Kind::CtReader);
        add("ctss_reading_date", "CT reading date", Group::Ct, Kind::CtReadingDate);
        add("ctss_chronology_known", "CT chronology known", Group::Ct, Kind::CtChronology);
        for (const core::Quadrant quadrant : core::allQuadrants())
            add("ctss_" + core::quadrantId(quadrant), "CTSS " + core::quadrantId(quadrant), Group::Ct,
                Kind::QuadrantScore, quadrant.index());
    }

    /// The look-ups by name and by the core's field name.
    void index() {
        for (std::size_t i = 0; i < m_c.specs.size(); ++i) {
            m_c.names.push_back(m_c.specs[i].name);
            m_c.byName.emplace(m_c.specs[i].name, static_cast<int>(i));
            if (m_c.specs[i].group != Group::Treatment)  // their fields are endings: treatmentColumnOf
                m_c.byField.emplace(m_c.specs[i].field, static_cast<int>(i));
        }
        m_c.treatmentDrug = m_c.byName.at("treatment_drug");
        m_c.treatmentStart = m_c.byName.at("treatment_start_date");
        m_c.treatmentRoute = m_c.byName.at("treatment_route");
        m_c.patientId = m_c.byName.at("patient_id");
        m_c.name = m_c.byName.at("name");
        m_c.sex = m_c.byName.at("sex");
        m_c.birthDate = m_c.byName.at("birth_date");
        m_c.visitDate = m_c.byName.at("visit_date");
        m_c.filmReader = m_c.byName.at("film_reader");
        m_c.filmChronology = m_c.byName.at("film_chronology_known");
        m_c.filmSession = m_c.byName.at("film_session");
        m_c.filmRole = m_c.byName.at("film_role");
        m_c.filmIdentitySeen = m_c.byName.at("film_identity_seen");
        m_c.filmPairedByPatient = m_c.byName.at("film_paired_by_patient");
        m_c.ctDate = m_c.byName.at("ct_date");
        m_c.ctDevice = m_c.byName.at("ct_device");
        m_c.ctReader = m_c.byName.at("ctss_reader");
        // The scan date of a DXA and the date of a film are the visit date in this format.
        m_c.byField.emplace("BMD scan date", m_c.visitDate);
        m_c.byField.emplace("film date", m_c.visitDate);
        m_c.byField.emplace("reader", m_c.filmReader);
    }

private:
    void add(std::string name, std::string field, Group group, Kind kind, int arg = 0) {
        m_c.specs.push_back({std::move(name), std::move(field), group, kind, arg});
    }

    VisitCsvColumns& m_c;
};

}  // namespace

const VisitCsvColumns& visitCsvColumnTable() {
    static const VisitCsvColumns table = [] {
        VisitCsvColumns c;
        TableBuilder builder(c);
        builder.patientColumns();
        builder.visitColumns();
        builder.labColumns();
        builder.bmdColumns();
        builder.filmColumns();
        builder.treatmentColumns();
        builder.ctColumns();
        builder.index();
        return c;
    }();
    return table;
}

int treatmentColumnOf(const std::string& field) {
    const VisitCsvColumns& c = visitCsvColumnTable();
    const auto endsWith = [&field](const std::string& ending) {
        return field == ending ||
               (field.size() > ending.size() &&
                field.compare(field.size() - ending.size() - 1, std::string::npos, " " + ending) == 0);
    };
    if (endsWith("episode"))
        return c.treatmentStart;
    for (int i = c.treatmentBegin; i < c.ctBegin; ++i)
        if (endsWith(c.specs[i].field))
            return i;
    return -1;
}

int ctColumnOf(const std::string& field) {
    const VisitCsvColumns& c = visitCsvColumnTable();
    if (field == "reader")  // the core's name for a CT reading's reader, as for a film's
        return c.ctReader;
    const auto found = c.byField.find(field);
    if (found == c.byField.end() || c.specs[found->second].group != Group::Ct)
        return -1;
    return found->second;
}

const std::vector<std::string>& visitCsvColumns() {
    return visitCsvColumnTable().names;
}

bool isTextKind(ColumnKind kind) {
    switch (kind) {
        case Kind::PatientId:
        case Kind::Name:
        case Kind::PatientNotes:
        case Kind::VisitNotes:
        case Kind::LabUnit:
        case Kind::LabAssay:
        case Kind::LabLaboratory:
        case Kind::BmdVertebrae:
        case Kind::DxaManufacturer:
        case Kind::DxaModel:
        case Kind::FilmReader:
        case Kind::FilmSession:
        case Kind::TreatmentBrand:
        case Kind::TreatmentDose:
        case Kind::CtDevice:
        case Kind::CtReader:
            return true;
        default:
            return false;
    }
}

}  // namespace ankylos::interchange
