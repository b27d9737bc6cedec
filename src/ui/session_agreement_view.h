#pragma once
/// Reading sessions > Agreement...: what core::assessSessionAgreement computes for a session
/// (docs/methods.md 11), figures formatted by core: status and change scores (n, k, left out,
/// ICC(A,1), ICC(A,k), SDC, Bland-Altman mean difference and limits, and why a figure is not
/// computable), each pair of readers (Cohen's kappa for syndesmophyte presence, progressor agreement),
/// and the discordant intervals, awaiting adjudication or adjudicated. Intervals are named by their
/// films' codes; the patient and the dates only when the session does not hide them.

#include <wx/dialog.h>

#include <string>

#include "core/session_agreement.h"
#include "storage/database.h"
#include "storage/reading_session_repository.h"

class wxListCtrl;

namespace ankylos::ui {

/// Shows the agreement of the named session (modal).
void showSessionAgreement(wxWindow* parent, storage::Database& db, const std::string& session);

/// The dialog behind showSessionAgreement, public so tests can read it without a modal loop.
class SessionAgreementDialog : public wxDialog {
public:
    SessionAgreementDialog(wxWindow* parent, storage::Database& db, const std::string& session);

    const core::SessionAgreement& agreement() const { return m_agreement; }
    wxListCtrl* scores() const { return m_scores; }
    wxListCtrl* pairs() const { return m_pairs; }
    wxListCtrl* intervals() const { return m_intervals; }

private:
    void fillScores();
    void fillPairs();
    void fillIntervals(storage::Database& db);

    storage::ReadingSession m_session;
    core::SessionAgreement m_agreement;
    wxListCtrl* m_scores;
    wxListCtrl* m_pairs;
    wxListCtrl* m_intervals;
};

/// A figure of the agreement as shown: core::formatFixed with 3 decimals, or "not computable".
wxString agreementFigure(const std::optional<double>& value);

}  // namespace ankylos::ui
