#include "ui/treatment_page.h"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "storage/errors.h"
#include "storage/json_codec.h"
#include "ui/display.h"
#include "ui/editor_fields.h"
#include "ui/permissions.h"
#include "ui/reason_dialog.h"
#include "ui/record_edits.h"
#include "ui/record_table.h"
#include "ui/treatment_dialog.h"

namespace ankylos::ui {

namespace {

using storage::Action;

/// "Adalimumab from 2021-03-01": how messages and reasons name an episode.
wxString episodeName(const core::TreatmentEpisode& episode) {
    return wxString::Format(_("%s from %s"), drugLabel(episode.drugId), dateText(episode.start));
}

}  // namespace

wxString currentTreatmentText(const std::vector<core::TreatmentEpisode>& course, core::Date today) {
    if (course.empty())
        return _("no treatment recorded");
    wxString text;
    for (const core::TreatmentEpisode& episode : core::currentTreatment(course, today))
        text += (text.empty() ? "" : "; ") +
                wxString::Format(_("%s since %s"), drugLabel(episode.drugId), dateText(episode.start));
    if (!text.empty())
        return text;
    const core::TreatmentEpisode* last = &course.front();
    for (const core::TreatmentEpisode& episode : course)
        if (episode.lastDay(today) > last->lastDay(today))
            last = &episode;
    return wxString::Format(_("none ongoing (last: %s, stopped %s)"), drugLabel(last->drugId),
                            dateText(last->lastDay(today)));
}

TreatmentPage::TreatmentPage(wxWindow* parent, storage::Database& db, std::function<void()> written,
                             std::function<void()> reload)
    : wxPanel(parent), m_db(db), m_written(std::move(written)), m_reload(std::move(reload)) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(makeButtonRow(this, m_db,
                             {{_("&New treatment..."), [this] { newTreatment(); }, Action::EditVisits,
                               _("New treatment: Alt+N on this tab")},
                              {_("S&top..."), [this] { stopAt(selectedRow()); }, Action::EditVisits,
                               _("Stop the selected ongoing treatment: its last day and why")},
                              {_("S&witch..."), [this] { switchAt(selectedRow()); }, Action::EditVisits,
                               _("Stop the selected treatment and start the next drug, in one step")},
                              {_("E&dit..."), [this] { editAt(selectedRow()); }, Action::EditVisits},
                              {_("De&lete..."), [this] { deleteAt(selectedRow()); }, Action::EditVisits}}),
               0, wxALL, FromDIP(6));
    m_current = new wxStaticText(this, wxID_ANY, wxString());
    m_current->SetFont(m_current->GetFont().Bold());
    sizer->Add(m_current, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    m_table = makeRecordTable(this, {{_("Drug"), 160},
                                     {_("Class"), 140},
                                     {_("Brand"), 110},
                                     {_("Start"), 100},
                                     {_("Stop"), 100},
                                     {_("Dose and frequency"), 180},
                                     {_("Route"), 100},
                                     {_("Reason for stopping"), 140}});
    sizer->Add(m_table, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    SetSizer(sizer);
    m_table->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
        if (mayDo(m_db, Action::EditVisits))
            editAt(event.GetIndex());
    });
}

void TreatmentPage::fill(std::int64_t patientId, const core::PatientHistory& history, std::int64_t loadedAt) {
    m_patientId = patientId;
    m_loadedAt = loadedAt;
    m_patient = history.patient;
    m_episodes = storage::TreatmentRepository(m_db).forPatient(patientId);
    m_table->DeleteAllItems();
    for (const storage::StoredEpisode& stored : m_episodes) {
        const core::TreatmentEpisode& e = stored.episode;
        const core::Drug* drug = core::findDrug(e.drugId);
        addRow(m_table,
               {drugLabel(e.drugId), drug ? coreText(core::drugClassLabel(drug->drugClass)) : wxString(),
                fromUtf8(e.brand), dateText(e.start), e.stop ? dateText(*e.stop) : _("ongoing"),
                fromUtf8(e.doseAndFrequency), coreText(core::routeLabel(e.route)),
                e.stopReason ? coreText(core::stopReasonLabel(*e.stopReason)) : wxString()});
    }
    fitColumns(m_table);
    m_current->SetLabel(
        wxString::Format(_("Current treatment: %s"), currentTreatmentText(history.treatments, today())));
    Layout();
}

wxString TreatmentPage::current() const {
    return m_current->GetLabel();
}

long TreatmentPage::selectedRow() const {
    return m_table->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

const storage::StoredEpisode* TreatmentPage::episodeAt(long row) const {
    if (row < 0 || row >= static_cast<long>(m_episodes.size()))
        return nullptr;
    return &m_episodes[static_cast<std::size_t>(row)];
}

void TreatmentPage::newTreatment() {
    core::TreatmentEpisode episode;
    episode.start = today();
    if (editTreatment(this, TreatmentEntry::New, m_patient, episode,
                      [this](const core::TreatmentEpisode& entered) {
                          storage::TreatmentRepository(m_db).add(m_patientId, entered);
                      }))
        m_written();
}

void TreatmentPage::stopAt(long row) {
    const storage::StoredEpisode* stored = episodeAt(row);
    if (!stored)
        return;
    if (!stored->episode.ongoing()) {
        showError(this, core::ValidationError(
                            toUtf8(wxString::Format(_("%s stop date"), drugLabel(stored->episode.drugId))),
                            core::toIsoString(*stored->episode.stop),
                            toUtf8(_("an ongoing treatment; to change a stop date, use Edit"))));
        return;
    }
    const std::int64_t id = stored->id;
    core::TreatmentEpisode episode = stored->episode;
    if (editTreatment(this, TreatmentEntry::Stop, m_patient, episode,
                      [&](const core::TreatmentEpisode& entered) {
                          storage::TreatmentRepository(m_db).stop(id, *entered.stop, entered.stopReason);
                      }))
        m_written();
}

void TreatmentPage::switchAt(long row) {
    const storage::StoredEpisode* stored = episodeAt(row);
    if (!stored)
        return;
    const std::int64_t id = stored->id;
    const core::TreatmentEpisode previous = stored->episode;
    core::TreatmentEpisode next;
    next.start = today();
    next.route = previous.route;
    if (editTreatment(
            this, TreatmentEntry::Switch, m_patient, next,
            [&](const core::TreatmentEpisode& entered) {
                core::TreatmentEpisode started = entered;
                started.stopReason.reset();  // the reason chosen was the previous drug's
                storage::TreatmentRepository(m_db).switchTo(id, entered.stopReason, started);
            },
            &previous))
        m_written();
}

void TreatmentPage::editAt(long row) {
    const storage::StoredEpisode* stored = episodeAt(row);
    if (!stored)
        return;
    const std::int64_t id = stored->id;
    const core::TreatmentEpisode original = stored->episode;
    core::TreatmentEpisode episode = original;
    std::int64_t opened = m_loadedAt;
    if (editTreatment(this, TreatmentEntry::Edit, m_patient, episode,
                      [&](const core::TreatmentEpisode& changed) {
                          if (storage::toJson(changed) == storage::toJson(original))
                              return;  // saved unchanged: nothing to write, no reason to ask
                          const std::string reason =
                              requireReason(this, wxString::Format(_("Correct %s"), episodeName(original)));
                          saveAgainst(m_db, opened, [&](std::int64_t version) {
                              storage::TreatmentRepository(m_db).update(id, changed, reason, version);
                          });
                      }))
        m_written();
}

void TreatmentPage::deleteAt(long row) {
    const storage::StoredEpisode* stored = episodeAt(row);
    if (!stored)
        return;
    const auto reason = askReason(this, wxString::Format(_("Delete %s"), episodeName(stored->episode)),
                                  _("Delete an episode entered in error; to end a treatment, use Stop."));
    if (!reason)
        return;
    const std::int64_t id = stored->id;
    writeAndRefresh([&] { storage::TreatmentRepository(m_db).remove(id, *reason, m_loadedAt); });
}

void TreatmentPage::writeAndRefresh(const std::function<void()>& write) {
    try {
        write();
        m_written();
    } catch (const storage::ChangedSinceOpened& e) {
        showError(this, e);
        m_reload();
    } catch (const Error& e) {
        showError(this, e);
    }
}

}  // namespace ankylos::ui
