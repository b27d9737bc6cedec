#pragma once
/// The rest of the ASAS core set recorded at a visit (docs/methods.md 9): the physician's global
/// assessment, MASES, the 44-joint counts, dactylitis and the extra-articular manifestations.
///
/// Every item is optional; "not recorded" is std::nullopt, never 0.
/// Units and ranges: physician global NRS 0-10 in steps of 0.5; MASES (Maastricht Ankylosing
/// Spondylitis Enthesitis Score, Heuft-Dorenbosch et al. 2003) 13 sites each 0 or 1, total 0-13;
/// swollen and tender joint counts 0-44 (the same 44 joints); dactylitis 0-20 digits.
/// Missing data: the MASES total is not computable when any of the 13 sites is not recorded (the
/// reason names them); nothing is imputed.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/patient.h"
#include "core/validation.h"

namespace ankylos::core {

/// The 13 MASES sites in the spec's order.
enum class MasesSite {
    FirstCostochondralLeft,
    FirstCostochondralRight,
    SeventhCostochondralLeft,
    SeventhCostochondralRight,
    PosteriorSuperiorIliacSpineLeft,
    PosteriorSuperiorIliacSpineRight,
    AnteriorSuperiorIliacSpineLeft,
    AnteriorSuperiorIliacSpineRight,
    IliacCrestLeft,
    IliacCrestRight,
    FifthLumbarSpinousProcess,
    AchillesLeft,
    AchillesRight,
};

constexpr int kMasesSiteCount = 13;
/// All 13 sites in spec order.
const std::array<MasesSite, kMasesSiteCount>& allMasesSites();
/// Stable IDs for storage, CSV columns and exports: "costochondral_1_left", "costochondral_1_right",
/// "costochondral_7_left", "costochondral_7_right", "psis_left", "psis_right", "asis_left",
/// "asis_right", "iliac_crest_left", "iliac_crest_right", "l5_spinous_process", "achilles_left",
/// "achilles_right".
std::string masesSiteId(MasesSite site);
/// The site with that exact ID, or nullopt.
std::optional<MasesSite> masesSiteFromId(std::string_view id);
/// The English label: "1st costochondral joint left", ..., "proximal insertion of the Achilles
/// tendon right".
std::string masesSiteLabel(MasesSite site);

/// One visit's MASES: each site tender (true = 1), not tender (false = 0), or not recorded.
struct MasesInput {
    std::array<std::optional<bool>, kMasesSiteCount> sites;

    const std::optional<bool>& at(MasesSite site) const { return sites[static_cast<int>(site)]; }
    std::optional<bool>& at(MasesSite site) { return sites[static_cast<int>(site)]; }
    /// True when no site is recorded (MASES not done at this visit).
    bool empty() const;
};

/// Reads one site's score as typed or written in a file: "0" or "1"; "" = not recorded. Anything
/// else adds an error naming "MASES <label>", the text and "0 or 1" and returns nullopt.
std::optional<bool> parseMasesScore(MasesSite site, const std::string& text, Validation& validation);

struct MasesResult {
    std::optional<int> total;  ///< 0-13; nullopt when not computable
    std::string reason;        ///< "not computable: MASES iliac crest left, ... not recorded"
};

/// The MASES total: the number of tender sites, when all 13 are recorded.
MasesResult computeMases(const MasesInput& input);

/// Status of one extra-articular manifestation at a visit.
enum class ManifestationStatus { Never, History, Active };
std::string toString(ManifestationStatus status);  ///< "never", "history", "active"
std::string manifestationStatusLabel(
    ManifestationStatus status);  ///< "never", "history", "active at this visit"
/// The status with that ID; throws ValidationError naming field, text and the three IDs.
ManifestationStatus parseManifestationStatus(const std::string& text, const std::string& field);

/// The extra-articular manifestations of docs/methods.md 9.
enum class Manifestation { Uveitis, Psoriasis, InflammatoryBowelDisease };
const std::array<Manifestation, 3>& allManifestations();
std::string toString(Manifestation manifestation);  ///< "uveitis", "psoriasis", "ibd"
/// "uveitis", "psoriasis", "inflammatory bowel disease"
std::string manifestationLabel(Manifestation manifestation);

/// One manifestation as recorded at a visit.
struct ManifestationRecord {
    ManifestationStatus status = ManifestationStatus::Never;
    std::optional<Date> lastEpisode;  ///< date of the last episode, when known (history or active only)
};

/// The rest of the ASAS core set at one visit; every item optional.
struct AsasCoreSet {
    std::optional<double> physicianGlobal;  ///< physician global assessment of disease activity, NRS 0-10
    MasesInput mases;
    std::optional<int> swollenJointCount;  ///< 0-44
    std::optional<int> tenderJointCount;   ///< 0-44, the same 44 joints
    std::optional<int> dactylitisDigits;   ///< 0-20
    std::array<std::optional<ManifestationRecord>, 3>
        manifestations;  ///< by Manifestation; nullopt = not recorded

    const std::optional<ManifestationRecord>& at(Manifestation m) const {
        return manifestations[static_cast<int>(m)];
    }
    std::optional<ManifestationRecord>& at(Manifestation m) { return manifestations[static_cast<int>(m)]; }
};

/// Every hard error at once. Fields: "physician global" (0 to 10 in steps of 0.5), "swollen joint
/// count" and "tender joint count" (0 to 44), "dactylitis" (0 to 20 digits), "<manifestation> last
/// episode" (not in the future, not before birth, only with history or active). birth may be unknown.
Validation validateAsasCoreSet(const AsasCoreSet& items, std::optional<Date> birth, Date today);

}  // namespace ankylos::core
