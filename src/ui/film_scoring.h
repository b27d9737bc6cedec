#pragma once
/// Film scoring: one reader's mSASSS grades of one film (docs/methods.md 1), typed site by site
/// in spec order on a lateral spine diagram or the compact grid. Beside each site, this reader's
/// grade on the previous film; events against it (core::compareReadings), the bridging check
/// (core::checkBridgingConsistency) and the cervical, lumbar and total scores
/// (core::scoreReading) update as the grades are typed.

#include <wx/dialog.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/msasss.h"
#include "core/settings.h"
#include "ui/blinded_view.h"
#include "ui/editor_fields.h"
#include "ui/film_image_viewer.h"
#include "ui/film_site_views.h"

class wxCheckBox;
class wxChoice;
class wxComboBox;
class wxTextCtrl;

namespace ankylos::ui {

/// One image of a film, decoded for the viewer; no pixels when it could not be decoded (caption says why).
struct ViewerImage {
    wxString caption;
    imaging::GreyImage pixels;
};

struct FilmScoringContext {
    core::Patient patient;
    core::Date filmDate;  ///< the film being scored
    std::vector<core::Film>
        films;  ///< all the patient's films (with their readings), for the previous-film grades
    /// The registered readers (storage::ReaderRepository): the reader is one of them, typed (matched
    /// without regard to case) or picked from the list.
    std::vector<std::string> readers;
    /// Registers a new reader and returns the name as registered; throws ankylos::Error to refuse.
    /// Without it the dialog offers no "Add reader...".
    std::function<std::string(const std::string& name)> addReader;
    core::Settings settings;
    /// The images of the patient's film of a date, decoded (empty when it has none). Without it, or
    /// for a film with no image, the dialog shows no viewer.
    std::function<std::vector<ViewerImage>(core::Date filmDate)> filmImages;
    /// What the reader may see of the patient, the dates and the previous film: everything for a clinic
    /// reading; a session's blinding (BlindedView::of, with the films' codes) in a reading session.
    BlindedView view;
    /// The reading session the reading is made in (empty: a clinic reading). In a session the reader
    /// is the worklist's (the reader box is fixed) and the session's blinding is what is recorded.
    std::string session;
};

/// Called when the user saves; throws ankylos::Error to refuse (the dialog shows e.what() and stays open).
using SaveReading = std::function<void(const core::Reading& reading)>;

/// Opens film scoring on `reading` (a new one has no reader yet; give it today's reading date). True
/// when saved; `reading` then holds what was saved. In a reading session (context.session) the dialog
/// shows only what context.view lets the reader see: title, header, previous-film panel and image
/// captions name the film by its code when dates are hidden.
///
/// Blinding: this reader's grades of the previous film are hidden until the reader chooses to see
/// them. Once they have been shown, the reading is recorded as done knowing the films' order
/// (chronology_known), and that box cannot be unticked for the rest of the session.
bool scoreFilm(wxWindow* parent, const FilmScoringContext& context, core::Reading& reading,
               const SaveReading& save);

/// The dialog behind scoreFilm, public so tests can drive it without a modal loop.
class FilmScoringDialog : public wxDialog {
public:
    FilmScoringDialog(wxWindow* parent, const FilmScoringContext& context, const SaveReading& save);

    void TransferTo(const core::Reading& reading);
    /// Reads reader, date and grades. False, with the problem shown, when they cannot be saved.
    bool TransferFrom(core::Reading& reading);

    bool trySave();
    /// Esc, Cancel or closing: asks before throwing changes away. True when the dialog closed.
    bool tryCancel();
    bool isModified() const { return m_modified; }

    const core::Reading& saved() const { return m_saved; }
    /// The grades as typed so far.
    const core::Reading& current() const { return m_state.reading; }
    int cursor() const { return m_state.cursor; }
    /// The view that takes the grades (for focus in tests and the tab order).
    wxWindow* spineDiagram() const { return m_diagram; }
    wxWindow* siteGrid() const { return m_grid; }
    /// The film's image beside the grid, and the previous film's beside it (shown only when the reader
    /// has chosen to see the previous film); null when the film has no image.
    FilmImageViewer* imageViewer() const { return m_viewer; }
    FilmImageViewer* previousImageViewer() const { return m_previousViewer; }

private:
    void onSiteKey(wxKeyEvent& event);
    void setSite(const std::optional<core::SiteScore>& score, bool advance);
    void moveTo(int site);
    void pickReason(core::NotAssessableReason reason);
    void updatePrevious();
    /// The registered reader the reader field names (without regard to case), or empty.
    std::string registeredReader() const;
    /// "Add reader...": asks the name, shows the registered readers, confirms, registers.
    void addReader();
    /// Ticks and locks "knew the films' order" once the previous grades have been shown; in a session,
    /// shows the session's chronology, fixed.
    void updateBlinding();
    /// The header line: the patient and the film, or only the film's code when identity is hidden.
    void showHeader();
    /// In a session: the reader fixed, the previous film not offered unless the order is known.
    void fixSessionFields();
    /// The previous film's line and the events against it (or why there are none: blinded, none).
    void showPreviousFilm();
    /// Recomputes scores, events and the bridging check from core and redraws.
    void refresh();
    /// The viewers beside the grid, when the film has images.
    void addImageViewers();
    /// The previous film's image beside this one's, only while the previous film is shown (the
    /// reader then knows the films' order).
    void showPreviousImage();
    /// The magnifier on the current site's mark, if the reader marked it.
    void followCurrentSite();

    FilmScoringContext m_context;
    SaveReading m_save;
    FilmSiteState m_state;
    std::optional<core::Date> m_previousDate;
    std::optional<core::Reading> m_previousReading;  ///< this reader's previous film, shown or not
    bool m_previousSeen = false;                     ///< the previous grades were shown this session
    bool m_awaitingReason = false;
    bool m_modified = false;
    bool m_loading = false;
    core::Reading m_saved;
    std::vector<ViewerImage> m_images;
    std::map<int, ImagePoint> m_siteMarks;  ///< where the reader marked each site on the image
    std::optional<core::Date> m_previousImageDate;
    FilmImageViewer* m_viewer = nullptr;
    FilmImageViewer* m_previousViewer = nullptr;
    wxChoice* m_imageChoice = nullptr;

    wxComboBox* m_reader;
    wxTextCtrl* m_readingDate;
    wxCheckBox* m_chronology;
    wxCheckBox* m_showPrevious;
    SpineDiagram* m_diagram;
    SiteGrid* m_grid;
    wxChoice* m_naReason;
    wxStaticText* m_summary;
    wxStaticText* m_topLine;
};

}  // namespace ankylos::ui
