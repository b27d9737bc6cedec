#include "session_test_support.h"

#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/toplevel.h>

#include <map>

#include "demo/demo_cohort.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/reader_repository.h"
#include "storage/settings_store.h"
#include "storage/visit_import.h"
#include "ui/display.h"

namespace ankylos::ui::test {

namespace {

void addItemTexts(wxWindow* window, std::vector<std::string>& texts) {
    const auto add = [&](const wxString& text) { texts.push_back(std::string(text.utf8_str())); };
    if (auto* list = wxDynamicCast(window, wxListCtrl)) {
        for (int column = 0; column < list->GetColumnCount(); ++column) {
            wxListItem item;
            item.SetMask(wxLIST_MASK_TEXT);
            list->GetColumn(column, item);
            add(item.GetText());
            for (long row = 0; row < list->GetItemCount(); ++row)
                add(list->GetItemText(row, column));
        }
    } else if (auto* text = wxDynamicCast(window, wxTextCtrl))
        add(text->GetValue());
    else if (auto* items = dynamic_cast<wxItemContainerImmutable*>(window))
        for (unsigned i = 0; i < items->GetCount(); ++i)
            add(items->GetString(i));
    if (auto* combo = wxDynamicCast(window, wxComboBox))
        add(combo->GetValue());
}

}  // namespace

std::vector<std::string> textsOf(wxWindow* window) {
    std::vector<std::string> texts;
    if (auto* top = wxDynamicCast(window, wxTopLevelWindow))
        texts.push_back(std::string(top->GetTitle().utf8_str()));
    texts.push_back(std::string(window->GetLabel().utf8_str()));
    texts.push_back(std::string(window->GetToolTipText().utf8_str()));
    addItemTexts(window, texts);
    for (wxWindow* child : window->GetChildren())
        for (const std::string& text : textsOf(child))
            texts.push_back(text);
    return texts;
}

std::string firstContaining(const std::vector<std::string>& texts, const std::vector<std::string>& needles) {
    for (const std::string& text : texts)
        for (const std::string& needle : needles)
            if (!needle.empty() && text.find(needle) != std::string::npos)
                return text + "  (contains " + needle + ")";
    return std::string();
}

SessionTest::SessionTest() {
    m_db = std::make_unique<storage::Database>(databasePath(), "coordinator", storage::Open::CreateNew);
    std::vector<core::PatientHistory> histories;
    for (int i = 0; i < 12; ++i)
        histories.push_back(demo::demoPatient(3, i, today()));
    storage::importHistories(*m_db, histories, true, "Reading session test");
    storage::ReaderRepository readers(*m_db);
    for (const char* name : {"Reader A", "Reader B", "Dr Adjudicator"})
        if (!readers.find(name))
            readers.add(name);
}

storage::ReadingSession SessionTest::makeSession(const std::string& name, core::SessionChronology chronology,
                                                 bool identityHidden) {
    storage::ReadingSessionRepository sessions(*m_db);
    storage::SessionCohort cohort;
    std::vector<std::string> withFilms;
    storage::HistoryReader(*m_db, storage::HistoryParts::FilmsOnly)
        .forEach([&](std::int64_t, const core::PatientHistory& history) {
            if (history.films.size() >= 2 && withFilms.size() < 4)
                withFilms.push_back(history.patient.clinicId);
        });
    cohort.clinicIds = withFilms;
    storage::ReadingSession session;
    session.name = name;
    session.blinding.chronology = chronology;
    session.blinding.identityHidden = identityHidden;
    session.seed = 20260101;
    session.readers = {{"Reader A", core::ReadingRole::Primary}, {"Reader B", core::ReadingRole::Primary}};
    session.films = sessions.filmsOf(cohort);
    sessions.create(session);
    return sessions.require(name);
}

void SessionTest::readAll(const storage::ReadingSession& session, const std::string& reader) {
    storage::ReadingSessionRepository sessions(*m_db);
    const auto items = sessions.worklist(session, reader, storage::readSettings(*m_db));
    std::map<std::int64_t, core::Date> first;  // patient -> first film in the session
    for (const storage::WorklistItem& item : items)
        if (!first.count(item.patientId) || item.filmDate < first[item.patientId])
            first[item.patientId] = item.filmDate;
    const std::int64_t progressing = first.begin()->first;  // the patient Reader B alone sees progress in
    for (const storage::WorklistItem& item : items) {
        if (item.readingId)
            continue;
        const bool later =
            reader == "Reader B" && item.patientId == progressing && item.filmDate != first[item.patientId];
        core::Reading reading = core::parseReading(later ? "2,2,2,2,0,0,0,0,0,0,0,0,2,2,2,2,0,0,0,0,0,0,0,0"
                                                         : "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0",
                                                   reader);
        reading.session = session.name;
        storage::FilmRepository(*m_db).addReading(item.filmId, reading);
    }
}

std::vector<std::string> SessionTest::identifiers(const storage::ReadingSession& session) {
    std::vector<std::string> found;
    storage::ReadingSessionRepository sessions(*m_db);
    for (const storage::WorklistItem& item :
         sessions.worklist(session, "Reader A", storage::readSettings(*m_db))) {
        found.push_back(item.clinicId);
        found.push_back(item.patientName);
        found.push_back(core::toIsoString(item.filmDate));
        const auto history =
            storage::HistoryReader(*m_db, storage::HistoryParts::FilmsOnly).load(item.patientId);
        if (!history)
            continue;
        found.push_back(core::toIsoString(history->patient.birth));
        for (const core::Film& film : history->films)
            found.push_back(core::toIsoString(film.date));
    }
    return found;
}

}  // namespace ankylos::ui::test
