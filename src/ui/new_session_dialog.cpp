#include "ui/new_session_dialog.h"

#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/tokenzr.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "core/validation.h"
#include "storage/reader_repository.h"
#include "ui/display.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

/// The chronologies in the order of the radio box.
constexpr core::SessionChronology kChronologies[] = {
    core::SessionChronology::Known, core::SessionChronology::Unknown, core::SessionChronology::PairedHidden};

std::uint64_t parseSeed(const std::string& text) {
    const bool digits =
        !text.empty() && text.size() <= 20 && text.find_first_not_of("0123456789") == std::string::npos;
    if (digits && (text.size() < 20 || text <= "18446744073709551615"))
        return std::stoull(text);
    throw core::ValidationError("seed", text, "a whole number from 0 to 18446744073709551615");
}

std::optional<core::Date> optionalDate(const wxTextCtrl* field, const std::string& name) {
    const std::string text = trimmedText(field);
    return text.empty() ? std::nullopt : std::optional<core::Date>(core::parseIsoDate(text, name));
}

}  // namespace

NewSessionDialog::NewSessionDialog(wxWindow* parent, storage::Database& db) : m_db(db) {
    loadDialogLayout(this, parent, "NewSessionDialog");
    m_name = XRCCTRL(*this, "name", wxTextCtrl);
    m_patients = XRCCTRL(*this, "patients", wxTextCtrl);
    m_from = XRCCTRL(*this, "from", wxTextCtrl);
    m_to = XRCCTRL(*this, "to", wxTextCtrl);
    m_minFilms = XRCCTRL(*this, "min_films", wxSpinCtrl);
    m_readerList = XRCCTRL(*this, "readers", wxCheckListBox);
    m_chronology = XRCCTRL(*this, "chronology", wxRadioBox);
    m_hideIdentity = XRCCTRL(*this, "hide_identity", wxCheckBox);
    m_seed = XRCCTRL(*this, "seed", wxTextCtrl);
    m_count = XRCCTRL(*this, "film_count", wxStaticText);
    m_message = XRCCTRL(*this, "message", wxStaticText);
    for (const storage::Reader& reader : storage::ReaderRepository(db).list()) {
        m_readers.push_back(reader.name);
        m_readerList->Append(fromUtf8(reader.name));
    }
    m_seed->ChangeValue(wxString::Format("%llu", static_cast<unsigned long long>(core::newSessionSeed())));
    m_seed->SetToolTip(_("The same seed gives the same order of films on every machine."));
    wrapLabel(XRCCTRL(*this, "films_hint", wxStaticText), FromDIP(330));
    for (wxTextCtrl* field : {m_patients, m_from, m_to})
        field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { updateCount(); });
    m_minFilms->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { updateCount(); });
    Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { trySave(); }, wxID_OK);
    updateCount();
    m_name->SetFocus();
    // The layout was fitted to the hint's unwrapped width when it was loaded: fit it again.
    SetMinSize(wxDefaultSize);
    GetSizer()->SetSizeHints(this);
    fitToDisplay(this);
}

storage::SessionCohort NewSessionDialog::cohort() const {
    storage::SessionCohort cohort;
    wxStringTokenizer ids(m_patients->GetValue(), ", ;\t\n", wxTOKEN_STRTOK);
    while (ids.HasMoreTokens())
        cohort.clinicIds.push_back(toUtf8(ids.GetNextToken()));
    cohort.from = optionalDate(m_from, "from");
    cohort.to = optionalDate(m_to, "to");
    cohort.minFilms = m_minFilms->GetValue();
    return cohort;
}

std::vector<std::int64_t> NewSessionDialog::selectedFilms() {
    return storage::ReadingSessionRepository(m_db).filmsOf(cohort());
}

void NewSessionDialog::updateCount() {
    try {
        const auto films = selectedFilms();
        m_count->SetLabel(wxString::Format(wxPLURAL("%d film selected", "%d films selected", films.size()),
                                           static_cast<int>(films.size())));
        m_count->SetForegroundColour(GetForegroundColour());
    } catch (const Error& e) {
        m_count->SetLabel(fromUtf8(e.what()));
        m_count->SetForegroundColour(errorColour());
    }
    wrapLabel(m_count, FromDIP(330));
    // The box caches its best size from its labels as first laid out, unwrapped.
    XRCCTRL(*this, "films_box", wxWindow)->InvalidateBestSize();
    Layout();
}

storage::ReadingSession NewSessionDialog::session() {
    storage::ReadingSession session;
    session.name = trimmedText(m_name);
    for (unsigned i = 0; i < m_readerList->GetCount(); ++i)
        if (m_readerList->IsChecked(i))
            session.readers.push_back({m_readers[i], core::ReadingRole::Primary});
    session.blinding.chronology = kChronologies[std::max(0, m_chronology->GetSelection())];
    session.blinding.identityHidden = m_hideIdentity->GetValue();
    session.seed = parseSeed(trimmedText(m_seed));
    session.films = selectedFilms();
    return session;
}

bool NewSessionDialog::trySave() {
    const bool saved = saveOrShowRefusal(this, m_message, FromDIP(700), [this] {
        const storage::ReadingSession wanted = session();
        storage::ReadingSessionRepository(m_db).create(wanted);
        m_created = wanted.name;
    });
    Layout();
    if (saved)
        endDialog(this, wxID_OK);
    return saved;
}

std::optional<std::string> newReadingSession(wxWindow* parent, storage::Database& db) {
    NewSessionDialog dialog(parent, db);
    if (dialog.ShowModal() != wxID_OK)
        return std::nullopt;
    return dialog.created();
}

}  // namespace ankylos::ui
