#pragma once
/// Signing a visit or a reading (storage/signatures.h, docs/roles.md): the dialog that shows what is
/// signed, its meaning and the signer, and on a server asks for the signer's password again; and the
/// sign-off state as the record's tables and the reason question show it.

#include <wx/dialog.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/patient_history.h"
#include "storage/database.h"

class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

/// What is to be signed: the record, its row, the database's version (storage/audit.h auditVersion)
/// when the user opened it (a record changed since is refused), and how the user knows it
/// ("visit 2024-03-01 of AS-0001").
struct SignRequest {
    core::SignOff::Record record = core::SignOff::Record::Visit;
    std::int64_t rowId = 0;
    std::int64_t openedAt = 0;
    wxString what;
};

/// Asks the signed-in user to sign request's record and signs it. True when signed.
bool signRecord(wxWindow* parent, storage::Database& db, const SignRequest& request);

/// The dialog behind signRecord, public so tests can drive it without a modal loop.
class SignDialog : public wxDialog {
public:
    SignDialog(wxWindow* parent, storage::Database& db, const SignRequest& request);

    /// Signs and closes with wxID_OK. A refusal is shown in the dialog, which stays open; after a
    /// wrong password the field is cleared for typing it again.
    bool trySign();
    /// The password field; null on a database file, which asks for none.
    wxTextCtrl* password() const { return m_password; }
    /// The refusal shown, empty when none.
    wxString message() const;

private:
    storage::Database& m_db;
    SignRequest m_request;
    wxTextCtrl* m_password = nullptr;
    wxStaticText* m_message;
};

/// The signature that covers the record as it is now, if any. reader names a reading's reader
/// (empty for a visit).
std::optional<core::SignOff> currentSignOff(const std::vector<core::SignOff>& signOffs,
                                            core::SignOff::Record record, core::Date date,
                                            const std::string& reader = "");

/// A record's sign-off state for a table: "signed by dr.wu 2026-12-02 14:03", "changed after
/// signing", or empty when it was never signed. Times are UTC.
wxString signOffText(const std::vector<core::SignOff>& signOffs, core::SignOff::Record record,
                     core::Date date, const std::string& reader = "");

/// For the reason question before a signed record is changed: "Signed by dr.wu at ... Saving a change
/// leaves that signature on the earlier version; the changed record needs a new signature." Empty
/// when no signature covers the record as it is.
wxString signedChangeNote(const std::vector<core::SignOff>& signOffs, core::SignOff::Record record,
                          core::Date date, const std::string& reader = "");

}  // namespace ankylos::ui
