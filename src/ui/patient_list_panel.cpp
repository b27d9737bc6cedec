#include "ui/patient_list_panel.h"

#include <wx/dcmemory.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cstdlib>

#include "core/format.h"
#include "core/msasss.h"
#include "report/palette.h"
#include "ui/display.h"
#include "ui/permissions.h"

namespace ankylos::ui {

namespace {

constexpr int kPageSize = 100;
/// Pages kept in memory: a screen shows about 30 lines; scrolling back and forth stays cached.
constexpr std::size_t kCachedPages = 20;

enum Column {
    kId,
    kName,
    kSex,
    kBirth,
    kAge,
    kDuration,
    kLastVisit,
    kMsasss,
    kAsdas,
    kProgressor,
    kColumnCount
};

constexpr storage::PatientSort kColumnSort[kColumnCount] = {
    storage::PatientSort::ClinicId,    storage::PatientSort::Name,
    storage::PatientSort::Sex,         storage::PatientSort::Birth,
    storage::PatientSort::Age,         storage::PatientSort::DiseaseDuration,
    storage::PatientSort::LastVisit,   storage::PatientSort::LatestMsasss,
    storage::PatientSort::LatestAsdas, storage::PatientSort::Progressor,
};

}  // namespace

PatientListCtrl::PatientListCtrl(wxWindow* parent, storage::Database& db)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES),
      m_list(db),
      m_today(today()) {
    // The ASDAS state's colour from the report palette beside the value, as on paper (a generic
    // list control colours whole lines only, so the colour is a swatch).
    const wxSize swatch = FromDIP(wxSize(14, 14));
    m_stateSwatches.Create(swatch.x, swatch.y, false);
    for (core::AsdasState state : {core::AsdasState::Inactive, core::AsdasState::Low, core::AsdasState::High,
                                   core::AsdasState::VeryHigh}) {
        wxBitmap bitmap(swatch.x, swatch.y);
        {
            wxMemoryDC dc(bitmap);
            dc.SetBrush(wxBrush(screenColour(report::asdasStateColour(state))));
            dc.SetPen(wxPen(screenColour(report::kMutedInk)));
            dc.DrawRectangle(0, 0, swatch.x, swatch.y);
        }
        m_stateSwatches.Add(bitmap);
    }
    SetImageList(&m_stateSwatches, wxIMAGE_LIST_SMALL);
    // A researcher reads study IDs (S- and 12 hexadecimal digits) in place of clinic IDs and names.
    const bool identities = mayDo(db, storage::Action::ReadIdentities);
    const struct {
        wxString title;
        int width;
        wxListColumnFormat format;
    } columns[kColumnCount] = {
        {identities ? _("ID") : _("Study ID"), identities ? 100 : 140, wxLIST_FORMAT_LEFT},
        {_("Name"), 230, wxLIST_FORMAT_LEFT},
        {_("Sex"), 45, wxLIST_FORMAT_LEFT},
        {_("Date of birth"), 105, wxLIST_FORMAT_LEFT},  // tells namesakes apart
        {_("Age"), 50, wxLIST_FORMAT_RIGHT},
        {_("Disease duration"), 125, wxLIST_FORMAT_RIGHT},
        {_("Last visit"), 105, wxLIST_FORMAT_LEFT},
        {_("mSASSS"), 75, wxLIST_FORMAT_RIGHT},
        {_("ASDAS"), 260, wxLIST_FORMAT_LEFT},
        {_("Progressor"), 100, wxLIST_FORMAT_LEFT},
    };
    for (int c = 0; c < kColumnCount; ++c)
        AppendColumn(columns[c].title, columns[c].format, FromDIP(columns[c].width));
    Bind(wxEVT_LIST_COL_CLICK, &PatientListCtrl::onColumnClick, this);
    reload();
}

void PatientListCtrl::setSearch(const std::string& typed) {
    if (typed == m_typed)
        return;
    m_typed = typed;
    reload();
}

void PatientListCtrl::sortBy(storage::PatientSort sort, bool descending) {
    m_sort = sort;
    m_descending = descending;
    for (int c = 0; c < kColumnCount; ++c)
        if (kColumnSort[c] == sort)
            ShowSortIndicator(c, !descending);
    reload();
}

void PatientListCtrl::readCount() {
    const long selected = GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (selected >= 0)
        SetItemState(selected, 0, wxLIST_STATE_SELECTED);
    m_pages.clear();
    m_today = today();
    m_count = m_list.count(m_typed);
    SetItemCount(m_count);
}

void PatientListCtrl::reload() {
    readCount();
    if (m_count > 0) {
        // The first match is selected, so Enter in the search box opens it.
        SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                     wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        EnsureVisible(0);
    }
    Refresh();
}

void PatientListCtrl::refresh() {
    const long selected = GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    const std::int64_t selectedId = selected >= 0 ? row(selected).id : 0;
    const long top = GetTopItem();
    const long lines = std::max(1, GetCountPerPage());
    readCount();
    if (m_count > 0) {
        // The last line that was on screen, then the first: the view is where it was.
        EnsureVisible(std::min<long>(m_count - 1, top + lines - 1));
        EnsureVisible(std::min<long>(m_count - 1, top));
        const long found = selected >= 0 ? findNear(selectedId, selected) : -1;
        // Gone (deleted, or no longer matching): the line in its place, so Enter still opens one.
        const long select = found >= 0 ? found : std::min<long>(std::max(selected, 0L), m_count - 1);
        SetItemState(select, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                     wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    Refresh();
}

long PatientListCtrl::findNear(std::int64_t patientId, long near) const {
    const long top = GetTopItem();
    std::vector<long> candidates = {near, near - 1, near + 1};
    for (long item = top; item < top + GetCountPerPage(); ++item)
        candidates.push_back(item);
    for (const long item : candidates)
        if (item >= 0 && item < m_count && row(item).id == patientId)
            return item;
    return -1;
}

const storage::PatientListRow& PatientListCtrl::row(long item) const {
    const int page = static_cast<int>(item / kPageSize);
    auto found = m_pages.find(page);
    if (found == m_pages.end()) {
        ++m_pageReads;
        if (m_pages.size() >= kCachedPages) {
            // The page farthest from this one: the lines on screen may straddle two pages, and
            // dropping the lowest page while scrolling upwards would read the pair in turn forever.
            const auto farthest =
                std::max_element(m_pages.begin(), m_pages.end(), [page](const auto& a, const auto& b) {
                    return std::abs(a.first - page) < std::abs(b.first - page);
                });
            m_pages.erase(farthest);
        }
        found = m_pages
                    .emplace(page, const_cast<storage::PatientList&>(m_list).page(
                                       m_typed, m_sort, m_descending, kPageSize, page * kPageSize))
                    .first;
    }
    const auto index = static_cast<std::size_t>(item % kPageSize);
    if (index >= found->second.size()) {
        // The database changed under the list (another program wrote): read again on next paint.
        static const storage::PatientListRow kEmpty;
        return kEmpty;
    }
    return found->second[index];
}

wxString PatientListCtrl::OnGetItemText(long item, long column) const {
    const storage::PatientListRow& r = row(item);
    if (r.id == 0)
        return wxString();
    switch (column) {
        case kId:
            return fromUtf8(r.clinicId);
        case kName:
            return fromUtf8(r.name);
        case kSex:
            return sexText(r.sex);
        case kBirth:
            return dateText(r.birth);
        case kAge:
            return wxString::Format("%d", core::ageInYears(r.birth, m_today));
        case kDuration:
            if (!r.symptomOnset || *r.symptomOnset > m_today)
                return wxString();
            return wxString::Format(_("%d y"), core::ageInYears(*r.symptomOnset, m_today));
        case kLastVisit:
            return dateText(r.lastVisit);
        case kMsasss:
            return fixedText(r.latestMsasss, 1);
        case kAsdas:
            if (!r.latestAsdas || !r.latestAsdasState)
                return wxString();
            return fromUtf8(core::formatAsdas(*r.latestAsdas)) + "  " + asdasStateText(*r.latestAsdasState) +
                   (r.latestAsdasMarker == core::AsdasMarker::Esr ? _(" (ESR)") : wxString());
        case kProgressor:
            if (!r.progressor)
                return wxString::FromUTF8("\u2013");  // fewer than two films: not assessable
            return *r.progressor ? _("yes") : _("no");
        default:
            return wxString();
    }
}

int PatientListCtrl::OnGetItemImage(long) const {
    return -1;
}

int PatientListCtrl::OnGetItemColumnImage(long item, long column) const {
    if (column != kAsdas)
        return -1;
    const storage::PatientListRow& r = row(item);
    return r.latestAsdasState ? static_cast<int>(*r.latestAsdasState) : -1;
}

void PatientListCtrl::onColumnClick(wxListEvent& event) {
    const int column = event.GetColumn();
    if (column < 0 || column >= kColumnCount)
        return;
    const storage::PatientSort sort = kColumnSort[column];
    // Figures read best largest first; the same column again reverses the order.
    const bool figures = sort == storage::PatientSort::LatestMsasss ||
                         sort == storage::PatientSort::LatestAsdas ||
                         sort == storage::PatientSort::Progressor || sort == storage::PatientSort::LastVisit;
    sortBy(sort, sort == m_sort ? !m_descending : figures);
}

PatientListPanel::PatientListPanel(wxWindow* parent, storage::Database& db,
                                   std::function<void(std::int64_t)> open)
    : wxPanel(parent), m_open(std::move(open)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* searchRow = new wxBoxSizer(wxHORIZONTAL);
    searchRow->Add(new wxStaticText(this, wxID_ANY, _("&Find patient (any part of ID or name):")), 0,
                   wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    m_search = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(320), -1),
                              wxTE_PROCESS_ENTER);
    m_search->SetHint(_("e.g. 0012, Murphy or wang w"));
    searchRow->Add(m_search, 0, wxALIGN_CENTER_VERTICAL);
    m_countLine = new wxStaticText(this, wxID_ANY, wxString());
    searchRow->Add(m_countLine, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(16));
    sizer->Add(searchRow, 0, wxEXPAND | wxALL, FromDIP(8));
    m_list = new PatientListCtrl(this, db);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(sizer);

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { search(); });
    // Enter opens the first (selected) match; Down moves into the list.
    m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        const long selected = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (selected >= 0 && m_list->row(selected).id != 0)
            m_open(m_list->row(selected).id);
    });
    m_search->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& event) {
        if (event.GetKeyCode() == WXK_DOWN && m_list->GetItemCount() > 0) {
            m_list->SetFocus();
            return;
        }
        event.Skip();
    });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        const auto& row = m_list->row(event.GetIndex());
        if (row.id != 0)
            m_open(row.id);
    });
    updateCountLine();
}

void PatientListPanel::search() {
    m_list->setSearch(toUtf8(m_search->GetValue().Strip(wxString::both)));
    updateCountLine();
}

void PatientListPanel::reload() {
    m_list->reload();
    updateCountLine();
}

void PatientListPanel::refresh() {
    m_list->refresh();
    updateCountLine();
}

void PatientListPanel::updateCountLine() {
    const int count = m_list->patientCount();
    m_countLine->SetLabel(m_search->GetValue().Strip(wxString::both).empty()
                              ? wxString::Format(wxPLURAL("%d patient", "%d patients", count), count)
                              : wxString::Format(wxPLURAL("%d match", "%d matches", count), count));
}

}  // namespace ankylos::ui
