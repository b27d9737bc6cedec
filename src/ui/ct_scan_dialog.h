#pragma once
/// A low-dose CT scan's own fields (docs/methods.md 12): the date, the scanner and whether it covered
/// the whole spine. Its readings are scored in the CTSS scoring dialog (ctss_scoring.h).

#include <wx/dialog.h>

#include <functional>

#include "core/ctss.h"
#include "core/patient.h"

class wxCheckBox;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

/// Saves the scan; throws ankylos::Error to refuse (the dialog shows it and stays open).
using SaveCtScan = std::function<void(const core::CtScan&)>;

/// Opens the dialog on scan (a new one: today's date, whole spine). True when saved; scan then holds
/// what was saved (its readings untouched). title: "New CT scan", "Edit CT scan".
bool editCtScan(wxWindow* parent, const core::Patient& patient, core::CtScan& scan, const SaveCtScan& save,
                const wxString& title);

/// The dialog behind editCtScan, public so tests can drive it without a modal loop.
class CtScanDialog : public wxDialog {
public:
    CtScanDialog(wxWindow* parent, const core::Patient& patient, const SaveCtScan& save);

    void TransferTo(const core::CtScan& scan);
    /// Reads the fields into scan; false, with the problems shown, when core::validateCtScan refuses them.
    bool TransferFrom(core::CtScan& scan);
    bool trySave();
    bool tryCancel();

    const core::CtScan& saved() const { return m_saved; }
    wxTextCtrl* scanDate() const { return m_date; }
    wxTextCtrl* scanner() const { return m_scanner; }
    wxCheckBox* wholeSpine() const { return m_wholeSpine; }
    /// The problems shown, one per line; empty when none.
    wxString problems() const;

private:
    core::Patient m_patient;
    SaveCtScan m_save;
    core::CtScan m_saved;
    bool m_modified = false;
    wxTextCtrl* m_date;
    wxTextCtrl* m_scanner;
    wxCheckBox* m_wholeSpine;
    wxStaticText* m_message;
};

}  // namespace ankylos::ui
