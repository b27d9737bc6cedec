#pragma once
/// Tools > Reading sessions...: the central reading coordinator's and the readers' station
/// (docs/methods.md 11). The sessions with their films, chronology, whether identity is hidden, and
/// each reader with role and progress ("12 / 37"); New session..., Worklist..., Add adjudicator... and
/// Agreement... act on the selected session. Creating a session and adding an adjudicator are offered
/// to the accounts allowed OrganiseReadingSessions; the others see them greyed with the reason.

#include <wx/dialog.h>

#include <optional>
#include <string>
#include <vector>

#include "core/reading_session.h"
#include "storage/database.h"
#include "storage/reading_session_repository.h"

class wxListCtrl;

namespace ankylos::ui {

/// Shows the reading sessions of db (modal).
void showReadingSessions(wxWindow* parent, storage::Database& db);

/// The dialog behind showReadingSessions, public so tests can drive it without a modal loop.
class ReadingSessionsDialog : public wxDialog {
public:
    ReadingSessionsDialog(wxWindow* parent, storage::Database& db);

    /// Reads the sessions again and selects the named one (else keeps the selection).
    void reload(const std::string& select = std::string());
    /// The selected session's name, or empty.
    std::string selected() const;

    /// The buttons' actions on the selected session.
    void newSession();
    /// Asks which reader's worklist to open (the signed-in account's name first, when it reads in the
    /// session) and opens it.
    void openWorklist();
    /// Asks for a registered reader not in the session and the role (adjudicator or consensus).
    void addAdjudicator();
    /// Adds reader to the selected session with role; a refusal is shown on the message line. True when
    /// added.
    bool addAdjudicator(const std::string& reader, core::ReadingRole role);
    void showAgreement();

    wxListCtrl* list() const { return m_list; }
    /// The readers column of session: "Reader A (primary reader) 12 / 37; ...".
    static wxString readersText(storage::Database& db, const storage::ReadingSession& session);

private:
    void showMessage(const wxString& text);
    storage::Database& m_db;
    std::vector<storage::ReadingSession> m_sessions;
    wxListCtrl* m_list;
};

}  // namespace ankylos::ui
