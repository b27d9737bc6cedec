#include "storage/visit_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <istream>
#include <iterator>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "core/csv_text.h"
#include "core/error.h"
#include "core/format.h"
#include "core/site_events.h"
#include "core/utf8.h"

namespace ankylos::storage {

namespace {

using core::Date;

// ---------------------------------------------------------------------------------------------
// The columns. One table drives the header, the writer, the parser and the mapping of the core's
// problems (by their field name) back to columns, so the four cannot drift apart.

enum class Group { Patient, Visit, Film };

enum class Kind {
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
    SiteScore,  // arg: site index
};

struct ColumnSpec {
    std::string name;   // the CSV column
    std::string field;  // the field name the core uses in its messages ("BASDAI Q2")
    Group group;
    Kind kind;
    int arg;
};

constexpr std::size_t kAnalyteCount = 5;
constexpr std::size_t kBmdSiteCount = 4;
constexpr std::size_t kBasmiCount = 8;

// Column name, core field name (core/basmi.h), member.
struct BasmiColumn {
    const char* name;
    const char* field;
    std::optional<double> core::BasmiInput::*member;
};
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

// Column prefixes of the analytes, in allAnalytes() order.
const std::array<const char*, kAnalyteCount> kAnalytePrefixes = {"crp", "esr", "mmp3", "dkk1", "sclerostin"};

// Labels the core uses for the BMD sites in its messages (core/bmd.cpp), in allBmdSites() order.
const std::array<const char*, kBmdSiteCount> kBmdLabels = {"lumbar spine", "femoral neck", "total hip",
                                                           "1/3 radius"};

struct Columns {
    std::vector<ColumnSpec> specs;
    std::vector<std::string> names;
    std::unordered_map<std::string, int> byName;
    std::unordered_map<std::string, int> byField;
    int visitBegin = 0;  // first visit-group column
    int filmBegin = 0;   // first film-group column
    int patientId = 0, name = 0, sex = 0, birthDate = 0, visitDate = 0, filmReader = 0;
};

const Columns& columns() {
    static const Columns table = [] {
        Columns c;
        auto add = [&c](std::string name, std::string field, Group group, Kind kind, int arg = 0) {
            c.specs.push_back({std::move(name), std::move(field), group, kind, arg});
        };
        add("patient_id", "patient ID", Group::Patient, Kind::PatientId);
        add("name", "name", Group::Patient, Kind::Name);
        add("sex", "sex", Group::Patient, Kind::Sex);
        add("birth_date", "date of birth", Group::Patient, Kind::BirthDate);
        add("hla_b27", "HLA-B27", Group::Patient, Kind::HlaB27);
        add("symptom_onset", "symptom onset", Group::Patient, Kind::SymptomOnset);
        add("diagnosis_date", "diagnosis date", Group::Patient, Kind::DiagnosisDate);
        add("smoking", "smoking status", Group::Patient, Kind::Smoking);
        add("patient_notes", "patient notes", Group::Patient, Kind::PatientNotes);

        c.visitBegin = static_cast<int>(c.specs.size());
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
        add("visit_notes", "visit notes", Group::Visit, Kind::VisitNotes);
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

        c.filmBegin = static_cast<int>(c.specs.size());
        add("film_reader", "film reader", Group::Film, Kind::FilmReader);
        add("film_reading_date", "film reading date", Group::Film, Kind::FilmReadingDate);
        add("film_chronology_known", "film chronology known", Group::Film, Kind::FilmChronology);
        for (core::Site site : core::allSites())
            add("msasss_" + core::siteId(site), "mSASSS " + core::siteId(site), Group::Film, Kind::SiteScore,
                core::siteIndex(site));

        for (std::size_t i = 0; i < c.specs.size(); ++i) {
            c.names.push_back(c.specs[i].name);
            c.byName.emplace(c.specs[i].name, static_cast<int>(i));
            c.byField.emplace(c.specs[i].field, static_cast<int>(i));
        }
        c.patientId = c.byName.at("patient_id");
        c.name = c.byName.at("name");
        c.sex = c.byName.at("sex");
        c.birthDate = c.byName.at("birth_date");
        c.visitDate = c.byName.at("visit_date");
        c.filmReader = c.byName.at("film_reader");
        // The scan date of a DXA and the date of a film are the visit date in this format.
        c.byField.emplace("BMD scan date", c.visitDate);
        c.byField.emplace("film date", c.visitDate);
        c.byField.emplace("reader", c.filmReader);
        return c;
    }();
    return table;
}

// ---------------------------------------------------------------------------------------------
// Writing cells.

/// What one row shows: the patient, and optionally a visit (with its labs and BMD sorted into the
/// format's slots) and one reading of the visit's film.
struct RowView {
    const core::Patient* patient = nullptr;
    const core::Visit* visit = nullptr;
    std::array<const core::LabValue*, kAnalyteCount> labs{};
    std::array<const core::BmdMeasurement*, kBmdSiteCount> bmd{};
    const core::DxaDevice* device = nullptr;
    const core::Reading* reading = nullptr;
};

/// Free text, neutralised against spreadsheet formulas and quoted (core/csv_text.h).
void appendText(std::string& out, std::string_view text) {
    core::appendCsvText(out, text);
}

/// The columns written with appendText: the importer undoes their formula neutralisation.
bool isTextKind(Kind kind) {
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
            return true;
        default:
            return false;
    }
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

void appendSiteScore(std::string& out, const std::optional<core::SiteScore>& score) {
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

void writeCell(const ColumnSpec& spec, const RowView& row, std::string& out) {
    const core::Patient& patient = *row.patient;
    const core::Visit* visit = row.visit;
    switch (spec.kind) {
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
            break;
    }
    if (spec.group == Group::Visit) {
        if (!visit)
            return;
        const core::LabValue* lab = nullptr;
        const core::BmdMeasurement* bmd = nullptr;
        switch (spec.kind) {
            case Kind::VisitDate:
                appendDate(out, visit->date);
                return;
            case Kind::Postmenopausal:
                if (visit->postmenopausal)
                    appendYesNo(out, *visit->postmenopausal);
                return;
            case Kind::Basdai:
                appendNumber(out, visit->basdai.items()[spec.arg]);
                return;
            case Kind::PatientGlobal:
                appendNumber(out, visit->patientGlobal);
                return;
            case Kind::Basfi:
                appendNumber(out, visit->basfi.items[spec.arg]);
                return;
            case Kind::Basmi:
                appendNumber(out, visit->basmi.*kBasmiColumns[spec.arg].member);
                return;
            case Kind::VisitNotes:
                appendText(out, visit->notes);
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
                lab = row.labs[spec.arg];
                break;
            default:
                bmd = row.bmd[spec.arg];
                break;
        }
        if (lab) {
            switch (spec.kind) {
                case Kind::LabValue:
                    appendNumber(out, lab->value);
                    return;
                case Kind::LabUnit:
                    appendText(out, lab->unit);
                    return;
                case Kind::LabBelowLod:
                    appendYesNo(out, lab->belowDetectionLimit);
                    return;
                case Kind::LabLod:
                    appendNumber(out, lab->detectionLimit);
                    return;
                case Kind::LabAssay:
                    appendText(out, lab->assay);
                    return;
                case Kind::LabSampleType:
                    if (lab->sampleType)
                        out += core::toString(*lab->sampleType);
                    return;
                case Kind::LabLaboratory:
                    appendText(out, lab->laboratory);
                    return;
                case Kind::LabSampleDate:
                    // Empty means "the visit date", so only a different date is written.
                    if (lab->sampleDate != visit->date)
                        appendDate(out, lab->sampleDate);
                    return;
                default:
                    return;
            }
        }
        if (bmd) {
            switch (spec.kind) {
                case Kind::BmdValue:
                    appendNumber(out, bmd->bmd);
                    return;
                case Kind::BmdT:
                    appendNumber(out, bmd->tScore);
                    return;
                case Kind::BmdZ:
                    appendNumber(out, bmd->zScore);
                    return;
                case Kind::BmdVertebrae:
                    if (!bmd->vertebrae.empty())
                        appendText(out, core::toString(bmd->vertebrae));
                    return;
                default:
                    return;
            }
        }
        return;
    }
    const core::Reading* reading = row.reading;
    if (!reading)
        return;
    switch (spec.kind) {
        case Kind::FilmReader:
            appendText(out, reading->reader);
            return;
        case Kind::FilmReadingDate:
            appendDate(out, reading->readingDate);
            return;
        case Kind::FilmChronology:
            appendYesNo(out, reading->chronologyKnown);
            return;
        case Kind::SiteScore:
            appendSiteScore(out, reading->sites[spec.arg]);
            return;
        default:
            return;
    }
}

/// Appends the cells of columns [begin, end), each preceded by a comma unless it is the first of
/// the record.
void writeCells(const RowView& row, int begin, int end, std::string& out) {
    const auto& specs = columns().specs;
    for (int i = begin; i < end; ++i) {
        if (i > 0)
            out += ',';
        writeCell(specs[i], row, out);
    }
}

/// The view of a visit; problems holds what the format cannot represent. Built from data the
/// importer made, it is always clean.
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

// ---------------------------------------------------------------------------------------------
// Reading records (RFC 4180).

struct TokenIssue {
    int line = 0;
    std::size_t field = 0;  // index of the field in its record
    std::string value;
    std::string rule;
};

std::string excerpt(std::string_view text) {
    const std::size_t lineEnd = text.find_first_of("\r\n");
    std::string_view first = text.substr(0, std::min<std::size_t>(lineEnd, 40));
    std::string out(first);
    if (first.size() < text.size())
        out += "...";
    return out;
}

class CsvReader {
public:
    explicit CsvReader(std::string_view data) : m_data(data) {}

    /// Reads the next record into fields; false at the end of the data. line is the physical line
    /// where it starts. Sets fatal when the rest of the data cannot be read (an unclosed quote).
    bool next(std::vector<std::string>& fields, int& line, std::vector<TokenIssue>& issues, bool& fatal) {
        fatal = false;
        if (m_pos >= m_data.size())
            return false;
        fields.clear();
        fields.emplace_back();
        line = m_line;
        while (true) {
            std::string& field = fields.back();
            if (m_pos < m_data.size() && m_data[m_pos] == '"') {
                if (!readQuoted(field)) {
                    issues.push_back(
                        {line, fields.size() - 1, excerpt(field),
                         "a quoted field is not closed: a quote (\") is missing before the end of "
                         "the file"});
                    fatal = true;
                    m_pos = m_data.size();
                    return true;
                }
                if (m_pos < m_data.size() && !isSeparator(m_data[m_pos])) {
                    const std::size_t end = std::min(m_data.find_first_of(",\r\n", m_pos), m_data.size());
                    field.append(m_data.substr(m_pos, end - m_pos));
                    m_pos = end;
                    issues.push_back(
                        {line, fields.size() - 1, excerpt(field),
                         "text after the closing quote of a quoted field (RFC 4180: quote the whole "
                         "field and double the quotes inside it)"});
                }
            } else {
                const std::size_t end = std::min(m_data.find_first_of(",\r\n", m_pos), m_data.size());
                field.append(m_data.substr(m_pos, end - m_pos));
                m_pos = end;
                if (field.find('"') != std::string::npos)
                    issues.push_back(
                        {line, fields.size() - 1, excerpt(field),
                         "a quote inside a field that does not start with a quote (RFC 4180: quote "
                         "the whole field and double the quotes inside it)"});
            }
            if (m_pos >= m_data.size())
                return true;
            const char c = m_data[m_pos++];
            if (c == ',') {
                fields.emplace_back();
                continue;
            }
            if (c == '\r' && m_pos < m_data.size() && m_data[m_pos] == '\n')
                ++m_pos;
            ++m_line;
            return true;
        }
    }

private:
    static bool isSeparator(char c) { return c == ',' || c == '\r' || c == '\n'; }

    /// Reads a quoted field from the opening quote; false when it is not closed.
    bool readQuoted(std::string& field) {
        ++m_pos;
        while (true) {
            const std::size_t quote = m_data.find('"', m_pos);
            if (quote == std::string_view::npos) {
                field.append(m_data.substr(m_pos));
                return false;
            }
            countLines(m_pos, quote);
            field.append(m_data.substr(m_pos, quote - m_pos));
            m_pos = quote + 1;
            if (m_pos < m_data.size() && m_data[m_pos] == '"') {
                field += '"';
                ++m_pos;
                continue;
            }
            return true;
        }
    }

    /// Physical lines inside a quoted field: LF, CRLF or a lone CR each end one.
    void countLines(std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            if (m_data[i] == '\n')
                ++m_line;
            else if (m_data[i] == '\r' && (i + 1 >= m_data.size() || m_data[i + 1] != '\n'))
                ++m_line;
        }
    }

    std::string_view m_data;
    std::size_t m_pos = 0;
    int m_line = 1;
};

// ---------------------------------------------------------------------------------------------
// Parsing rows.

/// One data row, parsed. Cells that failed to parse are listed in bad and keep their defaults.
struct RowData {
    core::Patient patient;
    core::Visit visit;
    bool visitDateGiven = false;
    bool visitCellsGiven = false;  // any visit, lab, BMD or film cell other than visit_date
    std::array<core::LabValue, kAnalyteCount> labs;
    std::array<bool, kAnalyteCount> labValueGiven{}, labCellsGiven{}, labDateGiven{};
    std::array<core::BmdMeasurement, kBmdSiteCount> bmd;
    std::array<bool, kBmdSiteCount> bmdValueGiven{}, bmdCellsGiven{};
    core::DxaDevice device;
    bool deviceGiven = false;
    core::Reading reading;
    bool readerGiven = false;
    bool filmCellsGiven = false;  // any film cell other than film_reader
    std::vector<int> bad;         // column indices whose cell failed to parse

    bool isBad(int column) const { return std::find(bad.begin(), bad.end(), column) != bad.end(); }
};

RowData emptyRow() {
    RowData row;
    for (std::size_t a = 0; a < kAnalyteCount; ++a)
        row.labs[a].analyte = core::allAnalytes()[a];
    for (std::size_t s = 0; s < kBmdSiteCount; ++s)
        row.bmd[s].site = core::allBmdSites()[s];
    return row;
}

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

/// Parses one cell into row; throws core::ValidationError when the text is not allowed.
void parseCell(const ColumnSpec& spec, const std::string& text, RowData& row, core::Validation& validation) {
    const bool given = !text.empty();
    if (spec.group == Group::Visit && spec.kind != Kind::VisitDate && given)
        row.visitCellsGiven = true;
    switch (spec.kind) {
        case Kind::PatientId:
            row.patient.clinicId = text;
            return;
        case Kind::Name:
            row.patient.name = text;
            return;
        case Kind::Sex:
            row.patient.sex = core::parseSex(text, spec.field);
            return;
        case Kind::BirthDate:
            row.patient.birth = core::parseIsoDate(text, spec.field);
            return;
        case Kind::HlaB27:
            row.patient.hlaB27 = given ? core::parseHlaB27(text, spec.field) : core::HlaB27::Unknown;
            return;
        case Kind::SymptomOnset:
            row.patient.symptomOnset = optionalDate(text, spec.field);
            return;
        case Kind::DiagnosisDate:
            row.patient.diagnosis = optionalDate(text, spec.field);
            return;
        case Kind::Smoking:
            row.patient.smoking =
                given ? core::parseSmokingStatus(text, spec.field) : core::SmokingStatus::Unknown;
            return;
        case Kind::PatientNotes:
            row.patient.notes = text;
            return;
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
        case Kind::FilmReader:
            row.reading.reader = text;
            row.readerGiven = given;
            return;
        default:
            break;
    }
    if (spec.group == Group::Film) {
        row.filmCellsGiven = row.filmCellsGiven || given;
        switch (spec.kind) {
            case Kind::FilmReadingDate:
                row.reading.readingDate = optionalDate(text, spec.field);
                return;
            case Kind::FilmChronology:
                row.reading.chronologyKnown = given && parseYesNo(text, spec.field);
                return;
            case Kind::SiteScore: {
                if (!given)
                    return;
                const auto site = static_cast<core::Site>(spec.arg);
                auto reason = core::NotAssessableReason::Other;
                std::string score = text;
                const std::size_t colon = text.find(':');
                if (colon != std::string::npos &&
                    (text.compare(0, colon, "NA") == 0 || text.compare(0, colon, "na") == 0)) {
                    try {
                        reason = core::parseNotAssessableReason(text.substr(colon + 1));
                    } catch (const core::ValidationError&) {
                        throw core::ValidationError(spec.field, text,
                                                    "0, 1, 2, 3, NA, or NA:<reason> with reason not_visible, "
                                                    "not_imaged, surgery_hardware or other");
                    }
                    score = text.substr(0, colon);
                }
                row.reading.sites[spec.arg] = core::parseSiteScore(site, score, validation, reason);
                return;
            }
            default:
                return;
        }
    }
    // Laboratory values and BMD.
    if (spec.kind >= Kind::LabValue && spec.kind <= Kind::LabSampleDate) {
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
}

struct VisitBuild {
    core::Visit visit;
    int line = 0;
    bool hasFilm = false;
    core::Film film;
    std::vector<std::pair<std::string, int>> readers;  // reader, line
    std::vector<int> bad;                              // visit columns that failed on the first row
};

struct PatientBuild {
    core::PatientHistory history;
    int line = 0;
    std::vector<int> bad;  // patient columns that failed on the first row
    std::map<Date, VisitBuild> visits;
};

class Importer {
public:
    explicit Importer(Date today) : m_today(today), m_cols(columns()) {}

    VisitCsvImport run(std::istream& in) {
        std::ostringstream buffer;
        buffer << in.rdbuf();
        std::string data = std::move(buffer).str();
        std::string_view text(data);
        if (text.substr(0, 3) == "\xEF\xBB\xBF")
            text.remove_prefix(3);

        CsvReader reader(text);
        std::vector<std::string> fields;
        std::vector<TokenIssue> issues;
        int line = 0;
        bool fatal = false;
        bool haveHeader = false;
        while (reader.next(fields, line, issues, fatal)) {
            const bool blank = !fatal && std::all_of(fields.begin(), fields.end(),
                                                     [](const std::string& f) { return f.empty(); });
            if (!haveHeader) {
                reportIssues(issues, nullptr);
                if (blank)
                    continue;
                haveHeader = true;
                if (fatal || !readHeader(fields, line))
                    break;
                continue;
            }
            reportIssues(issues, &fields);
            if (fatal)
                break;
            if (blank)
                continue;
            ++m_result.rows;
            readRow(fields, line);
        }
        if (!haveHeader)
            addError(1, "", "", "the file is empty: the first line must name the columns (db/visit_csv.md)");
        finish();
        return std::move(m_result);
    }

private:
    void addError(int line, std::string column, std::string value, std::string rule) {
        m_result.errors.push_back({line, std::move(column), std::move(value), std::move(rule)});
    }

    std::string fileColumnName(std::size_t fileIndex) const {
        if (fileIndex < m_header.size())
            return m_header[fileIndex];
        return "field " + std::to_string(fileIndex + 1);
    }

    void reportIssues(std::vector<TokenIssue>& issues, const std::vector<std::string>* fields) {
        for (TokenIssue& issue : issues)
            addError(issue.line, fields ? fileColumnName(issue.field) : "", core::sanitizedUtf8(issue.value),
                     std::move(issue.rule));
        issues.clear();
    }

    /// False when rows cannot be read (a required column is missing).
    bool readHeader(const std::vector<std::string>& fields, int line) {
        m_header = fields;
        m_specOfFile.assign(fields.size(), -1);
        m_fileOfSpec.assign(m_cols.specs.size(), -1);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string& name = fields[i];
            const auto found = m_cols.byName.find(name);
            if (found == m_cols.byName.end()) {
                std::string rule = "unknown column: the columns are listed in db/visit_csv.md";
                if (name.find(';') != std::string::npos)
                    rule += "; the file seems separated by semicolons, but the visit CSV format uses commas";
                else if (name.empty())
                    rule = "a column without a name: every column of the header needs one (db/visit_csv.md)";
                addError(line, core::sanitizedUtf8(name), core::sanitizedUtf8(name), rule);
                continue;
            }
            if (m_fileOfSpec[found->second] >= 0) {
                addError(line, name, name,
                         "the column appears twice (also field " +
                             std::to_string(m_fileOfSpec[found->second] + 1) + ")");
                continue;
            }
            m_fileOfSpec[found->second] = static_cast<int>(i);
            m_specOfFile[i] = found->second;
        }
        bool usable = true;
        for (int required : {m_cols.patientId, m_cols.name, m_cols.sex, m_cols.birthDate, m_cols.visitDate}) {
            if (m_fileOfSpec[required] < 0) {
                addError(line, m_cols.names[required], "", "a required column is missing");
                usable = false;
            }
        }
        return usable;
    }

    /// The cell's text as in the file, or empty when the column is absent.
    const std::string& cell(int column) const {
        static const std::string kEmpty;
        const int file = m_fileOfSpec[column];
        return file >= 0 && static_cast<std::size_t>(file) < m_fields->size() ? (*m_fields)[file] : kEmpty;
    }

    void cellError(RowData& row, int column, const std::string& rule) {
        addError(m_line, m_cols.names[column], cell(column), rule);
        row.bad.push_back(column);
    }

    /// Reports the core's problems on this row, each at the column its field names. A problem on a
    /// cell that already failed to parse is not reported twice, nor the same fact twice (a future
    /// visit date is also the future date of the samples taken on it).
    void report(const core::Validation& validation, const RowData& row) {
        std::vector<std::pair<int, const core::Problem*>> seen;
        for (const core::Problem& problem : validation.problems()) {
            int column = -1;
            const auto found = m_cols.byField.find(problem.field);
            if (found != m_cols.byField.end())
                column = found->second;
            const ColumnSpec* spec = column >= 0 ? &m_cols.specs[column] : nullptr;
            if (spec && spec->kind == Kind::LabSampleDate && !row.labDateGiven[spec->arg])
                column = m_cols.visitDate;
            if (column >= 0 && row.isBad(column))
                continue;
            const bool repeated = std::any_of(seen.begin(), seen.end(), [&](const auto& other) {
                return other.first == column && other.second->value == problem.value &&
                       other.second->allowed == problem.allowed && other.second->severity == problem.severity;
            });
            if (repeated)
                continue;
            seen.emplace_back(column, &problem);
            CsvProblem csv{m_line, column >= 0 ? m_cols.names[column] : "", column >= 0 ? cell(column) : "",
                           problem.message()};
            if (problem.severity == core::Severity::Error)
                m_result.errors.push_back(std::move(csv));
            else
                m_result.warnings.push_back(std::move(csv));
        }
    }

    /// Parses the row's cells into row; a cell that cannot be read is reported and listed in row.bad.
    void parseCells(const std::vector<std::string>& fields, RowData& row) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const int column = m_specOfFile[i];
            if (column < 0)
                continue;
            if (!core::isValidUtf8(fields[i])) {
                addError(m_line, m_cols.names[column], fields[i],
                         "not valid UTF-8 text: save the file as \"CSV UTF-8\"");
                row.bad.push_back(column);
                continue;
            }
            const ColumnSpec& spec = m_cols.specs[column];
            // Text cells come formula-neutralised (core/csv_text.h): one leading ' is removed.
            const std::string text = isTextKind(spec.kind) ? core::unescapeCsvText(fields[i]) : fields[i];
            try {
                core::Validation cellProblems;
                parseCell(spec, text, row, cellProblems);
                for (const core::Problem& p : cellProblems.errors())
                    cellError(row, column, p.message());
            } catch (const core::ValidationError& error) {
                for (const core::Problem& p : error.problems())
                    cellError(row, column, p.message());
            }
        }
    }

    void readRow(const std::vector<std::string>& fields, int line) {
        m_fields = &fields;
        m_line = line;
        if (fields.size() != m_header.size()) {
            addError(line, "", std::to_string(fields.size()) + " fields",
                     "every row has as many fields as the header (" + std::to_string(m_header.size()) + ")");
            return;
        }
        RowData row = emptyRow();
        parseCells(fields, row);
        checkPresence(row);
        assembleVisit(row);

        if (row.patient.clinicId.empty() || row.isBad(m_cols.patientId)) {
            // Without an ID the row belongs to no patient; its cells are still checked.
            PatientBuild lone;
            preparePatient(lone, row);
            if (row.visitDateGiven || row.visitCellsGiven)
                checkVisit(lone.history.patient, row);
            if (row.readerGiven)
                checkReading(lone.history.patient, row);
            return;
        }
        PatientBuild& patient = patientFor(row);
        if (!row.visitDateGiven && !row.visitCellsGiven)
            return;  // a patient without a visit
        if (!row.visitDateGiven || row.isBad(m_cols.visitDate)) {
            checkVisit(patient.history.patient, row);
            if (row.readerGiven)
                checkReading(patient.history.patient, row);
            return;
        }
        auto found = patient.visits.find(row.visit.date);
        if (found == patient.visits.end()) {
            VisitBuild& visit = patient.visits[row.visit.date];
            checkVisit(patient.history.patient, row);
            visit.line = line;
            visit.hasFilm = row.readerGiven;
            visit.film.date = row.visit.date;
            for (int column : row.bad)
                if (m_cols.specs[column].group == Group::Visit)
                    visit.bad.push_back(column);
            if (row.readerGiven)
                addReading(patient, visit, row);
            visit.visit = std::move(row.visit);
            return;
        }
        VisitBuild& visit = found->second;
        if (!visit.hasFilm || !row.readerGiven) {
            addError(line, "visit_date", cell(m_cols.visitDate),
                     "patient " + patient.history.patient.clinicId + " already has a visit on " +
                         cell(m_cols.visitDate) + " (line " + std::to_string(visit.line) +
                         "): a visit is one row, or one row per reader of its film");
            return;
        }
        compare(
            RowView(viewOfVisit(patient.history.patient, visit.visit, nullptr)),
            viewOfVisit(patient.history.patient, row.visit, nullptr), m_cols.visitBegin, m_cols.filmBegin,
            visit.bad, row, visit.line,
            "the visit columns must be the same on every row of a visit (one row per reader of its film)");
        addReading(patient, visit, row);
    }

    /// Cells that only make sense together with another one.
    void checkPresence(RowData& row) {
        for (std::size_t a = 0; a < kAnalyteCount; ++a) {
            if (row.labCellsGiven[a] && !row.labValueGiven[a]) {
                const std::string prefix = kAnalytePrefixes[a];
                const int column = m_cols.byName.at(prefix + "_value");
                if (!row.isBad(column))
                    cellError(row, column,
                              core::toString(core::allAnalytes()[a]) + ": a value is needed when other " +
                                  prefix + "_ columns are filled");
            }
        }
        for (std::size_t s = 0; s < kBmdSiteCount; ++s) {
            if (row.bmdCellsGiven[s] && !row.bmdValueGiven[s]) {
                const int column =
                    m_cols.byName.at("bmd_" + core::toString(core::allBmdSites()[s]) + "_g_cm2");
                if (!row.isBad(column))
                    cellError(row, column,
                              std::string(kBmdLabels[s]) +
                                  " BMD: a value in g/cm2 is needed when its T-score, "
                                  "Z-score or vertebrae are filled");
            }
        }
        const bool anyBmd =
            std::any_of(row.bmdValueGiven.begin(), row.bmdValueGiven.end(), [](bool b) { return b; });
        if (row.deviceGiven && !anyBmd)
            cellError(row, m_cols.byName.at("dxa_manufacturer"),
                      "DXA device: recorded only with a BMD value of the visit");
        if (row.filmCellsGiven && !row.readerGiven)
            cellError(row, m_cols.filmReader,
                      "film reader: needed when the film columns of the row are filled");
        if (row.readerGiven)
            row.visitCellsGiven = true;
        if (row.visitCellsGiven && !row.visitDateGiven && !row.isBad(m_cols.visitDate))
            cellError(
                row, m_cols.visitDate,
                "visit date: (empty) is not allowed (allowed: a calendar date as YYYY-MM-DD when any visit, "
                "laboratory, BMD or film column is filled)");
    }

    /// The row's patient, created at its first row; later rows must repeat the same patient columns.
    PatientBuild& patientFor(RowData& row) {
        const auto found = m_patientIndex.find(row.patient.clinicId);
        if (found == m_patientIndex.end()) {
            m_patientIndex.emplace(row.patient.clinicId, m_patients.size());
            m_patients.emplace_back();
            PatientBuild& patient = m_patients.back();
            preparePatient(patient, row);
            return patient;
        }
        PatientBuild& patient = m_patients[found->second];
        RowView stored, current;
        stored.patient = &patient.history.patient;
        current.patient = &row.patient;
        compare(stored, current, 0, m_cols.visitBegin, patient.bad, row, patient.line,
                "the patient columns must be the same on every row of patient " + row.patient.clinicId);
        return patient;
    }

    void preparePatient(PatientBuild& patient, const RowData& row) {
        patient.line = m_line;
        patient.history.patient = row.patient;
        for (int column : row.bad)
            if (m_cols.specs[column].group == Group::Patient)
                patient.bad.push_back(column);
        core::Patient& stored = patient.history.patient;
        report(core::validatePatient(stored, m_today), row);
        // A birth date or sex that did not parse is already reported: the checks of this patient's
        // visits then use a birth date before any other (no "before birth" error) and the sex for
        // which a menopausal status is allowed, so they do not report it again in other words.
        if (row.isBad(m_cols.birthDate))
            stored.birth = Date(1400, 1, 1);
        if (row.isBad(m_cols.sex))
            stored.sex = core::Sex::Female;
    }

    /// The visit's own cells: the core's validateVisit, at this row.
    void checkVisit(const core::Patient& patient, const RowData& row) {
        core::Visit visit = row.visit;
        if (!row.visitDateGiven || row.isBad(m_cols.visitDate)) {
            // Already reported; today passes the date checks.
            visit.date = m_today;
            for (core::LabValue& lab : visit.labs)
                if (lab.sampleDate.is_special())
                    lab.sampleDate = m_today;
        }
        report(core::validateVisit(patient, visit, m_today), row);
    }

    void checkReading(const core::Patient& patient, const RowData& row) {
        core::Validation validation;
        validation.requireText("film reader", row.reading.reader);
        if (row.reading.readingDate) {
            core::checkClinicalDate(validation, "film reading date", *row.reading.readingDate, patient.birth,
                                    m_today);
            if (row.visitDateGiven && !row.isBad(m_cols.visitDate) &&
                *row.reading.readingDate < row.visit.date)
                validation.addError("film reading date", core::toIsoString(*row.reading.readingDate),
                                    "not before the film date (" + core::toIsoString(row.visit.date) + ")");
        }
        report(validation, row);
        // clinical-rules.md 1.4: a bridge has two ends; flagged for review, not blocked.
        for (const core::BridgingInconsistency& inconsistency : core::checkBridgingConsistency(row.reading)) {
            const int column = m_cols.byName.at("msasss_" + core::siteId(inconsistency.other));
            m_result.warnings.push_back(
                {m_line, m_cols.names[column], cell(column), inconsistency.message()});
        }
    }

    void addReading(PatientBuild& patient, VisitBuild& visit, const RowData& row) {
        for (const auto& [reader, line] : visit.readers) {
            if (reader == row.reading.reader) {
                addError(m_line, "film_reader", cell(m_cols.filmReader),
                         "reader " + reader + " already read the film of " +
                             core::toIsoString(visit.film.date) + " (line " + std::to_string(line) +
                             "): one row per reader of a film");
                return;
            }
        }
        checkReading(patient.history.patient, row);
        visit.readers.emplace_back(row.reading.reader, m_line);
        visit.film.readings.push_back(row.reading);
    }

    /// Compares columns [begin, end) of a later row with the group's first row; each difference is
    /// an error at the later row. Cells that failed to parse on either row are not compared.
    void compare(const RowView& stored, const RowView& current, int begin, int end,
                 const std::vector<int>& storedBad, const RowData& row, int storedLine,
                 const std::string& rule) {
        std::string a, b;
        for (int column = begin; column < end; ++column) {
            if (m_fileOfSpec[column] < 0 || row.isBad(column))
                continue;
            if (std::find(storedBad.begin(), storedBad.end(), column) != storedBad.end())
                continue;
            a.clear();
            b.clear();
            writeCell(m_cols.specs[column], stored, a);
            writeCell(m_cols.specs[column], current, b);
            if (a != b)
                addError(m_line, m_cols.names[column], cell(column),
                         "differs from line " + std::to_string(storedLine) + " (\"" + a + "\"): " + rule);
        }
    }

    void finish() {
        // A NUL, line break or invalid byte must neither hide in nor cut a message.
        for (auto* problems : {&m_result.errors, &m_result.warnings}) {
            for (CsvProblem& problem : *problems) {
                problem.column = core::visibleText(problem.column);
                problem.value = core::visibleText(problem.value);
                problem.rule = core::visibleText(problem.rule);
            }
        }
        std::stable_sort(m_result.errors.begin(), m_result.errors.end(),
                         [](const CsvProblem& x, const CsvProblem& y) { return x.line < y.line; });
        std::stable_sort(m_result.warnings.begin(), m_result.warnings.end(),
                         [](const CsvProblem& x, const CsvProblem& y) { return x.line < y.line; });
        if (!m_result.errors.empty())
            return;  // all-or-nothing
        m_result.patients.reserve(m_patients.size());
        m_result.lines.reserve(m_patients.size());
        for (PatientBuild& patient : m_patients) {
            core::PatientHistory& history = patient.history;
            VisitCsvImport::Lines lines;
            lines.patient = patient.line;
            for (auto& [date, visit] : patient.visits) {
                if (visit.hasFilm) {
                    history.films.push_back(std::move(visit.film));
                    lines.readings.emplace_back();
                    for (const auto& reader : visit.readers)
                        lines.readings.back().push_back(reader.second);
                }
                history.visits.push_back(std::move(visit.visit));
                lines.visits.push_back(visit.line);
            }
            m_result.patients.push_back(std::move(history));
            m_result.lines.push_back(std::move(lines));
        }
    }

    Date m_today;
    const Columns& m_cols;
    VisitCsvImport m_result;
    std::vector<std::string> m_header;
    std::vector<int> m_specOfFile;  // file field index -> column index, -1 for unknown columns
    std::vector<int> m_fileOfSpec;  // column index -> file field index, -1 when absent
    std::vector<PatientBuild> m_patients;
    std::unordered_map<std::string, std::size_t> m_patientIndex;
    const std::vector<std::string>* m_fields = nullptr;  // the row being read
    int m_line = 0;
};

}  // namespace

std::string CsvProblem::message() const {
    std::string text = "line " + std::to_string(line);
    if (!column.empty())
        text += ", column " + column + " = \"" + value + "\"";
    return text + ": " + rule;
}

std::string VisitCsvImport::place(const std::string& file, std::size_t p, std::optional<std::size_t> visit,
                                  std::optional<std::size_t> film, std::optional<std::size_t> reading,
                                  const std::string& field) const {
    const Lines& of = lines.at(p);
    int line = of.patient;
    if (visit)
        line = of.visits.at(*visit);
    if (film && !of.readings.at(*film).empty())
        line = of.readings[*film].at(reading.value_or(0));
    const Columns& cols = columns();
    const auto column = cols.byField.find(field);
    return file + ":" + std::to_string(line) + ":" +
           (column == cols.byField.end() ? field : cols.names[column->second]);
}

VisitCsvImport parseVisitCsv(std::istream& in, Date today) {
    return Importer(today).run(in);
}

const std::vector<std::string>& visitCsvColumns() {
    return columns().names;
}

void writeVisitCsvHeader(std::ostream& out, bool byteOrderMark) {
    std::string line;
    if (byteOrderMark)
        line = "\xEF\xBB\xBF";
    const auto& names = columns().names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            line += ',';
        line += names[i];
    }
    line += "\r\n";
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

void writeVisitCsvRows(std::ostream& out, const core::PatientHistory& history) {
    const Columns& cols = columns();
    const int columnCount = static_cast<int>(cols.specs.size());
    const core::Patient& patient = history.patient;
    const std::string who = "patient " + patient.clinicId;

    // Check everything first, so that nothing of a patient the format cannot hold is written.
    core::Validation problems;
    std::vector<RowView> views;
    views.reserve(history.visits.size());
    std::vector<const core::Film*> filmOf(history.visits.size(), nullptr);
    for (std::size_t v = 0; v < history.visits.size(); ++v) {
        if (v > 0 && !(history.visits[v - 1].date < history.visits[v].date))
            problems.addError(who + ", visit date", core::toIsoString(history.visits[v].date),
                              "visits in date order, one per date");
        core::Validation visitProblems;
        views.push_back(viewOfVisit(patient, history.visits[v], &visitProblems));
        for (const core::Problem& p : visitProblems.problems())
            problems.addError(who + ", " + p.field, p.value, p.allowed);
    }
    for (const core::Film& film : history.films) {
        std::size_t v = 0;
        while (v < history.visits.size() && history.visits[v].date != film.date)
            ++v;
        const auto where = [&] { return who + ", film of " + core::toIsoString(film.date); };
        if (v == history.visits.size()) {
            problems.addError(where(), core::toIsoString(film.date),
                              "a film on the date of a visit (the visit CSV format links films to visits)");
            continue;
        }
        if (filmOf[v]) {
            problems.addError(where(), core::toIsoString(film.date), "one film per date");
            continue;
        }
        filmOf[v] = &film;
        // A film not read yet has no scores to write: its visit's row carries empty film columns.
        for (std::size_t r = 0; r < film.readings.size(); ++r) {
            const std::string& reader = film.readings[r].reader;
            if (reader.empty())
                problems.addError(where() + ", reader", "", "a reader's name on every reading");
            for (std::size_t q = 0; q < r; ++q)
                if (film.readings[q].reader == reader && !reader.empty())
                    problems.addError(where() + ", reader", reader, "one reading per reader of a film");
        }
    }
    problems.throwIfErrors();

    std::string patientCells;
    RowView patientOnly;
    patientOnly.patient = &patient;
    writeCells(patientOnly, 0, cols.visitBegin, patientCells);

    std::string row;
    std::string visitCells;
    const auto emit = [&out](const std::string& text) {
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    };
    if (history.visits.empty()) {
        // A patient without visits is one row with the patient columns only.
        row = patientCells;
        writeCells(patientOnly, cols.visitBegin, columnCount, row);
        row += "\r\n";
        emit(row);
        return;
    }
    for (std::size_t v = 0; v < history.visits.size(); ++v) {
        RowView& view = views[v];
        visitCells.clear();
        writeCells(view, cols.visitBegin, cols.filmBegin, visitCells);
        const core::Film* film = filmOf[v];
        if (!film || film->readings.empty()) {
            row = patientCells;
            row += visitCells;
            writeCells(view, cols.filmBegin, columnCount, row);
            row += "\r\n";
            emit(row);
            continue;
        }
        for (const core::Reading& reading : film->readings) {
            view.reading = &reading;
            row = patientCells;
            row += visitCells;
            writeCells(view, cols.filmBegin, columnCount, row);
            row += "\r\n";
            emit(row);
        }
    }
}

}  // namespace ankylos::storage
