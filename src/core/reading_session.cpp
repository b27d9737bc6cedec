#include "core/reading_session.h"

#include <algorithm>
#include <map>
#include <random>

#include "core/translatable.h"
#include "core/validation.h"

namespace ankylos::core {

namespace {

/// Fisher-Yates with the generator's raw output: std::shuffle and the standard distributions may
/// differ between library implementations, and a session's order must not.
template <typename T>
void shuffle(std::vector<T>& items, std::mt19937_64& random) {
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[random() % i]);
}

}  // namespace

std::string toString(ReadingRole role) {
    switch (role) {
        case ReadingRole::Primary:
            return "primary";
        case ReadingRole::Adjudicator:
            return "adjudicator";
        case ReadingRole::Consensus:
            return "consensus";
    }
    return "primary";
}

ReadingRole parseReadingRole(const std::string& text) {
    for (ReadingRole role : allReadingRoles())
        if (toString(role) == text)
            return role;
    throw ValidationError("role", text, "primary, adjudicator or consensus");
}

std::string label(ReadingRole role) {
    switch (role) {
        case ReadingRole::Primary:
            return N_("primary reader");
        case ReadingRole::Adjudicator:
            return N_("adjudicator");
        case ReadingRole::Consensus:
            return N_("consensus");
    }
    return "";
}

const std::vector<ReadingRole>& allReadingRoles() {
    static const std::vector<ReadingRole> roles{ReadingRole::Primary, ReadingRole::Adjudicator,
                                                ReadingRole::Consensus};
    return roles;
}

std::string toString(SessionChronology chronology) {
    switch (chronology) {
        case SessionChronology::Known:
            return "known";
        case SessionChronology::Unknown:
            return "unknown";
        case SessionChronology::PairedHidden:
            return "paired_hidden";
    }
    return "unknown";
}

SessionChronology parseSessionChronology(const std::string& text) {
    for (SessionChronology chronology : allSessionChronologies())
        if (toString(chronology) == text)
            return chronology;
    throw ValidationError("chronology", text, "known, unknown or paired_hidden");
}

const std::vector<SessionChronology>& allSessionChronologies() {
    static const std::vector<SessionChronology> chronologies{
        SessionChronology::Known, SessionChronology::Unknown, SessionChronology::PairedHidden};
    return chronologies;
}

std::string label(SessionChronology chronology) {
    switch (chronology) {
        case SessionChronology::Known:
            return N_("known order");
        case SessionChronology::Unknown:
            return N_("unknown order");
        case SessionChronology::PairedHidden:
            return N_("paired by patient, order hidden");
    }
    return "";
}

std::uint64_t newSessionSeed() {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

std::vector<std::size_t> worklistOrder(const std::vector<WorklistFilm>& films, SessionChronology chronology,
                                       std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::vector<std::size_t> order;
    if (chronology == SessionChronology::Unknown) {
        for (std::size_t i = 0; i < films.size(); ++i)
            order.push_back(i);
        shuffle(order, random);
        return order;
    }
    // Each patient's films, patients in the order they first appear.
    std::vector<std::vector<std::size_t>> patients;
    std::map<std::int64_t, std::size_t> groupOf;
    for (std::size_t i = 0; i < films.size(); ++i) {
        const auto [at, added] = groupOf.emplace(films[i].patient, patients.size());
        if (added)
            patients.emplace_back();
        patients[at->second].push_back(i);
    }
    if (chronology == SessionChronology::PairedHidden)
        shuffle(patients, random);
    for (std::vector<std::size_t>& group : patients) {
        if (chronology == SessionChronology::Known)
            std::stable_sort(group.begin(), group.end(),
                             [&](std::size_t a, std::size_t b) { return films[a].date < films[b].date; });
        else
            shuffle(group, random);
        order.insert(order.end(), group.begin(), group.end());
    }
    return order;
}

}  // namespace ankylos::core
