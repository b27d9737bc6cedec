#include "ui/connect_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/xrc/xmlres.h>

#include <iterator>

#include "core/error.h"
#include "storage/database.h"
#include "ui/display.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

/// The SSL modes in the order of the choice.
constexpr const char* kSslModes[] = {storage::kSslPrefer, storage::kSslRequire, storage::kSslVerifyFull};

void setLabels(wxDialog& dialog) {
    dialog.SetTitle(_("Connect to a server"));
    auto* intro = XRCCTRL(dialog, "intro", wxStaticText);
    intro->SetLabel(
        _("A clinic's Ankylos database on a PostgreSQL server. The password is asked when the "
          "server wants one and is never stored."));
    wrapLabel(intro, dialog.FromDIP(460));
    XRCCTRL(dialog, "hostLabel", wxStaticText)->SetLabel(_("&Host:"));
    XRCCTRL(dialog, "portLabel", wxStaticText)->SetLabel(_("&Port:"));
    XRCCTRL(dialog, "databaseLabel", wxStaticText)->SetLabel(_("&Database:"));
    XRCCTRL(dialog, "userLabel", wxStaticText)->SetLabel(_("&User:"));
    XRCCTRL(dialog, "sslLabel", wxStaticText)->SetLabel(_("&Encryption:"));
    XRCCTRL(dialog, "sslHint", wxStaticText)
        ->SetLabel(_("verify-full needs the server's CA certificate in ~/.postgresql/root.crt."));
    XRCCTRL(dialog, "locationLabel", wxStaticText)->SetLabel(_("Location:"));
    wxDynamicCast(dialog.FindWindow(wxID_OK), wxButton)->SetLabel(_("&Connect"));
    wxChoice* ssl = XRCCTRL(dialog, "ssl", wxChoice);
    ssl->Append(_("prefer: encrypted when the server offers it"));
    ssl->Append(_("require: always encrypted"));
    ssl->Append(_("verify-full: encrypted, and the server's identity checked"));
}

storage::ServerLocation fieldsOf(const wxDialog& dialog) {
    storage::ServerLocation location;
    location.host = toUtf8(XRCCTRL(dialog, "host", wxTextCtrl)->GetValue().Strip(wxString::both));
    location.port = XRCCTRL(dialog, "port", wxSpinCtrl)->GetValue();
    location.database = toUtf8(XRCCTRL(dialog, "database", wxTextCtrl)->GetValue().Strip(wxString::both));
    location.user = toUtf8(XRCCTRL(dialog, "user", wxTextCtrl)->GetValue().Strip(wxString::both));
    const int ssl = XRCCTRL(dialog, "ssl", wxChoice)->GetSelection();
    location.sslMode = kSslModes[ssl == wxNOT_FOUND ? 0 : ssl];
    return location;
}

void showFields(wxDialog& dialog, const storage::ServerLocation& location) {
    XRCCTRL(dialog, "host", wxTextCtrl)->ChangeValue(fromUtf8(location.host));
    XRCCTRL(dialog, "port", wxSpinCtrl)->SetValue(location.port);
    XRCCTRL(dialog, "database", wxTextCtrl)->ChangeValue(fromUtf8(location.database));
    XRCCTRL(dialog, "user", wxTextCtrl)->ChangeValue(fromUtf8(location.user));
    int ssl = 0;
    for (int i = 0; i < int(std::size(kSslModes)); ++i)
        if (location.sslMode == kSslModes[i])
            ssl = i;
    XRCCTRL(dialog, "ssl", wxChoice)->SetSelection(ssl);
}

}  // namespace

storage::ServerLocation defaultServerLocation() {
    storage::ServerLocation location;
    location.user = storage::operatingSystemUser();
    return location;
}

std::optional<std::string> askServerLocation(wxWindow* parent, const storage::ServerLocation& initial) {
    wxDialog dialog;
    loadDialogLayout(&dialog, parent, "ConnectDialog");
    setLabels(dialog);
    showFields(dialog, initial);
    auto* location = XRCCTRL(dialog, "location", wxStaticText);
    auto* connect = dialog.FindWindow(wxID_OK);
    // The location follows every keystroke; Connect waits for a host and a database.
    const auto update = [&] {
        const storage::ServerLocation fields = fieldsOf(dialog);
        location->SetLabel(fromUtf8(storage::toUri(fields)));
        connect->Enable(!fields.host.empty() && !fields.database.empty());
    };
    update();
    dialog.Bind(wxEVT_TEXT, [&](wxCommandEvent&) { update(); });
    dialog.Bind(wxEVT_SPINCTRL, [&](wxSpinEvent&) { update(); });
    dialog.Bind(wxEVT_CHOICE, [&](wxCommandEvent&) { update(); });
    dialog.Fit();
    dialog.CentreOnParent();
    // The first field still to fill: usually the database, host and port having their defaults.
    (initial.host.empty() ? XRCCTRL(dialog, "host", wxTextCtrl) : XRCCTRL(dialog, "database", wxTextCtrl))
        ->SetFocus();
    if (dialog.ShowModal() != wxID_OK || !connect->IsEnabled())
        return std::nullopt;
    return storage::toUri(fieldsOf(dialog));
}

std::optional<std::string> askServerPassword(wxWindow* parent, const std::string& location,
                                             const wxString& problem) {
    const std::optional<storage::ServerLocation> server = storage::parseServerLocation(location);
    const std::string user = server && !server->user.empty() ? server->user : storage::operatingSystemUser();
    wxString message =
        wxString::Format(_("Password of %s for %s:"), fromUtf8(user), databaseDisplayName(location));
    if (!problem.empty())
        message = problem + "\n\n" + message;
    wxPasswordEntryDialog dialog(parent, message, _("Password"));
    if (dialog.ShowModal() != wxID_OK || dialog.GetValue().empty())
        return std::nullopt;
    return toUtf8(dialog.GetValue());
}

}  // namespace ankylos::ui
