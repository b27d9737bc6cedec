#pragma once
/// The patient editor: the per-patient data of docs/methods.md 7 (ID, name, sex, date of birth,
/// HLA-B27, symptom onset, diagnosis, smoking). Problems come from core::validatePatient and are
/// shown under the field; saving is refused while there is one.

#include <wx/dialog.h>

#include <functional>

#include "core/patient.h"
#include "ui/editor_fields.h"

class wxChoice;
class wxTextCtrl;

namespace ankylos::ui {

/// Called when the user saves; throws ankylos::Error to refuse (the dialog shows e.what() and stays open).
/// Saves the patient; confirmed: what the user confirmed when saving ("confirmed: diagnosis date
/// before symptom onset"), for the audit row's reason, or empty.
using SavePatient = std::function<void(const core::Patient&, const std::string& confirmed)>;

/// Opens the patient editor on `patient` (empty for a new one). True when saved; `patient` then holds what
/// was saved.
bool editPatient(wxWindow* parent, core::Patient& patient, const SavePatient& save);

/// The dialog behind editPatient, public so tests can drive it without a modal loop.
class PatientEditor : public wxDialog {
public:
    PatientEditor(wxWindow* parent, const SavePatient& save);

    void TransferTo(const core::Patient& patient);
    /// Reads the fields into patient; false (with the problems shown next to the fields) when a
    /// field cannot be read or core::validatePatient finds a problem.
    bool TransferFrom(core::Patient& patient);

    /// What the user saved (valid after a successful save).
    const core::Patient& saved() const { return m_saved; }
    /// Checks, calls the save function and closes with wxID_OK; on a problem shows it and stays open.
    bool trySave();
    /// Esc, Cancel or closing: asks before throwing changes away. True when the dialog closed.
    bool tryCancel();
    bool isModified() const { return m_modified; }

private:
    wxTextCtrl* m_clinicId;
    wxTextCtrl* m_name;
    wxChoice* m_sex;
    wxTextCtrl* m_birth;
    wxChoice* m_hlaB27;
    wxTextCtrl* m_symptomOnset;
    wxTextCtrl* m_diagnosis;
    wxChoice* m_smoking;
    wxTextCtrl* m_notes;
    wxStaticText* m_summary;
    ProblemMarker m_marker{360};
    SavePatient m_save;
    core::Patient m_loaded;  ///< what TransferTo was given
    core::Patient m_saved;
    bool m_modified = false;
};

}  // namespace ankylos::ui
