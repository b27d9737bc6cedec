#include "ui/film_site_views.h"

#include <wx/dcbuffer.h>
#include <wx/settings.h>

#include "ui/editor_fields.h"

namespace ankylos::ui {

namespace {

// Spine diagram geometry, in DIPs. Seven vertebrae per column: the cervical segment runs from
// the lower border of C2 to the upper border of T1, the lumbar from T12 to S1 (docs/methods.md 1.1).
constexpr int kColumnWidth = 320;
constexpr int kTitleHeight = 28;
constexpr int kRowHeight = 58;
constexpr int kBodyLeft = 20;
constexpr int kBodyWidth = 104;
constexpr int kBodyHeight = 48;
constexpr int kCellWidth = 36;
constexpr int kCellHeight = 22;
constexpr int kCellOverhang = 8;  // a corner cell sticks out of the body, where the corner is
constexpr int kLegendHeight = 44;
const char* const kVertebrae[2][7] = {{"C2", "C3", "C4", "C5", "C6", "C7", "T1"},
                                      {"T12", "L1", "L2", "L3", "L4", "L5", "S1"}};

// Compact grid geometry, in DIPs.
constexpr int kGridLabelWidth = 76;
constexpr int kGridColumnWidth = 54;
constexpr int kGridHeaderHeight = 20;
constexpr int kGridRowHeight = 60;

const wxColour kCursorColour(0x15, 0x65, 0xc0);
const wxColour kNewBridgingColour(0xc6, 0x28, 0x28);
const wxColour kNewSyndesmophyteColour(0x6a, 0x1b, 0x9a);
const wxColour kRegressionColour(0x02, 0x77, 0xbd);
const wxColour kBesideColour(0x61, 0x61, 0x61);

int gradeOf(const std::optional<core::SiteScore>& score) {
    if (!score)
        return -2;
    return score->assessable() ? score->grade() : -1;
}

wxFont smallFont(const wxWindow* window) {
    wxFont font = window->GetFont();
    font.SetPointSize(std::max(7, font.GetPointSize() - 2));
    return font;
}

/// The short event text and colour of a site, empty when nothing happened.
std::pair<wxString, wxColour> eventOf(const core::SiteEvent& event) {
    if (event.newBridging)
        return {_("new bridging"), kNewBridgingColour};
    if (event.newSyndesmophyte)
        return {_("new syndesm."), kNewSyndesmophyteColour};
    if (event.regression)
        return {_("regression"), kRegressionColour};
    return {wxString(), wxNullColour};
}

}  // namespace

wxString siteScoreText(const std::optional<core::SiteScore>& score) {
    if (!score)
        return wxString();
    return score->assessable() ? wxString::Format("%d", score->grade()) : wxString("N");
}

wxString reasonText(core::NotAssessableReason reason) {
    switch (reason) {
        case core::NotAssessableReason::NotVisible:
            return _("not visible");
        case core::NotAssessableReason::NotImaged:
            return _("not imaged");
        case core::NotAssessableReason::SurgeryHardware:
            return _("surgery / hardware");
        case core::NotAssessableReason::Other:
            return _("other");
    }
    return wxString();
}

SiteView::SiteView(wxWindow* parent, const FilmSiteState& state, KeyHandler onKey, ClickHandler onClick)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxFULL_REPAINT_ON_RESIZE),
      m_state(state),
      m_onKey(std::move(onKey)),
      m_onClick(std::move(onClick)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
    Bind(wxEVT_PAINT, &SiteView::onPaint, this);
    Bind(wxEVT_CHAR, [this](wxKeyEvent& event) { m_onKey(event); });
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& event) {
        Refresh();
        event.Skip();
    });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
        Refresh();
        event.Skip();
    });
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& event) {
        SetFocus();
        for (int site = 0; site < core::kSiteCount; ++site)
            if (cellRect(site).Contains(event.GetPosition()))
                m_onClick(site);
    });
}

void SiteView::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    dc.SetFont(GetFont());
    drawBackground(dc);
    for (int site = 0; site < core::kSiteCount; ++site) {
        const wxRect cell = cellRect(site);
        drawCell(dc, site, cell);
        drawBeside(dc, site, cell);
    }
}

void SiteView::drawCell(wxDC& dc, int site, const wxRect& cell) {
    const std::optional<core::SiteScore>& score = m_state.reading.sites[site];
    const int grade = gradeOf(score);
    dc.SetBrush(wxBrush(gradeColour(grade)));
    dc.SetPen(wxPen(grade == -2 ? wxColour(0x9e, 0x9e, 0x9e) : wxColour(0x42, 0x42, 0x42), 1,
                    grade == -2 ? wxPENSTYLE_SHORT_DASH : wxPENSTYLE_SOLID));
    dc.DrawRectangle(cell);
    dc.SetTextForeground(gradeTextColour(grade));
    wxFont bold = GetFont().Bold();
    dc.SetFont(bold);
    dc.DrawLabel(siteScoreText(score), cell, wxALIGN_CENTER);
    dc.SetFont(GetFont());

    // Events against the previous film and the bridging check outline the cell.
    const auto [eventText, eventColour] = eventOf(m_state.events[site]);
    if (eventColour.IsOk()) {
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.SetPen(wxPen(eventColour, FromDIP(3),
                        m_state.events[site].regression && !m_state.events[site].newBridging &&
                                !m_state.events[site].newSyndesmophyte
                            ? wxPENSTYLE_SHORT_DASH
                            : wxPENSTYLE_SOLID));
        dc.DrawRectangle(wxRect(cell).Inflate(FromDIP(2)));
    }
    if (m_state.bridgingFlag[site]) {
        dc.SetTextForeground(kNewBridgingColour);
        dc.SetFont(bold);
        dc.DrawText("!", cell.GetLeft() - FromDIP(9), cell.GetTop() + FromDIP(2));
        dc.SetFont(GetFont());
    }
    if (site == m_state.cursor) {
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        const bool focused = HasFocus();
        dc.SetPen(
            wxPen(kCursorColour, FromDIP(focused ? 3 : 2), focused ? wxPENSTYLE_SOLID : wxPENSTYLE_DOT));
        dc.DrawRectangle(wxRect(cell).Inflate(FromDIP(eventColour.IsOk() ? 5 : 3)));
    }
}

SpineDiagram::SpineDiagram(wxWindow* parent, const FilmSiteState& state, KeyHandler onKey,
                           ClickHandler onClick)
    : SiteView(parent, state, std::move(onKey), std::move(onClick)) {
    SetName("spine_diagram");
}

wxSize SpineDiagram::DoGetBestSize() const {
    return FromDIP(wxSize(2 * kColumnWidth, kTitleHeight + 7 * kRowHeight + kLegendHeight));
}

wxPoint SpineDiagram::vertebraOrigin(int column, int row) const {
    return FromDIP(wxPoint(column * kColumnWidth + kBodyLeft, kTitleHeight + row * kRowHeight + 4));
}

wxRect SpineDiagram::cellRect(int site) const {
    const int column = site < core::kSitesPerSegment ? 0 : 1;
    const int index = site % core::kSitesPerSegment;
    // C2 and T12 show only their lower corner, T1 and S1 only their upper one.
    const int row = (index + 1) / 2;
    const bool upper = index % 2 == 1;
    const wxPoint origin = vertebraOrigin(column, row);
    const int x = origin.x + FromDIP(kBodyWidth - kCellWidth + kCellOverhang);
    const int y = upper ? origin.y : origin.y + FromDIP(kBodyHeight - kCellHeight);
    return wxRect(x, y, FromDIP(kCellWidth), FromDIP(kCellHeight));
}

void SpineDiagram::drawBackground(wxDC& dc) {
    dc.SetTextForeground(*wxBLACK);
    dc.SetFont(GetFont().Bold());
    dc.DrawText(_("Cervical (C2 to T1)"), FromDIP(wxPoint(kBodyLeft, 4)));
    dc.DrawText(_("Lumbar (T12 to S1)"), FromDIP(wxPoint(kColumnWidth + kBodyLeft, 4)));
    dc.SetFont(GetFont());
    for (int column = 0; column < 2; ++column) {
        for (int row = 0; row < 7; ++row) {
            const wxPoint origin = vertebraOrigin(column, row);
            const wxRect body(origin, FromDIP(wxSize(kBodyWidth, kBodyHeight)));
            dc.SetBrush(wxBrush(wxColour(0xec, 0xe7, 0xdc)));
            dc.SetPen(wxPen(wxColour(0x8d, 0x83, 0x70), 1));
            dc.DrawRoundedRectangle(body, FromDIP(6));
            dc.SetTextForeground(wxColour(0x4e, 0x44, 0x32));
            dc.DrawLabel(kVertebrae[column][row],
                         wxRect(body.GetLeft(), body.GetTop(),
                                body.GetWidth() - FromDIP(kCellWidth - kCellOverhang), body.GetHeight()),
                         wxALIGN_CENTER);
        }
    }
    // Legend under the columns.
    const int y = FromDIP(kTitleHeight + 7 * kRowHeight + 10);
    int x = FromDIP(kBodyLeft);
    dc.SetFont(smallFont(this));
    const std::pair<wxString, wxColour> legend[] = {{_("new syndesmophyte"), kNewSyndesmophyteColour},
                                                    {_("new bridging"), kNewBridgingColour},
                                                    {_("regression (review)"), kRegressionColour},
                                                    {_("! bridging check"), kNewBridgingColour}};
    dc.DrawText(
        _("Cells sit at the anterior corners (front to the right). Outlined against the previous film:"), x,
        y);
    const int y2 = y + FromDIP(16);
    for (const auto& [text, colour] : legend) {
        dc.SetPen(wxPen(colour, FromDIP(2)));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.DrawRectangle(x, y2 + FromDIP(2), FromDIP(12), FromDIP(10));
        dc.SetTextForeground(colour);
        dc.DrawText(text, x + FromDIP(16), y2);
        x += dc.GetTextExtent(text).GetWidth() + FromDIP(32);
    }
    dc.SetFont(GetFont());
}

void SpineDiagram::drawBeside(wxDC& dc, int site, const wxRect& cell) {
    dc.SetFont(smallFont(this));
    int x = cell.GetRight() + FromDIP(10);
    if (m_state.previous) {
        const wxString previous = siteScoreText(m_state.previous->sites[site]);
        dc.SetTextForeground(kBesideColour);
        const wxString text = wxString::Format(_("was %s"), previous.empty() ? wxString("-") : previous);
        dc.DrawText(text, x, cell.GetTop() + FromDIP(4));
        x += FromDIP(44);
    }
    const auto [eventText, eventColour] = eventOf(m_state.events[site]);
    if (!eventText.empty()) {
        dc.SetTextForeground(eventColour);
        dc.DrawText(eventText, x, cell.GetTop() + FromDIP(4));
    }
    dc.SetFont(GetFont());
}

SiteGrid::SiteGrid(wxWindow* parent, const FilmSiteState& state, KeyHandler onKey, ClickHandler onClick)
    : SiteView(parent, state, std::move(onKey), std::move(onClick)) {
    SetName("site_grid");
}

wxSize SiteGrid::DoGetBestSize() const {
    return FromDIP(wxSize(kGridLabelWidth + core::kSitesPerSegment * kGridColumnWidth + 4,
                          kGridHeaderHeight + 2 * kGridRowHeight));
}

wxRect SiteGrid::cellRect(int site) const {
    const int row = site < core::kSitesPerSegment ? 0 : 1;
    const int column = site % core::kSitesPerSegment;
    return wxRect(FromDIP(wxPoint(kGridLabelWidth + column * kGridColumnWidth + 4,
                                  kGridHeaderHeight + row * kGridRowHeight + 4)),
                  FromDIP(wxSize(kGridColumnWidth - 8, 24)));
}

void SiteGrid::drawBackground(wxDC& dc) {
    dc.SetTextForeground(*wxBLACK);
    dc.SetFont(GetFont().Bold());
    dc.DrawText(_("Cervical"), FromDIP(wxPoint(0, kGridHeaderHeight + 8)));
    dc.DrawText(_("Lumbar"), FromDIP(wxPoint(0, kGridHeaderHeight + kGridRowHeight + 8)));
    dc.SetFont(smallFont(this));
    dc.SetTextForeground(kBesideColour);
    for (int row = 0; row < 2; ++row) {
        for (int column = 0; column < core::kSitesPerSegment; ++column) {
            const int site = row * core::kSitesPerSegment + column;
            const wxRect cell = cellRect(site);
            // Each row carries its own site IDs (C2_inf ... / T12_inf ...) just above its cells.
            const wxString id = wxString(core::siteId(core::allSites()[site]));
            const wxSize extent = dc.GetTextExtent(id);
            dc.DrawText(id, cell.GetLeft() + (cell.GetWidth() - extent.GetWidth()) / 2,
                        cell.GetTop() - extent.GetHeight() - FromDIP(1));
        }
    }
    dc.SetFont(GetFont());
}

void SiteGrid::drawBeside(wxDC& dc, int site, const wxRect& cell) {
    if (!m_state.previous)
        return;
    dc.SetFont(smallFont(this));
    const auto [eventText, eventColour] = eventOf(m_state.events[site]);
    dc.SetTextForeground(eventColour.IsOk() ? eventColour : kBesideColour);
    const wxString previous = siteScoreText(m_state.previous->sites[site]);
    const wxString text = wxString::Format(_("was %s"), previous.empty() ? wxString("-") : previous);
    const wxSize extent = dc.GetTextExtent(text);
    dc.DrawText(text, cell.GetLeft() + (cell.GetWidth() - extent.GetWidth()) / 2,
                cell.GetBottom() + FromDIP(3));
    dc.SetFont(GetFont());
}

}  // namespace ankylos::ui
