#pragma once
/// What the signed-in account may do, as the windows offer it: who is signed in and as what, and
/// why an action is greyed. The rule itself is storage::allows (docs/roles.md); the server enforces
/// the same, so this only spares people buttons that would be refused. On a database file every
/// role is held and everything is offered.

#include <wx/string.h>

#include <vector>

#include "storage/database.h"
#include "storage/role.h"

class wxWindow;

namespace ankylos::ui {

/// "nurse", translated.
wxString roleText(storage::Role role);
/// "nurse, reader", or "no Ankylos role".
wxString rolesText(const std::vector<storage::Role>& roles);

/// On a server "Signed in as li.na (nurse)"; on a file, which has no accounts, "User: NAME".
wxString signedInText(const storage::Database& db);

/// Whether the signed-in account may do action (storage::allows with the database's roles).
bool mayDo(const storage::Database& db, storage::Action action);
/// Why it may not: "Your account (nurse) may not score films."; empty when it may.
wxString whyNot(const storage::Database& db, storage::Action action);

/// Enables control when the account may do action; otherwise greys it, with whyNot as its tooltip.
void offerAction(wxWindow* control, const storage::Database& db, storage::Action action);

}  // namespace ankylos::ui
