#pragma once
/// mSASSS, the modified Stoke Ankylosing Spondylitis Spinal Score. Reference: Creemers et al.,
/// Ann Rheum Dis 2005;64:127-129 (docs/methods.md 1.1-1.3); missing-site imputation after
/// Ramiro et al. (OASIS cohort).
///
/// Units: mSASSS units, 0-3 per site, 0-36 per segment, 0-72 in total. Totals are real numbers when
/// sites were imputed (14.4): kept at full precision, displayed with 1 decimal (formatFixed).
/// Missing data: per segment and reading, up to msasss.max_missing_per_segment (default 3) sites
/// not assessable are replaced by the mean of that segment's assessable sites; more make the
/// segment and the total not computable. A site that was not scored at all (as opposed to scored
/// "not assessable") makes the reading incomplete: nothing is imputed for it.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/patient.h"
#include "core/reading_session.h"
#include "core/settings.h"
#include "core/validation.h"

namespace ankylos::core {

enum class Segment { Cervical, Lumbar };

/// The 24 anterior vertebral corners, in spec order (docs/methods.md 1.1). _inf is the
/// anterior-inferior corner of that vertebra, _sup the anterior-superior corner.
enum class Site {
    C2_inf,
    C3_sup,
    C3_inf,
    C4_sup,
    C4_inf,
    C5_sup,
    C5_inf,
    C6_sup,
    C6_inf,
    C7_sup,
    C7_inf,
    T1_sup,
    T12_inf,
    L1_sup,
    L1_inf,
    L2_sup,
    L2_inf,
    L3_sup,
    L3_inf,
    L4_sup,
    L4_inf,
    L5_sup,
    L5_inf,
    S1_sup,
};

constexpr int kSiteCount = 24;
constexpr int kSitesPerSegment = 12;

/// All 24 sites in spec order.
const std::array<Site, kSiteCount>& allSites();
/// 0-based position in spec order (C2_inf = 0, S1_sup = 23).
constexpr int siteIndex(Site site) {
    return static_cast<int>(site);
}
/// The spec's ID, used everywhere: "C2_inf", ..., "S1_sup".
std::string siteId(Site site);
/// The site with that exact ID, or nullopt.
std::optional<Site> siteFromId(std::string_view id);
Segment segmentOf(Site site);
std::string toString(Segment segment);  ///< "cervical", "lumbar"

/// The 12 disc spaces, each as its (upper vertebra's _inf, lower vertebra's _sup) corner pair:
/// (C2_inf, C3_sup) ... (C7_inf, T1_sup), (T12_inf, L1_sup) ... (L5_inf, S1_sup).
struct DiscSpace {
    Site upper;
    Site lower;
};
const std::array<DiscSpace, 12>& discSpaces();

/// Why a site could not be graded (docs/methods.md 1.2).
enum class NotAssessableReason { NotVisible, NotImaged, SurgeryHardware, Other };
std::string toString(
    NotAssessableReason reason);  ///< "not_visible", "not_imaged", "surgery_hardware", "other"
NotAssessableReason parseNotAssessableReason(const std::string& text);  ///< throws ValidationError

/// One site's score: grade 0-3, or "not assessable" with its reason (never 0).
class SiteScore {
public:
    /// Throws ValidationError naming the site and the allowed values unless 0 <= grade <= 3.
    static SiteScore graded(Site site, int grade);
    static SiteScore notAssessable(NotAssessableReason reason);

    bool assessable() const { return !m_reason.has_value(); }
    /// The grade; throws InternalError when not assessable.
    int grade() const;
    std::optional<NotAssessableReason> reason() const { return m_reason; }
    bool operator==(const SiteScore& other) const {
        return m_grade == other.m_grade && m_reason == other.m_reason;
    }

private:
    SiteScore(int grade, std::optional<NotAssessableReason> reason) : m_grade(grade), m_reason(reason) {}
    int m_grade;
    std::optional<NotAssessableReason> m_reason;
};

/// Parses one site's score as typed or written in a file: "0".."3", or "NA" (not assessable,
/// reason `other` unless given). Adds an error naming the site, the value and "0, 1, 2, 3 or NA"
/// to validation and returns nullopt when the text is anything else.
std::optional<SiteScore> parseSiteScore(Site site, const std::string& text, Validation& validation,
                                        NotAssessableReason naReason = NotAssessableReason::Other);

/// One reader's scores of one film. A site left nullopt was not scored.
struct Reading {
    std::string reader;
    std::optional<Date> readingDate;
    bool chronologyKnown = false;  ///< the reader knew the films' order (recorded; scores do not use it)
    // How the reading was made (docs/methods.md 11); the defaults are a clinic reading's.
    std::string session;                       ///< the reading session's name; empty outside sessions
    ReadingRole role = ReadingRole::Primary;   ///< adjudicator and consensus readings settle intervals
    bool identitySeen = true;                  ///< the reader saw the patient's name, ID and dates
    bool pairedByPatient = false;              ///< shown with the patient's other films (a session's)
    std::array<std::optional<SiteScore>, kSiteCount> sites;

    bool adjudicating() const { return role != ReadingRole::Primary; }

    const std::optional<SiteScore>& at(Site site) const { return sites[siteIndex(site)]; }
    std::optional<SiteScore>& at(Site site) { return sites[siteIndex(site)]; }
};

/// Parses 24 comma-separated site scores in spec order ("0,1,NA,..."); throws ValidationError
/// listing every bad site, or the count when it is not 24.
Reading parseReading(const std::string& commaSeparated, const std::string& reader = "");

struct SegmentScore {
    Segment segment = Segment::Cervical;
    std::optional<double> value;  ///< 0-36, nullopt when not computable
    int assessable = 0;           ///< sites graded 0-3
    int notAssessable = 0;        ///< sites scored "not assessable"
    int notScored = 0;            ///< sites left empty
    int imputed = 0;              ///< not-assessable sites replaced by the segment mean
    std::string reason;           ///< why not computable, e.g. "4 of 12 lumbar sites not assessable"
};

struct MsasssScore {
    SegmentScore cervical;
    SegmentScore lumbar;
    std::optional<double> total;  ///< 0-72, nullopt when either segment is not computable
    std::string reason;           ///< "not computable: 4 of 12 lumbar sites not assessable"
    MsasssSettings settings;
};

/// Segment and total scores of one reading (docs/methods.md 1.3).
MsasssScore scoreReading(const Reading& reading, const MsasssSettings& settings);

/// A lateral spine radiograph (cervical + lumbar views of one date) with its readings.
struct Film {
    Date date;
    std::vector<Reading> readings;
};

struct FilmScore {
    std::optional<double> value;  ///< mean of the computable totals of the readings counted
    int readingsUsed = 0;         ///< readings counted whose total is computable
    int readingsTotal = 0;        ///< readings counted
    std::string reason;
    std::vector<MsasssScore> readingScores;  ///< per reading (counted or not), in the film's order
};

/// Whether an adjudicator or a consensus of readers has read the film.
bool hasAdjudicatingReading(const Film& film);

/// Whether the film's score counts the reading: every primary reading; the adjudicator's and consensus
/// readings only on a film that has no primary reading (docs/methods.md 11: they settle intervals).
bool countsInFilmScore(const Film& film, const Reading& reading);

/// The film's score = mean of its readers' computable totals (docs/methods.md 1.3), over the readings
/// countsInFilmScore counts.
FilmScore scoreFilm(const Film& film, const MsasssSettings& settings);

/// True when any reading of the film grades any lumbar site 2 or 3 (the AS caveat on lumbar BMD,
/// docs/methods.md 5).
bool hasLumbarSyndesmophyte(const Film& film);

}  // namespace ankylos::core
