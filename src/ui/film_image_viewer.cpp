#include "ui/film_image_viewer.h"

#include <wx/dcbuffer.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/mstream.h>
#include <wx/settings.h>

#include <algorithm>
#include <cmath>

#include "imaging/errors.h"
#include "imaging/grey_mapping.h"

namespace ankylos::ui {

namespace {

constexpr double kZoomStep = 1.25;
constexpr double kMinScale = 0.02;
constexpr double kMaxScale = 16;
constexpr double kMagnification = 3;  ///< the magnifier's scale over the view's
constexpr int kMagnifierSize = 200;   ///< its side, in screen pixels (before DPI scaling)

}  // namespace

imaging::GreyImage greyImageOf(const wxImage& image) {
    imaging::GreyImage grey;
    grey.width = image.GetWidth();
    grey.height = image.GetHeight();
    grey.pixels.resize(static_cast<std::size_t>(grey.width) * grey.height);
    const unsigned char* rgb = image.GetData();
    for (std::size_t i = 0; i < grey.pixels.size(); ++i) {
        const double luma = 0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2];
        grey.pixels[i] = static_cast<std::uint16_t>(std::lround(luma * 257));
    }
    grey.defaultWindow = imaging::GreyWindow{};  // the whole range: the file has no window of its own
    return grey;
}

imaging::GreyImage decodeForViewer(const std::string& bytes, imaging::ImageFormat format,
                                   const std::string& name) {
    if (format == imaging::ImageFormat::Dicom)
        return imaging::decodeDicom(bytes, name).image;
    wxMemoryInputStream stream(bytes.data(), bytes.size());
    wxLogNull quiet;  // the error is ours to word, not a wx log box
    const wxImage image(stream);
    if (!image.IsOk())
        throw imaging::ImagingError(name + ": the image cannot be decoded");
    return greyImageOf(image);
}

FilmImageViewer::FilmImageViewer(wxWindow* parent, MarkHandler onMark)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxFULL_REPAINT_ON_RESIZE),
      m_onMark(std::move(onMark)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetName("film_image_viewer");
    SetToolTip(
        _("Wheel: zoom. Drag: pan. Right-drag: window (left/right) and level (up/down). "
          "Shift+click: mark the current site. Keys: + - zoom, F fit, arrows pan, I invert, "
          "M magnifier, W/L window and level (Shift: the other way), R reset the window."));
    m_message = _("No image attached to this film.");
    Bind(wxEVT_PAINT, &FilmImageViewer::onPaint, this);
    Bind(wxEVT_KEY_DOWN, &FilmImageViewer::onKey, this);
    Bind(wxEVT_MOUSEWHEEL, &FilmImageViewer::onWheel, this);
    for (auto type :
         {wxEVT_LEFT_DOWN, wxEVT_LEFT_UP, wxEVT_RIGHT_DOWN, wxEVT_RIGHT_UP, wxEVT_MOTION, wxEVT_LEAVE_WINDOW})
        Bind(type, &FilmImageViewer::onMouse, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        m_viewStale = true;
        if (m_fitted)
            fit();
        event.Skip();
    });
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& event) {
        Refresh();
        event.Skip();
    });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
        Refresh();
        event.Skip();
    });
}

wxSize FilmImageViewer::DoGetBestSize() const {
    return FromDIP(wxSize(300, 420));
}

void FilmImageViewer::setImage(imaging::GreyImage image, const wxString& caption) {
    m_image = std::move(image);
    m_caption = caption;
    m_window = m_image.defaultWindow;
    m_magnifierFocus.reset();
    remap();
    fit();
}

void FilmImageViewer::clearImage(const wxString& message) {
    m_image = {};
    m_mapped = wxImage();
    m_message = message;
    m_viewStale = true;
    Refresh();
}

void FilmImageViewer::remap() {
    if (!hasImage())
        return;
    const std::vector<std::uint8_t> grey = imaging::mapToEightBit(m_image, m_window, m_inverted);
    if (!m_mapped.IsOk() || m_mapped.GetWidth() != m_image.width || m_mapped.GetHeight() != m_image.height)
        m_mapped.Create(m_image.width, m_image.height, false);
    unsigned char* rgb = m_mapped.GetData();
    for (std::size_t i = 0; i < grey.size(); ++i)
        rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = grey[i];
    m_viewStale = true;
    Refresh();
}

void FilmImageViewer::fit() {
    if (!hasImage())
        return;
    const wxSize size = GetClientSize().x > 10 ? GetClientSize() : GetBestSize();
    m_scale = std::clamp(
        std::min(static_cast<double>(size.x) / m_image.width, static_cast<double>(size.y) / m_image.height),
        kMinScale, kMaxScale);
    m_centre = {m_image.width / 2.0, m_image.height / 2.0};
    m_fitted = true;
    m_viewStale = true;
    Refresh();
}

void FilmImageViewer::zoomBy(double factor) {
    zoomAbout(factor, wxPoint(GetClientSize().x / 2, GetClientSize().y / 2));
}

void FilmImageViewer::zoomAbout(double factor, const wxPoint& anchor) {
    if (!hasImage())
        return;
    // The image point under the anchor stays under it.
    const ImagePoint fixed = toImage(anchor);
    m_scale = std::clamp(m_scale * factor, kMinScale, kMaxScale);
    m_fitted = false;
    const wxSize size = GetClientSize();
    m_centre = {fixed.x - (anchor.x - size.x / 2.0) / m_scale, fixed.y - (anchor.y - size.y / 2.0) / m_scale};
    m_viewStale = true;
    Refresh();
}

void FilmImageViewer::panBy(double dx, double dy) {
    if (!hasImage())
        return;
    m_fitted = false;
    m_centre.x = std::clamp(m_centre.x - dx / m_scale, 0.0, static_cast<double>(m_image.width));
    m_centre.y = std::clamp(m_centre.y - dy / m_scale, 0.0, static_cast<double>(m_image.height));
    m_viewStale = true;
    Refresh();
}

void FilmImageViewer::setWindow(const imaging::GreyWindow& window) {
    m_window = {std::clamp(window.center, 0.0, 65535.0), std::clamp(window.width, 1.0, 131072.0)};
    remap();
}

void FilmImageViewer::resetWindow() {
    setWindow(m_image.defaultWindow);
}

void FilmImageViewer::setInverted(bool inverted) {
    m_inverted = inverted;
    remap();
}

void FilmImageViewer::setMagnifier(bool on) {
    m_magnifier = on;
    Refresh();
}

void FilmImageViewer::setMagnifierFocus(std::optional<ImagePoint> point) {
    m_magnifierFocus = point;
    Refresh();
}

ImagePoint FilmImageViewer::toImage(const wxPoint& screen) const {
    const wxSize size = GetClientSize();
    return {m_centre.x + (screen.x - size.x / 2.0) / m_scale,
            m_centre.y + (screen.y - size.y / 2.0) / m_scale};
}

wxPoint FilmImageViewer::toScreen(const ImagePoint& point) const {
    const wxSize size = GetClientSize();
    return wxPoint(static_cast<int>(std::lround((point.x - m_centre.x) * m_scale + size.x / 2.0)),
                   static_cast<int>(std::lround((point.y - m_centre.y) * m_scale + size.y / 2.0)));
}

bool FilmImageViewer::handleShortcut(const wxKeyEvent& event) {
    if (event.GetModifiers() != wxMOD_CONTROL || !hasImage())
        return false;
    switch (event.GetKeyCode()) {
        case '=':
        case '+':
        case WXK_NUMPAD_ADD:
            zoomBy(kZoomStep);
            return true;
        case '-':
        case WXK_NUMPAD_SUBTRACT:
            zoomBy(1 / kZoomStep);
            return true;
        case '0':
            fit();
            return true;
        case 'I':
            setInverted(!m_inverted);
            return true;
        case 'M':
            setMagnifier(!m_magnifier);
            return true;
        default:
            return false;
    }
}

void FilmImageViewer::onKey(wxKeyEvent& event) {
    if (!hasImage() || (event.HasAnyModifiers() && event.GetModifiers() != wxMOD_SHIFT)) {
        event.Skip();
        return;
    }
    const bool shift = event.ShiftDown();
    const double step = GetClientSize().x / 10.0;
    // A window step of a tenth of the width (at least a level's worth on the 8-bit screen scale).
    const double windowStep = std::max(m_window.width / 10, 257.0);
    switch (event.GetKeyCode()) {
        case '+':
        case '=':
        case WXK_NUMPAD_ADD:
            zoomBy(kZoomStep);
            break;
        case '-':
        case WXK_NUMPAD_SUBTRACT:
            zoomBy(1 / kZoomStep);
            break;
        case 'F':
        case '0':
            fit();
            break;
        case WXK_LEFT:
            panBy(step, 0);
            break;
        case WXK_RIGHT:
            panBy(-step, 0);
            break;
        case WXK_UP:
            panBy(0, step);
            break;
        case WXK_DOWN:
            panBy(0, -step);
            break;
        case 'I':
            setInverted(!m_inverted);
            break;
        case 'M':
            setMagnifier(!m_magnifier);
            break;
        case 'W':
            setWindow({m_window.center, m_window.width + (shift ? -windowStep : windowStep)});
            break;
        case 'L':
            setWindow({m_window.center + (shift ? -windowStep : windowStep), m_window.width});
            break;
        case 'R':
            resetWindow();
            break;
        default:
            event.Skip();
            return;
    }
}

void FilmImageViewer::onWheel(wxMouseEvent& event) {
    if (event.GetWheelRotation() != 0)
        zoomAbout(event.GetWheelRotation() > 0 ? kZoomStep : 1 / kZoomStep, event.GetPosition());
}

void FilmImageViewer::onMouse(wxMouseEvent& event) {
    event.Skip();
    if (!hasImage())
        return;
    const wxPoint at = event.GetPosition();
    if (event.LeftDown() || event.RightDown()) {
        SetFocus();
        if (event.LeftDown() && event.ShiftDown() && m_onMark) {
            m_onMark(toImage(at));
            return;
        }
        m_dragFrom = at;
        m_dragWindow = m_window;
        m_dragging = true;
        CaptureMouse();
    } else if ((event.LeftUp() || event.RightUp()) && m_dragging) {
        m_dragging = false;
        if (HasCapture())
            ReleaseMouse();
        m_viewStale = true;  // redraw at full quality
        Refresh();
    } else if (event.Dragging() && m_dragging && event.LeftIsDown()) {
        panBy(at.x - m_dragFrom.x, at.y - m_dragFrom.y);
        m_dragFrom = at;
    } else if (event.Dragging() && m_dragging && event.RightIsDown()) {
        // A screen's width of drag spans the whole 16-bit range.
        const double perPixel = 65536.0 / std::max(1, GetClientSize().x);
        setWindow({m_dragWindow.center - (at.y - m_dragFrom.y) * perPixel,
                   m_dragWindow.width + (at.x - m_dragFrom.x) * perPixel});
    }
    if (event.Leaving())
        m_pointer.reset();
    else
        m_pointer = toImage(at);
    if (m_magnifier && !m_magnifierFocus)
        Refresh();
}

void FilmImageViewer::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    const wxSize size = GetClientSize();
    if (size.x <= 0 || size.y <= 0)
        return;  // laid out to nothing (a hidden column)
    dc.SetBackground(wxBrush(*wxBLACK));
    dc.Clear();
    dc.SetTextForeground(wxColour(230, 230, 230));
    if (!hasImage()) {
        dc.DrawLabel(m_message, wxRect(size), wxALIGN_CENTER);
        return;
    }
    if (m_viewStale || !m_view.IsOk() || m_view.GetSize() != size) {
        // Only the visible part is scaled: the full image is 7.5 megapixels.
        const wxRect visible =
            wxRect(toImage({0, 0}).x, toImage({0, 0}).y, size.x / m_scale + 2, size.y / m_scale + 2)
                .Intersect(wxRect(0, 0, m_image.width, m_image.height));
        wxBitmap view(size);
        wxMemoryDC memory(view);
        memory.SetBackground(*wxBLACK_BRUSH);
        memory.Clear();
        if (!visible.IsEmpty()) {
            const wxPoint topLeft =
                toScreen({static_cast<double>(visible.x), static_cast<double>(visible.y)});
            const int w = std::max(1, static_cast<int>(std::lround(visible.width * m_scale)));
            const int h = std::max(1, static_cast<int>(std::lround(visible.height * m_scale)));
            // Box-averaged when shrinking (no aliasing on fine trabecular lines); nearest pixels while
            // dragging and when enlarging (the reader sees the real pixels).
            const auto quality = m_dragging || m_scale >= 1 ? wxIMAGE_QUALITY_NORMAL : wxIMAGE_QUALITY_HIGH;
            memory.DrawBitmap(wxBitmap(m_mapped.GetSubImage(visible).Scale(w, h, quality)), topLeft);
        }
        memory.SelectObject(wxNullBitmap);
        m_view = view;
        m_viewStale = m_dragging;
    }
    dc.DrawBitmap(m_view, 0, 0);
    dc.DrawText(m_caption, FromDIP(6), FromDIP(4));
    const wxString state =
        wxString::Format(_("zoom %.0f %%  window %.0f / %.0f%s"), m_scale * 100, m_window.center,
                         m_window.width, m_inverted ? _(", inverted") : "");
    dc.DrawText(state, FromDIP(6), size.y - dc.GetCharHeight() - FromDIP(4));
    if (m_magnifier)
        drawMagnifier(dc);
    if (HasFocus()) {
        dc.SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT), 2));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.DrawRectangle(wxRect(size).Deflate(1));
    }
}

void FilmImageViewer::drawMagnifier(wxDC& dc) {
    const std::optional<ImagePoint> focus = m_magnifierFocus ? m_magnifierFocus : m_pointer;
    if (!focus)
        return;
    const int side = FromDIP(kMagnifierSize);
    const double scale = std::min(m_scale * kMagnification, kMaxScale);
    const double half = side / (2 * scale);  // image pixels either side of the focus
    const wxRect source = wxRect(static_cast<int>(focus->x - half), static_cast<int>(focus->y - half),
                                 static_cast<int>(2 * half) + 1, static_cast<int>(2 * half) + 1)
                              .Intersect(wxRect(0, 0, m_image.width, m_image.height));
    if (source.IsEmpty())
        return;
    // Beside the focus, on the side with room, so it never hides what it magnifies.
    const wxPoint at = toScreen(*focus);
    const wxSize size = GetClientSize();
    const int x = at.x + side + FromDIP(24) < size.x ? at.x + FromDIP(24) : at.x - side - FromDIP(24);
    const int y = std::clamp(at.y - side / 2, 0, std::max(0, size.y - side));
    const wxRect frame(x, y, side, side);
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(*wxBLACK_BRUSH);
    dc.DrawRectangle(frame);
    const wxImage part =
        m_mapped.GetSubImage(source).Scale(std::max(1, static_cast<int>(source.width * scale)),
                                           std::max(1, static_cast<int>(source.height * scale)));
    dc.SetClippingRegion(frame);
    dc.DrawBitmap(wxBitmap(part), x + static_cast<int>((source.x - (focus->x - half)) * scale),
                  y + static_cast<int>((source.y - (focus->y - half)) * scale));
    dc.DestroyClippingRegion();
    dc.SetPen(wxPen(wxColour(255, 200, 0), 2));
    dc.SetBrush(*wxTRANSPARENT_BRUSH);
    dc.DrawRectangle(frame);
    dc.DrawCircle(at, FromDIP(6));  // where it looks
}

}  // namespace ankylos::ui
