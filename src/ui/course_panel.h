#pragma once
/// The Course tab: the shared cairo course charts (src/report/charts.h: courseCharts, the same list
/// and heights as the report) drawn on screen one under the other at the window's width, so that
/// every time chart shares one date axis; each keeps its readable height and the tab scrolls.
/// The charts' hover regions are shown as tooltips.

#include <wx/bitmap.h>
#include <wx/scrolwin.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "report/charts.h"

namespace ankylos::ui {

class CourseCanvas : public wxScrolledWindow {
public:
    explicit CourseCanvas(wxWindow* parent);

    /// Shows these charts (drawn on the next paint, at the window's width).
    void setData(report::CourseData data);

    /// The hover regions of the last drawing, in canvas pixels (unscrolled).
    const std::vector<report::ChartHit>& hits() const { return m_hits; }
    /// Each chart's name (report::CourseChart::name) and where it was drawn, in canvas pixels.
    const std::vector<std::pair<std::string, wxRect>>& chartAreas() const { return m_areas; }
    /// How many times the charts were drawn (0 until the first paint).
    int drawCount() const { return m_drawCount; }
    /// The last drawing.
    const wxBitmap& drawing() const { return m_bitmap; }
    /// The tooltip text for a canvas point, or empty.
    wxString hitText(const wxPoint& canvasPoint) const;
    /// Draws now at the current width (the paint handler does this when needed).
    void render();

private:
    void onPaint(wxPaintEvent& event);
    void onMotion(wxMouseEvent& event);

    std::shared_ptr<const report::CourseData> m_data;
    wxBitmap m_bitmap;
    int m_renderedWidth = 0;
    std::vector<report::ChartHit> m_hits;
    std::vector<std::pair<std::string, wxRect>> m_areas;
    int m_drawCount = 0;
    wxString m_tip;
};

}  // namespace ankylos::ui
