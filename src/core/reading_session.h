#pragma once
/// How a reading was made, and the order a reading session shows its films in (docs/methods.md 11).
///
/// A reading's role: primary (one of the readers whose scores are compared), adjudicator (reads the
/// films of a discordant interval to settle it) or consensus (the readers' agreed reading). A session's
/// blinding: whether its readers see the patient's identity, and its chronology: known order (each
/// patient's films together, in date order), unknown order (every film of the session in one order
/// shuffled with the session's seed) or paired by patient with the order hidden (each patient's films
/// together, the patients and the films within a patient shuffled).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/patient.h"

namespace ankylos::core {

enum class ReadingRole { Primary, Adjudicator, Consensus };
std::string toString(ReadingRole role);  ///< "primary", "adjudicator", "consensus"
/// Parses the names toString gives; throws ValidationError naming the field "role" otherwise.
ReadingRole parseReadingRole(const std::string& text);
/// "primary reader", "adjudicator", "consensus", for clinical text.
std::string label(ReadingRole role);
/// Every role, in the order above.
const std::vector<ReadingRole>& allReadingRoles();

enum class SessionChronology { Known, Unknown, PairedHidden };
std::string toString(SessionChronology chronology);  ///< "known", "unknown", "paired_hidden"
/// Parses the names toString gives; throws ValidationError naming the field "chronology" otherwise.
SessionChronology parseSessionChronology(const std::string& text);
/// "known order", "unknown order", "paired by patient, order hidden", for clinical text.
std::string label(SessionChronology chronology);
/// Every chronology, in the order above.
const std::vector<SessionChronology>& allSessionChronologies();

/// What a session hides from its readers; each reading made in it records the same.
struct SessionBlinding {
    bool identityHidden = true;
    SessionChronology chronology = SessionChronology::Unknown;

    bool chronologyKnown() const { return chronology == SessionChronology::Known; }
    bool pairedByPatient() const { return chronology != SessionChronology::Unknown; }
    /// Film dates are shown only when the identity is and the order is known: a date tells the order,
    /// and with the birth date it helps tell who the patient is.
    bool datesShown() const { return !identityHidden && chronologyKnown(); }
};

/// A random seed for a new session's shuffle (64 bits from std::random_device), for a coordinator who
/// names none; the session stores it, so its order stays the same.
std::uint64_t newSessionSeed();

/// One film of a session's worklist: whose it is and its date.
struct WorklistFilm {
    std::int64_t patient = 0;
    Date date;
};

/// The order in which the session shows its films: indexes into `films`. Known: by patient (in the
/// order patients first appear), each patient's films by date. Unknown: all films shuffled. Paired
/// hidden: patients shuffled, then each patient's films shuffled. Shuffles are Fisher-Yates driven by
/// a 64-bit Mersenne Twister seeded with `seed`, so one seed gives one order on every machine.
std::vector<std::size_t> worklistOrder(const std::vector<WorklistFilm>& films, SessionChronology chronology,
                                       std::uint64_t seed);

}  // namespace ankylos::core
