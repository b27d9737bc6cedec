#include "interchange/visit_csv_row.h"

#include <optional>
#include <utility>

#include "core/format.h"
#include "core/lab.h"
#include "core/msasss.h"
#include "core/reading_session.h"

namespace ankylos::interchange {

namespace {

using core::Date;
using Group = ColumnGroup;
using Kind = ColumnKind;

bool parseYesNo(const std::string& text, const std::string& field) {
    if (text == "yes")
        return true;
    if (text == "no")
        return false;
    throw core::ValidationError(field, text, "yes or no");
}

std::optional<double> optionalNumber(const std::string& text, const std::string& field) {
    if (text.empty())
        return std::nullopt;
    return core::parseNumber(text, field);
}

std::optional<Date> optionalDate(const std::string& text, const std::string& field) {
    if (text.empty())
        return std::nullopt;
    return core::parseIsoDate(text, field);
}

/// A whole number (a count), or nullopt for an empty cell.
std::optional<int> optionalCount(const std::string& text, const std::string& field) {
    if (text.empty())
        return std::nullopt;
    const double value = core::parseNumber(text, field);
    if (value != static_cast<double>(static_cast<long long>(value)) || value < -1e9 || value > 1e9)
        throw core::ValidationError(field, text, "a whole number");
    return static_cast<int>(value);
}

/// The ASAS core set's cells beyond BASDAI, ASDAS, BASFI and BASMI (docs/methods.md 9).
void parseCoreSetCell(const ColumnSpec& spec, const std::string& text, RowData& row,
                      core::Validation& validation) {
    core::AsasCoreSet& items = row.visit.coreSet;
    switch (spec.kind) {
        case Kind::PhysicianGlobal:
            items.physicianGlobal = optionalNumber(text, spec.field);
            return;
        case Kind::MasesSite: {
            const core::MasesSite site = core::allMasesSites()[spec.arg];
            items.mases.at(site) = core::parseMasesScore(site, text, validation);
            return;
        }
        case Kind::CoreCount:
            items.*kCoreCounts[spec.arg].member = optionalCount(text, spec.field);
            return;
        case Kind::Manifestation:
            if (!text.empty())
                items.manifestations[spec.arg] =
                    core::ManifestationRecord{core::parseManifestationStatus(text, spec.field), std::nullopt};
            return;
        case Kind::ManifestationLastEpisode:
            row.lastEpisodes[spec.arg] = optionalDate(text, spec.field);
            return;
        default:
            return;
    }
}

bool isCoreSetKind(Kind kind) {
    return kind >= Kind::PhysicianGlobal && kind <= Kind::ManifestationLastEpisode;
}

void parseTreatmentCell(const ColumnSpec& spec, const std::string& text, core::TreatmentEpisode& episode) {
    switch (spec.kind) {
        case Kind::TreatmentDrug:
            episode.drugId = text;  // the catalogue is checked by validateTreatmentEpisode
            return;
        case Kind::TreatmentBrand:
            episode.brand = text;
            return;
        case Kind::TreatmentStart:
            if (!text.empty())
                episode.start = core::parseIsoDate(text, spec.field);
            return;
        case Kind::TreatmentStop:
            episode.stop = optionalDate(text, spec.field);
            return;
        case Kind::TreatmentDose:
            episode.doseAndFrequency = text;
            return;
        case Kind::TreatmentRoute:
            if (!text.empty())
                episode.route = core::parseRoute(text, spec.field);
            return;
        case Kind::TreatmentStopReason:
            if (!text.empty())
                episode.stopReason = core::parseStopReason(text, spec.field);
            return;
        default:
            return;
    }
}

void parsePatientCell(const ColumnSpec& spec, const std::string& text, core::Patient& patient) {
    const bool given = !text.empty();
    switch (spec.kind) {
        case Kind::PatientId:
            patient.clinicId = text;
            return;
        case Kind::Name:
            patient.name = text;
            return;
        case Kind::Sex:
            patient.sex = core::parseSex(text, spec.field);
            return;
        case Kind::BirthDate:
            patient.birth = core::parseIsoDate(text, spec.field);
            return;
        case Kind::HlaB27:
            patient.hlaB27 = given ? core::parseHlaB27(text, spec.field) : core::HlaB27::Unknown;
            return;
        case Kind::SymptomOnset:
            patient.symptomOnset = optionalDate(text, spec.field);
            return;
        case Kind::DiagnosisDate:
            patient.diagnosis = optionalDate(text, spec.field);
            return;
        case Kind::Smoking:
            patient.smoking =
                given ? core::parseSmokingStatus(text, spec.field) : core::SmokingStatus::Unknown;
            return;
        case Kind::PatientNotes:
            patient.notes = text;
            return;
        default:
            return;
    }
}

/// A grade cell split into the grade's text and the not-assessable reason: "2", "NA",
/// "NA:surgery_hardware" (db/visit_csv.md); throws ValidationError naming the field for an unknown reason.
std::pair<std::string, core::NotAssessableReason> splitGradeCell(const ColumnSpec& spec,
                                                                 const std::string& text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos ||
        (text.compare(0, colon, "NA") != 0 && text.compare(0, colon, "na") != 0))
        return {text, core::NotAssessableReason::Other};
    try {
        return {text.substr(0, colon), core::parseNotAssessableReason(text.substr(colon + 1))};
    } catch (const core::ValidationError&) {
        throw core::ValidationError(spec.field, text,
                                    "0, 1, 2, 3, NA, or NA:<reason> with reason not_visible, "
                                    "not_imaged, surgery_hardware or other");
    }
}

std::optional<core::SiteScore> parseSiteScoreCell(const ColumnSpec& spec, const std::string& text,
                                                  core::Validation& validation) {
    const auto [score, reason] = splitGradeCell(spec, text);
    return core::parseSiteScore(static_cast<core::Site>(spec.arg), score, validation, reason);
}

/// One cell of a CT row (docs/methods.md 12): the scan's own cells, or its reading's.
void parseCtCell(const ColumnSpec& spec, const std::string& text, RowData& row,
                 core::Validation& validation) {
    const bool given = !text.empty();
    row.ctGiven = row.ctGiven || given;
    switch (spec.kind) {
        case Kind::CtDate:
            row.ctDateGiven = given;
            if (given)
                row.ctScan.date = core::parseIsoDate(text, spec.field);
            return;
        case Kind::CtDevice:
            row.ctScan.device = text;
            return;
        case Kind::CtWholeSpine:
            row.ctScan.wholeSpine = !given || parseYesNo(text, spec.field);
            return;
        case Kind::CtReader:
            row.ctReading.reader = text;
            row.ctReaderGiven = given;
            return;
        default:
            break;
    }
    row.ctReadingCellsGiven = row.ctReadingCellsGiven || given;
    if (spec.kind == Kind::CtReadingDate) {
        row.ctReading.readingDate = optionalDate(text, spec.field);
    } else if (spec.kind == Kind::CtChronology) {
        row.ctReading.chronologyKnown = given && parseYesNo(text, spec.field);
    } else if (spec.kind == Kind::QuadrantScore && given) {
        const core::Quadrant quadrant(spec.arg);
        const auto [score, reason] = splitGradeCell(spec, text);
        row.ctReading.at(quadrant) = core::parseQuadrantScore(quadrant, score, validation, reason);
    }
}

/// A reading's role (docs/methods.md 11), refused under the column's own field name.
core::ReadingRole parseRole(const ColumnSpec& spec, const std::string& text) {
    try {
        return core::parseReadingRole(text);
    } catch (const core::ValidationError& e) {
        throw core::ValidationError(spec.field, text, e.problems().front().allowed);
    }
}

void parseFilmCell(const ColumnSpec& spec, const std::string& text, RowData& row,
                   core::Validation& validation) {
    const bool given = !text.empty();
    if (spec.kind == Kind::FilmReader) {
        row.reading.reader = text;
        row.readerGiven = given;
        return;
    }
    row.filmCellsGiven = row.filmCellsGiven || given;
    switch (spec.kind) {
        case Kind::FilmReadingDate:
            row.reading.readingDate = optionalDate(text, spec.field);
            return;
        case Kind::FilmChronology:
            row.reading.chronologyKnown = given && parseYesNo(text, spec.field);
            return;
        case Kind::FilmSession:
            row.reading.session = text;
            return;
        case Kind::FilmRole:
            row.reading.role = given ? parseRole(spec, text) : core::ReadingRole::Primary;
            return;
        case Kind::FilmIdentitySeen:
            row.reading.identitySeen = !given || parseYesNo(text, spec.field);
            return;
        case Kind::FilmPairedByPatient:
            row.reading.pairedByPatient = given && parseYesNo(text, spec.field);
            return;
        case Kind::SiteScore:
            if (given)
                row.reading.sites[spec.arg] = parseSiteScoreCell(spec, text, validation);
            return;
        default:
            return;
    }
}

void parseLabCell(const ColumnSpec& spec, const std::string& text, RowData& row) {
    const bool given = !text.empty();
    core::LabValue& lab = row.labs[spec.arg];
    row.labCellsGiven[spec.arg] = row.labCellsGiven[spec.arg] || given;
    switch (spec.kind) {
        case Kind::LabValue:
            row.labValueGiven[spec.arg] = given;
            if (given)
                lab.value = core::parseNumber(text, spec.field);
            return;
        case Kind::LabUnit:
            lab.unit = text;
            return;
        case Kind::LabBelowLod:
            lab.belowDetectionLimit = given && parseYesNo(text, spec.field);
            return;
        case Kind::LabLod:
            lab.detectionLimit = optionalNumber(text, spec.field);
            return;
        case Kind::LabAssay:
            lab.assay = text;
            return;
        case Kind::LabSampleType:
            if (given)
                lab.sampleType = core::parseSampleType(text, spec.field);
            return;
        case Kind::LabLaboratory:
            lab.laboratory = text;
            return;
        case Kind::LabSampleDate:
            row.labDateGiven[spec.arg] = given;
            if (given)
                lab.sampleDate = core::parseIsoDate(text, spec.field);
            return;
        default:
            return;
    }
}

void parseBmdCell(const ColumnSpec& spec, const std::string& text, RowData& row) {
    const bool given = !text.empty();
    core::BmdMeasurement& bmd = row.bmd[spec.arg];
    row.bmdCellsGiven[spec.arg] = row.bmdCellsGiven[spec.arg] || given;
    switch (spec.kind) {
        case Kind::BmdValue:
            row.bmdValueGiven[spec.arg] = given;
            if (given)
                bmd.bmd = core::parseNumber(text, spec.field);
            return;
        case Kind::BmdT:
            bmd.tScore = optionalNumber(text, spec.field);
            return;
        case Kind::BmdZ:
            bmd.zScore = optionalNumber(text, spec.field);
            return;
        case Kind::BmdVertebrae:
            if (given)
                bmd.vertebrae = core::parseVertebrae(text, spec.field);
            return;
        default:
            return;
    }
}

/// The visit's own cells (not its labs, BMD or film).
void parseVisitCell(const ColumnSpec& spec, const std::string& text, RowData& row) {
    const bool given = !text.empty();
    switch (spec.kind) {
        case Kind::VisitDate:
            row.visitDateGiven = given;
            if (given)
                row.visit.date = core::parseIsoDate(text, spec.field);
            return;
        case Kind::Postmenopausal:
            if (given)
                row.visit.postmenopausal = parseYesNo(text, spec.field);
            return;
        case Kind::Basdai: {
            std::optional<double>* items[] = {&row.visit.basdai.q1, &row.visit.basdai.q2,
                                              &row.visit.basdai.q3, &row.visit.basdai.q4,
                                              &row.visit.basdai.q5, &row.visit.basdai.q6};
            *items[spec.arg] = optionalNumber(text, spec.field);
            return;
        }
        case Kind::PatientGlobal:
            row.visit.patientGlobal = optionalNumber(text, spec.field);
            return;
        case Kind::Basfi:
            row.visit.basfi.items[spec.arg] = optionalNumber(text, spec.field);
            return;
        case Kind::Basmi:
            row.visit.basmi.*kBasmiColumns[spec.arg].member = optionalNumber(text, spec.field);
            return;
        case Kind::VisitNotes:
            row.visit.notes = text;
            return;
        case Kind::DxaManufacturer:
            row.device.manufacturer = text;
            row.deviceGiven = row.deviceGiven || given;
            return;
        case Kind::DxaModel:
            row.device.model = text;
            row.deviceGiven = row.deviceGiven || given;
            return;
        default:
            return;
    }
}

bool isLabKind(Kind kind) {
    return kind >= Kind::LabValue && kind <= Kind::LabSampleDate;
}

bool isBmdKind(Kind kind) {
    return kind >= Kind::BmdValue && kind <= Kind::BmdVertebrae;
}

}  // namespace

RowData emptyRow() {
    RowData row;
    for (std::size_t a = 0; a < kAnalyteCount; ++a)
        row.labs[a].analyte = core::allAnalytes()[a];
    for (std::size_t s = 0; s < kBmdSiteCount; ++s)
        row.bmd[s].site = core::allBmdSites()[s];
    return row;
}

void parseCell(const ColumnSpec& spec, const std::string& text, RowData& row, core::Validation& validation) {
    switch (spec.group) {
        case Group::Patient:
            parsePatientCell(spec, text, row.patient);
            return;
        case Group::Film:
            parseFilmCell(spec, text, row, validation);
            return;
        case Group::Treatment:
            if (!text.empty()) {
                row.treatmentGiven = true;
                row.treatmentCellsGiven.push_back(visitCsvColumnTable().byName.at(spec.name));
            }
            parseTreatmentCell(spec, text, row.episode);
            return;
        case Group::Ct:
            parseCtCell(spec, text, row, validation);
            return;
        case Group::Visit:
            break;
    }
    if (spec.kind != Kind::VisitDate && !text.empty())
        row.visitCellsGiven = true;
    if (isLabKind(spec.kind))
        parseLabCell(spec, text, row);
    else if (isBmdKind(spec.kind))
        parseBmdCell(spec, text, row);
    else if (isCoreSetKind(spec.kind))
        parseCoreSetCell(spec, text, row, validation);
    else
        parseVisitCell(spec, text, row);
}

/// Puts the labs and BMD given on the row into its visit (sample dates default to the visit date).
void assembleVisit(RowData& row) {
    for (std::size_t a = 0; a < kAnalyteCount; ++a) {
        if (!row.labValueGiven[a])
            continue;
        core::LabValue lab = row.labs[a];
        if (!row.labDateGiven[a])
            lab.sampleDate = row.visit.date;
        row.visit.labs.push_back(std::move(lab));
    }
    for (std::size_t s = 0; s < kBmdSiteCount; ++s) {
        if (!row.bmdValueGiven[s])
            continue;
        core::BmdMeasurement bmd = row.bmd[s];
        bmd.device = row.device;
        row.visit.bmd.push_back(std::move(bmd));
    }
    for (std::size_t m = 0; m < row.lastEpisodes.size(); ++m)
        if (row.visit.coreSet.manifestations[m])
            row.visit.coreSet.manifestations[m]->lastEpisode = row.lastEpisodes[m];
}

}  // namespace ankylos::interchange
