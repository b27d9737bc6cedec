// The radiograph viewer beside film scoring: stored files decoded (DICOM through DCMTK, PNG through
// wx), zoom, window/level, invert and the magnifier driven by keys and mouse as a reader does, and the
// previous film's image shown beside only once the reader knows the films' order.
#include "ui/film_image_viewer.h"

#include <gtest/gtest.h>
#include <wx/checkbox.h>
#include <wx/display.h>
#include <wx/frame.h>
#include <wx/mstream.h>
#include <wx/sizer.h>
#include <wx/xrc/xmlres.h>

#include "imaging/errors.h"
#include "imaging/synthetic_dicom.h"
#include "ui/film_scoring.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

imaging::GreyImage syntheticRadiograph(const std::string& studyDate = "20230110") {
    testing::SyntheticDicom spec;
    spec.width = 600;
    spec.height = 800;
    spec.studyDate = studyDate;
    return decodeForViewer(testing::makeDicom(spec), imaging::ImageFormat::Dicom, "lateral.dcm");
}

void pressKey(wxWindow* window, int key, int modifiers = wxMOD_NONE) {
    wxKeyEvent event(wxEVT_KEY_DOWN);
    event.m_keyCode = key;
    event.m_shiftDown = (modifiers & wxMOD_SHIFT) != 0;
    event.m_controlDown = (modifiers & wxMOD_CONTROL) != 0;
    event.SetEventObject(window);
    window->GetEventHandler()->ProcessEvent(event);
}

void shiftClick(wxWindow* window, wxPoint at) {
    wxMouseEvent down(wxEVT_LEFT_DOWN);
    down.SetPosition(at);
    down.m_shiftDown = true;
    down.SetEventObject(window);
    window->GetEventHandler()->ProcessEvent(down);
}

/// The brightness (0-255) of the screenshot's pixel at the window's centre.
int centreBrightness(const std::filesystem::path& png) {
    wxImage image(png.string());
    return image.GetRed(image.GetWidth() / 2, image.GetHeight() / 2);
}

/// A frame holding one viewer, sized as beside the scoring grid.
struct ViewerFrame {
    wxFrame* frame = new wxFrame(nullptr, wxID_ANY, "viewer", wxDefaultPosition, wxSize(420, 560));
    FilmImageViewer* viewer;
    std::vector<ImagePoint> marks;
    ViewerFrame() {
        viewer = new FilmImageViewer(frame, [this](ImagePoint p) { marks.push_back(p); });
        frame->SetSizer(new wxBoxSizer(wxVERTICAL));
        frame->GetSizer()->Add(viewer, 1, wxEXPAND);
        frame->Show();
        frame->Layout();
        pumpWindowEvents(200);
    }
    ~ViewerFrame() { frame->Destroy(); }
};

}  // namespace

TEST(FilmImageViewer, DecodesDicomAndPngAndNamesAFileItCannotRead) {
    const imaging::GreyImage dicom = syntheticRadiograph();
    EXPECT_EQ(dicom.width, 600);
    EXPECT_EQ(dicom.height, 800);

    wxImage png(4, 2);
    png.SetRGB(0, 0, 255, 255, 255);
    png.SetRGB(1, 0, 0, 0, 0);
    png.SetRGB(2, 0, 255, 0, 0);  // red: its luma, 0.299 x 255
    wxMemoryOutputStream out;
    ASSERT_TRUE(png.SaveFile(out, wxBITMAP_TYPE_PNG));
    std::string bytes(out.GetLength(), '\0');
    out.CopyTo(bytes.data(), bytes.size());
    const imaging::GreyImage grey = decodeForViewer(bytes, imaging::ImageFormat::Png, "film.png");
    ASSERT_EQ(grey.pixels.size(), 8u);
    EXPECT_EQ(grey.pixels[0], 65535);
    EXPECT_EQ(grey.pixels[1], 0);
    EXPECT_EQ(grey.pixels[2], static_cast<std::uint16_t>(std::lround(0.299 * 255 * 257)));

    try {
        decodeForViewer("not a picture", imaging::ImageFormat::Jpeg, "scan.jpg");
        FAIL() << "garbage decoded";
    } catch (const imaging::ImagingError& e) {
        EXPECT_STREQ(e.what(), "scan.jpg: the image cannot be decoded");
    }
}

TEST(FilmImageViewer, KeysZoomPanWindowAndInvertTheImage) {
    ViewerFrame f;
    FilmImageViewer* viewer = f.viewer;
    viewer->setImage(syntheticRadiograph(), "lateral.dcm");
    const double fitted = viewer->scale();
    EXPECT_NEAR(fitted, std::min(viewer->GetClientSize().x / 600.0, viewer->GetClientSize().y / 800.0), 1e-9);

    pressKey(viewer, '+');
    EXPECT_NEAR(viewer->scale(), fitted * 1.25, 1e-9);
    const ImagePoint centre = viewer->viewCentre();
    pressKey(viewer, WXK_RIGHT);
    EXPECT_GT(viewer->viewCentre().x, centre.x) << "the right arrow shows what is to the right";
    pressKey(viewer, 'F');
    EXPECT_NEAR(viewer->scale(), fitted, 1e-9);

    const imaging::GreyWindow original = viewer->window();
    pressKey(viewer, 'W');
    EXPECT_GT(viewer->window().width, original.width);
    pressKey(viewer, 'L', wxMOD_SHIFT);
    EXPECT_LT(viewer->window().center, original.center);
    pressKey(viewer, 'R');
    EXPECT_EQ(viewer->window().center, original.center);
    EXPECT_EQ(viewer->window().width, original.width);

    const int plain = centreBrightness(saveScreenshot(f.frame, "film_image_viewer"));
    pressKey(viewer, 'I');
    EXPECT_TRUE(viewer->inverted());
    const int inverted = centreBrightness(saveScreenshot(f.frame, "film_image_viewer_inverted"));
    EXPECT_NEAR(plain + inverted, 255, 3) << "inversion swaps black and white";

    wxKeyEvent ctrlM(wxEVT_KEY_DOWN);
    ctrlM.m_keyCode = 'M';
    ctrlM.m_controlDown = true;
    EXPECT_TRUE(viewer->handleShortcut(ctrlM));
    EXPECT_TRUE(viewer->magnifier());
}

TEST(FilmImageViewer, AShiftClickMarksTheImagePointUnderThePointer) {
    ViewerFrame f;
    f.viewer->setImage(syntheticRadiograph(), "lateral.dcm");
    const wxSize size = f.viewer->GetClientSize();
    shiftClick(f.viewer, wxPoint(size.x / 2, size.y / 2));
    ASSERT_EQ(f.marks.size(), 1u);
    EXPECT_NEAR(f.marks[0].x, 300, 1 / f.viewer->scale() + 1e-9);
    EXPECT_NEAR(f.marks[0].y, 400, 1 / f.viewer->scale() + 1e-9);
}

TEST(FilmImageViewer, ThePreviousFilmsImageIsBesideOnlyOnceTheOrderIsKnown) {
    FilmScoringContext context;
    context.patient.clinicId = "F-1";
    context.patient.name = "Film Patient";
    context.patient.birth = date(1975, 5, 5);
    context.filmDate = date(2023, 1, 10);
    core::Reading lee = core::parseReading("0,0,0,0,0,0,0,0,0,0,0,0,1,1,0,0,0,0,0,0,0,0,0,0", "Dr Lee");
    context.films = {core::Film{date(2021, 1, 5), {lee}}, core::Film{date(2023, 1, 10), {}}};
    context.readers = {"Dr Lee"};
    std::vector<core::Date> asked;
    context.filmImages = [&](core::Date filmDate) {
        asked.push_back(filmDate);
        return std::vector<ViewerImage>{{"lateral " + core::toIsoString(filmDate), syntheticRadiograph()}};
    };
    FilmScoringDialog dialog(nullptr, context, [](const core::Reading&) {});
    core::Reading reading;
    reading.reader = "Dr Lee";
    dialog.TransferTo(reading);
    dialog.Show();
    pumpWindowEvents(200);
    ASSERT_NE(dialog.imageViewer(), nullptr);
    EXPECT_TRUE(dialog.imageViewer()->hasImage());
    EXPECT_FALSE(dialog.previousImageViewer()->IsShown()) << "blinded: the previous film stays hidden";
    EXPECT_EQ(asked, std::vector<core::Date>{date(2023, 1, 10)})
        << "the previous film's image is not even read";

    // Shift+click marks the current site; the magnifier follows the cursor to marked sites only.
    const wxSize size = dialog.imageViewer()->GetClientSize();
    shiftClick(dialog.imageViewer(), wxPoint(size.x / 2, size.y / 3));
    EXPECT_TRUE(dialog.imageViewer()->magnifier());
    EXPECT_EQ(dialog.cursor(), 0);

    auto* show = XRCCTRL(dialog, "show_previous", wxCheckBox);
    show->SetValue(true);
    wxCommandEvent toggled(wxEVT_CHECKBOX, show->GetId());
    toggled.SetEventObject(show);
    toggled.SetInt(1);
    show->GetEventHandler()->ProcessEvent(toggled);
    pumpWindowEvents(200);
    EXPECT_TRUE(dialog.previousImageViewer()->IsShown());
    EXPECT_TRUE(dialog.previousImageViewer()->hasImage());
    EXPECT_EQ(asked.back(), date(2021, 1, 5));
    const wxRect screen = wxGetClientDisplayRect();  // 1280x800 under ctest, 1366x768 for the screenshot runs
    EXPECT_LE(dialog.GetSize().x, screen.width);
    EXPECT_LE(dialog.GetSize().y, screen.height);
    saveScreenshot(&dialog, "film_scoring_with_images");
    dialog.Hide();
}

}  // namespace ankylos::ui::test
