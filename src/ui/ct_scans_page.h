#pragma once
/// The record's "CT scans" tab: the patient's low-dose CT scans of the spine (docs/methods.md 12), a
/// row per scan and reader (scan date, scanner, whole spine, reader, the segment and total CTSS of
/// the reading with the quadrants imputed per segment, and the scan's CTSS, the readers' mean, as
/// core scores them), and buttons to add, correct and delete scans and readings. A change of saved
/// data asks a reason; the account's role decides which buttons are offered (as on the Films tab).

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/patient_history.h"
#include "core/settings.h"
#include "storage/database.h"

class wxListCtrl;

namespace ankylos::ui {

class CtScansPage : public wxPanel {
public:
    /// written: called after every write (the record reads the patient again); reload: called when a
    /// change was refused because someone changed the scan since the record was read.
    CtScansPage(wxWindow* parent, storage::Database& db, std::function<void()> written,
                std::function<void()> reload);

    /// Shows the patient's scans. loadedAt: the database's version read just before history
    /// (storage/audit.h): corrections and deletions are refused over a change made after it.
    void fill(std::int64_t patientId, const core::PatientHistory& history, const core::Settings& settings,
              std::int64_t loadedAt);

    void newScan();
    void editScanAt(long row);
    void deleteScanAt(long row);
    /// A new reading of the row's scan (another reader).
    void scoreScanAt(long row);
    void editReadingAt(long row);
    void deleteReadingAt(long row);
    long selectedRow() const;

    wxListCtrl* table() const { return m_table; }

private:
    /// What a table row shows: a scan, and one of its readings unless it has none.
    struct Row {
        std::size_t scan;
        std::optional<std::size_t> reading;
    };
    std::vector<wxString> rowCells(const Row& row) const;
    const core::CtScan* scanAt(long row) const;
    /// Opens CTSS scoring on reading of scan; save writes it.
    void openScoring(const core::CtScan& scan, core::CtssReading reading,
                     const std::function<void(const core::CtssReading&)>& save);
    /// Runs a deletion; a refusal is shown (and the record read again when someone changed it).
    void runDeletion(const std::function<void()>& remove);

    storage::Database& m_db;
    std::function<void()> m_written;
    std::function<void()> m_reload;
    std::int64_t m_patientId = 0;
    std::int64_t m_loadedAt = 0;
    core::Patient m_patient;
    core::Settings m_settings;
    std::vector<core::CtScan> m_scans;  ///< in date order
    std::vector<Row> m_rows;            ///< as the table shows them
    wxListCtrl* m_table;
};

}  // namespace ankylos::ui
