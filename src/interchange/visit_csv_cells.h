#pragma once
/// The text of each cell of the visit CSV format, as the writer writes it. The reader compares the
/// rows that repeat a patient or a visit through the same functions, so "the same" means "written
/// the same".

#include <array>
#include <string>

#include "core/ctss.h"
#include "core/patient.h"
#include "core/treatment.h"
#include "core/validation.h"
#include "core/visit.h"
#include "interchange/visit_csv_columns.h"

namespace ankylos::interchange {

/// What one row shows: the patient, and optionally a visit (with its labs and BMD sorted into the
/// format's slots) and one reading of the visit's film.
struct RowView {
    const core::Patient* patient = nullptr;
    const core::Visit* visit = nullptr;
    std::array<const core::LabValue*, kAnalyteCount> labs{};
    std::array<const core::BmdMeasurement*, kBmdSiteCount> bmd{};
    const core::DxaDevice* device = nullptr;
    const core::Reading* reading = nullptr;
    const core::TreatmentEpisode* episode = nullptr;  ///< a treatment row's episode
    const core::CtScan* ctScan = nullptr;             ///< a CT row's scan
    const core::CtssReading* ctReading = nullptr;     ///< its reading on this row; null for a scan not read
};

/// The view of a visit; problems (when given) receives what the format cannot represent: two values
/// of an analyte, a BMD site twice, vertebrae off the lumbar spine, two DXA devices. Built from data
/// the reader made, it is always clean.
RowView viewOfVisit(const core::Patient& patient, const core::Visit& visit, core::Validation* problems);

/// Appends the cell of column spec for row (nothing for an empty cell).
void writeCell(const ColumnSpec& spec, const RowView& row, std::string& out);

/// Appends the cells of columns [begin, end), each preceded by a comma unless it is the first of
/// the record.
void writeCells(const RowView& row, int begin, int end, std::string& out);

}  // namespace ankylos::interchange
