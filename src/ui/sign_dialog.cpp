#include "ui/sign_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "storage/errors.h"
#include "storage/signatures.h"
#include "ui/display.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

constexpr int kWrapWidth = 420;

/// "2026-12-02 14:03" from the stored "2026-12-02T14:03:05Z".
wxString minuteText(const std::string& at) {
    wxString text = fromUtf8(at.substr(0, 16));
    text.Replace("T", " ");
    return text;
}

bool covers(const core::SignOff& signOff, core::SignOff::Record record, core::Date date,
            const std::string& reader) {
    return signOff.record == record && signOff.date == date && signOff.reader == reader;
}

/// The newest signature of the record, if any (signOffs are in the order they were made).
const core::SignOff* newestSignOff(const std::vector<core::SignOff>& signOffs, core::SignOff::Record record,
                                   core::Date date, const std::string& reader) {
    const auto found = std::find_if(signOffs.rbegin(), signOffs.rend(),
                                    [&](const core::SignOff& s) { return covers(s, record, date, reader); });
    return found == signOffs.rend() ? nullptr : &*found;
}

}  // namespace

SignDialog::SignDialog(wxWindow* parent, storage::Database& db, const SignRequest& request)
    : m_db(db), m_request(request) {
    loadDialogLayout(this, parent, "SignDialog");
    SetTitle(request.record == core::SignOff::Record::Visit ? _("Sign visit") : _("Sign reading"));
    XRCCTRL(*this, "recordLabel", wxStaticText)->SetLabel(_("Record:"));
    XRCCTRL(*this, "record", wxStaticText)->SetLabel(request.what);
    XRCCTRL(*this, "meaningLabel", wxStaticText)->SetLabel(_("Meaning:"));
    XRCCTRL(*this, "meaning", wxStaticText)->SetLabel(_("reviewed and approved"));
    XRCCTRL(*this, "signerLabel", wxStaticText)->SetLabel(_("Signer:"));
    XRCCTRL(*this, "signer", wxStaticText)->SetLabel(fromUtf8(db.user()));
    auto* note = XRCCTRL(*this, "note", wxStaticText);
    m_message = XRCCTRL(*this, "message", wxStaticText);
    auto* sign = wxDynamicCast(FindWindow(wxID_OK), wxButton);
    sign->SetLabel(_("&Sign"));
    m_password = XRCCTRL(*this, "password", wxTextCtrl);
    if (db.onServer()) {
        XRCCTRL(*this, "passwordLabel", wxStaticText)->SetLabel(_("&Password:"));
        note->SetLabel(
            _("Type your password again: the server checks it and records the signature "
              "with your account."));
        // A signature without the password is refused by the server: the button waits for one.
        sign->Disable();
        // Typing again puts the refusal of the last try away.
        m_password->Bind(wxEVT_TEXT, [this, sign](wxCommandEvent&) {
            sign->Enable(!m_password->IsEmpty());
            if (m_message->IsShown()) {
                setMessageLine(m_message, wxString(), 0);
                GetSizer()->SetSizeHints(this);  // smaller again: Fit keeps the grown minimum
            }
        });
    } else {
        XRCCTRL(*this, "passwordLabel", wxStaticText)->Hide();
        m_password->Hide();
        m_password = nullptr;
        note->SetLabel(_("A database file has no passwords: the signature records your name only."));
    }
    wrapLabel(note, FromDIP(kWrapWidth));
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { trySign(); }, wxID_OK);
    Fit();
    CentreOnParent();
    if (m_password)
        m_password->SetFocus();
    else
        sign->SetFocus();
}

bool SignDialog::trySign() {
    const std::string typed = m_password ? toUtf8(m_password->GetValue()) : std::string();
    bool wrongPassword = false;
    const bool signedIt = saveOrShowRefusal(this, m_message, FromDIP(kWrapWidth), [&] {
        try {
            storage::SignatureRepository(m_db).sign(m_request.record, m_request.rowId, m_request.openedAt,
                                                    typed);
        } catch (const storage::WrongPassword&) {
            wrongPassword = true;
            throw;
        }
    });
    if (!signedIt) {
        if (wrongPassword && m_password) {
            m_password->ChangeValue(wxString());  // no text event: the refusal stays shown
            FindWindow(wxID_OK)->Disable();
            m_password->SetFocus();
        }
        GetSizer()->SetSizeHints(this);
        return false;
    }
    endDialog(this, wxID_OK);
    return true;
}

wxString SignDialog::message() const {
    return m_message->IsShown() ? m_message->GetLabel() : wxString();
}

bool signRecord(wxWindow* parent, storage::Database& db, const SignRequest& request) {
    SignDialog dialog(parent, db, request);
    return dialog.ShowModal() == wxID_OK;
}

std::optional<core::SignOff> currentSignOff(const std::vector<core::SignOff>& signOffs,
                                            core::SignOff::Record record, core::Date date,
                                            const std::string& reader) {
    const core::SignOff* newest = newestSignOff(signOffs, record, date, reader);
    if (!newest || !newest->current)
        return std::nullopt;
    return *newest;
}

wxString signOffText(const std::vector<core::SignOff>& signOffs, core::SignOff::Record record,
                     core::Date date, const std::string& reader) {
    const core::SignOff* newest = newestSignOff(signOffs, record, date, reader);
    if (!newest)
        return wxString();
    if (!newest->current)
        return _("changed after signing");
    return wxString::Format(_("signed by %s %s"), fromUtf8(newest->signer), minuteText(newest->signedAt));
}

wxString signedChangeNote(const std::vector<core::SignOff>& signOffs, core::SignOff::Record record,
                          core::Date date, const std::string& reader) {
    const auto signOff = currentSignOff(signOffs, record, date, reader);
    if (!signOff)
        return wxString();
    return wxString::Format(_("Signed by %s at %s UTC (reviewed and approved). Saving a change leaves that "
                              "signature on the earlier version; the changed record needs a new signature."),
                            fromUtf8(signOff->signer), minuteText(signOff->signedAt));
}

}  // namespace ankylos::ui
