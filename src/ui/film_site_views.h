#pragma once
/// The two views of one reading's 24 sites in the film scoring dialog: a lateral spine diagram
/// (cervical column on the left C2..T1, lumbar on the right T12..S1, each anterior corner a cell at
/// its vertebra) and a compact grid (a row per segment). Both draw the same FilmSiteState; they
/// take the keyboard and report keys and clicks to the dialog, which owns every rule (via core).

#include <wx/window.h>

#include <array>
#include <functional>
#include <optional>

#include "core/msasss.h"
#include "core/site_events.h"

namespace ankylos::ui {

/// What the views draw, kept by the dialog.
struct FilmSiteState {
    core::Reading reading;
    /// This reader's grades on the previous film, when there is one.
    std::optional<core::Reading> previous;
    /// core::compareReadings(previous, reading); all not evaluable without a previous film.
    std::array<core::SiteEvent, core::kSiteCount> events{};
    /// Sites named by core::checkBridgingConsistency.
    std::array<bool, core::kSiteCount> bridgingFlag{};
    int cursor = 0;
};

/// A focusable view of the 24 sites. Keys and clicks go to the dialog's handlers.
class SiteView : public wxWindow {
public:
    using KeyHandler = std::function<void(wxKeyEvent&)>;
    using ClickHandler = std::function<void(int site)>;

    SiteView(wxWindow* parent, const FilmSiteState& state, KeyHandler onKey, ClickHandler onClick);

protected:
    /// The cell of site (device pixels), or an empty rectangle when the view does not show it.
    virtual wxRect cellRect(int site) const = 0;
    /// Draws what is not a cell: vertebrae, labels.
    virtual void drawBackground(wxDC& dc) = 0;
    /// Draws the previous grade and event text of site next to its cell.
    virtual void drawBeside(wxDC& dc, int site, const wxRect& cell) = 0;

    const FilmSiteState& m_state;

private:
    void onPaint(wxPaintEvent& event);
    void drawCell(wxDC& dc, int site, const wxRect& cell);
    KeyHandler m_onKey;
    ClickHandler m_onClick;
};

/// The lateral spine diagram.
class SpineDiagram : public SiteView {
public:
    SpineDiagram(wxWindow* parent, const FilmSiteState& state, KeyHandler onKey, ClickHandler onClick);

protected:
    wxRect cellRect(int site) const override;
    void drawBackground(wxDC& dc) override;
    void drawBeside(wxDC& dc, int site, const wxRect& cell) override;
    wxSize DoGetBestSize() const override;

private:
    /// Top-left of vertebra row `row` (0..6) in column `column` (0 cervical, 1 lumbar).
    wxPoint vertebraOrigin(int column, int row) const;
};

/// The compact grid: a row per segment, a column per site.
class SiteGrid : public SiteView {
public:
    SiteGrid(wxWindow* parent, const FilmSiteState& state, KeyHandler onKey, ClickHandler onClick);

protected:
    wxRect cellRect(int site) const override;
    void drawBackground(wxDC& dc) override;
    void drawBeside(wxDC& dc, int site, const wxRect& cell) override;
    wxSize DoGetBestSize() const override;
};

/// The short text of a site score: "0".."3", "N" for not assessable, "" when not scored.
wxString siteScoreText(const std::optional<core::SiteScore>& score);
/// The reason as shown ("not visible", "not imaged", "surgery / hardware", "other").
wxString reasonText(core::NotAssessableReason reason);

}  // namespace ankylos::ui
