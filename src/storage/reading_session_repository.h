#pragma once
/// Reading sessions (schema 13, docs/methods.md 11): a set of films read by registered readers, each
/// with a role, under one blinding; the worklist each reader works through; the session's readings as
/// core's agreement needs them. Creating a session and adding a reader to it are audited
/// ('reading_session'); the readings themselves are written by FilmRepository, as any reading.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/reading_session.h"
#include "core/session_agreement.h"
#include "storage/database.h"

namespace ankylos::storage {

struct SessionReader {
    std::string reader;  ///< as registered
    core::ReadingRole role = core::ReadingRole::Primary;
};

struct ReadingSession {
    std::int64_t id = 0;
    std::string name;
    core::Date createdOn;
    core::SessionBlinding blinding;
    std::uint64_t seed = 0;
    std::vector<SessionReader> readers;  ///< in the order they were added
    std::vector<std::int64_t> films;     ///< film row ids, ascending

    std::vector<std::string> readersWithRole(core::ReadingRole role) const;
};

/// One film of a reader's worklist, in the session's order.
struct WorklistItem {
    std::string
        code;  ///< "<session>-007": the film's place in the session's order; all a blinded reader sees
    std::int64_t filmId = 0;
    std::int64_t patientId = 0;
    std::string clinicId;  ///< the patient's; shown only when the session does not hide identity
    std::string patientName;
    core::Date filmDate;
    std::optional<std::int64_t> readingId;  ///< the reader's reading of the film in this session, once made
};

/// Which films a new session reads: every film of the named patients (every patient when none is
/// named) within the date range, of patients with at least minFilms such films.
struct SessionCohort {
    std::vector<std::string> clinicIds;
    std::optional<core::Date> from;
    std::optional<core::Date> to;
    int minFilms = 2;
};

/// The session's position for one reader: what a reading made there records.
struct SessionSeat {
    ReadingSession session;
    core::ReadingRole role = core::ReadingRole::Primary;
};

class ReadingSessionRepository {
public:
    explicit ReadingSessionRepository(Database& db) : m_db(db) {}

    /// Creates the session with its readers and films (name, blinding, seed, readers, films of `session`;
    /// id and createdOn are set here). Throws ValidationError naming the field for an empty or taken
    /// name, no primary reader, an unregistered reader (as ReaderRepository::require), a reader named
    /// twice, no film, or a film that does not exist.
    std::int64_t create(const ReadingSession& session);
    /// The film row ids the cohort selects, ascending. Throws ValidationError naming a clinic ID no
    /// patient has.
    std::vector<std::int64_t> filmsOf(const SessionCohort& cohort);
    std::optional<ReadingSession> find(const std::string& name);
    /// Like find; throws ValidationError naming the sessions there are.
    ReadingSession require(const std::string& name);
    /// Every session, by name.
    std::vector<ReadingSession> list();
    /// Adds a registered reader to the session (an adjudicator or a consensus, usually, once the
    /// primary readers are done); throws ValidationError when the reader is in the session already.
    void addReader(const std::string& session, const std::string& reader, core::ReadingRole role);

    /// The reader's worklist. A primary reader gets every film of the session in the session's order
    /// (core::worklistOrder); an adjudicator or consensus gets the films of the intervals awaiting
    /// adjudication and those they adjudicated already, in the same order. Throws ValidationError when
    /// the reader is not in the session.
    std::vector<WorklistItem> worklist(const ReadingSession& session, const std::string& reader,
                                       const core::Settings& settings);
    /// The session's films grouped by patient (named by clinic ID: this is the coordinator's view),
    /// each film with the readings made in the session, patients in the order of their first film.
    std::vector<core::SessionPatient> patients(const ReadingSession& session);
    /// Where a reading of the film by the reader in the named session belongs; throws ValidationError
    /// when there is no such session, the reader is not one of its readers or the film not one of its
    /// films.
    SessionSeat seat(const std::string& session, const std::string& reader, std::int64_t filmId);

private:
    std::vector<WorklistItem> ordered(const ReadingSession& session, const std::string& reader);
    Database& m_db;
};

}  // namespace ankylos::storage
