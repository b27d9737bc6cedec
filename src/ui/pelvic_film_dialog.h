#pragma once
/// A pelvic film's sacroiliitis grades by one reader (docs/methods.md 7): the film date, the reader
/// (one of the registered readers) and the grade 0-4 of each side, typed digit by digit. Under the
/// fields, the modified New York radiological criterion as core assesses it, updated as grades are
/// typed; problems (core's validation, storage's refusals) name field, value and allowed range.

#include <wx/dialog.h>

#include <functional>
#include <string>
#include <vector>

#include "core/patient.h"
#include "core/patient_history.h"
#include "core/sacroiliitis.h"
#include "ui/editor_fields.h"
#include "ui/reader_choice.h"

class wxComboBox;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

/// Saves the grading; throws ankylos::Error to refuse (the dialog shows it and stays open).
using SavePelvicFilm = std::function<void(const core::PelvicFilmReading&)>;

/// What the dialog needs besides the grading: the patient (dates are checked against the birth) and
/// the registered readers (storage::ReaderRepository).
struct PelvicFilmContext {
    core::Patient patient;
    std::vector<std::string> readers;
    /// Registers a new reader ("Add reader..."); without it the dialog offers none.
    RegisterReader addReader;
};

/// Opens the dialog on grading (a new one: today's date, no reader, no grades). True when saved;
/// grading then holds what was saved.
bool editPelvicFilm(wxWindow* parent, const PelvicFilmContext& context, core::PelvicFilmReading& grading,
                    const SavePelvicFilm& save);

/// "one side ≥ 3", "both sides ≥ 2": core's words (core::toString) with the sign typeset.
wxString ruleText(core::NewYorkRule rule);
/// The criterion as the record shows it: "met (one side ≥ 3)", "not met", or core's reason it is not
/// evaluable ("not evaluable: sacroiliitis grade right not recorded"). Core's words, never a rule here.
wxString newYorkText(const core::NewYorkAssessment& assessment);

/// The dialog behind editPelvicFilm, public so tests can drive it without a modal loop.
class PelvicFilmDialog : public wxDialog {
public:
    PelvicFilmDialog(wxWindow* parent, const PelvicFilmContext& context, const SavePelvicFilm& save);

    void TransferTo(const core::PelvicFilmReading& grading);
    /// Reads the fields into grading; false (with the problems shown under the fields) when a field
    /// cannot be read or core::validatePelvicFilm finds a problem.
    bool TransferFrom(core::PelvicFilmReading& grading);
    /// Checks, calls the save function and closes with wxID_OK; on a problem shows it and stays open.
    bool trySave();
    /// Esc, Cancel or closing: asks before throwing changes away. True when the dialog closed.
    bool tryCancel();

    const core::PelvicFilmReading& saved() const { return m_saved; }
    wxTextCtrl* filmDate() const { return m_date; }
    wxComboBox* reader() const { return m_reader; }
    wxTextCtrl* left() const { return m_left; }
    wxTextCtrl* right() const { return m_right; }
    /// The criterion line under the fields, e.g. "Modified New York radiological criterion: not met".
    wxString classification() const;
    /// Every problem shown (under the fields and below them), one per line; empty when none.
    wxString problems() const;

private:
    /// A digit typed in a grade field replaces its grade; a grade 0-4 moves on to the next field.
    void onGradeKey(wxKeyEvent& event, wxTextCtrl* field, wxWindow* next);
    /// The grades as typed (nullopt when empty or unreadable) and the criterion they give.
    void updateClassification();
    /// Lays out again after messages appeared or went, growing the dialog to show them.
    void relayout();

    PelvicFilmContext m_context;
    SavePelvicFilm m_save;
    wxTextCtrl* m_date;
    wxComboBox* m_reader;
    wxTextCtrl* m_left;
    wxTextCtrl* m_right;
    wxStaticText* m_classification;
    wxStaticText* m_summary;
    ProblemMarker m_marker{360};
    core::PelvicFilmReading m_saved;
    bool m_modified = false;
};

}  // namespace ankylos::ui
