#pragma once
/// A reader's worklist in a reading session (docs/methods.md 11): the films by code in the session's
/// order, read or to read, and the reader's progress. Enter or a double-click opens film scoring for
/// the film in the session: the reader is the worklist's, the reading names the session, and storage
/// records the reader's role and the session's blinding (FilmRepository::addReading); a film read
/// already is re-scored with a reason (updateReading). What the session hides (BlindedView) is shown
/// neither here nor in film scoring.

#include <wx/dialog.h>

#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/reading_session_repository.h"
#include "ui/film_scoring.h"

class wxListCtrl;
class wxListEvent;

namespace ankylos::ui {

/// Shows the worklist of reader in session (modal).
void showWorklist(wxWindow* parent, storage::Database& db, const std::string& session,
                  const std::string& reader);

/// The dialog behind showWorklist, public so tests can drive it without a modal loop.
class SessionWorklistDialog : public wxDialog {
public:
    SessionWorklistDialog(wxWindow* parent, storage::Database& db, const std::string& session,
                          const std::string& reader);

    /// Opens film scoring for the film in row (modal). True when a reading was saved; the list then
    /// shows it read and selects the next film to read.
    bool scoreAt(long row);
    /// The scoring dialog's context for the film in row: what the reader may see of it.
    FilmScoringContext contextAt(long row);

    wxListCtrl* list() const { return m_list; }
    const std::vector<storage::WorklistItem>& items() const { return m_items; }
    /// Films read so far.
    int done() const;

private:
    void reload();
    void fill();
    /// Selects the first film to read after row (wrapping round), or row itself when all are read.
    void selectNextFrom(long row);
    std::vector<ViewerImage> imagesOf(std::int64_t filmId, core::Date date, const BlindedView& view);
    SaveReading saverFor(const storage::WorklistItem& item, core::Reading& reading);

    storage::Database& m_db;
    storage::ReadingSession m_session;
    std::string m_reader;
    core::ReadingRole m_role = core::ReadingRole::Primary;
    std::vector<storage::WorklistItem> m_items;
    std::int64_t m_loadedAt = 0;
    wxListCtrl* m_list;
};

}  // namespace ankylos::ui
