#pragma once
/// The record's "Pelvic films" tab: one row per pelvic film and reader (film date, reader, left and
/// right sacroiliitis grade, the modified New York radiological criterion as core assesses it,
/// docs/methods.md 7), a line above the table saying on which film, if any, the criterion is met,
/// and buttons to add, correct and delete gradings; a change of saved data asks a reason.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "core/patient_history.h"
#include "storage/database.h"

class wxListCtrl;
class wxStaticText;

namespace ankylos::ui {

class PelvicFilmsPage : public wxPanel {
public:
    /// written: called after every write (the record reads the patient again and tells the frame);
    /// reload: called when a change was refused because someone changed the grading since the
    /// record was read (the record reads it again, to show what changed).
    PelvicFilmsPage(wxWindow* parent, storage::Database& db, std::function<void()> written,
                    std::function<void()> reload);

    /// Shows the patient's gradings. loadedAt: the database's version read just before history
    /// (storage/audit.h): corrections and deletions are refused over a change made after it.
    void fill(std::int64_t patientId, const core::PatientHistory& history, std::int64_t loadedAt);

    void newPelvicFilm();
    void editPelvicFilmAt(long row);
    void deletePelvicFilmAt(long row);
    long selectedRow() const;

    wxListCtrl* table() const { return m_table; }
    /// The line above the table, e.g. "Modified New York radiological criterion: not met on any
    /// graded pelvic film".
    wxString classification() const;

private:
    /// "met on 2021-03-04 (reader Dr. Chen, both sides ≥ 2)", or that no grading meets it.
    wxString classificationText() const;

    storage::Database& m_db;
    std::function<void()> m_written;
    std::function<void()> m_reload;
    std::int64_t m_patientId = 0;
    std::int64_t m_loadedAt = 0;
    core::Patient m_patient;
    std::vector<core::PelvicFilmReading> m_gradings;  ///< in date order, as the table shows them
    wxStaticText* m_classification;
    wxListCtrl* m_table;
};

}  // namespace ankylos::ui
