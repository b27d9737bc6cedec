#include "interchange/visit_csv_cells.h"

#include <charconv>
#include <optional>
#include <string_view>

#include "core/csv_text.h"
#include "core/error.h"
#include "core/format.h"
#include "core/lab.h"
#include "core/msasss.h"
#include "core/reading_session.h"

namespace ankylos::interchange {

namespace {

using core::Date;
using Group = ColumnGroup;
using Kind = ColumnKind;

/// Free text, neutralised against spreadsheet formulas and quoted (core/csv_text.h).
void appendText(std::string& out, std::string_view text) {
    core::appendCsvText(out, text);
}

/// Shortest text that reads back to the same double (std::to_chars).
void appendNumber(std::string& out, double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendNumber(std::string& out, const std::optional<double>& value) {
    if (value)
        appendNumber(out, *value);
}

/// value as exactly width decimal digits (value >= 0).
void appendDigits(std::string& out, int value, int width) {
    char digits[4];
    for (int i = width - 1; i >= 0; --i, value /= 10)
        digits[i] = static_cast<char>('0' + value % 10);
    out.append(digits, static_cast<std::size_t>(width));
}

/// ISO 8601 YYYY-MM-DD, without boost's stream formatting (slow for 100,000 rows).
void appendDate(std::string& out, Date date) {
    if (date.is_special())
        throw InternalError("a date that is not a calendar date cannot be written to CSV");
    const auto ymd = date.year_month_day();
    // Boost's gregorian calendar spans the years 1400 to 9999: always four digits.
    appendDigits(out, ymd.year, 4);
    out += '-';
    appendDigits(out, ymd.month, 2);
    out += '-';
    appendDigits(out, ymd.day, 2);
}

void appendDate(std::string& out, const std::optional<Date>& date) {
    if (date)
        appendDate(out, *date);
}

void appendYesNo(std::string& out, bool value) {
    out += value ? "yes" : "no";
}

/// A site's or a quadrant's grade: "2", "NA", "NA:not_visible" (db/visit_csv.md).
template <class Score>
void appendGrade(std::string& out, const std::optional<Score>& score) {
    if (!score)
        return;
    if (score->assessable()) {
        out += static_cast<char>('0' + score->grade());
        return;
    }
    out += "NA";
    // Plain NA means "other" (db/visit_csv.md); the other reasons are kept after a colon.
    if (*score->reason() != core::NotAssessableReason::Other) {
        out += ':';
        out += core::toString(*score->reason());
    }
}

void writePatientCell(Kind kind, const core::Patient& patient, std::string& out) {
    switch (kind) {
        case Kind::PatientId:
            appendText(out, patient.clinicId);
            return;
        case Kind::Name:
            appendText(out, patient.name);
            return;
        case Kind::Sex:
            out += core::toString(patient.sex);
            return;
        case Kind::BirthDate:
            appendDate(out, patient.birth);
            return;
        case Kind::HlaB27:
            out += core::toString(patient.hlaB27);
            return;
        case Kind::SymptomOnset:
            appendDate(out, patient.symptomOnset);
            return;
        case Kind::DiagnosisDate:
            appendDate(out, patient.diagnosis);
            return;
        case Kind::Smoking:
            out += core::toString(patient.smoking);
            return;
        case Kind::PatientNotes:
            appendText(out, patient.notes);
            return;
        default:
            return;
    }
}

void writeLabCell(Kind kind, const core::LabValue& lab, const core::Visit& visit, std::string& out) {
    switch (kind) {
        case Kind::LabValue:
            appendNumber(out, lab.value);
            return;
        case Kind::LabUnit:
            appendText(out, lab.unit);
            return;
        case Kind::LabBelowLod:
            appendYesNo(out, lab.belowDetectionLimit);
            return;
        case Kind::LabLod:
            appendNumber(out, lab.detectionLimit);
            return;
        case Kind::LabAssay:
            appendText(out, lab.assay);
            return;
        case Kind::LabSampleType:
            if (lab.sampleType)
                out += core::toString(*lab.sampleType);
            return;
        case Kind::LabLaboratory:
            appendText(out, lab.laboratory);
            return;
        case Kind::LabSampleDate:
            // Empty means "the visit date", so only a different date is written.
            if (lab.sampleDate != visit.date)
                appendDate(out, lab.sampleDate);
            return;
        default:
            return;
    }
}

void writeBmdCell(Kind kind, const core::BmdMeasurement& bmd, std::string& out) {
    switch (kind) {
        case Kind::BmdValue:
            appendNumber(out, bmd.bmd);
            return;
        case Kind::BmdT:
            appendNumber(out, bmd.tScore);
            return;
        case Kind::BmdZ:
            appendNumber(out, bmd.zScore);
            return;
        case Kind::BmdVertebrae:
            if (!bmd.vertebrae.empty())
                appendText(out, core::toString(bmd.vertebrae));
            return;
        default:
            return;
    }
}

/// The ASAS core set's cells beyond BASDAI, ASDAS, BASFI and BASMI (docs/methods.md 9).
void writeCoreSetCell(const ColumnSpec& spec, const core::AsasCoreSet& items, std::string& out) {
    switch (spec.kind) {
        case Kind::PhysicianGlobal:
            appendNumber(out, items.physicianGlobal);
            return;
        case Kind::MasesSite:
            if (const std::optional<bool>& tender = items.mases.sites[spec.arg])
                out += *tender ? '1' : '0';
            return;
        case Kind::CoreCount:
            if (const std::optional<int>& count = items.*kCoreCounts[spec.arg].member)
                out += std::to_string(*count);
            return;
        case Kind::Manifestation:
            if (const auto& record = items.manifestations[spec.arg])
                out += core::toString(record->status);
            return;
        case Kind::ManifestationLastEpisode:
            if (const auto& record = items.manifestations[spec.arg])
                appendDate(out, record->lastEpisode);
            return;
        default:
            return;
    }
}

void writeVisitCell(const ColumnSpec& spec, const RowView& row, std::string& out) {
    const core::Visit& visit = *row.visit;
    switch (spec.kind) {
        case Kind::PhysicianGlobal:
        case Kind::MasesSite:
        case Kind::CoreCount:
        case Kind::Manifestation:
        case Kind::ManifestationLastEpisode:
            writeCoreSetCell(spec, visit.coreSet, out);
            return;
        case Kind::VisitDate:
            appendDate(out, visit.date);
            return;
        case Kind::Postmenopausal:
            if (visit.postmenopausal)
                appendYesNo(out, *visit.postmenopausal);
            return;
        case Kind::Basdai:
            appendNumber(out, visit.basdai.items()[spec.arg]);
            return;
        case Kind::PatientGlobal:
            appendNumber(out, visit.patientGlobal);
            return;
        case Kind::Basfi:
            appendNumber(out, visit.basfi.items[spec.arg]);
            return;
        case Kind::Basmi:
            appendNumber(out, visit.basmi.*kBasmiColumns[spec.arg].member);
            return;
        case Kind::VisitNotes:
            appendText(out, visit.notes);
            return;
        case Kind::DxaManufacturer:
            if (row.device)
                appendText(out, row.device->manufacturer);
            return;
        case Kind::DxaModel:
            if (row.device)
                appendText(out, row.device->model);
            return;
        case Kind::LabValue:
        case Kind::LabUnit:
        case Kind::LabBelowLod:
        case Kind::LabLod:
        case Kind::LabAssay:
        case Kind::LabSampleType:
        case Kind::LabLaboratory:
        case Kind::LabSampleDate:
            if (const core::LabValue* lab = row.labs[spec.arg])
                writeLabCell(spec.kind, *lab, visit, out);
            return;
        default:
            if (const core::BmdMeasurement* bmd = row.bmd[spec.arg])
                writeBmdCell(spec.kind, *bmd, out);
            return;
    }
}

void writeFilmCell(const ColumnSpec& spec, const core::Reading& reading, std::string& out) {
    switch (spec.kind) {
        case Kind::FilmReader:
            appendText(out, reading.reader);
            return;
        case Kind::FilmReadingDate:
            appendDate(out, reading.readingDate);
            return;
        case Kind::FilmChronology:
            appendYesNo(out, reading.chronologyKnown);
            return;
        case Kind::FilmSession:
            appendText(out, reading.session);
            return;
        case Kind::FilmRole:
            out += core::toString(reading.role);
            return;
        case Kind::FilmIdentitySeen:
            appendYesNo(out, reading.identitySeen);
            return;
        case Kind::FilmPairedByPatient:
            appendYesNo(out, reading.pairedByPatient);
            return;
        case Kind::SiteScore:
            appendGrade(out, reading.sites[spec.arg]);
            return;
        default:
            return;
    }
}

void writeTreatmentCell(Kind kind, const core::TreatmentEpisode& episode, std::string& out) {
    switch (kind) {
        case Kind::TreatmentDrug:
            appendText(out, episode.drugId);
            return;
        case Kind::TreatmentBrand:
            appendText(out, episode.brand);
            return;
        case Kind::TreatmentStart:
            appendDate(out, episode.start);
            return;
        case Kind::TreatmentStop:
            appendDate(out, episode.stop);
            return;
        case Kind::TreatmentDose:
            appendText(out, episode.doseAndFrequency);
            return;
        case Kind::TreatmentRoute:
            out += core::toString(episode.route);
            return;
        case Kind::TreatmentStopReason:
            if (episode.stopReason)
                out += core::toString(*episode.stopReason);
            return;
        default:
            return;
    }
}

void writeCtCell(const ColumnSpec& spec, const RowView& row, std::string& out) {
    const core::CtScan& scan = *row.ctScan;
    switch (spec.kind) {
        case Kind::CtDate:
            appendDate(out, scan.date);
            return;
        case Kind::CtDevice:
            appendText(out, scan.device);
            return;
        case Kind::CtWholeSpine:
            appendYesNo(out, scan.wholeSpine);
            return;
        default:
            break;
    }
    if (!row.ctReading)
        return;
    const core::CtssReading& reading = *row.ctReading;
    switch (spec.kind) {
        case Kind::CtReader:
            appendText(out, reading.reader);
            return;
        case Kind::CtReadingDate:
            appendDate(out, reading.readingDate);
            return;
        case Kind::CtChronology:
            appendYesNo(out, reading.chronologyKnown);
            return;
        case Kind::QuadrantScore:
            appendGrade(out, reading.quadrants[spec.arg]);
            return;
        default:
            return;
    }
}

}  // namespace

void writeCell(const ColumnSpec& spec, const RowView& row, std::string& out) {
    switch (spec.group) {
        case Group::Patient:
            writePatientCell(spec.kind, *row.patient, out);
            return;
        case Group::Visit:
            if (row.visit)
                writeVisitCell(spec, row, out);
            return;
        case Group::Film:
            if (row.reading)
                writeFilmCell(spec, *row.reading, out);
            return;
        case Group::Treatment:
            if (row.episode)
                writeTreatmentCell(spec.kind, *row.episode, out);
            return;
        case Group::Ct:
            if (row.ctScan)
                writeCtCell(spec, row, out);
            return;
    }
}

void writeCells(const RowView& row, int begin, int end, std::string& out) {
    const auto& specs = visitCsvColumnTable().specs;
    for (int i = begin; i < end; ++i) {
        if (i > 0)
            out += core::kCsvSeparator;
        writeCell(specs[i], row, out);
    }
}

RowView viewOfVisit(const core::Patient& patient, const core::Visit& visit, core::Validation* problems) {
    RowView row;
    row.patient = &patient;
    row.visit = &visit;
    // Only built for a message: boost's date formatting is slow for 100,000 visits.
    const auto where = [&visit] { return "visit of " + core::toIsoString(visit.date); };
    for (const core::LabValue& lab : visit.labs) {
        const auto a = static_cast<std::size_t>(lab.analyte);
        if (row.labs[a]) {
            if (problems)
                problems->addError(where() + ": " + core::toString(lab.analyte), "two values",
                                   "one value per analyte and visit in the visit CSV format");
            continue;
        }
        row.labs[a] = &lab;
    }
    for (const core::BmdMeasurement& bmd : visit.bmd) {
        const auto s = static_cast<std::size_t>(bmd.site);
        if (row.bmd[s]) {
            if (problems)
                problems->addError(where() + ": BMD site", core::toString(bmd.site),
                                   "each site once per visit");
            continue;
        }
        if (problems && bmd.site != core::BmdSite::LumbarSpine && !bmd.vertebrae.empty())
            problems->addError(where() + ": " + kBmdLabels[s] + std::string(" vertebrae"),
                               core::toString(bmd.vertebrae), "none (vertebrae apply to the lumbar spine)");
        row.bmd[s] = &bmd;
        if (!row.device) {
            row.device = &bmd.device;
        } else if (*row.device != bmd.device && problems) {
            problems->addError(where() + ": DXA device", bmd.device.manufacturer + " " + bmd.device.model,
                               "one device per visit in the visit CSV format (" + row.device->manufacturer +
                                   " " + row.device->model + ")");
        }
    }
    return row;
}

}  // namespace ankylos::interchange
