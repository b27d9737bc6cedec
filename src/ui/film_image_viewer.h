#pragma once
/// The radiograph viewer beside the film scoring grid: one grey image (a DICOM's 16-bit pixels, or a
/// PNG/JPEG/TIFF made grey) with zoom, pan, fit, window/level, invert and a magnifier.
///
/// Mouse: the wheel zooms at the pointer, a left drag pans, a right drag sets the window (left/right
/// narrower/wider, up/down brighter/darker), a click with Shift marks where the current site is.
/// Keys, when the viewer has the focus: + and - zoom, F fits, arrows pan, I inverts, M shows the
/// magnifier, W / Shift+W widen / narrow the window, L / Shift+L raise / lower the level, R resets
/// the window to the file's. The scoring dialog sends Ctrl+ shortcuts here while the grid keeps the
/// focus (handleShortcut).

#include <wx/bitmap.h>
#include <wx/image.h>
#include <wx/window.h>

#include <functional>
#include <optional>
#include <string>

#include "imaging/dicom_image.h"
#include "imaging/image_format.h"

namespace ankylos::ui {

/// A point on the image, in image pixels.
struct ImagePoint {
    double x = 0, y = 0;
};

/// The image's pixels as grey levels on the 16-bit scale the window works on: a PNG, JPEG or TIFF
/// (8 bits per channel) is made grey by its luma and spread over 0-65535, with the whole range as
/// its default window.
imaging::GreyImage greyImageOf(const wxImage& image);

/// The stored file's pixels for the viewer: a DICOM through DCMTK, a PNG/JPEG/TIFF through wx. Throws
/// imaging::ImagingError naming the file when it cannot be decoded.
imaging::GreyImage decodeForViewer(const std::string& bytes, imaging::ImageFormat format,
                                   const std::string& name);

class FilmImageViewer : public wxWindow {
public:
    /// Called with the image point the user Shift+clicked (to mark the current site there).
    using MarkHandler = std::function<void(ImagePoint)>;

    FilmImageViewer(wxWindow* parent, MarkHandler onMark = {});

    /// Shows the image, fitted, with its default window; caption is drawn in a corner (file, date).
    void setImage(imaging::GreyImage image, const wxString& caption);
    /// No image: the message instead.
    void clearImage(const wxString& message);
    bool hasImage() const { return m_image.width > 0; }

    void zoomBy(double factor);        ///< about the centre of the view
    void fit();                        ///< the whole image in the view
    void panBy(double dx, double dy);  ///< in screen pixels
    void setWindow(const imaging::GreyWindow& window);
    void resetWindow();  ///< the file's window
    void setInverted(bool inverted);
    void setMagnifier(bool on);
    /// Where the magnifier looks: an image point (the current site's mark), or nullopt to follow the pointer.
    void setMagnifierFocus(std::optional<ImagePoint> point);

    /// Ctrl++ / Ctrl+- zoom, Ctrl+0 fits, Ctrl+I inverts, Ctrl+M toggles the magnifier. True when the
    /// key was one of them.
    bool handleShortcut(const wxKeyEvent& event);

    double scale() const { return m_scale; }  ///< screen pixels per image pixel
    const imaging::GreyWindow& window() const { return m_window; }
    bool inverted() const { return m_inverted; }
    bool magnifier() const { return m_magnifier; }
    ImagePoint viewCentre() const { return m_centre; }

protected:
    wxSize DoGetBestSize() const override;

private:
    void onPaint(wxPaintEvent& event);
    void onKey(wxKeyEvent& event);
    void onMouse(wxMouseEvent& event);
    void onWheel(wxMouseEvent& event);
    /// The 8-bit image after a change of window or inversion.
    void remap();
    /// The image point under a screen point.
    ImagePoint toImage(const wxPoint& screen) const;
    wxPoint toScreen(const ImagePoint& point) const;
    void zoomAbout(double factor, const wxPoint& anchor);
    void drawMagnifier(wxDC& dc);

    MarkHandler m_onMark;
    imaging::GreyImage m_image;
    wxString m_caption;
    wxString m_message;
    imaging::GreyWindow m_window;
    bool m_inverted = false;
    bool m_magnifier = false;
    std::optional<ImagePoint> m_magnifierFocus;
    std::optional<ImagePoint> m_pointer;  ///< the image point under the mouse, while it is over the view
    wxImage m_mapped;                     ///< the windowed 8-bit image
    wxBitmap m_view;                      ///< what the last paint drew, until the view changes
    bool m_viewStale = true;
    bool m_fitted = false;  ///< fitted and not zoomed or panned since: a resize fits again
    bool m_dragging = false;
    double m_scale = 1;
    ImagePoint m_centre;  ///< the image point at the centre of the view
    wxPoint m_dragFrom;
    imaging::GreyWindow m_dragWindow;
};

}  // namespace ankylos::ui
