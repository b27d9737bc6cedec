#include "ui/permissions.h"

#include <wx/intl.h>
#include <wx/window.h>

#include "ui/display.h"

namespace ankylos::ui {

namespace {

/// What an account may not do, as the refusal names it: "may not %s".
wxString actionText(storage::Action action) {
    using storage::Action;
    switch (action) {
        case Action::EditPatients:
            return _("add or change patients");
        case Action::EditVisits:
            return _("add, change or delete visits");
        case Action::AddFilms:
            return _("add films");
        case Action::DeleteFilms:
            return _("delete films");
        case Action::ScoreFilms:
            return _("score films");
        case Action::RegisterReaders:
            return _("register readers");
        case Action::ManageAccounts:
            return _("manage accounts");
        case Action::SignVisits:
            return _("sign visits");
        case Action::SignReadings:
            return _("sign readings");
        case Action::ReadIdentities:
            return _("see names, clinic IDs or real dates");
        case Action::ChangeSettings:
            return _("change the clinic's settings");
        case Action::OrganiseReadingSessions:
            return _("organise reading sessions");
    }
    return wxString();
}

}  // namespace

wxString roleText(storage::Role role) {
    using storage::Role;
    switch (role) {
        case Role::Administrator:
            return _("administrator");
        case Role::Physician:
            return _("physician");
        case Role::Nurse:
            return _("nurse");
        case Role::Reader:
            return _("reader");
        case Role::Researcher:
            return _("researcher");
    }
    return wxString();
}

wxString rolesText(const std::vector<storage::Role>& roles) {
    if (roles.empty())
        return _("no Ankylos role");
    wxString text;
    for (storage::Role role : roles)
        text += (text.empty() ? "" : ", ") + roleText(role);
    return text;
}

wxString signedInText(const storage::Database& db) {
    if (!db.onServer())
        return wxString::Format(_("User: %s"), fromUtf8(db.user()));
    return wxString::Format(_("Signed in as %s (%s)"), fromUtf8(db.user()), rolesText(db.roles()));
}

bool mayDo(const storage::Database& db, storage::Action action) {
    return storage::allows(db.roles(), action);
}

wxString whyNot(const storage::Database& db, storage::Action action) {
    if (mayDo(db, action))
        return wxString();
    return wxString::Format(_("Your account (%s) may not %s."), rolesText(db.roles()), actionText(action));
}

void offerAction(wxWindow* control, const storage::Database& db, storage::Action action) {
    const wxString why = whyNot(db, action);
    control->Enable(why.empty());
    if (why.empty())
        control->UnsetToolTip();
    else
        control->SetToolTip(why);
}

}  // namespace ankylos::ui
