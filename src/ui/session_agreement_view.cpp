#include "ui/session_agreement_view.h"

#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include <map>

#include "core/format.h"
#include "storage/settings_store.h"
#include "ui/blinded_view.h"
#include "ui/display.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

void addColumns(wxListCtrl* list, const std::vector<std::pair<wxString, int>>& columns) {
    for (const auto& [title, width] : columns)
        list->AppendColumn(title, wxLIST_FORMAT_LEFT, list->FromDIP(width));
}

void setRow(wxListCtrl* list, const std::vector<wxString>& cells) {
    const long row = list->InsertItem(list->GetItemCount(), cells.front());
    for (std::size_t column = 1; column < cells.size(); ++column)
        list->SetItem(row, static_cast<long>(column), cells[column]);
}

}  // namespace

wxString agreementFigure(const std::optional<double>& value) {
    return value ? fromUtf8(core::formatFixed(*value, 3)) : _("not computable");
}

SessionAgreementDialog::SessionAgreementDialog(wxWindow* parent, storage::Database& db,
                                               const std::string& session)
    : m_session(storage::ReadingSessionRepository(db).require(session)) {
    storage::ReadingSessionRepository sessions(db);
    m_agreement = core::assessSessionAgreement(sessions.patients(m_session),
                                               m_session.readersWithRole(core::ReadingRole::Primary),
                                               storage::readSettings(db));
    loadDialogLayout(this, parent, "SessionAgreement");
    SetTitle(wxString::Format(_("Agreement in reading session %s"), fromUtf8(m_session.name)));
    m_scores = XRCCTRL(*this, "scores", wxListCtrl);
    m_pairs = XRCCTRL(*this, "pairs", wxListCtrl);
    m_intervals = XRCCTRL(*this, "intervals", wxListCtrl);
    auto* header = XRCCTRL(*this, "header", wxStaticText);
    header->SetLabel(wxString::Format(_("Primary readers: %s. Figures as docs/methods.md 11 defines them; a "
                                        "figure not computable says why below its table."),
                                      fromUtf8(core::joinNames(m_agreement.readers))));
    wrapLabel(header, FromDIP(980));
    fillScores();
    fillPairs();
    fillIntervals(db);
    fitToDisplay(this);
}

void SessionAgreementDialog::fillScores() {
    addColumns(m_scores, {{_("Scores"), 80},
                          {_("n"), 40},
                          {_("k"), 35},
                          {_("Left out"), 70},
                          {_("ICC(A,1)"), 85},
                          {_("ICC(A,k)"), 85},
                          {_("SDC"), 80},
                          {_("Mean difference"), 125},
                          {_("Limits of agreement"), 170},
                          {_("Mean change above SDC"), 175}});
    wxString reasons;
    const std::pair<wxString, const core::AgreementResult*> rows[] = {{_("Status"), &m_agreement.status},
                                                                      {_("Change"), &m_agreement.change}};
    for (const auto& [title, result] : rows) {
        const auto& ba = result->blandAltman;
        setRow(m_scores,
               {title, wxString::Format("%d", result->subjects), wxString::Format("%d", result->readers),
                wxString::Format("%d", result->dropped), agreementFigure(result->iccA1),
                agreementFigure(result->iccAk), agreementFigure(result->sdc),
                ba ? agreementFigure(ba->meanDifference) : _("2 readers only"),
                ba ? wxString::Format(_("%s to %s"), agreementFigure(ba->loaLower),
                                      agreementFigure(ba->loaUpper))
                   : wxString(),
                result->exceedingSdc ? wxString::Format("%d", *result->exceedingSdc) : wxString()});
        if (!result->reason.empty())
            reasons += (reasons.empty() ? "" : "\n") + title + ": " + fromUtf8(result->reason);
    }
    auto* reasonsLabel = XRCCTRL(*this, "reasons", wxStaticText);
    reasonsLabel->SetLabel(reasons);
    reasonsLabel->Show(!reasons.empty());
    wrapLabel(reasonsLabel, FromDIP(980));
}

void SessionAgreementDialog::fillPairs() {
    addColumns(m_pairs, {{_("Readers"), 220},
                         {_("Syndesmophyte kappa"), 175},
                         {_("Sites"), 60},
                         {_("Progressor status agrees"), 190},
                         {_("Why not computable"), 280}});
    for (const core::ReaderPairAgreement& pair : m_agreement.pairs) {
        const core::ProgressorAgreement& progressors = pair.progressors;
        wxString reason = fromUtf8(pair.kappa.reason);
        if (!progressors.reason.empty())
            reason += (reason.empty() ? "" : "; ") + fromUtf8(progressors.reason);
        setRow(m_pairs, {wxString::Format(_("%s and %s"), fromUtf8(pair.first), fromUtf8(pair.second)),
                         agreementFigure(pair.kappa.kappa), wxString::Format("%d", pair.kappa.sites),
                         wxString::Format(_("%d of %d patients (%s)"), progressors.agreeing,
                                          progressors.patients, agreementFigure(progressors.share)),
                         reason});
    }
}

void SessionAgreementDialog::fillIntervals(storage::Database& db) {
    const BlindedView view = BlindedView::of(m_session.blinding);
    // The films' codes, as the worklists name them (any primary reader's worklist holds every film).
    std::map<std::pair<std::string, core::Date>, std::string> codes;
    for (const storage::WorklistItem& item : storage::ReadingSessionRepository(db).worklist(
             m_session, m_session.readersWithRole(core::ReadingRole::Primary).front(),
             storage::readSettings(db)))
        codes[{item.clinicId, item.filmDate}] = item.code;
    std::vector<std::pair<wxString, int>> columns{{_("Films"), 200}};
    if (view.identityShown)
        columns.push_back({_("Patient"), 110});
    if (view.datesShown)
        columns.push_back({_("Dates"), 190});
    columns.push_back({_("Discordant because"), 260});
    columns.push_back({_("State"), 160});
    addColumns(m_intervals, columns);
    int discordant = 0;
    int awaiting = 0;
    for (const core::SessionInterval& interval : m_agreement.intervals) {
        if (!interval.discordant())
            continue;
        ++discordant;
        awaiting += interval.awaitingAdjudication();
        std::vector<wxString> cells{wxString::Format(_("%s to %s"),
                                                     fromUtf8(codes[{interval.patient, interval.from}]),
                                                     fromUtf8(codes[{interval.patient, interval.to}]))};
        if (view.identityShown)
            cells.push_back(fromUtf8(interval.patient));
        if (view.datesShown)
            cells.push_back(wxString::Format(_("%s to %s"), dateText(interval.from), dateText(interval.to)));
        cells.push_back(interval.discordance->progressionDisagrees
                            ? _("the readers disagree on progression")
                            : _("change scores differ by more than the SDC"));
        cells.push_back(interval.adjudicated ? _("adjudicated") : _("awaiting adjudication"));
        setRow(m_intervals, cells);
    }
    XRCCTRL(*this, "intervals_title", wxStaticText)
        ->SetLabel(wxString::Format(_("Discordant intervals: %d of %d, %d awaiting adjudication"), discordant,
                                    static_cast<int>(m_agreement.intervals.size()), awaiting));
}

void showSessionAgreement(wxWindow* parent, storage::Database& db, const std::string& session) {
    SessionAgreementDialog dialog(parent, db, session);
    dialog.ShowModal();
}

}  // namespace ankylos::ui
