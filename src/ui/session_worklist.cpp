#include "ui/session_worklist.h"

#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "core/format.h"
#include "storage/audit.h"
#include "storage/film_image_repository.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/settings_store.h"
#include "ui/display.h"
#include "ui/permissions.h"
#include "ui/record_edits.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

/// The session's role of the reader (as storage seats them).
core::ReadingRole roleOf(const storage::ReadingSession& session, const std::string& reader) {
    for (const storage::SessionReader& seated : session.readers)
        if (core::foldCase(seated.reader) == core::foldCase(reader))
            return seated.role;
    return core::ReadingRole::Primary;
}

}  // namespace

SessionWorklistDialog::SessionWorklistDialog(wxWindow* parent, storage::Database& db,
                                             const std::string& session, const std::string& reader)
    : m_db(db), m_session(storage::ReadingSessionRepository(db).require(session)), m_reader(reader) {
    loadDialogLayout(this, parent, "SessionWorklist");
    m_list = XRCCTRL(*this, "films", wxListCtrl);
    m_role = roleOf(m_session, reader);
    SetTitle(wxString::Format(_("Worklist of %s"), fromUtf8(reader)));
    const BlindedView view = BlindedView::of(m_session.blinding);
    wxString header = wxString::Format(_("Reading session %s, %s as %s."), fromUtf8(m_session.name),
                                       fromUtf8(reader), coreText(core::label(m_role)));
    if (!view.identityShown)
        header += " " + _("The patients' identity is hidden: films are named by their code.");
    else if (!view.datesShown)
        header += " " + _("The films' order is hidden: their dates are not shown.");
    auto* headerLabel = XRCCTRL(*this, "header", wxStaticText);
    headerLabel->SetLabel(header);
    wrapLabel(headerLabel, FromDIP(560));
    wrapLabel(XRCCTRL(*this, "hint", wxStaticText), FromDIP(560));
    m_list->AppendColumn(_("Film"), wxLIST_FORMAT_LEFT, FromDIP(110));
    if (view.identityShown) {
        m_list->AppendColumn(_("Clinic ID"), wxLIST_FORMAT_LEFT, FromDIP(100));
        m_list->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(150));
    }
    if (view.datesShown)
        m_list->AppendColumn(_("Film date"), wxLIST_FORMAT_LEFT, FromDIP(100));
    m_list->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(90));

    auto* score = XRCCTRL(*this, "score", wxButton);
    offerAction(score, db, storage::Action::ScoreFilms);
    score->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        scoreAt(m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED));
    });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        if (mayDo(m_db, storage::Action::ScoreFilms))
            scoreAt(event.GetIndex());
    });
    reload();
    selectNextFrom(-1);
    m_list->SetFocus();
    fitToDisplay(this);
}

void SessionWorklistDialog::reload() {
    m_loadedAt = storage::auditVersion(m_db);
    m_items =
        storage::ReadingSessionRepository(m_db).worklist(m_session, m_reader, storage::readSettings(m_db));
    fill();
}

void SessionWorklistDialog::fill() {
    const BlindedView view = BlindedView::of(m_session.blinding);
    m_list->DeleteAllItems();
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const storage::WorklistItem& item = m_items[i];
        const long row = m_list->InsertItem(static_cast<long>(i), fromUtf8(item.code));
        int column = 1;
        if (view.identityShown) {
            m_list->SetItem(row, column++, fromUtf8(item.clinicId));
            m_list->SetItem(row, column++, fromUtf8(item.patientName));
        }
        if (view.datesShown)
            m_list->SetItem(row, column++, dateText(item.filmDate));
        m_list->SetItem(row, column, item.readingId ? _("read") : _("to read"));
    }
    const int total = static_cast<int>(m_items.size());
    auto* gauge = XRCCTRL(*this, "progress", wxGauge);
    gauge->SetRange(std::max(1, total));
    gauge->SetValue(done());
    XRCCTRL(*this, "progress_text", wxStaticText)
        ->SetLabel(wxString::Format(_("%d / %d read"), done(), total));
    if (m_items.empty()) {
        auto* message = XRCCTRL(*this, "message", wxStaticText);
        setMessageLine(message,
                       m_role == core::ReadingRole::Primary
                           ? _("The session has no film for this reader.")
                           : _("No interval of the session is discordant: there is nothing to adjudicate."),
                       FromDIP(560));
        message->SetForegroundColour(GetForegroundColour());
    }
    Layout();
}

int SessionWorklistDialog::done() const {
    return static_cast<int>(
        std::count_if(m_items.begin(), m_items.end(),
                      [](const storage::WorklistItem& item) { return item.readingId.has_value(); }));
}

void SessionWorklistDialog::selectNextFrom(long row) {
    const long count = static_cast<long>(m_items.size());
    if (count == 0)
        return;
    long next = row < 0 ? 0 : row;
    for (long step = row < 0 ? 0 : 1; step <= count; ++step) {
        const long candidate = ((row < 0 ? 0 : row) + step) % count;
        if (!m_items[static_cast<std::size_t>(candidate)].readingId) {
            next = candidate;
            break;
        }
    }
    m_list->SetItemState(next, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                         wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_list->EnsureVisible(next);
}

std::vector<ViewerImage> SessionWorklistDialog::imagesOf(std::int64_t filmId, core::Date date,
                                                         const BlindedView& view) {
    std::vector<ViewerImage> images;
    storage::FilmImageRepository repository(m_db);
    const std::vector<storage::FilmImage> stored = repository.list(filmId);
    for (std::size_t i = 0; i < stored.size(); ++i) {
        const storage::FilmImage& image = stored[i];
        // A file's name may carry the patient's name or a date: a blinded reader sees the film's code.
        ViewerImage shown{
            view.datesShown ? wxString::Format(_("%s, film of %s"), fromUtf8(image.fileName), dateText(date))
                            : wxString::Format(_("Film %s, image %d of %d"), view.filmName(date),
                                               static_cast<int>(i + 1), static_cast<int>(stored.size())),
            {}};
        try {
            shown.pixels = decodeForViewer(repository.loadBytes(image.id), image.format, image.fileName);
        } catch (const Error& e) {
            shown.caption = view.identityShown ? fromUtf8(e.what())
                                               : wxString::Format(_("Film %s: the image could not be shown."),
                                                                  view.filmName(date));
        }
        images.push_back(std::move(shown));
    }
    return images;
}

FilmScoringContext SessionWorklistDialog::contextAt(long row) {
    const storage::WorklistItem& item = m_items.at(static_cast<std::size_t>(row));
    FilmScoringContext context;
    if (const auto history =
            storage::HistoryReader(m_db, storage::HistoryParts::FilmsOnly).load(item.patientId))
        context.patient = history->patient;
    context.filmDate = item.filmDate;
    context.session = m_session.name;
    context.readers = {m_reader};
    context.settings = storage::readSettings(m_db);
    context.view = BlindedView::of(m_session.blinding);
    for (const storage::WorklistItem& other : m_items)
        if (other.patientId == item.patientId)
            context.view.filmCodes[other.filmDate] = other.code;
    // The previous film, when the session lets the reader see it, is the reader's reading of it in the
    // session: the session's films of this patient with the session's readings.
    for (core::SessionPatient& patient : storage::ReadingSessionRepository(m_db).patients(m_session))
        if (patient.patient == item.clinicId)
            context.films = std::move(patient.films);
    const BlindedView view = context.view;
    const std::int64_t patientId = item.patientId;
    context.filmImages = [this, view, patientId](core::Date date) {
        const auto filmId = storage::FilmRepository(m_db).filmId(patientId, date);
        return filmId ? imagesOf(*filmId, date, view) : std::vector<ViewerImage>{};
    };
    return context;
}

SaveReading SessionWorklistDialog::saverFor(const storage::WorklistItem& item, core::Reading& reading) {
    if (!item.readingId) {
        reading.reader = m_reader;
        reading.session = m_session.name;
        reading.role = m_role;
        reading.chronologyKnown = m_session.blinding.chronologyKnown();
        reading.readingDate = today();
        return [this, filmId = item.filmId](const core::Reading& entered) {
            storage::FilmRepository(m_db).addReading(filmId, entered);
        };
    }
    reading = storage::FilmRepository(m_db).reading(*item.readingId);
    return [this, id = *item.readingId, code = item.code, original = reading](const core::Reading& changed) {
        if (storage::toJson(changed) == storage::toJson(original))
            return;  // saved unchanged: nothing to write, no reason to ask
        const std::string reason =
            requireReason(this, wxString::Format(_("Re-score film %s"), fromUtf8(code)));
        saveAgainst(m_db, m_loadedAt, [&](std::int64_t version) {
            storage::FilmRepository(m_db).updateReading(id, changed, reason, version);
        });
    };
}

bool SessionWorklistDialog::scoreAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_items.size()))
        return false;
    try {
        const FilmScoringContext context = contextAt(row);
        core::Reading reading;
        const SaveReading save = saverFor(m_items[static_cast<std::size_t>(row)], reading);
        if (!scoreFilm(this, context, reading, save))
            return false;
        reload();
        selectNextFrom(row);
        m_list->SetFocus();
        return true;
    } catch (const Error& e) {
        showError(this, e);
        return false;
    }
}

void showWorklist(wxWindow* parent, storage::Database& db, const std::string& session,
                  const std::string& reader) {
    SessionWorklistDialog dialog(parent, db, session, reader);
    dialog.ShowModal();
}

}  // namespace ankylos::ui
