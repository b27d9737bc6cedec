#include "ui/reason_dialog.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/error.h"
#include "ui/editor_fields.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

std::optional<std::string> askReason(wxWindow* parent, const wxString& what, const wxString& note) {
    wxDialog dialog;
    loadDialogLayout(&dialog, parent, "ReasonDialog");
    dialog.SetTitle(_("Reason for the change"));
    XRCCTRL(dialog, "what", wxStaticText)->SetLabel(what);
    if (!note.empty()) {
        auto* noteText = XRCCTRL(dialog, "note", wxStaticText);
        noteText->SetLabel(note);
        wrapLabel(noteText, dialog.FromDIP(420));
        noteText->Show();
    }
    XRCCTRL(dialog, "prompt", wxStaticText)->SetLabel(_("Reason (recorded in the audit trail):"));
    auto* reason = XRCCTRL(dialog, "reason", wxTextCtrl);
    auto* ok = wxDynamicCast(dialog.FindWindow(wxID_OK), wxButton);
    ok->SetLabel(_("&Record"));
    // An audit row without a reason says nothing; the button waits for some text.
    ok->Disable();
    reason->Bind(wxEVT_TEXT,
                 [&](wxCommandEvent&) { ok->Enable(!reason->GetValue().Strip(wxString::both).empty()); });
    // Enter records, as in every other dialog; Shift+Enter or Ctrl+Enter starts a new line.
    reason->SetToolTip(_("Enter records the reason; Shift+Enter or Ctrl+Enter starts a new line."));
    dialog.Bind(wxEVT_CHAR_HOOK, [&](wxKeyEvent& event) {
        const int key = event.GetKeyCode();
        if (key != WXK_RETURN && key != WXK_NUMPAD_ENTER) {
            event.Skip();
            return;
        }
        if (event.ShiftDown() || event.ControlDown())
            reason->WriteText("\n");
        else if (ok->IsEnabled())
            endDialog(&dialog, wxID_OK);
    });
    dialog.Fit();
    dialog.CentreOnParent();
    reason->SetFocus();
    if (dialog.ShowModal() != wxID_OK)
        return std::nullopt;
    const wxString text = reason->GetValue().Strip(wxString::both);
    if (text.empty())
        return std::nullopt;
    return std::string(text.utf8_str());
}

}  // namespace ankylos::ui
