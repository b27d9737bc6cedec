#include "ui/ctss_views.h"

#include <wx/dcbuffer.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>

#include <algorithm>

#include "ui/editor_fields.h"

namespace ankylos::ui {

namespace {

// Grid geometry, in DIPs: a label column, two groups of four cells (one per endplate), the segment
// names on the right.
constexpr int kLabelWidth = 64;
constexpr int kColumnWidth = 40;
constexpr int kGroupGap = 14;
constexpr int kCellWidth = 36;
constexpr int kCellHeight = 20;
constexpr int kRowHeight = 24;
constexpr int kSegmentWidth = 84;
constexpr int kHeaderHeight = 48;  // three lines: vertebra, endplate, side

// Schematic geometry, in DIPs: two views side by side, each two vertebral bodies and the disc.
constexpr int kViewWidth = 196;
constexpr int kUnitTitleHeight = 24;
constexpr int kViewTitleHeight = 22;
constexpr int kBodyInset = 30;
constexpr int kBodyHeight = 48;
constexpr int kDiscHeight = 24;
constexpr int kQuadrantWidth = 34;
constexpr int kQuadrantHeight = 20;
constexpr int kOverhang = 10;  // a quadrant cell sticks out of the body, at its margin
constexpr int kSideLabelHeight = 18;
constexpr int kLegendHeight = 36;

const wxColour kCursorColour(0x15, 0x65, 0xc0);
const wxColour kNewSyndesmophyteColour(0x6a, 0x1b, 0x9a);
const wxColour kGrowingColour(0xc6, 0x28, 0x28);
const wxColour kRegressionColour(0x02, 0x77, 0xbd);
const wxColour kBesideColour(0x61, 0x61, 0x61);
const wxColour kBoneColour(0xec, 0xe7, 0xdc);
const wxColour kBoneEdgeColour(0x8d, 0x83, 0x70);
const wxColour kDiscColour(0xd7, 0xe3, 0xee);

int gradeOf(const std::optional<core::QuadrantScore>& score) {
    if (!score)
        return -2;
    return score->assessable() ? score->grade() : -1;
}

wxFont smallFont(const wxWindow* window) {
    wxFont font = window->GetFont();
    font.SetPointSize(std::max(7, font.GetPointSize() - 2));
    return font;
}

/// The event's outline colour, invalid when nothing happened at the quadrant.
wxColour eventColour(const core::QuadrantEvent& event) {
    if (event.newSyndesmophyte)
        return kNewSyndesmophyteColour;
    if (event.growing)
        return kGrowingColour;
    if (event.regression)
        return kRegressionColour;
    return wxNullColour;
}

/// Left edge of grid column 0-7 (DIPs): the lower vertebra's four cells after a gap.
int columnLeft(int column) {
    return kLabelWidth + column * kColumnWidth + (column >= 4 ? kGroupGap : 0);
}

wxString segmentName(core::CtssSegment segment) {
    switch (segment) {
        case core::CtssSegment::Cervical:
            return _("Cervical");
        case core::CtssSegment::Thoracic:
            return _("Thoracic");
        case core::CtssSegment::Lumbar:
            return _("Lumbar");
    }
    return wxString();
}

wxString sideName(core::QuadrantSide side) {
    switch (side) {
        case core::QuadrantSide::Anterior:
            return _("ant");
        case core::QuadrantSide::Posterior:
            return _("post");
        case core::QuadrantSide::Left:
            return _("left");
        case core::QuadrantSide::Right:
            return _("right");
    }
    return wxString();
}

/// A rectangle given in DIPs, in window's pixels.
wxRect dipRect(const wxWindow* window, int x, int y, int width, int height) {
    return wxRect(window->FromDIP(wxPoint(x, y)), window->FromDIP(wxSize(width, height)));
}

/// "C7" and "T1" of unit "C7/T1" (core's label).
std::pair<wxString, wxString> vertebraeOf(int unit) {
    const wxString label = wxString::FromUTF8(core::vertebralUnitLabel(unit));
    return {label.BeforeFirst('/'), label.AfterFirst('/')};
}

}  // namespace

wxString quadrantScoreText(const std::optional<core::QuadrantScore>& score) {
    if (!score)
        return wxString();
    return score->assessable() ? wxString::Format("%d", score->grade()) : wxString("N");
}

QuadrantView::QuadrantView(wxWindow* parent, const CtssQuadrantState& state, KeyHandler onKey,
                           ClickHandler onClick)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxFULL_REPAINT_ON_RESIZE),
      m_state(state),
      m_onKey(std::move(onKey)),
      m_onClick(std::move(onClick)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
    Bind(wxEVT_PAINT, &QuadrantView::onPaint, this);
    Bind(wxEVT_CHAR, [this](wxKeyEvent& event) { m_onKey(event); });
    const auto repaint = [this](wxFocusEvent& event) {
        Refresh();
        event.Skip();
    };
    Bind(wxEVT_SET_FOCUS, repaint);
    Bind(wxEVT_KILL_FOCUS, repaint);
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& event) {
        SetFocus();
        for (int quadrant = 0; quadrant < core::kQuadrantCount; ++quadrant)
            if (cellRect(quadrant).Contains(event.GetPosition())) {
                m_onClick(quadrant);
                return;
            }
    });
}

void QuadrantView::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetBackgroundColour()));
    dc.Clear();
    dc.SetFont(GetFont());
    drawBackground(dc);
    for (int quadrant = 0; quadrant < core::kQuadrantCount; ++quadrant) {
        const wxRect cell = cellRect(quadrant);
        if (!cell.IsEmpty())
            drawCell(dc, quadrant, cell);
    }
}

void QuadrantView::drawCell(wxDC& dc, int quadrant, const wxRect& cell) {
    const auto& score = m_state.reading.quadrants[static_cast<std::size_t>(quadrant)];
    const int grade = gradeOf(score);
    dc.SetBrush(wxBrush(gradeColour(grade)));
    dc.SetPen(wxPen(grade == -2 ? wxColour(0x9e, 0x9e, 0x9e) : wxColour(0x42, 0x42, 0x42), 1,
                    grade == -2 ? wxPENSTYLE_SHORT_DASH : wxPENSTYLE_SOLID));
    dc.DrawRectangle(cell);
    dc.SetTextForeground(gradeTextColour(grade));
    dc.SetFont(GetFont().Bold());
    dc.DrawLabel(quadrantScoreText(score), cell, wxALIGN_CENTER);
    dc.SetFont(GetFont());
    if (m_state.previous) {
        // This reader's grade on the previous scan, small in the cell's corner.
        const wxString was =
            quadrantScoreText(m_state.previous->quadrants[static_cast<std::size_t>(quadrant)]);
        dc.SetFont(smallFont(this));
        dc.SetTextForeground(grade >= 2 ? *wxWHITE : kBesideColour);
        dc.DrawLabel(was.empty() ? wxString("-") : was, wxRect(cell).Deflate(FromDIP(2), 0),
                     wxALIGN_RIGHT | wxALIGN_TOP);
        dc.SetFont(GetFont());
    }
    const core::QuadrantEvent& event = m_state.events[static_cast<std::size_t>(quadrant)];
    const wxColour outline = eventColour(event);
    if (outline.IsOk()) {
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.SetPen(wxPen(outline, FromDIP(2),
                        event.regression && !event.newSyndesmophyte && !event.growing ? wxPENSTYLE_SHORT_DASH
                                                                                      : wxPENSTYLE_SOLID));
        dc.DrawRectangle(wxRect(cell).Inflate(FromDIP(1)));
    }
    if (quadrant == m_state.cursor) {
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        const bool focused = HasFocus();
        dc.SetPen(
            wxPen(kCursorColour, FromDIP(focused ? 3 : 2), focused ? wxPENSTYLE_SOLID : wxPENSTYLE_DOT));
        dc.DrawRectangle(wxRect(cell).Inflate(FromDIP(outline.IsOk() ? 3 : 2)));
    }
}

CtssGrid::CtssGrid(wxWindow* parent, const CtssQuadrantState& state, KeyHandler onKey, ClickHandler onClick)
    : QuadrantView(parent, state, std::move(onKey), std::move(onClick)) {
    SetName("ctss_grid");
}

wxSize CtssGrid::DoGetBestSize() const {
    return FromDIP(wxSize(columnLeft(8) + kSegmentWidth, core::kVertebralUnitCount * kRowHeight + 4));
}

wxRect CtssGrid::cellRect(int quadrant) const {
    const int row = quadrant / core::kQuadrantsPerUnit;
    const int column = quadrant % core::kQuadrantsPerUnit;
    return wxRect(FromDIP(wxPoint(columnLeft(column) + (kColumnWidth - kCellWidth) / 2,
                                  row * kRowHeight + (kRowHeight - kCellHeight) / 2 + 2)),
                  FromDIP(wxSize(kCellWidth, kCellHeight)));
}

void CtssGrid::drawBackground(wxDC& dc) {
    const int width = GetClientSize().GetWidth();
    const int currentRow = m_state.cursor / core::kQuadrantsPerUnit;
    for (int row = 0; row < core::kVertebralUnitCount; ++row) {
        const int top = FromDIP(row * kRowHeight + 2);
        const core::CtssSegment segment = core::segmentOfUnit(row);
        if (row == currentRow) {
            dc.SetPen(*wxTRANSPARENT_PEN);
            dc.SetBrush(wxBrush(wxColour(0xe3, 0xf2, 0xfd)));
            dc.DrawRectangle(0, top, width, FromDIP(kRowHeight));
        }
        dc.SetFont(row == currentRow ? GetFont().Bold() : GetFont());
        dc.SetTextForeground(*wxBLACK);
        dc.DrawLabel(wxString::FromUTF8(core::vertebralUnitLabel(row)),
                     wxRect(FromDIP(4), top, FromDIP(kLabelWidth - 8), FromDIP(kRowHeight)),
                     wxALIGN_LEFT | wxALIGN_CENTER_VERTICAL);
        // Segment boundaries: a rule above the first unit of a segment, its name beside it.
        if (row == 0 || core::segmentOfUnit(row - 1) != segment) {
            dc.SetPen(wxPen(wxColour(0x42, 0x42, 0x42), row == 0 ? 1 : FromDIP(2)));
            dc.DrawLine(0, top, width, top);
            dc.SetFont(smallFont(this).Bold());
            dc.SetTextForeground(kBesideColour);
            dc.DrawText(segmentName(segment), FromDIP(columnLeft(8) + 6), top + FromDIP(4));
        }
    }
    // The two endplates of a unit apart: a line in the gap.
    dc.SetPen(wxPen(wxColour(0xbd, 0xbd, 0xbd), 1));
    const int gapX = FromDIP(columnLeft(4) - kGroupGap / 2);
    dc.DrawLine(gapX, 0, gapX, FromDIP(core::kVertebralUnitCount * kRowHeight + 2));
    dc.SetFont(GetFont());
}

void CtssGrid::showCurrentRow(wxScrolledWindow* scroller) const {
    int unitX = 0, unitY = 0;
    scroller->GetScrollPixelsPerUnit(&unitX, &unitY);
    if (unitY <= 0)
        return;
    const wxRect cell = cellRect(m_state.cursor);
    int viewX = 0, viewY = 0;
    scroller->GetViewStart(&viewX, &viewY);
    const int top = viewY * unitY;
    const int height = scroller->GetClientSize().GetHeight();
    const int rowTop = cell.GetTop() - FromDIP(4);
    const int rowBottom = cell.GetBottom() + FromDIP(4);
    if (rowTop < top)
        scroller->Scroll(-1, std::max(0, rowTop / unitY));
    else if (rowBottom > top + height)
        scroller->Scroll(-1, (rowBottom - height + unitY - 1) / unitY);
}

CtssGridHeader::CtssGridHeader(wxWindow* parent) : wxWindow(parent, wxID_ANY) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetName("ctss_grid_header");
    Bind(wxEVT_PAINT, &CtssGridHeader::onPaint, this);
}

wxSize CtssGridHeader::DoGetBestSize() const {
    return FromDIP(wxSize(columnLeft(8) + kSegmentWidth, kHeaderHeight));
}

void CtssGridHeader::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    dc.SetFont(smallFont(this).Bold());
    dc.SetTextForeground(*wxBLACK);
    const int line = kHeaderHeight / 3;
    dc.DrawLabel(_("Unit"), dipRect(this, 4, 2 * line, kLabelWidth - 8, line),
                 wxALIGN_LEFT | wxALIGN_CENTER_VERTICAL);
    const wxString vertebrae[2] = {_("upper vertebra"), _("lower vertebra")};
    const wxString endplates[2] = {_("lower endplate"), _("upper endplate")};
    for (int group = 0; group < 2; ++group) {
        const wxRect area = dipRect(this, columnLeft(4 * group), 0, 4 * kColumnWidth, line);
        dc.SetFont(smallFont(this).Bold());
        dc.DrawLabel(vertebrae[group], area, wxALIGN_CENTER);
        dc.SetFont(smallFont(this));
        dc.DrawLabel(endplates[group],
                     wxRect(area.GetLeft(), area.GetBottom() + 1, area.GetWidth(), area.GetHeight()),
                     wxALIGN_CENTER);
        dc.SetPen(wxPen(kBesideColour, 1));
        const int y = 2 * area.GetHeight();
        dc.DrawLine(area.GetLeft() + FromDIP(4), y, area.GetRight() - FromDIP(4), y);
    }
    dc.SetTextForeground(kBesideColour);
    for (int column = 0; column < core::kQuadrantsPerUnit; ++column)
        dc.DrawLabel(sideName(core::Quadrant(column).side()),
                     dipRect(this, columnLeft(column), 2 * line, kColumnWidth, line), wxALIGN_CENTER);
}

CtssUnitSchematic::CtssUnitSchematic(wxWindow* parent, const CtssQuadrantState& state, KeyHandler onKey,
                                     ClickHandler onClick)
    : QuadrantView(parent, state, std::move(onKey), std::move(onClick)) {
    SetName("ctss_schematic");
}

wxSize CtssUnitSchematic::DoGetBestSize() const {
    return FromDIP(wxSize(2 * kViewWidth, kUnitTitleHeight + kViewTitleHeight + 2 * kBodyHeight +
                                              kDiscHeight + kSideLabelHeight + kLegendHeight + 8));
}

wxRect CtssUnitSchematic::viewRect(int view) const {
    return dipRect(this, view * kViewWidth + kBodyInset, kUnitTitleHeight + kViewTitleHeight,
                   kViewWidth - 2 * kBodyInset, 2 * kBodyHeight + kDiscHeight);
}

wxRect CtssUnitSchematic::cellRect(int quadrant) const {
    const core::Quadrant q(quadrant);
    if (q.unit() != m_state.cursor / core::kQuadrantsPerUnit)
        return wxRect();
    const core::QuadrantSide side = q.side();
    const bool sagittal = side == core::QuadrantSide::Anterior || side == core::QuadrantSide::Posterior;
    const wxRect area = viewRect(sagittal ? 0 : 1);
    // Anterior to the right in the sagittal view; the patient's right on the viewer's left in the coronal.
    const bool onRight = side == core::QuadrantSide::Anterior || side == core::QuadrantSide::Left;
    const int x =
        onRight ? area.GetRight() - FromDIP(kQuadrantWidth - kOverhang) : area.GetLeft() - FromDIP(kOverhang);
    // On the endplates either side of the disc.
    const int y = q.endplate() == core::Endplate::UpperVertebraLower
                      ? area.GetTop() + FromDIP(kBodyHeight - kQuadrantHeight)
                      : area.GetTop() + FromDIP(kBodyHeight + kDiscHeight);
    return wxRect(x, y, FromDIP(kQuadrantWidth), FromDIP(kQuadrantHeight));
}

void CtssUnitSchematic::drawBackground(wxDC& dc) {
    const int unit = m_state.cursor / core::kQuadrantsPerUnit;
    const auto [upper, lower] = vertebraeOf(unit);
    dc.SetTextForeground(*wxBLACK);
    dc.SetFont(GetFont().Bold());
    dc.DrawText(wxString::Format(_("Vertebral unit %s"), wxString::FromUTF8(core::vertebralUnitLabel(unit))),
                FromDIP(wxPoint(4, 2)));
    const wxString titles[2] = {_("Sagittal"), _("Coronal")};
    const wxString sides[2][2] = {{_("posterior"), _("anterior")}, {_("right"), _("left")}};
    for (int view = 0; view < 2; ++view) {
        const wxRect area = viewRect(view);
        dc.SetFont(GetFont().Bold());
        dc.SetTextForeground(kBesideColour);
        dc.DrawLabel(
            titles[view],
            wxRect(area.GetLeft(), FromDIP(kUnitTitleHeight), area.GetWidth(), FromDIP(kViewTitleHeight)),
            wxALIGN_CENTER);
        dc.SetFont(GetFont());
        const wxRect upperBody(area.GetLeft(), area.GetTop(), area.GetWidth(), FromDIP(kBodyHeight));
        const wxRect disc(area.GetLeft() + FromDIP(4), upperBody.GetBottom() + 1,
                          area.GetWidth() - FromDIP(8), FromDIP(kDiscHeight));
        const wxRect lowerBody(area.GetLeft(), disc.GetBottom() + 1, area.GetWidth(), FromDIP(kBodyHeight));
        dc.SetPen(wxPen(kBoneEdgeColour, 1));
        dc.SetBrush(wxBrush(kDiscColour));
        dc.DrawEllipse(disc);
        dc.SetBrush(wxBrush(kBoneColour));
        dc.DrawRoundedRectangle(upperBody, FromDIP(6));
        dc.DrawRoundedRectangle(lowerBody, FromDIP(6));
        dc.SetTextForeground(wxColour(0x4e, 0x44, 0x32));
        // The vertebra's name clear of its quadrant cells.
        const int nameHeight = upperBody.GetHeight() - FromDIP(kQuadrantHeight);
        dc.DrawLabel(upper, wxRect(upperBody.GetLeft(), upperBody.GetTop(), upperBody.GetWidth(), nameHeight),
                     wxALIGN_CENTER);
        dc.DrawLabel(
            lower,
            wxRect(lowerBody.GetLeft(), lowerBody.GetBottom() - nameHeight, lowerBody.GetWidth(), nameHeight),
            wxALIGN_CENTER);
        dc.SetFont(smallFont(this));
        dc.SetTextForeground(kBesideColour);
        const wxRect below(area.GetLeft() - FromDIP(kOverhang), area.GetBottom() + FromDIP(2),
                           area.GetWidth() + FromDIP(2 * kOverhang), FromDIP(kSideLabelHeight));
        dc.DrawLabel(sides[view][0], below, wxALIGN_LEFT | wxALIGN_CENTER_VERTICAL);
        dc.DrawLabel(sides[view][1], below, wxALIGN_RIGHT | wxALIGN_CENTER_VERTICAL);
    }
    // Legend: the outlines of events against the previous scan.
    const std::pair<wxString, wxColour> legend[] = {{_("new syndesmophyte"), kNewSyndesmophyteColour},
                                                    {_("growing"), kGrowingColour},
                                                    {_("regression (review)"), kRegressionColour}};
    const int y = viewRect(0).GetBottom() + FromDIP(kSideLabelHeight + 6);
    const wxString title = _("Against the previous scan:");
    dc.DrawText(title, FromDIP(4), y);
    int x = FromDIP(4);
    for (const auto& [text, colour] : legend) {
        dc.SetPen(wxPen(colour, FromDIP(2)));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.DrawRectangle(x, y + FromDIP(18), FromDIP(12), FromDIP(10));
        dc.SetTextForeground(colour);
        dc.DrawText(text, x + FromDIP(16), y + FromDIP(16));
        x += dc.GetTextExtent(text).GetWidth() + FromDIP(26);
    }
    dc.SetFont(GetFont());
}

}  // namespace ankylos::ui
