#pragma once
/// The views of one CTSS reading's 184 quadrants in the CTSS scoring dialog (docs/methods.md 12): a
/// compact grid (a row per vertebral unit C2/C3..L5/S1, eight cells per row: the upper vertebra's
/// lower endplate anterior, posterior, left, right, then the lower vertebra's upper endplate; segment
/// boundaries drawn), with its column header, and a sagittal and a coronal schematic of the current
/// vertebral unit. They draw the same CtssQuadrantState, take the keyboard and report keys and clicks
/// to the dialog, which owns every rule (via core).

#include <wx/window.h>

#include <functional>
#include <optional>

#include "core/ctss.h"
#include "core/ctss_progression.h"

class wxScrolledWindow;

namespace ankylos::ui {

/// What the views draw, kept by the dialog.
struct CtssQuadrantState {
    core::CtssReading reading;
    /// This reader's reading of the previous scan, when shown.
    std::optional<core::CtssReading> previous;
    /// core::compareCtssReadings(previous, reading); nothing evaluable without a previous reading.
    core::QuadrantEvents events{};
    int cursor = 0;  ///< the current quadrant, 0-183
};

/// A focusable view of quadrants. Keys and clicks go to the dialog's handlers.
class QuadrantView : public wxWindow {
public:
    using KeyHandler = std::function<void(wxKeyEvent&)>;
    using ClickHandler = std::function<void(int quadrant)>;

    QuadrantView(wxWindow* parent, const CtssQuadrantState& state, KeyHandler onKey, ClickHandler onClick);

protected:
    /// The cell of quadrant (device pixels), or an empty rectangle when the view does not show it.
    virtual wxRect cellRect(int quadrant) const = 0;
    /// Draws what is not a cell: rows, bodies, labels.
    virtual void drawBackground(wxDC& dc) = 0;

    const CtssQuadrantState& m_state;

private:
    void onPaint(wxPaintEvent& event);
    void drawCell(wxDC& dc, int quadrant, const wxRect& cell);
    KeyHandler m_onKey;
    ClickHandler m_onClick;
};

/// The 23 x 8 grid of the reading. It sits in a scrolled window (scroller) when the screen is short.
class CtssGrid : public QuadrantView {
public:
    CtssGrid(wxWindow* parent, const CtssQuadrantState& state, KeyHandler onKey, ClickHandler onClick);
    /// Scrolls scroller (the grid's parent) so that the current vertebral unit's row is in view.
    void showCurrentRow(wxScrolledWindow* scroller) const;

protected:
    wxRect cellRect(int quadrant) const override;
    void drawBackground(wxDC& dc) override;
    wxSize DoGetBestSize() const override;
};

/// The grid's column titles, kept above the scrolled rows.
class CtssGridHeader : public wxWindow {
public:
    explicit CtssGridHeader(wxWindow* parent);

protected:
    wxSize DoGetBestSize() const override;

private:
    void onPaint(wxPaintEvent& event);
};

/// The current vertebral unit: a sagittal view (anterior to the right) and a coronal view (the
/// patient's right on the left, as a radiologist views it) of the two vertebral bodies and the disc,
/// the 8 quadrants at their places.
class CtssUnitSchematic : public QuadrantView {
public:
    CtssUnitSchematic(wxWindow* parent, const CtssQuadrantState& state, KeyHandler onKey,
                      ClickHandler onClick);

protected:
    wxRect cellRect(int quadrant) const override;
    void drawBackground(wxDC& dc) override;
    wxSize DoGetBestSize() const override;

private:
    /// The vertebral bodies' area of view 0 (sagittal) or 1 (coronal).
    wxRect viewRect(int view) const;
};

/// The short text of a quadrant score: "0".."3", "N" for not assessable, "" when not scored.
wxString quadrantScoreText(const std::optional<core::QuadrantScore>& score);

}  // namespace ankylos::ui
