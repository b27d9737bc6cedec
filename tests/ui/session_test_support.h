#pragma once
/// What the reading station's tests share: a database of demo patients with registered readers,
/// sessions made through storage, readings made as the command line makes them, and every text a
/// window shows (to check that a blinded view shows no identifier).

#include <wx/window.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/reading_session_repository.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

/// Every text a window and its children show: titles, labels, text fields, combo and choice entries,
/// list items and their column titles.
std::vector<std::string> textsOf(wxWindow* window);

/// The first text of texts containing one of needles, or empty when none does.
std::string firstContaining(const std::vector<std::string>& texts, const std::vector<std::string>& needles);

class SessionTest : public TempDatabaseTest {
protected:
    /// 12 demo patients (their readers registered by the import) and a third reader, "Dr Adjudicator".
    SessionTest();

    /// A session of the films of the first patients with 2 or more films, read by Reader A and Reader B.
    storage::ReadingSession makeSession(const std::string& name, core::SessionChronology chronology,
                                        bool identityHidden);
    /// The reader reads every film of their worklist: Reader A grades 0 everywhere; so does Reader B,
    /// except 2 at eight sites on the later films of one patient (the first by row id): that patient's
    /// intervals are discordant (progression for B alone), the others' are not.
    void readAll(const storage::ReadingSession& session, const std::string& reader);
    /// The clinic IDs, names, birth dates and film dates of the session's patients.
    std::vector<std::string> identifiers(const storage::ReadingSession& session);

    std::unique_ptr<storage::Database> m_db;
};

}  // namespace ankylos::ui::test
