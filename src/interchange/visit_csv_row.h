#pragma once
/// One data row of the visit CSV format, read cell by cell into core's types. What a row means
/// together with the other rows of its patient and visit is visit_csv_reader.cpp's concern.

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/ctss.h"
#include "core/patient.h"
#include "core/treatment.h"
#include "core/validation.h"
#include "core/visit.h"
#include "interchange/visit_csv_columns.h"

namespace ankylos::interchange {

/// One data row, parsed. Cells that failed to parse are listed in bad and keep their defaults.
struct RowData {
    core::Patient patient;
    core::Visit visit;
    bool visitDateGiven = false;
    bool visitCellsGiven = false;  ///< any visit, lab, BMD or film cell other than visit_date
    std::array<core::LabValue, kAnalyteCount> labs;
    std::array<bool, kAnalyteCount> labValueGiven{}, labCellsGiven{}, labDateGiven{};
    std::array<core::BmdMeasurement, kBmdSiteCount> bmd;
    std::array<bool, kBmdSiteCount> bmdValueGiven{}, bmdCellsGiven{};
    /// Last episode dates as given, by manifestation; put into the visit's records by assembleVisit.
    std::array<std::optional<core::Date>, 3> lastEpisodes{};
    core::DxaDevice device;
    bool deviceGiven = false;
    core::Reading reading;
    bool readerGiven = false;
    bool filmCellsGiven = false;  ///< any film cell other than film_reader
    core::TreatmentEpisode episode;
    bool treatmentGiven = false;           ///< any treatment cell: the row is a treatment episode
    std::vector<int> treatmentCellsGiven;  ///< treatment columns with a cell
    core::CtScan ctScan;                   ///< a CT row's scan: date, scanner, coverage (no readings)
    core::CtssReading ctReading;
    bool ctGiven = false;  ///< any CT cell: the row is a CT scan (and maybe one reading)
    bool ctDateGiven = false;
    bool ctReaderGiven = false;
    bool ctReadingCellsGiven = false;  ///< any CTSS cell other than ctss_reader
    std::vector<int> bad;              ///< column indices whose cell failed to parse

    bool isBad(int column) const { return std::find(bad.begin(), bad.end(), column) != bad.end(); }
};

/// A row with nothing given; its lab and BMD slots know their analyte and site.
RowData emptyRow();

/// Parses one cell (its text already unescaped) into row; throws core::ValidationError when the
/// text is not allowed, or adds the problem to validation (a site score).
void parseCell(const ColumnSpec& spec, const std::string& text, RowData& row, core::Validation& validation);

/// Puts the labs and BMD given on the row into its visit (sample dates default to the visit date),
/// and each manifestation's last episode into its record (a date without a status is for the
/// reader to refuse: it is dropped here).
void assembleVisit(RowData& row);

}  // namespace ankylos::interchange
