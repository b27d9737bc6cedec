#pragma once
/// The Audit tab's text: what an audit row is about and what it changed, as "field: value" lines
/// (one place for the labels, so insert and change rows read alike).

#include <wx/string.h>

#include <string>
#include <vector>

namespace ankylos::storage {
struct AuditRow;
}

namespace ankylos::ui {

/// The label of a stored field, as the Audit tab shows it: "visit_date" is "visit date", "basdai_q2"
/// "BASDAI Q2 (spinal pain)", translated; a key without a label is shown as it is.
wxString auditFieldLabel(const std::string& key);
/// Whether key has a label of its own (the Audit tab's test: every stored key has one).
bool hasAuditFieldLabel(const std::string& key);

/// What an audit row is about, as a clinic names it: "visit 2021-03-04", "reading by Dr. Chen".
wxString auditSubject(const storage::AuditRow& row);

/// The row's action ("insert", "update", "delete", "import", "export", "baseline") in the interface's
/// language; an action this version does not know is shown as stored.
wxString auditActionText(const std::string& action);

/// What the row did, one line per field: for a change the fields that changed
/// ("BASDAI Q2 (spinal pain): 4 → 5"), for a new record the values entered ("visit date: 2021-03-04"; fields
/// left empty are not listed), for a deletion that the trail keeps the old values.
std::vector<wxString> auditChangeLines(const storage::AuditRow& row);

/// The lines joined for a table cell: "BASDAI Q2 (spinal pain): 4 → 5; notes: …".
wxString joinedLines(const std::vector<wxString>& lines);

}  // namespace ankylos::ui
