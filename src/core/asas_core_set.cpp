#include "core/asas_core_set.h"

#include <cmath>
#include <vector>

#include "core/format.h"
#include "core/translatable.h"

namespace ankylos::core {

namespace {

struct SiteNames {
    const char* id;
    const char* label;
};

// In spec order, indexed by MasesSite.
constexpr std::array<SiteNames, kMasesSiteCount> kSiteNames = {{
    {"costochondral_1_left", N_("1st costochondral joint left")},
    {"costochondral_1_right", N_("1st costochondral joint right")},
    {"costochondral_7_left", N_("7th costochondral joint left")},
    {"costochondral_7_right", N_("7th costochondral joint right")},
    {"psis_left", N_("posterior superior iliac spine left")},
    {"psis_right", N_("posterior superior iliac spine right")},
    {"asis_left", N_("anterior superior iliac spine left")},
    {"asis_right", N_("anterior superior iliac spine right")},
    {"iliac_crest_left", N_("iliac crest left")},
    {"iliac_crest_right", N_("iliac crest right")},
    {"l5_spinous_process", N_("5th lumbar spinous process")},
    {"achilles_left", N_("proximal insertion of the Achilles tendon left")},
    {"achilles_right", N_("proximal insertion of the Achilles tendon right")},
}};

void requireCount(Validation& validation, const std::string& field, const std::optional<int>& count, int max,
                  const std::string& unit = "") {
    if (count)
        validation.requireRange(field, *count, 0, max, unit);
}

void checkPhysicianGlobal(Validation& validation, const std::optional<double>& value) {
    if (!value)
        return;
    // Half steps only: 2 x value must be a whole number (the NRS allows 0.5 steps).
    const bool halfStep = std::isfinite(*value) && std::floor(*value * 2) == *value * 2;
    if (!(*value >= 0 && *value <= 10) || !halfStep)
        validation.addError("physician global", formatNumber(*value), "0 to 10 in steps of 0.5");
}

void checkManifestation(Validation& validation, Manifestation manifestation,
                        const std::optional<ManifestationRecord>& record, std::optional<Date> birth,
                        Date today) {
    if (!record || !record->lastEpisode)
        return;
    const std::string field = manifestationLabel(manifestation) + " last episode";
    if (record->status == ManifestationStatus::Never)
        validation.addError(field, toIsoString(*record->lastEpisode),
                            "no date when the status is never (only with history or active)");
    checkClinicalDate(validation, field, *record->lastEpisode, birth, today);
}

}  // namespace

const std::array<MasesSite, kMasesSiteCount>& allMasesSites() {
    static const std::array<MasesSite, kMasesSiteCount> sites = [] {
        std::array<MasesSite, kMasesSiteCount> all{};
        for (int i = 0; i < kMasesSiteCount; ++i)
            all[i] = static_cast<MasesSite>(i);
        return all;
    }();
    return sites;
}

std::string masesSiteId(MasesSite site) {
    return kSiteNames[static_cast<int>(site)].id;
}

std::optional<MasesSite> masesSiteFromId(std::string_view id) {
    for (MasesSite site : allMasesSites())
        if (kSiteNames[static_cast<int>(site)].id == id)
            return site;
    return std::nullopt;
}

std::string masesSiteLabel(MasesSite site) {
    return kSiteNames[static_cast<int>(site)].label;
}

bool MasesInput::empty() const {
    for (const auto& site : sites)
        if (site)
            return false;
    return true;
}

std::optional<bool> parseMasesScore(MasesSite site, const std::string& text, Validation& validation) {
    if (text == "1")
        return true;
    if (text == "0")
        return false;
    if (!text.empty())
        validation.addError("MASES " + masesSiteLabel(site), text, "0 or 1, or empty when not recorded");
    return std::nullopt;
}

MasesResult computeMases(const MasesInput& input) {
    MasesResult result;
    std::vector<std::string> missing;
    int total = 0;
    for (MasesSite site : allMasesSites()) {
        if (!input.at(site))
            missing.push_back(masesSiteLabel(site));
        else if (*input.at(site))
            ++total;
    }
    if (missing.empty())
        result.total = total;
    else
        result.reason = "not computable: MASES " + joinNames(missing) + " not recorded";
    return result;
}

std::string toString(ManifestationStatus status) {
    switch (status) {
        // "never" and "history" are their labels too (manifestationStatusLabel).
        case ManifestationStatus::Never:
            return N_("never");
        case ManifestationStatus::History:
            return N_("history");
        case ManifestationStatus::Active:
            return "active";
    }
    throw InternalError("unknown ManifestationStatus");
}

std::string manifestationStatusLabel(ManifestationStatus status) {
    return status == ManifestationStatus::Active ? N_("active at this visit") : toString(status);
}

ManifestationStatus parseManifestationStatus(const std::string& text, const std::string& field) {
    for (auto status :
         {ManifestationStatus::Never, ManifestationStatus::History, ManifestationStatus::Active})
        if (toString(status) == text)
            return status;
    throw ValidationError(field, text, "never, history or active");
}

const std::array<Manifestation, 3>& allManifestations() {
    static const std::array<Manifestation, 3> all = {Manifestation::Uveitis, Manifestation::Psoriasis,
                                                     Manifestation::InflammatoryBowelDisease};
    return all;
}

std::string toString(Manifestation manifestation) {
    switch (manifestation) {
        // "uveitis" and "psoriasis" are their labels too (manifestationLabel).
        case Manifestation::Uveitis:
            return N_("uveitis");
        case Manifestation::Psoriasis:
            return N_("psoriasis");
        case Manifestation::InflammatoryBowelDisease:
            return "ibd";
    }
    throw InternalError("unknown Manifestation");
}

std::string manifestationLabel(Manifestation manifestation) {
    return manifestation == Manifestation::InflammatoryBowelDisease ? N_("inflammatory bowel disease")
                                                                    : toString(manifestation);
}

Validation validateAsasCoreSet(const AsasCoreSet& items, std::optional<Date> birth, Date today) {
    Validation validation;
    checkPhysicianGlobal(validation, items.physicianGlobal);
    requireCount(validation, "swollen joint count", items.swollenJointCount, 44);
    requireCount(validation, "tender joint count", items.tenderJointCount, 44);
    requireCount(validation, "dactylitis", items.dactylitisDigits, 20, "digits");
    for (Manifestation manifestation : allManifestations())
        checkManifestation(validation, manifestation, items.at(manifestation), birth, today);
    return validation;
}

}  // namespace ankylos::core
