// Tools > Accounts...: an administrator adds an account through the dialog (a refused name or
// password shown in the editor, which keeps the input), and the person can then sign in; roles are
// changed and the account disabled, each with a reason. On the test server (ctest's fixture postgres).
#include "ui/accounts_dialog.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "storage/clinic_accounts.h"
#include "ui/display.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

using storage::Role;
using storage::test::ClinicAccounts;
using storage::test::PostgresTestDatabase;

/// The dialog's line of an account: its roles and whether it signs in; empty when not listed.
std::pair<wxString, wxString> lineOf(AccountsDialog& dialog, const std::string& name) {
    for (long row = 0; row < dialog.table()->GetItemCount(); ++row)
        if (dialog.table()->GetItemText(row, 0) == fromUtf8(name))
            return {dialog.table()->GetItemText(row, 1), dialog.table()->GetItemText(row, 2)};
    return {};
}

/// The mnemonic letters (after "&") of every shown label, button and check box inside window.
void collectMnemonics(wxWindow* window, std::vector<wxString>& letters) {
    for (wxWindow* child : window->GetChildren()) {
        const wxString label = child->GetLabel();
        const int at = label.Find('&');
        if (child->IsShown() && at != wxNOT_FOUND && at + 1 < int(label.length()))
            letters.push_back(label.Mid(at + 1, 1).Lower());
        collectMnemonics(child, letters);
    }
}

/// Whether the letters hold one twice.
bool anyTwice(std::vector<wxString> letters) {
    std::sort(letters.begin(), letters.end());
    return std::adjacent_find(letters.begin(), letters.end()) != letters.end();
}

class AccountsDialogPostgresql : public ::testing::Test {
protected:
    void SetUp() override {
        if (!PostgresTestDatabase::serverUri())
            GTEST_SKIP() << PostgresTestDatabase::kHowToRun;
        m_clinic = std::make_unique<ClinicAccounts>();
    }
    void TearDown() override {
        if (!m_clinic || m_added.empty())
            return;
        storage::sql::PostgresConnection(m_clinic->ownerUri(), 5000)
            .exec("DROP ROLE IF EXISTS \"" + m_added + "\"");
    }
    std::unique_ptr<ClinicAccounts> m_clinic;
    std::string m_added;  ///< an account the test made, dropped at the end (accounts are the server's)
};

TEST_F(AccountsDialogPostgresql, AnAdministratorAddsAnAccountThatCanThenSignIn) {
    const auto admin = m_clinic->openAs(Role::Administrator);
    const std::string nurse = m_clinic->account(Role::Nurse);
    m_added = "li.na" + nurse.substr(std::string("nurse").size());
    const std::string password = "li.na's 1st password";
    AccountsDialog dialog(nullptr, *admin);
    dialog.Show();
    pumpWindowEvents(200);
    EXPECT_EQ(lineOf(dialog, nurse), std::make_pair(wxString("nurse"), wxString("yes")));

    std::vector<wxString> letters;
    collectMnemonics(&dialog, letters);
    EXPECT_EQ(letters.size(), 5u) << "Add, Change roles, Disable, Set password, Close";
    EXPECT_FALSE(anyTwice(letters));
    EXPECT_NE(dialog.FindWindow(wxID_CANCEL), nullptr) << "Escape closes the dialog";

    DialogResponder responder;
    wxString refusals;
    responder.then([&](wxDialog& shown) {
        auto& editor = dynamic_cast<AccountEditor&>(shown);
        std::vector<wxString> letters;
        collectMnemonics(&editor, letters);
        EXPECT_GE(letters.size(), 9u) << "name, five roles, two passwords, Add";
        EXPECT_FALSE(anyTwice(letters)) << "one mnemonic per field";
        EXPECT_EQ(editor.FindFocus(), editor.nameField());
        EXPECT_TRUE(editor.passwordField()->HasFlag(wxTE_PASSWORD)) << "the password is masked";
        EXPECT_TRUE(editor.againField()->HasFlag(wxTE_PASSWORD));
        editor.nameField()->SetValue(fromUtf8(m_added));
        editor.roleBox(Role::Nurse)->SetValue(true);
        editor.passwordField()->SetValue("short");
        editor.againField()->SetValue("shorts");
        EXPECT_FALSE(editor.trySave());
        refusals += editor.message()->GetLabel() + "\n";
        editor.againField()->SetValue("short");
        EXPECT_FALSE(editor.trySave());
        refusals += editor.message()->GetLabel() + "\n";
        EXPECT_EQ(editor.nameField()->GetValue(), fromUtf8(m_added)) << "the input stays";
        EXPECT_TRUE(editor.roleBox(Role::Nurse)->GetValue());
        editor.Show();
        saveScreenshot(&editor, "account_editor_refused");
        editor.passwordField()->SetValue(fromUtf8(password));
        editor.againField()->SetValue(fromUtf8(password));
        EXPECT_TRUE(editor.trySave()) << editor.message()->GetLabel();
        return editor.GetReturnCode();
    });
    dialog.addAccount();
    EXPECT_TRUE(refusals.Contains("the same")) << refusals;
    EXPECT_TRUE(refusals.Contains("at least 8")) << refusals;
    EXPECT_EQ(lineOf(dialog, m_added), std::make_pair(wxString("nurse"), wxString("yes")));
    {
        storage::Database signedIn(m_clinic->uriOf(m_added), "", storage::Open::ReadWrite, password);
        EXPECT_EQ(signedIn.user(), m_added);
        EXPECT_EQ(signedIn.roles(), std::vector<Role>{Role::Nurse});
    }

    // Change roles: a reader too, with the reason asked.
    ASSERT_TRUE(dialog.select(m_added));
    responder.then([](wxDialog& shown) {
        auto& editor = dynamic_cast<AccountEditor&>(shown);
        EXPECT_FALSE(editor.nameField()->IsEnabled()) << "an account is never renamed";
        EXPECT_FALSE(editor.passwordField()->IsShown());
        editor.roleBox(Role::Reader)->SetValue(true);
        editor.Show();
        saveScreenshot(&editor, "account_editor_roles");
        EXPECT_TRUE(editor.trySave()) << editor.message()->GetLabel();
        return editor.GetReturnCode();
    });
    responder.then(giveReason("reads films too"));
    dialog.changeRoles();
    EXPECT_EQ(lineOf(dialog, m_added).first, "nurse, reader");

    // Disable: the account stays, listed as disabled, and can no longer sign in.
    ASSERT_TRUE(dialog.select(m_added));
    EXPECT_EQ(dialog.enableButton()->GetLabel(), "&Disable...");
    responder.then(giveReason("left the clinic"));
    dialog.toggleEnabled();
    EXPECT_EQ(lineOf(dialog, m_added).second, "no (disabled)");
    EXPECT_EQ(dialog.enableButton()->GetLabel(), "&Enable...") << "still selected, now to enable";
    EXPECT_THROW(storage::Database(m_clinic->uriOf(m_added), "", storage::Open::ReadWrite, password), Error);
    EXPECT_EQ(responder.seen(), (std::vector<std::string>{"Add an account", "Change roles",
                                                          "Reason for the change", "Reason for the change"}));
    pumpWindowEvents(200);
    saveScreenshot(&dialog, "accounts_dialog");

    // Enable again with a new password: the old one no longer signs in, the new one does.
    const std::string newPassword = "a 2nd password";
    responder.then(giveReason("back from leave"));
    dialog.toggleEnabled();
    EXPECT_EQ(lineOf(dialog, m_added).second, "yes");
    responder.then([&](wxDialog& shown) {
        auto& editor = dynamic_cast<AccountEditor&>(shown);
        EXPECT_FALSE(editor.roleBox(Role::Nurse)->IsShown());
        editor.passwordField()->SetValue(fromUtf8(newPassword));
        editor.againField()->SetValue("a 2nd passwort");
        EXPECT_FALSE(editor.trySave()) << "typed differently: nothing is asked or changed";
        editor.Show();
        saveScreenshot(&editor, "account_editor_password");
        editor.againField()->SetValue(fromUtf8(newPassword));
        EXPECT_TRUE(editor.trySave()) << editor.message()->GetLabel();
        return editor.GetReturnCode();
    });
    responder.then(giveReason("forgot it"));
    dialog.setPassword();
    EXPECT_EQ(responder.pending(), 0u);
    EXPECT_THROW(storage::Database(m_clinic->uriOf(m_added), "", storage::Open::ReadWrite, password), Error);
    EXPECT_EQ(storage::Database(m_clinic->uriOf(m_added), "", storage::Open::ReadWrite, newPassword).user(),
              m_added);
}

TEST_F(AccountsDialogPostgresql, ANurseIsToldWhyAndNothingOpens) {
    const auto nurse = m_clinic->openAs(Role::Nurse);
    DialogResponder responder;
    responder.thenReturn(wxID_OK);
    manageAccounts(nullptr, *nurse);
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find("may not manage accounts"), std::string::npos) << responder.seen()[0];
}

}  // namespace
}  // namespace ankylos::ui::test
