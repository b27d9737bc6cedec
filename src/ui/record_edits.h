#pragma once
/// Changing saved records from the patient record's tabs: the reason asked before a change, the save
/// against the version the record was opened at, and a refusal shown.

#include <wx/string.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <string>

#include "storage/database.h"

class wxWindow;

namespace ankylos::ui {

/// Runs save(opened), a save against the version the record was opened at. When someone changed the
/// record since, the refusal goes to the editor, which stays open with the input, and opened moves
/// to the current version: saving again, after reading who changed it, overwrites deliberately.
void saveAgainst(storage::Database& db, std::int64_t& opened, const std::function<void(std::int64_t)>& save);

/// Asks the reason for a change of saved data (reason_dialog.h); throws ankylos::Error ("Not saved: a
/// change to saved data needs a reason.") when the user gives none, so the editor stays open. note:
/// what a change of a signed record means (signedChangeNote), or empty.
std::string requireReason(wxWindow* parent, const wxString& what, const wxString& note = wxString());

/// Shows e's message in an error box.
void showError(wxWindow* parent, const std::exception& e);

}  // namespace ankylos::ui
