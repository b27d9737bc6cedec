#include "ui/film_scoring.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "core/format.h"
#include "core/site_events.h"
#include "ui/display.h"
#include "ui/reader_choice.h"
#include "ui/scoring_fields.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

wxString segmentText(const core::SegmentScore& segment) {
    if (!segment.value)
        return _("not computable: ") + fromUtf8(segment.reason);
    wxString text = fromUtf8(core::formatFixed(*segment.value, 1));
    if (segment.imputed > 0)
        text += wxString::Format(wxPLURAL(" (%d site imputed)", " (%d sites imputed)", segment.imputed),
                                 segment.imputed);
    if (segment.notScored > 0)
        text += wxString::Format(
            wxPLURAL(", %d site not scored yet", ", %d sites not scored yet", segment.notScored),
            segment.notScored);
    return text;
}

}  // namespace

FilmScoringDialog::FilmScoringDialog(wxWindow* parent, const FilmScoringContext& context,
                                     const SaveReading& save)
    : m_context(context), m_save(save) {
    loadDialogLayout(this, parent, "FilmScoring");
    m_reader = XRCCTRL(*this, "reader", wxComboBox);
    m_readingDate = XRCCTRL(*this, "reading_date", wxTextCtrl);
    m_chronology = XRCCTRL(*this, "chronology_known", wxCheckBox);
    m_showPrevious = XRCCTRL(*this, "show_previous", wxCheckBox);
    m_naReason = XRCCTRL(*this, "na_reason", wxChoice);
    m_summary = XRCCTRL(*this, "summary", wxStaticText);
    m_topLine = XRCCTRL(*this, "top_message", wxStaticText);
    fillReasonChoice(m_naReason);
    auto* addReaderButton = XRCCTRL(*this, "add_reader", wxButton);
    setUpReaderBox(m_reader, addReaderButton, context.readers, static_cast<bool>(context.addReader));
    addReaderButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { addReader(); });

    auto onKey = [this](wxKeyEvent& event) { onSiteKey(event); };
    auto onClick = [this](int site) { moveTo(site); };
    auto* spinePanel = XRCCTRL(*this, "spine_panel", wxPanel);
    m_diagram = new SpineDiagram(spinePanel, m_state, onKey, onClick);
    spinePanel->SetSizer(new wxBoxSizer(wxVERTICAL));
    spinePanel->GetSizer()->Add(m_diagram, 1, wxEXPAND);
    auto* gridPanel = XRCCTRL(*this, "grid_panel", wxPanel);
    m_grid = new SiteGrid(gridPanel, m_state, onKey, onClick);
    gridPanel->SetSizer(new wxBoxSizer(wxVERTICAL));
    gridPanel->GetSizer()->Add(m_grid, 0, wxEXPAND);

    showHeader();
    fixSessionFields();

    auto readerChanged = [this](wxCommandEvent&) {
        if (m_loading)
            return;
        m_modified = true;
        updatePrevious();
        refresh();
    };
    m_reader->Bind(wxEVT_TEXT, readerChanged);
    m_reader->Bind(wxEVT_COMBOBOX, readerChanged);
    m_readingDate->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!m_loading)
            m_modified = true;
    });
    m_chronology->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { m_modified = true; });
    m_showPrevious->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        updatePrevious();
        refresh();
    });
    m_naReason->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const auto& score = m_state.reading.sites[m_state.cursor];
        if (score && !score->assessable())
            setSite(core::SiteScore::notAssessable(notAssessableReasons()[static_cast<std::size_t>(
                        std::max(0, m_naReason->GetSelection()))]),
                    false);
    });
    bindSaveAndCancel(
        this, [this] { return trySave(); }, [this] { return tryCancel(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (event.GetKeyCode() == WXK_ESCAPE && event.GetModifiers() == wxMOD_NONE) {
            if (m_awaitingReason) {  // Esc leaves the reason question, not the dialog
                m_awaitingReason = false;
                refresh();
            } else
                tryCancel();
            return;
        }
        event.Skip();
    });
    wrapLabel(XRCCTRL(*this, "key_help", wxStaticText), FromDIP(560));
    addImageViewers();
    fitToDisplay(this);
}

void FilmScoringDialog::showHeader() {
    const BlindedView& view = m_context.view;
    const wxString film = view.filmName(m_context.filmDate);
    wxString header;
    if (!view.identityShown)
        header = wxString::Format(_("Film %s: lateral spine film of reading session %s"), film,
                                  fromUtf8(m_context.session));
    else
        header = wxString::Format(_("%s  %s, %s: lateral spine film of %s"),
                                  fromUtf8(m_context.patient.clinicId), fromUtf8(m_context.patient.name),
                                  m_context.patient.sex == core::Sex::Female ? _("female") : _("male"), film);
    XRCCTRL(*this, "patient_header", wxStaticText)->SetLabel(header);
}

void FilmScoringDialog::fixSessionFields() {
    if (m_context.session.empty())
        return;
    m_reader->Enable(false);  // the worklist's reader
    m_reader->SetToolTip(wxString::Format(_("The reader of this worklist in reading session %s."),
                                          fromUtf8(m_context.session)));
    m_showPrevious->Show(m_context.view.previousFilmOffered);
}

void FilmScoringDialog::addImageViewers() {
    if (m_context.filmImages)
        m_images = m_context.filmImages(m_context.filmDate);
    if (m_images.empty())
        return;
    // The radiograph takes the spine diagram's place (the compact grid below scores the same sites):
    // at 1366x768 there is no room for the image beside both.
    auto* spinePanel = XRCCTRL(*this, "spine_panel", wxPanel);
    m_diagram->Hide();
    auto* images = new wxBoxSizer(wxVERTICAL);
    if (m_images.size() > 1) {
        m_imageChoice = new wxChoice(spinePanel, wxID_ANY);
        m_imageChoice->SetName("image_choice");
        for (const ViewerImage& image : m_images)
            m_imageChoice->Append(image.caption);
        m_imageChoice->SetSelection(0);
        m_imageChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
            const ViewerImage& image = m_images[static_cast<std::size_t>(m_imageChoice->GetSelection())];
            m_siteMarks.clear();  // marks belong to the image they were made on
            m_viewer->setImage(image.pixels, image.caption);
        });
        images->Add(m_imageChoice, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
    }
    auto* viewers = new wxBoxSizer(wxHORIZONTAL);
    m_previousViewer = new FilmImageViewer(spinePanel);
    m_previousViewer->SetName("previous_image_viewer");
    m_viewer = new FilmImageViewer(spinePanel, [this](ImagePoint point) {
        m_siteMarks[m_state.cursor] = point;
        m_viewer->setMagnifier(true);
        followCurrentSite();
    });
    viewers->Add(m_previousViewer, 1, wxEXPAND | wxRIGHT, FromDIP(4));
    viewers->Add(m_viewer, 1, wxEXPAND);
    images->Add(viewers, 1, wxEXPAND);
    images->SetMinSize(
        m_diagram->GetBestSize());  // the previous film's viewer, hidden for now, needs room too
    spinePanel->GetSizer()->Add(images, 1, wxEXPAND);
    auto* keyHelp = XRCCTRL(*this, "key_help", wxStaticText);
    keyHelp->SetLabel(
        keyHelp->GetLabel() + "\n" +
        _("Image: Ctrl++ / Ctrl+- zoom, Ctrl+0 fit, Ctrl+I invert, Ctrl+M magnifier; Shift+click "
          "on the image marks where the current site is, and the magnifier follows marked sites."));
    wrapLabel(keyHelp, FromDIP(560));
    if (m_images.front().pixels.width > 0)
        m_viewer->setImage(m_images.front().pixels, m_images.front().caption);
    else
        m_viewer->clearImage(m_images.front().caption);
    m_previousViewer->Hide();
    // Ctrl+ shortcuts reach the viewer while the grid keeps the keyboard for grades.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (!m_viewer->handleShortcut(event))
            event.Skip();
    });
}

void FilmScoringDialog::showPreviousImage() {
    if (!m_viewer)
        return;
    const bool show = m_state.previous && m_previousDate;
    if (show && m_previousImageDate != m_previousDate) {
        m_previousImageDate = m_previousDate;
        const std::vector<ViewerImage> previous =
            m_context.filmImages ? m_context.filmImages(*m_previousDate) : std::vector<ViewerImage>{};
        if (!previous.empty() && previous.front().pixels.width > 0)
            m_previousViewer->setImage(previous.front().pixels, previous.front().caption);
        else
            m_previousViewer->clearImage(previous.empty()
                                             ? wxString::Format(_("No image attached to the film of %s."),
                                                                m_context.view.filmName(*m_previousDate))
                                             : previous.front().caption);
    }
    if (m_previousViewer->IsShown() != show) {
        m_previousViewer->Show(show);
        Layout();
    }
}

void FilmScoringDialog::followCurrentSite() {
    if (!m_viewer)
        return;
    const auto mark = m_siteMarks.find(m_state.cursor);
    m_viewer->setMagnifierFocus(mark == m_siteMarks.end() ? std::nullopt
                                                          : std::optional<ImagePoint>(mark->second));
}

void FilmScoringDialog::TransferTo(const core::Reading& reading) {
    m_loading = true;
    m_state.reading = reading;
    m_reader->ChangeValue(fromUtf8(reading.reader));
    m_readingDate->ChangeValue(dateText(reading.readingDate));
    m_chronology->SetValue(reading.chronologyKnown);
    // Blinded unless the reader chooses to see the previous film; a reading already done knowing
    // the films' order shows it again.
    m_showPrevious->SetValue(reading.chronologyKnown);
    m_previousSeen = false;
    // Start at the first site not scored yet: continuing a half-scored film is the common case.
    m_state.cursor = 0;
    while (m_state.cursor < core::kSiteCount - 1 && m_state.reading.sites[m_state.cursor])
        ++m_state.cursor;
    m_loading = false;
    m_modified = false;
    updatePrevious();
    refresh();
    if (reading.reader.empty())
        m_reader->SetFocus();
    else if (m_viewer)
        m_grid->SetFocus();  // the diagram gave its place to the image
    else
        m_diagram->SetFocus();
}

void FilmScoringDialog::updatePrevious() {
    // This reader's reading of the latest film before this one (docs/methods.md 1.4 compares a
    // reader's own readings), shown only when the reader chose to see it.
    m_previousReading.reset();
    m_state.previous.reset();
    m_previousDate.reset();
    if (!m_context.view.previousFilmOffered) {  // the session hides the films' order
        updateBlinding();
        return;
    }
    const std::string reader = foldedReaderName(m_reader->GetValue());
    const core::Film* best = nullptr;
    for (const core::Film& film : m_context.films) {
        if (film.date >= m_context.filmDate || (best && film.date <= best->date))
            continue;
        for (const core::Reading& r : film.readings)
            if (!reader.empty() && core::foldCase(r.reader) == reader) {
                best = &film;
                m_previousReading = r;
                break;
            }
    }
    if (best)
        m_previousDate = best->date;
    if (m_showPrevious->GetValue())
        m_state.previous = m_previousReading;
    updateBlinding();
}

void FilmScoringDialog::updateBlinding() {
    if (!m_context.session.empty()) {  // storage records the session's blinding, whatever is ticked
        m_chronology->SetValue(m_context.view.previousFilmOffered);
        m_chronology->Enable(false);
        m_chronology->SetToolTip(_("Recorded as the reading session's blinding."));
        return;
    }
    // What is recorded is what happened: a reader who saw their grades of the previous film knew
    // which film is earlier, even after hiding them again.
    m_previousSeen = m_previousSeen || m_state.previous.has_value();
    const bool ticked = lockChronologyOnceSeen(
        m_chronology, m_previousSeen,
        _("The previous film's grades were shown: the reading is recorded as done knowing the films' order."),
        _("Tick when the reader knew which film is the earlier one."));
    if (ticked && !m_loading)
        m_modified = true;
}

std::string FilmScoringDialog::registeredReader() const {
    return registeredReaderIn(m_reader, m_context.readers);
}

void FilmScoringDialog::addReader() {
    if (addReaderTo(this, m_context.readers, m_reader, m_context.addReader, m_topLine, FromDIP(900)))
        Layout();  // the previous film follows the reader chosen
}

void FilmScoringDialog::showPreviousFilm() {
    // Events against this reader's previous film.
    m_state.events = {};
    auto* previousLabel = XRCCTRL(*this, "previous_label", wxStaticText);
    auto* eventsLabel = XRCCTRL(*this, "events_label", wxStaticText);
    if (m_state.previous) {
        m_state.events =
            core::compareReadings(*m_state.previous, m_state.reading, m_context.settings.progression);
        int syndesmophytes = 0, bridgings = 0, regressions = 0;
        for (const core::SiteEvent& event : m_state.events) {
            syndesmophytes += event.newSyndesmophyte;
            bridgings += event.newBridging;
            regressions += event.regression;
        }
        previousLabel->SetLabel(
            wxString::Format(_("Film of %s, read by %s: its grades are shown as \"was\"."),
                             m_context.view.filmName(*m_previousDate), fromUtf8(m_state.previous->reader)));
        eventsLabel->SetLabel(
            wxString::Format(_("New syndesmophytes: %d   New bridging: %d   Regressions: %d"), syndesmophytes,
                             bridgings, regressions));
        eventsLabel->SetForegroundColour(regressions > 0 ? errorColour() : GetForegroundColour());
    } else if (m_previousReading) {
        previousLabel->SetLabel(
            wxString::Format(_("Blinded: this reader's grades of the film of %s are hidden. Showing them "
                               "records the reading as done knowing the films' order."),
                             m_context.view.filmName(*m_previousDate)));
        eventsLabel->SetLabel(wxString());
    } else if (!m_context.view.previousFilmOffered) {
        previousLabel->SetLabel(
            _("The films' order is hidden in this reading session: no previous film is shown."));
        eventsLabel->SetLabel(wxString());
    } else {
        previousLabel->SetLabel(m_reader->GetValue().Strip(wxString::both).empty()
                                    ? _("Choose the reader to see their grades on the previous film.")
                                    : _("This reader has not read an earlier film of this patient."));
        eventsLabel->SetLabel(wxString());
    }
    wrapLabel(previousLabel, FromDIP(330));
}

void FilmScoringDialog::refresh() {
    const core::MsasssScore score = core::scoreReading(m_state.reading, m_context.settings.msasss);
    XRCCTRL(*this, "score_cervical", wxStaticText)->SetLabel(segmentText(score.cervical));
    XRCCTRL(*this, "score_lumbar", wxStaticText)->SetLabel(segmentText(score.lumbar));
    XRCCTRL(*this, "score_total", wxStaticText)
        ->SetLabel(score.total ? fromUtf8(core::formatFixed(*score.total, 1)) : _("not computable"));
    // Why not: core's reason, under the segment lines that name their own.
    XRCCTRL(*this, "score_total", wxStaticText)->SetToolTip(fromUtf8(score.reason));

    showPreviousFilm();

    // The bridging check: a bridge has two ends (docs/methods.md 1.4).
    m_state.bridgingFlag = {};
    wxString bridging;
    for (const core::BridgingInconsistency& flag : core::checkBridgingConsistency(m_state.reading)) {
        m_state.bridgingFlag[core::siteIndex(flag.bridged)] = true;
        m_state.bridgingFlag[core::siteIndex(flag.other)] = true;
        bridging += (bridging.empty() ? "" : "\n") + fromUtf8(flag.message());
    }
    auto* bridgingLabel = XRCCTRL(*this, "bridging_label", wxStaticText);
    bridgingLabel->SetLabel(bridging.empty() ? _("No inconsistent disc space.") : bridging);
    bridgingLabel->SetForegroundColour(bridging.empty() ? GetForegroundColour() : errorColour());
    wrapLabel(bridgingLabel, FromDIP(330));

    // The current site.
    const int site = m_state.cursor;
    const std::optional<core::SiteScore>& current = m_state.reading.sites[site];
    wxString siteText = fromUtf8(core::siteId(core::allSites()[site])) + ": ";
    if (m_awaitingReason)
        siteText += reasonPrompt();
    else if (!current)
        siteText += _("not scored yet");
    else if (current->assessable())
        siteText += wxString::Format(_("grade %d"), current->grade());
    else
        siteText += _("not assessable (") + reasonText(*current->reason()) + ")";
    if (m_state.previous && !m_awaitingReason) {
        const wxString was = siteScoreText(m_state.previous->sites[site]);
        siteText += wxString::Format(_("; previous film %s"), was.empty() ? _("not scored") : was);
    }
    auto* siteLabel = XRCCTRL(*this, "site_label", wxStaticText);
    siteLabel->SetLabel(siteText);
    siteLabel->SetForegroundColour(m_awaitingReason ? wxColour(0x15, 0x65, 0xc0) : GetForegroundColour());
    wrapLabel(siteLabel, FromDIP(330));
    const bool notAssessable = current && !current->assessable();
    m_naReason->Enable(notAssessable);
    if (notAssessable)
        m_naReason->SetSelection(reasonIndex(*current->reason()));
    showPreviousImage();
    followCurrentSite();
    m_diagram->Refresh();
    m_grid->Refresh();
    Layout();
}

void FilmScoringDialog::moveTo(int site) {
    m_awaitingReason = false;
    m_state.cursor = std::clamp(site, 0, core::kSiteCount - 1);
    refresh();
}

void FilmScoringDialog::setSite(const std::optional<core::SiteScore>& score, bool advance) {
    m_state.reading.sites[m_state.cursor] = score;
    m_modified = true;
    m_awaitingReason = false;
    if (advance && m_state.cursor < core::kSiteCount - 1)
        ++m_state.cursor;
    refresh();
}

void FilmScoringDialog::pickReason(core::NotAssessableReason reason) {
    setSite(core::SiteScore::notAssessable(reason), true);
}

void FilmScoringDialog::onSiteKey(wxKeyEvent& event) {
    const int code = event.GetKeyCode();
    const wxChar ch = event.GetUnicodeKey();
    if (m_awaitingReason) {
        if (const auto reason = reasonForKey(code, ch))
            pickReason(*reason);
        else if (code == WXK_BACK) {
            m_awaitingReason = false;
            refresh();
        } else
            wxBell();
        return;
    }
    if (ch >= '0' && ch <= '3') {
        // core validates the grade (0-3) and names the site when it is not.
        setSite(core::SiteScore::graded(core::allSites()[m_state.cursor], ch - '0'), true);
        return;
    }
    switch (code) {
        case 'N':
        case 'n':
            m_awaitingReason = true;
            refresh();
            return;
        case WXK_BACK:
            if (!m_state.reading.sites[m_state.cursor] && m_state.cursor > 0)
                --m_state.cursor;
            setSite(std::nullopt, false);
            return;
        case WXK_DELETE:
            setSite(std::nullopt, false);
            return;
        case WXK_LEFT:
        case WXK_UP:
            moveTo(m_state.cursor - 1);
            return;
        case WXK_RIGHT:
        case WXK_DOWN:
            moveTo(m_state.cursor + 1);
            return;
        case WXK_HOME:
            moveTo(0);
            return;
        case WXK_END:
            moveTo(core::kSiteCount - 1);
            return;
        case WXK_RETURN:
        case WXK_NUMPAD_ENTER:
            trySave();
            return;
        case WXK_TAB:
            static_cast<wxWindow*>(event.GetEventObject())
                ->Navigate(event.ShiftDown() ? wxNavigationKeyEvent::IsBackward
                                             : wxNavigationKeyEvent::IsForward);
            return;
        default:
            if (ch >= ' ')
                wxBell();
            event.Skip();
    }
}

bool FilmScoringDialog::TransferFrom(core::Reading& reading) {
    const std::optional<ReadingHeader> header =
        readReadingHeader({m_reader, m_readingDate, m_chronology, m_topLine}, m_context.readers,
                          m_context.patient.birth, FromDIP(900), m_context.view.identityShown);
    Layout();
    if (!header)
        return false;
    reading = m_state.reading;
    reading.reader = header->reader;
    reading.readingDate = header->readingDate;
    reading.chronologyKnown = header->chronologyKnown;
    return true;
}

bool FilmScoringDialog::trySave() {
    core::Reading reading;
    if (!TransferFrom(reading))
        return false;
    std::vector<std::string> notScored;
    for (core::Site site : core::allSites())
        if (!reading.at(site))
            notScored.push_back(core::siteId(site));
    if (!notScored.empty()) {
        wxMessageDialog ask(
            this,
            wxString::Format(_("%d of 24 sites are not scored yet (%s). Save the incomplete reading?"),
                             static_cast<int>(notScored.size()), fromUtf8(core::joinNames(notScored))),
            _("Incomplete reading"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        ask.SetYesNoLabels(_("&Save incomplete"), _("&Go back"));
        if (ask.ShowModal() != wxID_YES) {
            moveTo(core::siteIndex(*core::siteFromId(notScored.front())));
            m_diagram->SetFocus();
            return false;
        }
    }
    if (!saveOrShowRefusal(this, m_summary, FromDIP(900), [&] { m_save(reading); }))
        return false;
    m_saved = reading;
    m_modified = false;
    endDialog(this, wxID_OK);
    return true;
}

bool FilmScoringDialog::tryCancel() {
    return cancelEditing(this, m_modified, _("This reading has unsaved changes. Discard them?"),
                         _("&Keep scoring"));
}

bool scoreFilm(wxWindow* parent, const FilmScoringContext& context, core::Reading& reading,
               const SaveReading& save) {
    FilmScoringDialog dialog(parent, context, save);
    if (!context.session.empty())
        dialog.SetTitle(wxString::Format(std::none_of(reading.sites.begin(), reading.sites.end(),
                                                      [](const auto& site) { return site.has_value(); })
                                             ? _("Score film %s")
                                             : _("Edit reading of %s"),
                                         context.view.filmName(context.filmDate)));
    else
        dialog.SetTitle(reading.reader.empty() ? _("Score film") : _("Edit reading"));
    dialog.TransferTo(reading);
    if (dialog.ShowModal() != wxID_OK)
        return false;
    reading = dialog.saved();
    return true;
}

}  // namespace ankylos::ui
