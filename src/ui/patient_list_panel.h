#pragma once
/// The patient list: a search box (any part of the clinic ID or name, results while typing) over a virtual
/// list that reads only the rows on screen, one page at a time, so 20,000 patients stay instant.

#include <wx/imaglist.h>
#include <wx/listctrl.h>
#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/patient_list.h"

class wxTextCtrl;
class wxStaticText;

namespace ankylos::ui {

/// The virtual list control: rows come from storage::PatientList a page at a time.
class PatientListCtrl : public wxListCtrl {
public:
    PatientListCtrl(wxWindow* parent, storage::Database& db);

    /// Shows the patients matching what was typed (blank: everyone), keeping the sort order.
    void setSearch(const std::string& typed);
    /// Sorts by that column (clicking a column header again reverses the order).
    void sortBy(storage::PatientSort sort, bool descending);
    /// Reads everything again (after a write): the first match selected, at the top.
    void reload();
    /// Reads everything again (after another workstation's change) keeping the selected patient and
    /// the scroll position: the line the user was about to open stays under the cursor.
    void refresh();

    int patientCount() const { return m_count; }
    /// How many pages of rows were read from the database since the list was made.
    int pageReads() const { return m_pageReads; }
    /// The patient shown on that line (reads its page when needed).
    const storage::PatientListRow& row(long item) const;

protected:
    wxString OnGetItemText(long item, long column) const override;
    int OnGetItemImage(long item) const override;
    int OnGetItemColumnImage(long item, long column) const override;

private:
    void onColumnClick(wxListEvent& event);
    /// Reads the count again and forgets the pages read.
    void readCount();
    /// Where the patient shown on line `near` before a refresh is now: that line, its neighbours (one
    /// patient added or removed before it) or the lines on screen; -1 when none of them.
    long findNear(std::int64_t patientId, long near) const;

    storage::PatientList m_list;
    std::string m_typed;
    storage::PatientSort m_sort = storage::PatientSort::ClinicId;
    bool m_descending = false;
    int m_count = 0;
    mutable int m_pageReads = 0;
    mutable std::map<int, std::vector<storage::PatientListRow>> m_pages;  ///< page number -> rows
    wxImageList m_stateSwatches;  ///< one swatch per ASDAS state, in core::AsdasState order
    core::Date m_today;
};

/// The search box with the list under it and a line saying how many patients match.
class PatientListPanel : public wxPanel {
public:
    /// open is called with the patient's id when a line is activated (Enter or double click).
    PatientListPanel(wxWindow* parent, storage::Database& db, std::function<void(std::int64_t)> open);

    wxTextCtrl* searchBox() const { return m_search; }
    PatientListCtrl* list() const { return m_list; }
    /// Runs the search for what the box holds now (the box's text event calls it).
    void search();
    void reload();
    /// As PatientListCtrl::refresh, with the count line.
    void refresh();

private:
    void updateCountLine();

    wxTextCtrl* m_search;
    PatientListCtrl* m_list;
    wxStaticText* m_countLine;
    std::function<void(std::int64_t)> m_open;
};

}  // namespace ankylos::ui
