#include "ui/reading_sessions_dialog.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "core/format.h"
#include "storage/reader_repository.h"
#include "storage/settings_store.h"
#include "ui/display.h"
#include "ui/new_session_dialog.h"
#include "ui/permissions.h"
#include "ui/record_edits.h"
#include "ui/session_agreement_view.h"
#include "ui/session_worklist.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

enum Column { kName, kCreated, kFilms, kChronology, kIdentity, kReaders };

}  // namespace

ReadingSessionsDialog::ReadingSessionsDialog(wxWindow* parent, storage::Database& db) : m_db(db) {
    loadDialogLayout(this, parent, "ReadingSessions");
    m_list = XRCCTRL(*this, "sessions", wxListCtrl);
    wrapLabel(XRCCTRL(*this, "intro", wxStaticText), FromDIP(900));
    m_list->AppendColumn(_("Session"), wxLIST_FORMAT_LEFT, FromDIP(130));
    m_list->AppendColumn(_("Created"), wxLIST_FORMAT_LEFT, FromDIP(90));
    m_list->AppendColumn(_("Films"), wxLIST_FORMAT_RIGHT, FromDIP(50));
    m_list->AppendColumn(_("Chronology"), wxLIST_FORMAT_LEFT, FromDIP(220));
    m_list->AppendColumn(_("Identity"), wxLIST_FORMAT_LEFT, FromDIP(70));
    m_list->AppendColumn(_("Readers (role, films read)"), wxLIST_FORMAT_LEFT, FromDIP(560));

    auto* create = XRCCTRL(*this, "new_session", wxButton);
    auto* adjudicator = XRCCTRL(*this, "add_adjudicator", wxButton);
    offerAction(create, db, storage::Action::OrganiseReadingSessions);
    offerAction(adjudicator, db, storage::Action::OrganiseReadingSessions);
    create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { newSession(); });
    adjudicator->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { addAdjudicator(); });
    XRCCTRL(*this, "worklist", wxButton)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openWorklist(); });
    XRCCTRL(*this, "agreement", wxButton)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showAgreement(); });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { openWorklist(); });
    reload();
    m_list->SetFocus();
    fitToDisplay(this);
}

wxString ReadingSessionsDialog::readersText(storage::Database& db, const storage::ReadingSession& session) {
    const core::Settings settings = storage::readSettings(db);
    wxString text;
    for (const storage::SessionReader& reader : session.readers) {
        const auto worklist =
            storage::ReadingSessionRepository(db).worklist(session, reader.reader, settings);
        const auto read =
            std::count_if(worklist.begin(), worklist.end(),
                          [](const storage::WorklistItem& item) { return item.readingId.has_value(); });
        text += (text.empty() ? "" : "; ") + wxString::Format(_("%s (%s) %d / %d"), fromUtf8(reader.reader),
                                                              coreText(core::label(reader.role)),
                                                              static_cast<int>(read),
                                                              static_cast<int>(worklist.size()));
    }
    return text;
}

void ReadingSessionsDialog::reload(const std::string& select) {
    const std::string keep = select.empty() ? selected() : select;
    m_sessions = storage::ReadingSessionRepository(m_db).list();
    m_list->DeleteAllItems();
    long chosen = m_sessions.empty() ? -1 : 0;
    for (std::size_t i = 0; i < m_sessions.size(); ++i) {
        const storage::ReadingSession& session = m_sessions[i];
        const long row = m_list->InsertItem(static_cast<long>(i), fromUtf8(session.name));
        m_list->SetItem(row, kCreated, dateText(session.createdOn));
        m_list->SetItem(row, kFilms, wxString::Format("%d", static_cast<int>(session.films.size())));
        m_list->SetItem(row, kChronology, coreText(core::label(session.blinding.chronology)));
        m_list->SetItem(row, kIdentity, session.blinding.identityHidden ? _("hidden") : _("shown"));
        m_list->SetItem(row, kReaders, readersText(m_db, session));
        if (session.name == keep)
            chosen = row;
    }
    if (chosen >= 0)
        m_list->SetItemState(chosen, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                             wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    XRCCTRL(*this, "readers", wxStaticText)
        ->SetLabel(m_sessions.empty() ? _("There is no reading session yet: New session... creates one.")
                                      : wxString());
    Layout();
}

std::string ReadingSessionsDialog::selected() const {
    const long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return row < 0 || row >= static_cast<long>(m_sessions.size())
               ? std::string()
               : m_sessions[static_cast<std::size_t>(row)].name;
}

void ReadingSessionsDialog::showMessage(const wxString& text) {
    setMessageLine(XRCCTRL(*this, "message", wxStaticText), text, FromDIP(900));
    Layout();
}

void ReadingSessionsDialog::newSession() {
    if (!mayDo(m_db, storage::Action::OrganiseReadingSessions))
        return;
    if (const std::optional<std::string> created = newReadingSession(this, m_db))
        reload(*created);
}

void ReadingSessionsDialog::openWorklist() {
    const std::string session = selected();
    if (session.empty())
        return showMessage(_("Choose a session first."));
    const storage::ReadingSession& chosen =
        *std::find_if(m_sessions.begin(), m_sessions.end(),
                      [&](const storage::ReadingSession& s) { return s.name == session; });
    wxArrayString names;
    int preselect = 0;
    for (const storage::SessionReader& reader : chosen.readers) {
        // A reader signed in picks their own worklist.
        if (core::foldCase(reader.reader) == core::foldCase(m_db.user()))
            preselect = static_cast<int>(names.size());
        names.Add(
            wxString::Format(_("%s (%s)"), fromUtf8(reader.reader), coreText(core::label(reader.role))));
    }
    wxSingleChoiceDialog ask(this, wxString::Format(_("Whose worklist in session %s?"), fromUtf8(session)),
                             _("Worklist"), names);
    ask.SetSelection(preselect);
    if (ask.ShowModal() != wxID_OK)
        return;
    try {
        showWorklist(this, m_db, session,
                     chosen.readers[static_cast<std::size_t>(ask.GetSelection())].reader);
    } catch (const Error& e) {
        showError(this, e);
    }
    reload();
}

void ReadingSessionsDialog::addAdjudicator() {
    const std::string session = selected();
    if (session.empty())
        return showMessage(_("Choose a session first."));
    std::vector<std::string> candidates;
    const storage::ReadingSession& chosen =
        *std::find_if(m_sessions.begin(), m_sessions.end(),
                      [&](const storage::ReadingSession& s) { return s.name == session; });
    for (const storage::Reader& reader : storage::ReaderRepository(m_db).list())
        if (std::none_of(chosen.readers.begin(), chosen.readers.end(),
                         [&](const storage::SessionReader& seated) { return seated.reader == reader.name; }))
            candidates.push_back(reader.name);
    if (candidates.empty())
        return showMessage(
            _("Every registered reader reads in this session already: register the adjudicator "
              "first (Add reader... in film scoring)."));
    wxArrayString names;
    for (const std::string& name : candidates)
        names.Add(fromUtf8(name));
    wxSingleChoiceDialog who(
        this,
        wxString::Format(_("Which registered reader settles the discordant intervals of session %s?"),
                         fromUtf8(session)),
        _("Add adjudicator"), names);
    if (who.ShowModal() != wxID_OK)
        return;
    wxArrayString roles;
    roles.Add(coreText(core::label(core::ReadingRole::Adjudicator)));
    roles.Add(coreText(core::label(core::ReadingRole::Consensus)));
    wxSingleChoiceDialog how(this, _("The readings of this reader are made as:"), _("Add adjudicator"),
                             roles);
    if (how.ShowModal() != wxID_OK)
        return;
    addAdjudicator(candidates[static_cast<std::size_t>(who.GetSelection())],
                   how.GetSelection() == 0 ? core::ReadingRole::Adjudicator : core::ReadingRole::Consensus);
}

bool ReadingSessionsDialog::addAdjudicator(const std::string& reader, core::ReadingRole role) {
    try {
        storage::ReadingSessionRepository(m_db).addReader(selected(), reader, role);
    } catch (const Error& e) {
        showMessage(fromUtf8(e.what()));
        return false;
    }
    showMessage(wxString());
    reload();
    return true;
}

void ReadingSessionsDialog::showAgreement() {
    const std::string session = selected();
    if (session.empty())
        return showMessage(_("Choose a session first."));
    try {
        showSessionAgreement(this, m_db, session);
    } catch (const Error& e) {
        showError(this, e);
    }
}

void showReadingSessions(wxWindow* parent, storage::Database& db) {
    ReadingSessionsDialog dialog(parent, db);
    dialog.ShowModal();
}

}  // namespace ankylos::ui
