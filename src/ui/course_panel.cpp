#include "ui/course_panel.h"

#include <cairo.h>
#include <wx/dcclient.h>
#include <wx/image.h>

#include <algorithm>
#include <memory>

namespace ankylos::ui {

namespace {

/// The charts' text is sized for paper (points); on screen one point becomes this many pixels so
/// labels stay readable at a normal viewing distance.
constexpr double kScreenScale = 1.3;
constexpr int kGap = 14;  ///< pixels between charts
constexpr int kMinWidth = 760;

wxBitmap toBitmap(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    wxImage image(width, height, false);
    unsigned char* out = image.GetData();
    for (int y = 0; y < height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
        for (int x = 0; x < width; ++x) {
            const std::uint32_t pixel = row[x];  // CAIRO_FORMAT_RGB24: 0x00RRGGBB in native order
            *out++ = static_cast<unsigned char>(pixel >> 16);
            *out++ = static_cast<unsigned char>(pixel >> 8);
            *out++ = static_cast<unsigned char>(pixel);
        }
    }
    return wxBitmap(image);
}

}  // namespace

CourseCanvas::CourseCanvas(wxWindow* parent)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxVSCROLL | wxFULL_REPAINT_ON_RESIZE) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetScrollRate(0, FromDIP(20));
    Bind(wxEVT_PAINT, &CourseCanvas::onPaint, this);
    Bind(wxEVT_MOTION, &CourseCanvas::onMotion, this);
}

void CourseCanvas::setData(report::CourseData data) {
    m_data = std::make_shared<const report::CourseData>(std::move(data));
    m_renderedWidth = 0;
    Refresh();
}

void CourseCanvas::render() {
    const int width = std::max(GetClientSize().x, FromDIP(kMinWidth));
    // In chart units (pixels / kScreenScale): one column, each chart at the height the report gives it.
    const double gap = kGap / kScreenScale;
    const double column = width / kScreenScale - 2 * gap;
    std::vector<report::CourseChart> charts;
    if (m_data)
        charts = report::courseCharts(m_data);
    double bottom = gap;
    for (const report::CourseChart& chart : charts)
        bottom += chart.height + gap;
    const int height = static_cast<int>(bottom * kScreenScale + 0.5);

    // Owned until the end of the drawing even when a chart throws (render() runs in the paint handler).
    const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surfaceOwner(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), &cairo_surface_destroy);
    cairo_surface_t* surface = surfaceOwner.get();
    const std::unique_ptr<cairo_t, decltype(&cairo_destroy)> crOwner(cairo_create(surface), &cairo_destroy);
    cairo_t* cr = crOwner.get();
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, kScreenScale, kScreenScale);
    std::vector<report::ChartHit> hits;
    m_areas.clear();
    double y = gap;
    for (const report::CourseChart& chart : charts) {
        cairo_save(cr);
        const std::vector<report::ChartHit> drawn = chart.draw(cr, {gap, y, column, chart.height});
        cairo_restore(cr);
        hits.insert(hits.end(), drawn.begin(), drawn.end());
        m_areas.emplace_back(
            chart.name,
            wxRect(static_cast<int>(gap * kScreenScale), static_cast<int>(y * kScreenScale),
                   static_cast<int>(column * kScreenScale), static_cast<int>(chart.height * kScreenScale)));
        y += chart.height + gap;
    }
    // Hover regions in canvas pixels.
    for (report::ChartHit& hit : hits) {
        hit.area.x *= kScreenScale;
        hit.area.y *= kScreenScale;
        hit.area.width *= kScreenScale;
        hit.area.height *= kScreenScale;
    }
    m_bitmap = toBitmap(surface);
    m_hits = std::move(hits);
    m_renderedWidth = GetClientSize().x;
    ++m_drawCount;
    SetVirtualSize(width, height);
}

void CourseCanvas::onPaint(wxPaintEvent&) {
    wxPaintDC dc(this);
    if (m_renderedWidth != GetClientSize().x || !m_bitmap.IsOk())
        render();
    DoPrepareDC(dc);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    dc.DrawBitmap(m_bitmap, 0, 0);
}

wxString CourseCanvas::hitText(const wxPoint& p) const {
    // The last region drawn wins: points are drawn over lines and bands.
    for (auto hit = m_hits.rbegin(); hit != m_hits.rend(); ++hit) {
        const report::Box& a = hit->area;
        if (p.x >= a.x && p.x <= a.x + a.width && p.y >= a.y && p.y <= a.y + a.height)
            return wxString::FromUTF8(hit->text);
    }
    return wxString();
}

void CourseCanvas::onMotion(wxMouseEvent& event) {
    const wxString text = hitText(CalcUnscrolledPosition(event.GetPosition()));
    if (text == m_tip)
        return;
    m_tip = text;
    if (text.empty())
        UnsetToolTip();
    else
        SetToolTip(text);
}

}  // namespace ankylos::ui
