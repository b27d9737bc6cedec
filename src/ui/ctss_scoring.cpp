#include "ui/ctss_scoring.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "core/format.h"
#include "ui/display.h"
#include "ui/editor_fields.h"
#include "ui/film_site_views.h"
#include "ui/scoring_fields.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

constexpr int kLastQuadrant = core::kQuadrantCount - 1;

/// "12.0 (2 quadrants imputed)": core's value with the imputed count, always shown (docs/methods.md 12),
/// or core's reason it is not computable.
wxString segmentText(const core::CtssSegmentScore& segment) {
    wxString text = segment.value ? fromUtf8(core::formatFixed(*segment.value, 1))
                                  : _("not computable: ") + fromUtf8(segment.reason);
    text += wxString::Format(wxPLURAL(" (%d quadrant imputed)", " (%d quadrants imputed)", segment.imputed),
                             segment.imputed);
    if (segment.notScored > 0 && segment.value)
        text += wxString::Format(
            wxPLURAL(", %d quadrant not scored yet", ", %d quadrants not scored yet", segment.notScored),
            segment.notScored);
    return text;
}

/// The panel's child window filling it.
template <class View>
View* fillPanel(wxWindow* panel, View* view, int proportion) {
    panel->SetSizer(new wxBoxSizer(wxVERTICAL));
    panel->GetSizer()->Add(view, proportion, wxEXPAND);
    return view;
}

}  // namespace

CtssScoringDialog::CtssScoringDialog(wxWindow* parent, const CtssScoringContext& context,
                                     const SaveCtssReading& save)
    : m_context(context), m_save(save) {
    loadDialogLayout(this, parent, "CtssScoring");
    m_reader = XRCCTRL(*this, "reader", wxComboBox);
    m_readingDate = XRCCTRL(*this, "reading_date", wxTextCtrl);
    m_chronology = XRCCTRL(*this, "chronology_known", wxCheckBox);
    m_showPrevious = XRCCTRL(*this, "show_previous", wxCheckBox);
    m_naReason = XRCCTRL(*this, "na_reason", wxChoice);
    m_summary = XRCCTRL(*this, "summary", wxStaticText);
    m_topLine = XRCCTRL(*this, "top_message", wxStaticText);
    m_scroller = XRCCTRL(*this, "grid_scroller", wxScrolledWindow);
    fillReasonChoice(m_naReason);
    auto* addReaderButton = XRCCTRL(*this, "add_reader", wxButton);
    setUpReaderBox(m_reader, addReaderButton, context.readers, static_cast<bool>(context.addReader));
    addReaderButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { addReader(); });

    makeViews();

    const bool female = context.patient.sex == core::Sex::Female;
    const wxString scanner =
        context.scan.device.empty() ? _("scanner not recorded") : fromUtf8(context.scan.device);
    XRCCTRL(*this, "patient_header", wxStaticText)
        ->SetLabel(wxString::Format(_("%s  %s, %s: low-dose CT of %s (%s, %s)"),
                                    fromUtf8(context.patient.clinicId), fromUtf8(context.patient.name),
                                    female ? _("female") : _("male"), dateText(context.scan.date), scanner,
                                    context.scan.wholeSpine ? _("whole spine") : _("part of the spine")));

    bindFields();
    wrapLabel(XRCCTRL(*this, "key_help", wxStaticText), m_scroller->GetMinSize().GetWidth());
    SetMinSize(wxDefaultSize);  // XRC set it to the layout with the keys' help not yet wrapped
    fitToDisplay(this);
}

void CtssScoringDialog::makeViews() {
    auto onKey = [this](wxKeyEvent& event) { onQuadrantKey(event); };
    auto onClick = [this](int quadrant) { moveTo(quadrant); };
    auto* headerPanel = XRCCTRL(*this, "grid_header_panel", wxPanel);
    fillPanel(headerPanel, new CtssGridHeader(headerPanel), 0);
    m_grid = fillPanel(m_scroller, new CtssGrid(m_scroller, m_state, onKey, onClick), 0);
    m_grid->SetMinSize(m_grid->GetBestSize());
    m_scroller->SetScrollRate(0, FromDIP(24));
    // Short screens scroll the rows (the current one kept in view); the dialog is never taller than the
    // screen.
    m_scroller->SetMinSize(wxSize(
        m_grid->GetBestSize().GetWidth() + wxSystemSettings::GetMetric(wxSYS_VSCROLL_X), FromDIP(240)));
    auto* schematicPanel = XRCCTRL(*this, "schematic_panel", wxPanel);
    m_schematic =
        fillPanel(schematicPanel, new CtssUnitSchematic(schematicPanel, m_state, onKey, onClick), 0);
}

void CtssScoringDialog::bindFields() {
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
        const auto& score = m_state.reading.quadrants[static_cast<std::size_t>(m_state.cursor)];
        if (score && !score->assessable())
            setQuadrant(core::QuadrantScore::notAssessable(notAssessableReasons()[static_cast<std::size_t>(
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
}

void CtssScoringDialog::TransferTo(const core::CtssReading& reading) {
    m_loading = true;
    m_state.reading = reading;
    m_reader->ChangeValue(fromUtf8(reading.reader));
    m_readingDate->ChangeValue(dateText(reading.readingDate));
    m_chronology->SetValue(reading.chronologyKnown);
    // Blinded unless the reader chooses to see the previous scan; a reading already done knowing the
    // scans' order shows it again.
    m_showPrevious->SetValue(reading.chronologyKnown);
    m_previousSeen = false;
    // Start at the first quadrant not scored yet: continuing a half-scored scan is the common case.
    m_state.cursor = 0;
    while (m_state.cursor < kLastQuadrant &&
           m_state.reading.quadrants[static_cast<std::size_t>(m_state.cursor)])
        ++m_state.cursor;
    m_loading = false;
    m_modified = false;
    updatePrevious();
    refresh();
    fitToDisplay(this);  // to the labels as they now read
    if (reading.reader.empty())
        m_reader->SetFocus();
    else
        m_grid->SetFocus();
}

void CtssScoringDialog::updatePrevious() {
    // This reader's reading of the latest scan before this one (events compare a reader's own
    // readings, docs/methods.md 12), shown only when the reader chose to see it.
    m_previousReading.reset();
    m_state.previous.reset();
    m_previousDate.reset();
    const std::string reader = foldedReaderName(m_reader->GetValue());
    for (const core::CtScan& scan : m_context.scans) {
        if (scan.date >= m_context.scan.date || (m_previousDate && scan.date <= *m_previousDate))
            continue;
        for (const core::CtssReading& r : scan.readings)
            if (!reader.empty() && core::foldCase(r.reader) == reader) {
                m_previousDate = scan.date;
                m_previousReading = r;
                break;
            }
    }
    if (m_showPrevious->GetValue())
        m_state.previous = m_previousReading;
    m_previousSeen = m_previousSeen || m_state.previous.has_value();
    const bool ticked = lockChronologyOnceSeen(
        m_chronology, m_previousSeen,
        _("The previous scan's grades were shown: the reading is recorded as done knowing the scans' order."),
        _("Tick when the reader knew which scan is the earlier one."));
    if (ticked && !m_loading)
        m_modified = true;
}

void CtssScoringDialog::addReader() {
    if (addReaderTo(this, m_context.readers, m_reader, m_context.addReader, m_topLine, FromDIP(900)))
        Layout();  // the previous scan follows the reader chosen
}

void CtssScoringDialog::showPreviousScan() {
    m_state.events = {};
    auto* previousLabel = XRCCTRL(*this, "previous_label", wxStaticText);
    auto* eventsLabel = XRCCTRL(*this, "events_label", wxStaticText);
    eventsLabel->SetLabel(wxString());
    if (m_state.previous) {
        m_state.events = core::compareCtssReadings(*m_state.previous, m_state.reading);
        int newSyndesmophytes = 0, growing = 0, regressions = 0;
        for (const core::QuadrantEvent& event : m_state.events) {
            newSyndesmophytes += event.newSyndesmophyte;
            growing += event.growing;
            regressions += event.regression;
        }
        previousLabel->SetLabel(
            wxString::Format(_("Scan of %s, read by %s: its grades are shown small in each cell."),
                             dateText(m_previousDate), fromUtf8(m_state.previous->reader)));
        eventsLabel->SetLabel(wxString::Format(_("New syndesmophytes: %d   Growing: %d   Regressions: %d"),
                                               newSyndesmophytes, growing, regressions));
        eventsLabel->SetForegroundColour(regressions > 0 ? errorColour() : GetForegroundColour());
    } else if (m_previousReading) {
        previousLabel->SetLabel(
            wxString::Format(_("Blinded: this reader's grades of the scan of %s are hidden. Showing them "
                               "records the reading as done knowing the scans' order."),
                             dateText(m_previousDate)));
    } else {
        previousLabel->SetLabel(m_reader->GetValue().Strip(wxString::both).empty()
                                    ? _("Choose the reader to see their grades on the previous scan.")
                                    : _("This reader has not read an earlier scan of this patient."));
    }
    wrapLabel(previousLabel, FromDIP(390));
}

void CtssScoringDialog::showCurrentQuadrant() {
    const auto index = static_cast<std::size_t>(m_state.cursor);
    const std::optional<core::QuadrantScore>& current = m_state.reading.quadrants[index];
    wxString text = fromUtf8(core::quadrantId(core::allQuadrants()[index])) + ": ";
    if (m_awaitingReason)
        text += reasonPrompt();
    else if (!current)
        text += _("not scored yet");
    else if (current->assessable())
        text += wxString::Format(_("grade %d"), current->grade());
    else
        text += _("not assessable (") + reasonText(*current->reason()) + ")";
    if (m_state.previous && !m_awaitingReason) {
        const wxString was = quadrantScoreText(m_state.previous->quadrants[index]);
        text += wxString::Format(_("; previous scan %s"), was.empty() ? _("not scored") : was);
    }
    auto* label = XRCCTRL(*this, "quadrant_label", wxStaticText);
    label->SetLabel(text);
    label->SetForegroundColour(m_awaitingReason ? wxColour(0x15, 0x65, 0xc0) : GetForegroundColour());
    wrapLabel(label, FromDIP(390));
    const bool notAssessable = current && !current->assessable();
    m_naReason->Enable(notAssessable);
    if (notAssessable)
        m_naReason->SetSelection(reasonIndex(*current->reason()));
}

void CtssScoringDialog::refresh() {
    const core::CtssScore score = core::scoreCtssReading(m_state.reading, m_context.settings.ctss);
    XRCCTRL(*this, "score_cervical", wxStaticText)->SetLabel(segmentText(score.cervical));
    XRCCTRL(*this, "score_thoracic", wxStaticText)->SetLabel(segmentText(score.thoracic));
    XRCCTRL(*this, "score_lumbar", wxStaticText)->SetLabel(segmentText(score.lumbar));
    XRCCTRL(*this, "score_total", wxStaticText)
        ->SetLabel(score.total ? fromUtf8(core::formatFixed(*score.total, 1)) : _("not computable"));
    // Why not: core's reason naming every segment, under the segment lines that name their own.
    XRCCTRL(*this, "score_total", wxStaticText)->SetToolTip(fromUtf8(score.reason));
    for (const char* name : {"score_cervical", "score_thoracic", "score_lumbar"})
        wrapLabel(XRCCTRL(*this, name, wxStaticText), FromDIP(300));
    showPreviousScan();
    showCurrentQuadrant();
    m_grid->Refresh();
    m_schematic->Refresh();
    Layout();
    m_grid->showCurrentRow(m_scroller);
}

void CtssScoringDialog::moveTo(int quadrant) {
    m_awaitingReason = false;
    m_state.cursor = std::clamp(quadrant, 0, kLastQuadrant);
    refresh();
}

void CtssScoringDialog::setQuadrant(const std::optional<core::QuadrantScore>& score, bool advance) {
    m_state.reading.quadrants[static_cast<std::size_t>(m_state.cursor)] = score;
    m_modified = true;
    m_awaitingReason = false;
    if (advance && m_state.cursor < kLastQuadrant)
        ++m_state.cursor;
    refresh();
}

bool CtssScoringDialog::moveByKey(int keyCode) {
    const int cursor = m_state.cursor;
    const int unitStart = cursor - cursor % core::kQuadrantsPerUnit;
    switch (keyCode) {
        case WXK_LEFT:
            moveTo(cursor - 1);
            return true;
        case WXK_RIGHT:
            moveTo(cursor + 1);
            return true;
        case WXK_UP:  // the same quadrant of the unit above
            moveTo(cursor >= core::kQuadrantsPerUnit ? cursor - core::kQuadrantsPerUnit : cursor);
            return true;
        case WXK_DOWN:
            moveTo(cursor + core::kQuadrantsPerUnit <= kLastQuadrant ? cursor + core::kQuadrantsPerUnit
                                                                     : cursor);
            return true;
        case WXK_PAGEUP:  // the first quadrant of the unit above
            moveTo(std::max(0, unitStart - core::kQuadrantsPerUnit));
            return true;
        case WXK_PAGEDOWN:
            moveTo(
                std::min(unitStart + core::kQuadrantsPerUnit, kLastQuadrant - core::kQuadrantsPerUnit + 1));
            return true;
        case WXK_HOME:
            moveTo(0);
            return true;
        case WXK_END:
            moveTo(kLastQuadrant);
            return true;
        default:
            return false;
    }
}

void CtssScoringDialog::onQuadrantKey(wxKeyEvent& event) {
    const int code = event.GetKeyCode();
    const wxChar ch = event.GetUnicodeKey();
    if (m_awaitingReason) {
        if (const auto reason = reasonForKey(code, ch))
            setQuadrant(core::QuadrantScore::notAssessable(*reason), true);
        else if (code == WXK_BACK) {
            m_awaitingReason = false;
            refresh();
        } else
            wxBell();
        return;
    }
    if (ch >= '0' && ch <= '3') {
        // core validates the grade (0-3) and names the quadrant when it is not.
        setQuadrant(core::QuadrantScore::graded(
                        core::allQuadrants()[static_cast<std::size_t>(m_state.cursor)], ch - '0'),
                    true);
        return;
    }
    if (moveByKey(code))
        return;
    switch (code) {
        case 'N':
        case 'n':
            m_awaitingReason = true;
            refresh();
            return;
        case WXK_BACK:
            if (!m_state.reading.quadrants[static_cast<std::size_t>(m_state.cursor)] && m_state.cursor > 0)
                --m_state.cursor;
            setQuadrant(std::nullopt, false);
            return;
        case WXK_DELETE:
            setQuadrant(std::nullopt, false);
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

bool CtssScoringDialog::TransferFrom(core::CtssReading& reading) {
    const std::optional<ReadingHeader> header =
        readReadingHeader({m_reader, m_readingDate, m_chronology, m_topLine}, m_context.readers,
                          m_context.patient.birth, FromDIP(900));
    Layout();
    if (!header)
        return false;
    reading = m_state.reading;
    reading.reader = header->reader;
    reading.readingDate = header->readingDate;
    reading.chronologyKnown = header->chronologyKnown;
    return true;
}

bool CtssScoringDialog::trySave() {
    core::CtssReading reading;
    if (!TransferFrom(reading))
        return false;
    std::vector<std::string> notScored;
    for (core::Quadrant quadrant : core::allQuadrants())
        if (!reading.at(quadrant))
            notScored.push_back(core::quadrantId(quadrant));
    if (!notScored.empty()) {
        // Name the first few: a new scan has 184 to name.
        std::vector<std::string> named(notScored.begin(),
                                       notScored.begin() + std::min<std::size_t>(notScored.size(), 6));
        if (named.size() < notScored.size())
            named.push_back("...");
        wxMessageDialog ask(
            this,
            wxString::Format(_("%d of 184 quadrants are not scored yet (%s). Save the incomplete reading?"),
                             static_cast<int>(notScored.size()), fromUtf8(core::joinNames(named))),
            _("Incomplete reading"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        ask.SetYesNoLabels(_("&Save incomplete"), _("&Go back"));
        if (ask.ShowModal() != wxID_YES) {
            moveTo(core::quadrantFromId(notScored.front())->index());
            m_grid->SetFocus();
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

bool CtssScoringDialog::tryCancel() {
    return cancelEditing(this, m_modified, _("This reading has unsaved changes. Discard them?"),
                         _("&Keep scoring"));
}

bool scoreCtss(wxWindow* parent, const CtssScoringContext& context, core::CtssReading& reading,
               const SaveCtssReading& save) {
    CtssScoringDialog dialog(parent, context, save);
    dialog.SetTitle(reading.reader.empty() ? _("Score CT scan (CTSS)") : _("Edit CTSS reading"));
    dialog.TransferTo(reading);
    if (dialog.ShowModal() != wxID_OK)
        return false;
    reading = dialog.saved();
    return true;
}

}  // namespace ankylos::ui
