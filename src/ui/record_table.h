#pragma once
/// The patient record's tables (Visits, Films, Pelvic films, Progression, Audit): report-style lists
/// whose columns fit their header and their values, with long text readable in full in a tooltip, and
/// the row of buttons above a table.

#include <wx/string.h>

#include <functional>
#include <utility>
#include <vector>

#include "storage/database.h"
#include "storage/role.h"

class wxListCtrl;
class wxSizer;
class wxWindow;

namespace ankylos::ui {

/// A report list with these columns (title, starting width in DIPs).
wxListCtrl* makeRecordTable(wxWindow* parent, const std::vector<std::pair<wxString, int>>& columns);

/// Appends a row; cells beyond the table's columns are ignored by wx.
void addRow(wxListCtrl* table, const std::vector<wxString>& cells);

/// The widest a column grows to fit its values (DIPs); longer text is read in the row's tooltip.
constexpr int kMaxColumnWidth = 420;

/// Sizes every column to the wider of its header and its values, at most kMaxColumnWidth.
void fitColumns(wxListCtrl* table);

/// A button over a table: its label, what it does, and the right it needs (greyed without it).
struct ActionButton {
    wxString label;
    std::function<void()> action;
    storage::Action allowed;
    wxString tip = wxString();  ///< the tooltip: the button's keyboard shortcuts
};

/// The buttons in a row, each offered as the signed-in account may (permissions.h offerAction).
wxSizer* makeButtonRow(wxWindow* parent, const storage::Database& db,
                       const std::vector<ActionButton>& buttons);

/// "Header: value" lines for the row's cells wider than their column, or empty when all fit.
wxString truncatedCellsText(wxListCtrl* table, long row);

}  // namespace ankylos::ui
