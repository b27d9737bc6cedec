#pragma once
/// Reading sessions > New session...: a session's name, its films (the patients named by clinic ID, or
/// every patient, within a date range, with a minimum of films per patient:
/// storage::ReadingSessionRepository::filmsOf, counted live), its primary readers (registered, at least
/// one), its blinding (chronology, default paired by patient with the order hidden; identity hidden by
/// default) and the seed of its order (random, editable). Storage checks everything; its refusals are
/// shown as worded and nothing is written.

#include <wx/dialog.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/reading_session_repository.h"

class wxCheckBox;
class wxCheckListBox;
class wxRadioBox;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

/// Opens the dialog; the new session's name when one was created.
std::optional<std::string> newReadingSession(wxWindow* parent, storage::Database& db);

/// The dialog behind newReadingSession, public so tests can drive it without a modal loop.
class NewSessionDialog : public wxDialog {
public:
    NewSessionDialog(wxWindow* parent, storage::Database& db);

    /// Creates the session from the fields; false, with storage's or the field's message shown, when it
    /// cannot (nothing is written then).
    bool trySave();
    /// The films the cohort selects, as the count shows them; throws core::ValidationError for a bad
    /// field (a date, a clinic ID no patient has).
    std::vector<std::int64_t> selectedFilms();
    /// Recounts the films after a change of the cohort's fields.
    void updateCount();
    const std::string& created() const { return m_created; }

private:
    storage::SessionCohort cohort() const;
    storage::ReadingSession session();

    storage::Database& m_db;
    std::vector<std::string> m_readers;
    std::string m_created;
    wxTextCtrl* m_name;
    wxTextCtrl* m_patients;
    wxTextCtrl* m_from;
    wxTextCtrl* m_to;
    wxSpinCtrl* m_minFilms;
    wxCheckListBox* m_readerList;
    wxRadioBox* m_chronology;
    wxCheckBox* m_hideIdentity;
    wxTextCtrl* m_seed;
    wxStaticText* m_count;
    wxStaticText* m_message;
};

}  // namespace ankylos::ui
