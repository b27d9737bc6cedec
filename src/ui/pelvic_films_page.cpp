#include "ui/pelvic_films_page.h"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "core/sacroiliitis.h"
#include "storage/errors.h"
#include "storage/film_repository.h"
#include "storage/json_codec.h"
#include "storage/reader_repository.h"
#include "ui/display.h"
#include "ui/pelvic_film_dialog.h"
#include "ui/permissions.h"
#include "ui/reason_dialog.h"
#include "ui/record_edits.h"
#include "ui/record_table.h"

namespace ankylos::ui {

namespace {

using storage::Action;

wxString gradeText(const std::optional<int>& grade) {
    return grade ? wxString::Format("%d", *grade) : wxString();
}

/// "the pelvic film of 2021-03-04 graded by Dr. Chen"
wxString gradingName(const core::PelvicFilmReading& grading) {
    return wxString::Format(_("the pelvic film of %s graded by %s"), dateText(grading.film.date),
                            fromUtf8(grading.reader));
}

/// The patient and the registered readers, for the dialog.
PelvicFilmContext dialogContext(storage::Database& db, const core::Patient& patient) {
    PelvicFilmContext context{patient, {}, {}};
    for (const storage::Reader& reader : storage::ReaderRepository(db).list())
        context.readers.push_back(reader.name);
    if (mayDo(db, storage::Action::RegisterReaders))
        context.addReader = [&db](const std::string& name) {
            return storage::ReaderRepository(db).add(name).name;
        };
    return context;
}

}  // namespace

PelvicFilmsPage::PelvicFilmsPage(wxWindow* parent, storage::Database& db, std::function<void()> written,
                                 std::function<void()> reload)
    : wxPanel(parent), m_db(db), m_written(std::move(written)), m_reload(std::move(reload)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(makeButtonRow(this, m_db,
                             {{_("&New pelvic film..."), [this] { newPelvicFilm(); }, Action::ScoreFilms,
                               _("New pelvic film: Alt+N on this tab")},
                              {_("E&dit pelvic film..."), [this] { editPelvicFilmAt(selectedRow()); },
                               Action::ScoreFilms},
                              {_("De&lete pelvic film..."), [this] { deletePelvicFilmAt(selectedRow()); },
                               Action::ScoreFilms}}),
               0, wxALL, FromDIP(6));
    m_classification = new wxStaticText(this, wxID_ANY, wxString());
    m_classification->SetFont(m_classification->GetFont().Bold());
    sizer->Add(m_classification, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    m_table = makeRecordTable(this, {{_("Film date"), 100},
                                     {_("Reader"), 160},
                                     {_("Left"), 50},
                                     {_("Right"), 50},
                                     {_("Modified New York criterion"), 260}});
    sizer->Add(m_table, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    SetSizer(sizer);
    m_table->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        if (mayDo(m_db, Action::ScoreFilms))
            editPelvicFilmAt(event.GetIndex());
    });
}

void PelvicFilmsPage::fill(std::int64_t patientId, const core::PatientHistory& history,
                           std::int64_t loadedAt) {
    m_patientId = patientId;
    m_loadedAt = loadedAt;
    m_patient = history.patient;
    m_gradings = history.pelvicFilms;
    m_table->DeleteAllItems();
    for (const core::PelvicFilmReading& grading : m_gradings)
        addRow(m_table,
               {dateText(grading.film.date), fromUtf8(grading.reader), gradeText(grading.film.left),
                gradeText(grading.film.right), newYorkText(core::assessModifiedNewYork(grading.film))});
    fitColumns(m_table);
    m_classification->SetLabel(classificationText());
    Layout();
}

wxString PelvicFilmsPage::classification() const {
    return m_classification->GetLabel();
}

wxString PelvicFilmsPage::classificationText() const {
    if (m_gradings.empty())
        return _("No pelvic film graded yet.");
    // The first grading (in date order) that meets it, and how many do: what is on file, not a diagnosis.
    const core::PelvicFilmReading* first = nullptr;
    core::NewYorkAssessment firstAssessment;
    std::size_t meeting = 0;
    for (const core::PelvicFilmReading& grading : m_gradings) {
        const core::NewYorkAssessment assessment = core::assessModifiedNewYork(grading.film);
        if (assessment.met.value_or(false) && !meeting++) {
            first = &grading;
            firstAssessment = assessment;
        }
    }
    if (!first)
        return wxString::Format(wxPLURAL("Modified New York radiological criterion: not met on any graded "
                                         "pelvic film (%zu grading)",
                                         "Modified New York radiological criterion: not met on any graded "
                                         "pelvic film (%zu gradings)",
                                         m_gradings.size()),
                                m_gradings.size());
    wxString text = wxString::Format(_("Modified New York radiological criterion: met on %s (reader %s, %s)"),
                                     dateText(first->film.date), fromUtf8(first->reader),
                                     ruleText(*firstAssessment.rule));
    if (meeting > 1)
        text += wxString::Format(_("; met in %zu of %zu gradings"), meeting, m_gradings.size());
    return text;
}

long PelvicFilmsPage::selectedRow() const {
    return m_table->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

void PelvicFilmsPage::newPelvicFilm() {
    core::PelvicFilmReading grading;
    grading.film.date = today();
    const bool saved = editPelvicFilm(
        this, dialogContext(m_db, m_patient), grading, [this](const core::PelvicFilmReading& entered) {
            storage::FilmRepository(m_db).addPelvicFilm(m_patientId, entered.reader, entered.film);
        });
    if (saved)
        m_written();
}

void PelvicFilmsPage::editPelvicFilmAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_gradings.size()))
        return;
    const core::PelvicFilmReading original = m_gradings[static_cast<std::size_t>(row)];
    const auto id =
        storage::FilmRepository(m_db).pelvicFilmId(m_patientId, original.film.date, original.reader);
    if (!id)
        return;
    core::PelvicFilmReading grading = original;
    std::int64_t opened = m_loadedAt;
    const bool saved = editPelvicFilm(
        this, dialogContext(m_db, m_patient), grading, [&](const core::PelvicFilmReading& changed) {
            if (storage::toJson(changed) == storage::toJson(original))
                return;  // saved unchanged: nothing to write, no reason to ask
            const std::string reason =
                requireReason(this, wxString::Format(_("Correct %s"), gradingName(original)));
            saveAgainst(m_db, opened, [&](std::int64_t version) {
                storage::FilmRepository(m_db).updatePelvicFilm(*id, changed, reason, version);
            });
        });
    if (saved)
        m_written();
}

void PelvicFilmsPage::deletePelvicFilmAt(long row) {
    if (row < 0 || row >= static_cast<long>(m_gradings.size()))
        return;
    const core::PelvicFilmReading& grading = m_gradings[static_cast<std::size_t>(row)];
    const auto reason = askReason(this, wxString::Format(_("Delete %s"), gradingName(grading)));
    if (!reason)
        return;
    try {
        storage::FilmRepository repository(m_db);
        if (const auto id = repository.pelvicFilmId(m_patientId, grading.film.date, grading.reader))
            repository.removePelvicFilm(*id, *reason, m_loadedAt);
        m_written();
    } catch (const storage::ChangedSinceOpened& e) {
        showError(this, e);
        m_reload();  // shows what was changed; deleting again deletes that
    } catch (const Error& e) {
        showError(this, e);
    }
}

}  // namespace ankylos::ui
