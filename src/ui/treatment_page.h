#pragma once
/// The record's "Treatment" tab: the patient's treatment course (docs/methods.md 10), one row per
/// episode in start order, a line above saying what the patient takes today, and buttons to start,
/// stop, switch, correct and delete episodes; a correction or deletion of saved data asks a reason.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "core/patient_history.h"
#include "storage/database.h"
#include "storage/treatment_repository.h"

class wxListCtrl;
class wxStaticText;

namespace ankylos::ui {

/// "Secukinumab since 2022-09-01; Celecoxib since 2015-06-01", "none ongoing (last: ... stopped
/// 2023-01-31)", or "no treatment recorded": what the header and the tab say the patient takes.
wxString currentTreatmentText(const std::vector<core::TreatmentEpisode>& course, core::Date today);

class TreatmentPage : public wxPanel {
public:
    /// written: called after every write; reload: called when a change was refused because someone
    /// changed the episode since the record was read.
    TreatmentPage(wxWindow* parent, storage::Database& db, std::function<void()> written,
                  std::function<void()> reload);

    /// Shows the patient's course, read again with its row ids. loadedAt as for the other tabs.
    void fill(std::int64_t patientId, const core::PatientHistory& history, std::int64_t loadedAt);

    void newTreatment();
    void stopAt(long row);
    void switchAt(long row);
    void editAt(long row);
    void deleteAt(long row);
    long selectedRow() const;

    wxListCtrl* table() const { return m_table; }
    wxString current() const;

private:
    /// The episode of row, or nullptr.
    const storage::StoredEpisode* episodeAt(long row) const;
    /// Runs write; shows a refusal; after a change made by someone else, reads the record again.
    void writeAndRefresh(const std::function<void()>& write);

    storage::Database& m_db;
    std::function<void()> m_written;
    std::function<void()> m_reload;
    std::int64_t m_patientId = 0;
    std::int64_t m_loadedAt = 0;
    core::Patient m_patient;
    std::vector<storage::StoredEpisode> m_episodes;  ///< as the table shows them
    wxStaticText* m_current;
    wxListCtrl* m_table;
};

}  // namespace ankylos::ui
