#pragma once
/// The "reason for the change" question asked before saved clinical data is edited or deleted; the
/// answer goes into the audit trail with the change.

#include <wx/string.h>

#include <optional>
#include <string>

class wxWindow;

namespace ankylos::ui {

/// Asks why `what` (e.g. "Edit visit of 2021-03-04") is being changed. The reason cannot be empty.
/// note, when not empty, is shown under it (what a signed record's change means: sign_dialog.h).
/// Returns the reason (trimmed, UTF-8), or nothing when the user cancels.
std::optional<std::string> askReason(wxWindow* parent, const wxString& what,
                                     const wxString& note = wxString());

}  // namespace ankylos::ui
