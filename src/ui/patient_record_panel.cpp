#include "ui/patient_record_panel.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include <algorithm>

#include "core/ctss_progression.h"
#include "core/exposure.h"
#include "core/format.h"
#include "core/visit.h"
#include "report/charts.h"
#include "storage/audit.h"
#include "storage/errors.h"
#include "storage/film_image_repository.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/patient_audit.h"
#include "storage/patient_repository.h"
#include "storage/patient_summary.h"
#include "storage/reader_repository.h"
#include "storage/settings_store.h"
#include "storage/visit_repository.h"
#include "ui/audit_text.h"
#include "ui/course_panel.h"
#include "ui/ct_scans_page.h"
#include "ui/display.h"
#include "ui/film_scoring.h"
#include "ui/language.h"
#include "ui/patient_editor.h"
#include "ui/pelvic_films_page.h"
#include "ui/permissions.h"
#include "ui/reason_dialog.h"
#include "ui/record_edits.h"
#include "ui/record_table.h"
#include "ui/sign_dialog.h"
#include "ui/text_wrap.h"
#include "ui/treatment_page.h"
#include "ui/visit_editor.h"

namespace ankylos::ui {

namespace {

using storage::Action;

/// "progression", or with core's short-interval flag "progression (short interval)" (docs/methods.md 1.5).
wxString verdictText(const core::ProgressionResult& pair) {
    const wxString verdict = pair.progression ? _("progression") : _("no progression");
    return pair.shortInterval ? wxString::Format(_("%s (short interval)"), verdict) : verdict;
}

wxString asdasCell(const core::AsdasResult& result) {
    if (!result.value || !result.state)
        return wxString();
    // Enough decimals that the number never contradicts the state beside it (core::formatAsdas).
    return fromUtf8(core::formatAsdas(*result.value)) + " " + asdasStateText(*result.state);
}

wxString labCell(const core::Visit& visit, core::Analyte analyte) {
    const core::LabValue* value = visit.lab(analyte);
    if (!value)
        return wxString();
    return (value->belowDetectionLimit ? "<" : "") + fromUtf8(core::formatNumber(value->value)) + " " +
           fromUtf8(value->unit);
}

/// "TNF inhibitor 100 % (exposed, from the start); NSAID 35 %": each class given during the interval
/// with its share of the days (docs/methods.md 10), or that none was recorded.
wxString exposureText(const core::ExposureResult& exposure) {
    if (!exposure.computable())
        return fromUtf8(exposure.reason);
    wxString text;
    for (const core::ClassExposure& c : exposure.classes) {
        if (c.days == 0)
            continue;
        wxString flags;
        if (c.exposed)
            flags = _("exposed");
        if (c.atStart)
            flags += (flags.empty() ? "" : ", ") + _("from the start");
        text += (text.empty() ? "" : "; ") + coreText(core::drugClassLabel(c.drugClass)) + " " +
                fromUtf8(core::formatFixed(100 * c.fraction, 0)) + " %" +
                (flags.empty() ? "" : " (" + flags + ")");
    }
    return text.empty() ? _("none recorded") : text;
}

}  // namespace

PatientRecordPanel::PatientRecordPanel(wxWindow* parent, storage::Database& db, std::function<void()> changed,
                                       std::function<void()> back)
    : wxPanel(parent), m_db(db), m_changed(std::move(changed)), m_back(std::move(back)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    auto* header = new wxBoxSizer(wxHORIZONTAL);
    auto* headerText = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(this, wxID_ANY, wxString());
    m_title->SetFont(m_title->GetFont().Scaled(1.5f).Bold());
    m_details = new wxStaticText(this, wxID_ANY, wxString());
    headerText->Add(m_title, 0, wxBOTTOM, FromDIP(4));
    headerText->Add(m_details, 0);
    header->Add(headerText, 1, wxALIGN_CENTER_VERTICAL);
    auto* edit = new wxButton(this, wxID_ANY, _("&Edit patient..."));
    offerAction(edit, m_db, Action::EditPatients);
    auto* backButton = new wxButton(this, wxID_ANY, _("&Back to list"));
    header->Add(edit, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    header->Add(backButton, 0, wxALIGN_CENTER_VERTICAL);
    sizer->Add(header, 0, wxEXPAND | wxALL, FromDIP(10));

    m_tabs = new wxNotebook(this, wxID_ANY);
    m_course = new CourseCanvas(m_tabs);
    m_tabs->AddPage(m_course, _("Course"), true);

    const auto tablePage = [this](wxListCtrl*& table, const std::vector<std::pair<wxString, int>>& columns,
                                  const std::vector<ActionButton>& buttons) {
        auto* page = new wxPanel(m_tabs);
        auto* pageSizer = new wxBoxSizer(wxVERTICAL);
        if (!buttons.empty())
            pageSizer->Add(makeButtonRow(page, m_db, buttons), 0, wxALL, FromDIP(6));
        table = makeRecordTable(page, columns);
        pageSizer->Add(table, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
        page->SetSizer(pageSizer);
        return std::make_pair(page, pageSizer);
    };

    auto visitsPage = tablePage(
        m_visits,
        {{_("Date"), 100},
         {_("Sign-off (UTC)"), 230},
         {_("BASDAI"), 70},
         {_("ASDAS-CRP"), 200},
         {_("ASDAS-ESR"), 200},
         {_("BASFI"), 60},
         {_("BASMI"), 75},  // the linear BASMI (BASMIlin), the one stored
         {_("CRP"), 90},
         {_("ESR"), 80},
         {_("BMD"), 150},
         {_("Notes"), 240}},
        {{_("&New visit..."), [this] { newVisit(); }, Action::EditVisits,
          _("New visit: Alt+N on this tab, Ctrl+Shift+V from anywhere in the record (Patient menu)")},
         {_("E&dit visit..."), [this] { editVisitAt(selectedRow(m_visits)); }, Action::EditVisits},
         {_("De&lete visit..."), [this] { deleteVisitAt(selectedRow(m_visits)); }, Action::EditVisits},
         {_("Si&gn visit..."), [this] { signVisitAt(selectedRow(m_visits)); }, Action::SignVisits}});
    m_tabs->AddPage(visitsPage.first, _("Visits"));
    m_visits->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        if (mayDo(m_db, Action::EditVisits))
            editVisitAt(event.GetIndex());
    });

    m_treatment = new TreatmentPage(
        m_tabs, m_db, [this] { afterWrite(); }, [this] { reload(); });
    m_tabs->AddPage(m_treatment, _("Treatment"));

    auto filmsPage = tablePage(
        m_films,
        {{_("Film date"), 100},
         {_("Readings"), 75},
         {_("mSASSS per reader"), 330},
         {_("Film score"), 90},
         {_("Sign-off (UTC)"), 330},
         {_("Note"), 420}},
        // Not Alt+F: that opens the File menu.
        {{_("&New film..."), [this] { newFilm(); }, Action::AddFilms,
          _("New film: Alt+N on this tab, Ctrl+Shift+F from anywhere in the record (Patient menu)")},
         {_("&Score film..."), [this] { openFilmAt(selectedRow(m_films)); }, Action::ScoreFilms},
         {_("Delete fil&m..."), [this] { deleteFilmAt(selectedRow(m_films)); }, Action::DeleteFilms},
         {_("Si&gn reading..."), [this] { signReadingAt(selectedRow(m_films)); }, Action::SignReadings}});
    m_tabs->AddPage(filmsPage.first, _("Films"));
    m_films->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        if (mayDo(m_db, Action::ScoreFilms))
            openFilmAt(event.GetIndex());
    });

    auto progressionPage = tablePage(m_progression,
                                     {{_("Pair"), 190},
                                      {_("Interval"), 70},
                                      {_("Change"), 65},
                                      {_("Rate / year"), 85},
                                      {_("Events"), 250},
                                      {_("Criterion"), 200},
                                      {_("Verdict"), 115},
                                      {_("Treatment in the interval"), 300},
                                      {_("Note"), 600}},
                                     {});
    m_progressionSettings = new wxStaticText(progressionPage.first, wxID_ANY, wxString());
    progressionPage.second->Add(m_progressionSettings, 0, wxALL, FromDIP(8));
    // The CTSS of low-dose CT beside the mSASSS, in a table of its own: the two are never mixed.
    m_ctssHeading = new wxStaticText(progressionPage.first, wxID_ANY, wxString());
    progressionPage.second->Add(m_ctssHeading, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(8));
    m_ctssProgression = makeRecordTable(progressionPage.first, {{_("Pair"), 190},
                                                                {_("Interval"), 70},
                                                                {_("Change"), 65},
                                                                {_("Events"), 250},
                                                                {_("Criterion"), 200},
                                                                {_("Verdict"), 115},
                                                                {_("Note"), 600}});
    progressionPage.second->Add(m_ctssProgression, 1, wxEXPAND | wxALL, FromDIP(6));
    m_tabs->AddPage(progressionPage.first, _("Progression"));

    m_pelvicFilms = new PelvicFilmsPage(
        m_tabs, m_db, [this] { afterWrite(); }, [this] { reload(); });
    m_tabs->AddPage(m_pelvicFilms, _("Pelvic films"));

    m_ctScans = new CtScansPage(
        m_tabs, m_db, [this] { afterWrite(); }, [this] { reload(); });
    m_tabs->AddPage(m_ctScans, _("CT scans"));

    auto auditPage = tablePage(m_audit,
                               {{_("When (UTC)"), 160},
                                {_("Who"), 100},
                                {_("What"), 190},
                                {_("Action"), 65},
                                {_("Reason"), 200},
                                {_("Change"), 700}},
                               {});
    // The selected row's change in full, one field per line: a table cell shows one line only.
    m_auditDetail = new wxTextCtrl(auditPage.first, wxID_ANY, wxString(), wxDefaultPosition,
                                   wxSize(-1, FromDIP(130)), wxTE_MULTILINE | wxTE_READONLY);
    auditPage.second->Add(m_auditDetail, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    m_audit->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        const auto row = static_cast<std::size_t>(event.GetIndex());
        m_auditDetail->ChangeValue(row < m_auditLines.size() ? m_auditLines[row] : wxString());
    });
    m_tabs->AddPage(auditPage.first, _("Audit"));
    // The audit trail is read when first looked at: most visits to a record never open it.
    m_tabs->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
        if (event.GetSelection() == kAuditTab && !m_auditLoaded)
            fillAudit();
        event.Skip();
    });

    sizer->Add(m_tabs, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    SetSizer(sizer);

    edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { editPatientDetails(); });
    backButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_back(); });
    // Keyboard first: Esc leaves the record for the list (Alt+Left does too, from the menu);
    // Ctrl+PgDn and Ctrl+PgUp switch tabs wherever the focus is, not only on the tab strip.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (event.GetKeyCode() == WXK_ESCAPE && !event.HasAnyModifiers()) {
            m_back();
            return;
        }
        const int key = event.GetKeyCode();
        if (event.GetModifiers() == wxMOD_CONTROL && (key == WXK_PAGEDOWN || key == WXK_PAGEUP)) {
            m_tabs->AdvanceSelection(key == WXK_PAGEDOWN);
            return;
        }
        event.Skip();
    });
}

bool PatientRecordPanel::showPatient(std::int64_t patientId) {
    const std::int64_t loadedAt = storage::auditVersion(m_db);  // before reading: see m_loadedAt
    auto history = storage::HistoryReader(m_db).load(patientId);
    if (!history)
        return false;
    m_patientId = patientId;
    m_loadedAt = loadedAt;
    m_history = std::move(*history);
    fill();
    m_tabs->ChangeSelection(kCourseTab);
    return true;
}

bool PatientRecordPanel::reload() {
    const std::int64_t loadedAt = storage::auditVersion(m_db);
    auto history = storage::HistoryReader(m_db).load(m_patientId);
    if (!history)
        return false;
    m_loadedAt = loadedAt;
    m_history = std::move(*history);
    fill();
    return true;
}

void PatientRecordPanel::fill() {
    m_settings = storage::readSettings(m_db);
    m_review.reset();
    if (m_history.films.size() >= 2)
        m_review = core::reviewProgression(m_history.films, m_settings);
    fillHeader();
    m_course->setData(
        report::buildCourseData(m_history, m_settings, std::nullopt, interfaceReportLanguage()));
    fillVisits();
    fillFilms();
    fillProgression();
    fillCtssProgression();
    m_pelvicFilms->fill(m_patientId, m_history, m_loadedAt);
    m_ctScans->fill(m_patientId, m_history, m_settings, m_loadedAt);
    m_treatment->fill(m_patientId, m_history, m_loadedAt);
    m_auditLoaded = false;
    if (m_tabs->GetSelection() == kAuditTab)
        fillAudit();
    Layout();
}

void PatientRecordPanel::fillHeader() {
    const core::Patient& p = m_history.patient;
    const core::Date now = today();
    // A researcher's record: the study ID stands for both, and every date is shifted (docs/roles.md).
    if (mayDo(m_db, Action::ReadIdentities))
        m_title->SetLabel(fromUtf8(p.name) + "   " + fromUtf8(p.clinicId));
    else
        m_title->SetLabel(fromUtf8(p.clinicId) + "   " +
                          _("(de-identified: study ID, dates shifted, no free text)"));
    wxString details = wxString::Format(_("%s, %d years (born %s)"), sexText(p.sex),
                                        core::ageInYears(p.birth, now), dateText(p.birth));
    details += "   " + wxString::Format(_("HLA-B27: %s"), hlaB27Text(p.hlaB27));
    if (p.symptomOnset && *p.symptomOnset <= now)
        details +=
            "   " + wxString::Format(_("Symptoms for %d years (since %s)"),
                                     core::ageInYears(*p.symptomOnset, now), dateText(*p.symptomOnset));
    else
        details += "   " + _("Symptom onset not recorded");
    details += "   " + (p.diagnosis ? wxString::Format(_("Diagnosed %s"), dateText(*p.diagnosis))
                                    : _("Diagnosis date not recorded"));
    details += "\n" + wxString::Format(_("Treatment: %s"), currentTreatmentText(m_history.treatments, now));
    m_details->SetLabel(details);
}

void PatientRecordPanel::fillVisits() {
    m_visits->DeleteAllItems();
    for (const core::Visit& visit : m_history.visits) {
        std::vector<wxString> cells = {
            dateText(visit.date), signOffText(m_history.signOffs, core::SignOff::Record::Visit, visit.date)};
        try {
            const core::VisitScores s =
                core::scoreVisit(m_history.patient, visit, m_history.films, m_settings);
            wxString bmd;
            if (s.bmd)
                bmd = s.bmd->category ? coreText(core::label(*s.bmd->category)) : _("not computable");
            cells.insert(cells.end(),
                         {s.basdai.value ? fromUtf8(core::formatBasdai(*s.basdai.value)) : wxString(),
                          asdasCell(s.asdasCrp), asdasCell(s.asdasEsr), fixedText(s.basfi.value, 1),
                          fixedText(s.basmi.value, 1), labCell(visit, core::Analyte::Crp),
                          labCell(visit, core::Analyte::Esr), bmd, fromUtf8(visit.notes)});
        } catch (const Error& e) {
            cells.resize(10);
            cells.push_back(fromUtf8(e.what()));
        }
        addRow(m_visits, cells);
    }
    fitColumns(m_visits);
}

void PatientRecordPanel::fillFilms() {
    m_films->DeleteAllItems();
    for (const core::Film& film : m_history.films) {
        const core::FilmScore score = core::scoreFilm(film, m_settings.msasss);
        wxString perReader;
        for (std::size_t i = 0; i < film.readings.size() && i < score.readingScores.size(); ++i) {
            if (!perReader.empty())
                perReader += "; ";
            const auto& total = score.readingScores[i].total;
            perReader += fromUtf8(film.readings[i].reader) + ": " +
                         (total ? fixedText(total, 1) : _("not computable"));
        }
        wxString signOffs;
        for (const core::Reading& reading : film.readings) {
            const wxString state =
                signOffText(m_history.signOffs, core::SignOff::Record::Reading, film.date, reading.reader);
            if (!state.empty())
                signOffs += (signOffs.empty() ? "" : "; ") + fromUtf8(reading.reader) + ": " + state;
        }
        wxString note = fromUtf8(score.reason);
        if (film.readings.empty())
            note = _("not read yet");
        addRow(m_films, {dateText(film.date), wxString::Format("%zu", film.readings.size()), perReader,
                         fixedText(score.value, 1), signOffs, note});
    }
    fitColumns(m_films);
}

void PatientRecordPanel::fillProgression() {
    m_progression->DeleteAllItems();
    if (!m_review) {
        m_progressionSettings->SetLabel(_("Progression needs at least two films."));
        return;
    }
    for (const core::ProgressionResult& pair : m_review->pairs) {
        wxString events = wxString::Format(_("%d new syndesmophytes, %d new bridgings"),
                                           pair.events.newSyndesmophytes, pair.events.newBridgings);
        if (pair.events.regressions > 0)
            events += wxString::Format(_(", %d regressions"), pair.events.regressions);
        wxString criteria;
        for (core::ProgressionCriterion criterion : pair.criteria)
            criteria += (criteria.empty() ? "" : ", ") + coreText(core::label(criterion));
        addRow(m_progression,
               {dateText(pair.from) + wxString::FromUTF8(" \u2192 ") + dateText(pair.to),
                fromUtf8(core::formatYears(pair.intervalYears)) + _(" y"),
                pair.change ? fromUtf8((*pair.change >= 0 ? "+" : "") + core::formatFixed(*pair.change, 1))
                            : wxString(),
                fixedText(pair.ratePerYear, 2), events, criteria, verdictText(pair),
                exposureText(core::computeExposure(pair.from, pair.to, m_history.treatments, today(),
                                                   m_settings.treatment)),
                fromUtf8(pair.note)});
    }
    fitColumns(m_progression);
    wxString settings = _("Settings used:");
    for (const auto& [name, value] : m_review->settings.describe())
        if (name.rfind("progression.", 0) == 0 || name.rfind("msasss.", 0) == 0)
            settings += "  " + fromUtf8(name) + " = " + fromUtf8(value) + ";";
    settings += "\n" + (m_review->progressor ? _("Verdict: progressor (at least one pair shows progression).")
                                             : _("Verdict: no pair shows progression."));
    m_progressionSettings->SetLabel(settings);
    wrapLabel(m_progressionSettings, FromDIP(1100));
}

void PatientRecordPanel::fillCtssProgression() {
    m_ctssProgression->DeleteAllItems();
    const bool shown = m_history.ctScans.size() >= 2;
    m_ctssHeading->Show(shown);
    m_ctssProgression->Show(shown);
    m_ctssProgression->GetParent()->Layout();
    if (!shown)
        return;
    wxString heading = _("Low-dose CT (CTSS): every consecutive pair of scans, then first to last") + "\n" +
                       _("Settings used:");
    for (const auto& [name, value] : m_settings.describe())
        if (name.rfind("ctss.", 0) == 0)
            heading += "  " + fromUtf8(name) + " = " + fromUtf8(value) + ";";
    m_ctssHeading->SetLabel(heading);
    try {
        for (const core::CtssProgressionResult& pair :
             core::reviewCtssProgression(m_history.ctScans, m_settings).pairs) {
            wxString criteria;
            for (core::CtssProgressionCriterion criterion : pair.criteria)
                criteria += (criteria.empty() ? "" : ", ") + coreText(core::label(criterion));
            addRow(
                m_ctssProgression,
                {dateText(pair.from) + wxString::FromUTF8(" \u2192 ") + dateText(pair.to),
                 fromUtf8(core::formatYears(pair.intervalYears)) + _(" y"),
                 pair.change ? fromUtf8((*pair.change >= 0 ? "+" : "") + core::formatFixed(*pair.change, 1))
                             : wxString(),
                 wxString::Format(_("%d new syndesmophytes, %d growing, %d regressions"),
                                  pair.events.newSyndesmophytes, pair.events.growing,
                                  pair.events.regressions),
                 criteria,
                 !pair.progression   ? _("not assessable")
                 : *pair.progression ? _("progression")
                                     : _("no progression"),
                 fromUtf8(pair.note)});
        }
    } catch (const core::ValidationError& e) {  // two scans on one date: said, not thrown
        m_ctssHeading->SetLabel(fromUtf8(e.what()));
    }
    fitColumns(m_ctssProgression);
}

void PatientRecordPanel::fillAudit() {
    m_audit->DeleteAllItems();
    m_auditLines.clear();
    m_auditDetail->ChangeValue(wxString());
    m_auditLoaded = true;
    // The trail's old and new values hold names and real dates: the server keeps it from a researcher.
    if (!mayDo(m_db, Action::ReadIdentities)) {
        addRow(m_audit, {wxString(), wxString(), wxString(), wxString(), wxString(),
                         wxString::Format(_("The audit trail holds names and real dates: your account (%s) "
                                            "may not read it."),
                                          rolesText(m_db.roles()))});
        return;
    }
    for (const storage::AuditRow& row : storage::patientAuditRows(m_db, m_patientId)) {
        const std::vector<wxString> lines = auditChangeLines(row);
        addRow(m_audit, {fromUtf8(row.at), fromUtf8(row.user), auditSubject(row), auditActionText(row.action),
                         fromUtf8(row.reason), joinedLines(lines)});
        wxString detail = auditSubject(row) + " (" + auditActionText(row.action) + ")";
        for (const wxString& line : lines)
            detail += "\n" + line;
        m_auditLines.push_back(detail);
    }
    fitColumns(m_audit);
}

void PatientRecordPanel::newPelvicFilm() {
    m_tabs->ChangeSelection(kPelvicFilmsTab);
    m_pelvicFilms->newPelvicFilm();
}

void PatientRecordPanel::newCtScan() {
    m_tabs->ChangeSelection(kCtScansTab);
    m_ctScans->newScan();
}

void PatientRecordPanel::newTreatment() {
    m_tabs->ChangeSelection(kTreatmentTab);
    m_treatment->newTreatment();
}

void PatientRecordPanel::afterWrite() {
    reload();
    m_changed();
}

long PatientRecordPanel::selectedRow(wxListCtrl* table) const {
    return table->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

void PatientRecordPanel::editPatientDetails() {
    core::Patient patient = m_history.patient;
    std::int64_t opened = m_loadedAt;
    const bool saved = editPatient(
        this, patient, [this, &opened](const core::Patient& changed, const std::string& confirmed) {
            if (storage::toJson(changed) == storage::toJson(m_history.patient))
                return;  // saved unchanged: nothing to write, no reason to ask
            const std::string given = requireReason(this, _("Change the patient's details"));
            const std::string reason = confirmed.empty() ? given : given + "; " + confirmed;
            saveAgainst(m_db, opened, [&](std::int64_t version) {
                storage::PatientRepository(m_db).update(m_patientId, changed, reason, version);
            });
        });
    if (saved)
        afterWrite();
}

void PatientRecordPanel::newVisit() {
    core::Visit visit;
    visit.date = today();
    const bool saved = editVisit(
        this, m_history.patient, m_history.films, m_settings, visit,
        [this](const core::Visit& entered, bool confirmed) {
            storage::VisitRepository(m_db).add(m_patientId, entered, confirmed);
        },
        m_history.visits);
    if (saved)
        afterWrite();
}

void PatientRecordPanel::editVisitAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_history.visits.size()))
        return;
    core::Visit visit = m_history.visits[static_cast<std::size_t>(row)];
    const auto visitId = storage::VisitRepository(m_db).idOf(m_patientId, visit.date);
    if (!visitId)
        return;
    std::int64_t opened = m_loadedAt;
    const bool saved = editVisit(
        this, m_history.patient, m_history.films, m_settings, visit,
        [this, &opened, id = *visitId, original = visit](const core::Visit& entered, bool confirmed) {
            if (storage::toJson(entered) == storage::toJson(original))
                return;  // saved unchanged: nothing to write, no reason to ask
            const std::string reason = requireReason(
                this, wxString::Format(_("Change the visit of %s"), dateText(original.date)),
                signedChangeNote(m_history.signOffs, core::SignOff::Record::Visit, original.date));
            saveAgainst(m_db, opened, [&](std::int64_t version) {
                storage::VisitRepository(m_db).update(id, entered, reason, confirmed, version);
            });
        },
        m_history.visits);
    if (saved)
        afterWrite();
}

void PatientRecordPanel::deleteVisitAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_history.visits.size()))
        return;
    const core::Date date = m_history.visits[static_cast<std::size_t>(row)].date;
    const auto reason = askReason(this, wxString::Format(_("Delete the visit of %s"), dateText(date)));
    if (!reason)
        return;
    try {
        storage::VisitRepository repository(m_db);
        if (const auto id = repository.idOf(m_patientId, date))
            repository.remove(*id, *reason, m_loadedAt);
        afterWrite();
    } catch (const storage::ChangedSinceOpened& e) {
        showError(this, e);
        reload();  // shows what was changed; deleting again deletes that
    } catch (const Error& e) {
        showError(this, e);
    }
}

void PatientRecordPanel::newFilm() {
    wxTextEntryDialog ask(this, _("Date of the lateral spine radiograph (YYYY-MM-DD):"), _("New film"),
                          dateText(today()));
    if (ask.ShowModal() != wxID_OK)
        return;
    core::Date date;
    try {
        date = core::parseIsoDate(toUtf8(ask.GetValue().Strip(wxString::both)), "film date");
        storage::FilmRepository(m_db).addFilm(m_patientId, date);
    } catch (const Error& e) {
        showError(this, e);
        return;
    }
    afterWrite();
    // Straight on to scoring it, when the account may: that is why a film is added.
    if (!mayDo(m_db, Action::ScoreFilms))
        return;
    for (std::size_t i = 0; i < m_history.films.size(); ++i)
        if (m_history.films[i].date == date) {
            m_tabs->ChangeSelection(kFilmsTab);
            openFilmAt(static_cast<long>(i));
        }
}

void PatientRecordPanel::openFilmAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_history.films.size()))
        return;
    const core::Film film = m_history.films[static_cast<std::size_t>(row)];
    const auto filmId = storage::FilmRepository(m_db).filmId(m_patientId, film.date);
    if (!filmId)
        return;
    // A film already read: a new reader, or re-scoring one reader's reading.
    std::optional<std::size_t> existing;
    if (!film.readings.empty()) {
        wxArrayString choices;
        choices.Add(_("New reading (another reader)"));
        for (const core::Reading& reading : film.readings)
            choices.Add(wxString::Format(_("Re-score the reading of %s"), fromUtf8(reading.reader)));
        wxSingleChoiceDialog choose(this, wxString::Format(_("Film of %s"), dateText(film.date)),
                                    _("Score film"), choices);
        if (choose.ShowModal() != wxID_OK)
            return;
        if (choose.GetSelection() > 0)
            existing = static_cast<std::size_t>(choose.GetSelection() - 1);
    }

    FilmScoringContext context;
    context.patient = m_history.patient;
    context.filmDate = film.date;
    context.films = m_history.films;
    context.settings = m_settings;
    for (const storage::Reader& reader : storage::ReaderRepository(m_db).list())
        context.readers.push_back(reader.name);
    if (mayDo(m_db, Action::RegisterReaders))
        context.addReader = [this](const std::string& name) {
            return storage::ReaderRepository(m_db).add(name).name;
        };
    context.filmImages = [this](core::Date date) { return filmImagesOn(date); };

    core::Reading reading;
    SaveReading save;
    if (existing) {
        reading = film.readings[*existing];
        const auto readingId = storage::readingIdOf(m_db, *filmId, reading.reader);
        if (!readingId)
            return;
        save = [this, opened = m_loadedAt, id = *readingId, date = film.date,
                original = reading](const core::Reading& changed) mutable {
            if (storage::toJson(changed) == storage::toJson(original))
                return;  // saved unchanged: nothing to write, no reason to ask
            const std::string reason = requireReason(
                this, wxString::Format(_("Re-score the film of %s"), dateText(date)),
                signedChangeNote(m_history.signOffs, core::SignOff::Record::Reading, date, original.reader));
            saveAgainst(m_db, opened, [&](std::int64_t version) {
                storage::FilmRepository(m_db).updateReading(id, changed, reason, version);
            });
        };
    } else {
        reading.readingDate = today();
        save = [this, id = *filmId](const core::Reading& entered) {
            storage::FilmRepository(m_db).addReading(id, entered);
        };
    }
    if (scoreFilm(this, context, reading, save))
        afterWrite();
}

std::vector<ViewerImage> PatientRecordPanel::filmImagesOn(core::Date date) {
    std::vector<ViewerImage> images;
    const auto filmId = storage::FilmRepository(m_db).filmId(m_patientId, date);
    if (!filmId)
        return images;
    storage::FilmImageRepository repository(m_db);
    for (const storage::FilmImage& image : repository.list(*filmId)) {
        ViewerImage view{wxString::Format(_("%s, film of %s"), fromUtf8(image.fileName), dateText(date)), {}};
        try {
            view.pixels = decodeForViewer(repository.loadBytes(image.id), image.format, image.fileName);
        } catch (const Error& e) {
            view.caption = fromUtf8(e.what());  // shown in the viewer in place of the image
        }
        images.push_back(std::move(view));
    }
    return images;
}

void PatientRecordPanel::deleteFilmAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_history.films.size()))
        return;
    const core::Date date = m_history.films[static_cast<std::size_t>(row)].date;
    const auto reason =
        askReason(this, wxString::Format(_("Delete the film of %s with its readings"), dateText(date)));
    if (!reason)
        return;
    try {
        storage::FilmRepository repository(m_db);
        if (const auto id = repository.filmId(m_patientId, date))
            repository.removeFilm(*id, *reason);
        afterWrite();
    } catch (const Error& e) {
        showError(this, e);
    }
}

void PatientRecordPanel::signVisitAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_history.visits.size()))
        return;
    const core::Date date = m_history.visits[static_cast<std::size_t>(row)].date;
    const auto id = storage::VisitRepository(m_db).idOf(m_patientId, date);
    if (!id)
        return;
    const wxString what =
        wxString::Format(_("visit %s of %s"), dateText(date), fromUtf8(m_history.patient.clinicId));
    signAndShow({core::SignOff::Record::Visit, *id, m_loadedAt, what});
}

void PatientRecordPanel::signReadingAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_history.films.size()))
        return;
    const core::Film& film = m_history.films[static_cast<std::size_t>(row)];
    if (film.readings.empty()) {
        wxMessageBox(_("This film has no reading to sign yet."), _("Sign reading"), wxOK | wxICON_INFORMATION,
                     this);
        return;
    }
    std::size_t which = 0;
    if (film.readings.size() > 1) {
        wxArrayString choices;
        for (const core::Reading& reading : film.readings)
            choices.Add(wxString::Format(_("The reading of %s"), fromUtf8(reading.reader)));
        wxSingleChoiceDialog choose(this, wxString::Format(_("Film of %s"), dateText(film.date)),
                                    _("Sign reading"), choices);
        if (choose.ShowModal() != wxID_OK)
            return;
        which = static_cast<std::size_t>(choose.GetSelection());
    }
    const std::string reader = film.readings[which].reader;
    const auto filmId = storage::FilmRepository(m_db).filmId(m_patientId, film.date);
    const auto id = filmId ? storage::readingIdOf(m_db, *filmId, reader) : std::nullopt;
    if (!id)
        return;
    const wxString what = wxString::Format(_("reading by %s of the film %s of %s"), fromUtf8(reader),
                                           dateText(film.date), fromUtf8(m_history.patient.clinicId));
    signAndShow({core::SignOff::Record::Reading, *id, m_loadedAt, what});
}

void PatientRecordPanel::signAndShow(const SignRequest& request) {
    if (signRecord(this, m_db, request))
        afterWrite();
    else
        reload();  // a refusal (changed since opened) leaves the record as it now is on screen
}

}  // namespace ankylos::ui
