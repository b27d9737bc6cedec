#include "ui/accounts_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "core/validation.h"
#include "ui/display.h"
#include "ui/permissions.h"
#include "ui/reason_dialog.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

enum Column { kNameColumn, kRolesColumn, kSignInColumn };

/// "&Nurse": a mnemonic of each role's check box, distinct from the editor's other labels.
wxString roleBoxLabel(storage::Role role) {
    using storage::Role;
    switch (role) {
        case Role::Administrator:
            return _("Ad&ministrator");
        case Role::Physician:
            return _("P&hysician");
        case Role::Nurse:
            return _("N&urse");
        case Role::Reader:
            return _("R&eader");
        case Role::Researcher:
            return _("Resea&rcher");
    }
    return wxString();
}

}  // namespace

void manageAccounts(wxWindow* parent, storage::Database& db) {
    try {
        AccountsDialog dialog(parent, db);
        dialog.ShowModal();
    } catch (const Error& e) {
        wxMessageBox(fromUtf8(e.what()), _("Accounts"), wxOK | wxICON_ERROR, parent);
    }
}

AccountsDialog::AccountsDialog(wxWindow* parent, storage::Database& db) : m_accounts(db) {
    loadDialogLayout(this, parent, "AccountsDialog");
    SetTitle(wxString::Format(_("Accounts of %s"), databaseDisplayName(db.file())));
    auto* intro = XRCCTRL(*this, "intro", wxStaticText);
    intro->SetLabel(
        _("The accounts people sign in to this database with. Their roles decide what they "
          "may do, and the server enforces them. A disabled account keeps its history but "
          "can no longer sign in. Every change is recorded in the audit trail."));
    wrapLabel(intro, FromDIP(620));
    m_table = XRCCTRL(*this, "accounts", wxListCtrl);
    m_table->AppendColumn(_("Account"), wxLIST_FORMAT_LEFT, FromDIP(200));
    m_table->AppendColumn(_("Roles"), wxLIST_FORMAT_LEFT, FromDIP(210));
    m_table->AppendColumn(_("Signs in"), wxLIST_FORMAT_LEFT, FromDIP(100));
    auto* add = XRCCTRL(*this, "add", wxButton);
    m_roles = XRCCTRL(*this, "roles", wxButton);
    m_enable = XRCCTRL(*this, "enable", wxButton);
    m_password = XRCCTRL(*this, "password", wxButton);
    m_message = XRCCTRL(*this, "message", wxStaticText);
    add->SetLabel(_("&Add account..."));
    m_roles->SetLabel(_("Change &roles..."));
    m_password->SetLabel(_("Set &password..."));
    wxDynamicCast(FindWindow(wxID_CANCEL), wxButton)->SetLabel(_("&Close"));
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { addAccount(); });
    m_roles->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { changeRoles(); });
    m_enable->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { toggleEnabled(); });
    m_password->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { setPassword(); });
    // Enter (or a double click) on an account changes its roles, the most common change.
    m_table->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { changeRoles(); });
    m_table->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    m_table->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    reload();
    Fit();
    CentreOnParent();
    m_table->SetFocus();
}

void AccountsDialog::reload(const std::string& name) {
    m_list = m_accounts.list();
    m_table->DeleteAllItems();
    for (const storage::Account& account : m_list) {
        const long row = m_table->InsertItem(m_table->GetItemCount(), fromUtf8(account.name));
        m_table->SetItem(row, kRolesColumn, rolesText(account.roles));
        m_table->SetItem(row, kSignInColumn, account.enabled ? _("yes") : _("no (disabled)"));
    }
    if ((name.empty() || !select(name)) && m_table->GetItemCount() > 0)
        m_table->SetItemState(0, wxLIST_STATE_FOCUSED, wxLIST_STATE_FOCUSED);
    updateButtons();
}

bool AccountsDialog::select(const std::string& name) {
    for (std::size_t i = 0; i < m_list.size(); ++i)
        if (m_list[i].name == name) {
            const long row = static_cast<long>(i);
            m_table->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                  wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_table->EnsureVisible(row);
            updateButtons();
            return true;
        }
    return false;
}

const storage::Account* AccountsDialog::selected() const {
    const long row = m_table->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || row >= static_cast<long>(m_list.size()))
        return nullptr;
    return &m_list[static_cast<std::size_t>(row)];
}

void AccountsDialog::updateButtons() {
    const storage::Account* account = selected();
    for (wxButton* button : {m_roles, m_enable, m_password})
        button->Enable(account != nullptr);
    m_enable->SetLabel(account && !account->enabled ? _("&Enable...") : _("&Disable..."));
    Layout();
}

void AccountsDialog::addAccount() {
    AccountEditor editor(this, m_accounts, AccountChange::Add, storage::Account{});
    if (editor.ShowModal() == wxID_OK)
        reload(editor.savedName());
}

void AccountsDialog::changeRoles() {
    if (const storage::Account* account = selected()) {
        AccountEditor editor(this, m_accounts, AccountChange::Roles, *account);
        if (editor.ShowModal() == wxID_OK)
            reload(editor.savedName());
    }
}

void AccountsDialog::setPassword() {
    if (const storage::Account* account = selected()) {
        AccountEditor editor(this, m_accounts, AccountChange::Password, *account);
        if (editor.ShowModal() == wxID_OK)
            reload(editor.savedName());
    }
}

void AccountsDialog::toggleEnabled() {
    const storage::Account* account = selected();
    if (!account)
        return;
    const std::string name = account->name;
    const bool enable = !account->enabled;
    const auto reason = askReason(this, wxString::Format(enable ? _("Let %s sign in again")
                                                                : _("Disable %s: the account and its history "
                                                                    "stay, but it can no longer sign in"),
                                                         fromUtf8(name)));
    if (!reason)
        return;
    setMessageLine(m_message, wxString(), 0);
    try {
        m_accounts.setEnabled(name, enable, *reason);
    } catch (const Error& e) {
        setMessageLine(m_message, fromUtf8(e.what()), FromDIP(620));
    }
    reload(name);
}

AccountEditor::AccountEditor(wxWindow* parent, storage::AccountRepository& accounts, AccountChange change,
                             const storage::Account& account)
    : m_accounts(accounts), m_change(change) {
    loadDialogLayout(this, parent, "AccountEditor");
    m_name = XRCCTRL(*this, "name", wxTextCtrl);
    for (storage::Role role : storage::allRoles())
        m_roleBoxes.push_back(XRCCTRL(*this, storage::toString(role).c_str(), wxCheckBox));
    m_password = XRCCTRL(*this, "password", wxTextCtrl);
    m_again = XRCCTRL(*this, "again", wxTextCtrl);
    m_message = XRCCTRL(*this, "message", wxStaticText);
    setLabels();
    // Field names as storage's ValidationError names them, so each problem marks its field.
    m_marker.add(m_name, "account", m_message);
    m_marker.add(m_password, "password", m_message);
    m_marker.add(m_roleBoxes.front(), "role", m_message);

    m_name->ChangeValue(fromUtf8(account.name));
    for (std::size_t i = 0; i < m_roleBoxes.size(); ++i)
        m_roleBoxes[i]->SetValue(std::find(account.roles.begin(), account.roles.end(),
                                           storage::allRoles()[i]) != account.roles.end());
    const bool adding = change == AccountChange::Add;
    m_name->Enable(adding);  // an account is never renamed: its history names it
    for (wxCheckBox* box : m_roleBoxes)
        box->Show(change != AccountChange::Password);
    XRCCTRL(*this, "rolesLabel", wxStaticText)->Show(change != AccountChange::Password);
    for (const char* name : {"passwordLabel", "password", "againLabel", "again"})
        FindWindow(name)->Show(change != AccountChange::Roles);
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { trySave(); }, wxID_OK);
    Fit();
    CentreOnParent();
    if (adding)
        m_name->SetFocus();
    else if (change == AccountChange::Roles)
        m_roleBoxes.front()->SetFocus();
    else
        m_password->SetFocus();
}

void AccountEditor::setLabels() {
    XRCCTRL(*this, "nameLabel", wxStaticText)->SetLabel(_("Account &name:"));
    XRCCTRL(*this, "rolesLabel", wxStaticText)->SetLabel(_("Roles:"));
    XRCCTRL(*this, "passwordLabel", wxStaticText)->SetLabel(_("&Password:"));
    XRCCTRL(*this, "againLabel", wxStaticText)->SetLabel(_("Password &again:"));
    for (std::size_t i = 0; i < m_roleBoxes.size(); ++i)
        m_roleBoxes[i]->SetLabel(roleBoxLabel(storage::allRoles()[i]));
    auto* ok = wxDynamicCast(FindWindow(wxID_OK), wxButton);
    auto* intro = XRCCTRL(*this, "intro", wxStaticText);
    switch (m_change) {
        case AccountChange::Add:
            SetTitle(_("Add an account"));
            intro->SetLabel(wxString::Format(
                _("A person's own account on the server: a lower-case name (letters, digits, \"_\", \".\" "
                  "or \"-\"), at least one role, and a password of at least %zu characters, typed twice."),
                storage::AccountRepository::kMinPasswordLength));
            ok->SetLabel(_("A&dd"));
            break;
        case AccountChange::Roles:
            SetTitle(_("Change roles"));
            intro->SetLabel(_("What the account may do. To take every right away, disable the account."));
            ok->SetLabel(_("&Change"));
            break;
        case AccountChange::Password:
            SetTitle(_("Set password"));
            intro->SetLabel(wxString::Format(_("A new password of at least %zu characters, typed twice. "
                                               "Tell it to the person; it is never shown again."),
                                             storage::AccountRepository::kMinPasswordLength));
            ok->SetLabel(_("&Set password"));
            break;
    }
    wrapLabel(intro, FromDIP(400));
}

wxCheckBox* AccountEditor::roleBox(storage::Role role) const {
    return m_roleBoxes[static_cast<std::size_t>(role)];
}

std::vector<storage::Role> AccountEditor::checkedRoles() const {
    std::vector<storage::Role> roles;
    for (std::size_t i = 0; i < m_roleBoxes.size(); ++i)
        if (m_roleBoxes[i]->GetValue())
            roles.push_back(storage::allRoles()[i]);
    return roles;
}

bool AccountEditor::trySave() {
    const std::string name = toUtf8(m_name->GetValue().Strip(wxString::both));
    const std::string password = toUtf8(m_password->GetValue());
    m_marker.show({}, m_message);
    if (m_change != AccountChange::Roles && password != toUtf8(m_again->GetValue())) {
        core::Validation problems;
        problems.addError("password", "(the two differ)", "the same password typed twice");
        m_marker.show(problems.problems(), m_message);
        m_again->SetFocus();
        Layout();
        Fit();
        return false;
    }
    bool saved = false;
    try {
        saved = save(name, password, checkedRoles());
    } catch (const core::ValidationError& error) {
        if (wxWindow* first = m_marker.show(error.problems(), m_message))
            first->SetFocus();
    } catch (const Error& error) {
        setMessageLine(m_message, fromUtf8(error.what()), FromDIP(420));
    }
    Layout();
    Fit();
    if (!saved)
        return false;
    m_savedName = name;
    endDialog(this, wxID_OK);
    return true;
}

bool AccountEditor::save(const std::string& name, const std::string& password,
                         const std::vector<storage::Role>& roles) {
    if (m_change == AccountChange::Add) {
        m_accounts.add(name, password, roles);
        return true;
    }
    const auto reason =
        askReason(this, m_change == AccountChange::Roles
                            ? wxString::Format(_("Change the roles of %s"), fromUtf8(name))
                            : wxString::Format(_("Set a new password for %s"), fromUtf8(name)));
    if (!reason)
        return false;
    if (m_change == AccountChange::Roles)
        m_accounts.setRoles(name, roles, *reason);
    else
        m_accounts.setPassword(name, password, *reason);
    return true;
}

}  // namespace ankylos::ui
