#pragma once
/// Tools > Accounts...: an administrator's accounts of a server database (docs/roles.md). The list
/// shows each account with its roles and whether it may sign in; Add, Change roles, Disable / Enable
/// and Set password go through storage::AccountRepository, which audits each change (the reason is
/// asked for every change of an existing account). A refusal (a name not allowed, a short password,
/// the server saying no) is shown in the dialog, which stays open with what was typed.

#include <wx/dialog.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/accounts.h"
#include "ui/editor_fields.h"

class wxButton;
class wxCheckBox;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

/// Opens the Accounts dialog on db (a server database; the caller offers it to administrators only).
/// Shows a refusal (a file, an account that is not an administrator) in a message box instead.
void manageAccounts(wxWindow* parent, storage::Database& db);

/// The dialog behind manageAccounts, public so tests can drive it without a modal loop.
class AccountsDialog : public wxDialog {
public:
    AccountsDialog(wxWindow* parent, storage::Database& db);

    /// Reads the accounts again; the account named stays selected.
    void reload(const std::string& select = "");
    const std::vector<storage::Account>& accounts() const { return m_list; }
    /// Selects the account's line; false when it is not listed.
    bool select(const std::string& name);

    void addAccount();
    void changeRoles();
    /// Disables the selected account, or enables it again when it is disabled.
    void toggleEnabled();
    void setPassword();

    wxListCtrl* table() const { return m_table; }
    wxButton* enableButton() const { return m_enable; }
    wxStaticText* message() const { return m_message; }

private:
    /// The selected account, if any.
    const storage::Account* selected() const;
    void updateButtons();

    storage::AccountRepository m_accounts;
    std::vector<storage::Account> m_list;
    wxListCtrl* m_table;
    wxButton* m_roles;
    wxButton* m_enable;
    wxButton* m_password;
    wxStaticText* m_message;
};

/// What an AccountEditor changes.
enum class AccountChange {
    Add,       ///< a new account: name, roles, password twice
    Roles,     ///< an account's roles
    Password,  ///< an account's password, twice
};

/// One account's form in the Accounts dialog, public so tests can fill it.
class AccountEditor : public wxDialog {
public:
    AccountEditor(wxWindow* parent, storage::AccountRepository& accounts, AccountChange change,
                  const storage::Account& account);

    /// Checks the fields, asks the reason of a change to an existing account, saves through the
    /// repository and closes with wxID_OK; on a problem shows it and stays open with the input.
    bool trySave();

    wxTextCtrl* nameField() const { return m_name; }
    wxCheckBox* roleBox(storage::Role role) const;
    wxTextCtrl* passwordField() const { return m_password; }
    wxTextCtrl* againField() const { return m_again; }
    wxStaticText* message() const { return m_message; }
    /// The account's name as saved (valid after a successful save).
    const std::string& savedName() const { return m_savedName; }

private:
    void setLabels();
    std::vector<storage::Role> checkedRoles() const;
    /// The change itself, through the repository; false when the reason was not given.
    bool save(const std::string& name, const std::string& password, const std::vector<storage::Role>& roles);

    storage::AccountRepository& m_accounts;
    AccountChange m_change;
    wxTextCtrl* m_name;
    std::vector<wxCheckBox*> m_roleBoxes;  ///< in storage::allRoles() order
    wxTextCtrl* m_password;
    wxTextCtrl* m_again;
    wxStaticText* m_message;
    ProblemMarker m_marker{420};
    std::string m_savedName;
};

}  // namespace ankylos::ui
