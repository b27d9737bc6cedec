#include "ui/record_table.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>

#include <algorithm>

#include "ui/permissions.h"

namespace ankylos::ui {

namespace {

/// The column's title text.
wxString columnTitle(wxListCtrl* table, int column) {
    wxListItem item;
    item.SetMask(wxLIST_MASK_TEXT);
    table->GetColumn(column, item);
    return item.GetText();
}

/// Width a cell needs to show text whole: the text and the list's cell padding on both sides.
int neededWidth(wxListCtrl* table, const wxString& text) {
    return table->GetTextExtent(text).x + table->FromDIP(16);
}

/// The row's tooltip follows the mouse: the cells cut off in the row under it, in full.
void showTruncatedCellsOnHover(wxListCtrl* table) {
    // wxGTK's list is wx's generic one: the rows are a child window (its header is another).
    for (wxWindow* rows : table->GetChildren())
        if (wxString(rows->GetClassInfo()->GetClassName()) == "wxListMainWindow")
            rows->Bind(wxEVT_MOTION, [table, rows](wxMouseEvent& event) {
                event.Skip();
                int flags = 0;
                const long row = table->HitTest(event.GetPosition(), flags);
                const wxString tip = row == wxNOT_FOUND ? wxString() : truncatedCellsText(table, row);
                if (tip != rows->GetToolTipText())
                    rows->SetToolTip(tip);  // empty removes it
            });
}

}  // namespace

wxListCtrl* makeRecordTable(wxWindow* parent, const std::vector<std::pair<wxString, int>>& columns) {
    auto* table = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                 wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
    for (const auto& [title, width] : columns)
        table->AppendColumn(title, wxLIST_FORMAT_LEFT, parent->FromDIP(width));
    showTruncatedCellsOnHover(table);
    return table;
}

void addRow(wxListCtrl* table, const std::vector<wxString>& cells) {
    const long row = table->InsertItem(table->GetItemCount(), cells.empty() ? wxString() : cells[0]);
    for (std::size_t c = 1; c < cells.size(); ++c)
        table->SetItem(row, static_cast<long>(c), cells[c]);
}

void fitColumns(wxListCtrl* table) {
    const int most = table->FromDIP(kMaxColumnWidth);
    for (int c = 0; c < table->GetColumnCount(); ++c) {
        int width = neededWidth(table, columnTitle(table, c));
        for (long row = 0; row < table->GetItemCount(); ++row)
            width = std::max(width, neededWidth(table, table->GetItemText(row, c)));
        table->SetColumnWidth(c, std::min(width, most));
    }
}

wxString truncatedCellsText(wxListCtrl* table, long row) {
    wxString text;
    for (int c = 0; c < table->GetColumnCount(); ++c) {
        const wxString cell = table->GetItemText(row, c);
        if (!cell.empty() && neededWidth(table, cell) > table->GetColumnWidth(c))
            text += (text.empty() ? "" : "\n") + columnTitle(table, c) + ": " + cell;
    }
    return text;
}

wxSizer* makeButtonRow(wxWindow* parent, const storage::Database& db,
                       const std::vector<ActionButton>& buttons) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    for (const auto& [label, action, allowed, tip] : buttons) {
        auto* button = new wxButton(parent, wxID_ANY, label);
        if (!tip.empty())
            button->SetToolTip(tip);
        button->Bind(wxEVT_BUTTON, [action = action](wxCommandEvent&) { action(); });
        offerAction(button, db, allowed);
        row->Add(button, 0, wxRIGHT, parent->FromDIP(6));
    }
    return row;
}

}  // namespace ankylos::ui
