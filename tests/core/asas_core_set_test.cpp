// The rest of the ASAS core set at a visit (docs/methods.md 9): ranges, MASES and its sites.
#include "core/asas_core_set.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace ankylos::core {
namespace {

const Date kBirth(1980, 5, 1);
const Date kToday(2024, 6, 30);

std::vector<std::string> errorFields(const Validation& validation) {
    std::vector<std::string> fields;
    for (const Problem& problem : validation.errors())
        fields.push_back(problem.field);
    return fields;
}

TEST(AsasCoreSet, NothingRecordedIsValidAndNotZero) {
    const AsasCoreSet empty;
    EXPECT_TRUE(validateAsasCoreSet(empty, kBirth, kToday).ok());
    EXPECT_FALSE(empty.physicianGlobal.has_value());
    EXPECT_FALSE(empty.swollenJointCount.has_value());
    EXPECT_TRUE(empty.mases.empty());
    EXPECT_FALSE(computeMases(empty.mases).total.has_value());
    for (Manifestation m : allManifestations())
        EXPECT_FALSE(empty.at(m).has_value());
}

TEST(AsasCoreSet, PhysicianGlobalIsZeroToTenInHalfSteps) {
    struct Case {
        double value;
        bool ok;
    };
    for (const Case& c : {Case{0, true}, Case{0.5, true}, Case{7.5, true}, Case{10, true}, Case{-0.5, false},
                          Case{10.5, false}, Case{2.25, false}, Case{0.1, false}, Case{9.99, false},
                          Case{std::nan(""), false}}) {
        AsasCoreSet items;
        items.physicianGlobal = c.value;
        const Validation validation = validateAsasCoreSet(items, kBirth, kToday);
        EXPECT_EQ(validation.ok(), c.ok) << c.value;
        if (!c.ok) {
            EXPECT_EQ(validation.errors()[0].field, "physician global");
            EXPECT_EQ(validation.errors()[0].allowed, "0 to 10 in steps of 0.5");
        }
    }
}

TEST(AsasCoreSet, CountsAtTheirBoundaries) {
    struct Count {
        std::optional<int> AsasCoreSet::*member;
        std::string field;
        int max;
    };
    for (const Count& count : {Count{&AsasCoreSet::swollenJointCount, "swollen joint count", 44},
                               Count{&AsasCoreSet::tenderJointCount, "tender joint count", 44},
                               Count{&AsasCoreSet::dactylitisDigits, "dactylitis", 20}}) {
        for (int value : {-1, 0, count.max, count.max + 1}) {
            AsasCoreSet items;
            items.*count.member = value;
            const Validation validation = validateAsasCoreSet(items, kBirth, kToday);
            const bool inRange = value >= 0 && value <= count.max;
            EXPECT_EQ(validation.ok(), inRange) << count.field << " " << value;
            if (!inRange) {
                EXPECT_EQ(validation.errors()[0].field, count.field);
                EXPECT_NE(validation.errors()[0].allowed.find("0 to " + std::to_string(count.max)),
                          std::string::npos);
            }
        }
    }
}

TEST(Mases, SitesInSpecOrderWithUniqueIdsAndLabels) {
    ASSERT_EQ(allMasesSites().size(), 13u);
    EXPECT_EQ(masesSiteLabel(allMasesSites()[0]), "1st costochondral joint left");
    EXPECT_EQ(masesSiteLabel(allMasesSites()[3]), "7th costochondral joint right");
    EXPECT_EQ(masesSiteLabel(allMasesSites()[4]), "posterior superior iliac spine left");
    EXPECT_EQ(masesSiteLabel(allMasesSites()[7]), "anterior superior iliac spine right");
    EXPECT_EQ(masesSiteLabel(allMasesSites()[9]), "iliac crest right");
    EXPECT_EQ(masesSiteLabel(allMasesSites()[10]), "5th lumbar spinous process");
    EXPECT_EQ(masesSiteLabel(allMasesSites()[12]), "proximal insertion of the Achilles tendon right");
    std::set<std::string> ids, labels;
    for (MasesSite site : allMasesSites()) {
        EXPECT_TRUE(ids.insert(masesSiteId(site)).second) << masesSiteId(site);
        EXPECT_TRUE(labels.insert(masesSiteLabel(site)).second);
        EXPECT_EQ(masesSiteFromId(masesSiteId(site)), site);
    }
    EXPECT_FALSE(masesSiteFromId("achilles").has_value());
}

TEST(Mases, TotalCountsTenderSitesWhenAllAreRecorded) {
    struct Case {
        int tender;
        int total;
    };
    for (const Case& c : {Case{0, 0}, Case{1, 1}, Case{7, 7}, Case{13, 13}}) {
        MasesInput input;
        for (int i = 0; i < kMasesSiteCount; ++i)
            input.sites[i] = i < c.tender;
        const MasesResult result = computeMases(input);
        ASSERT_TRUE(result.total.has_value()) << c.tender;
        EXPECT_EQ(*result.total, c.total);
        EXPECT_EQ(result.reason, "");
    }
}

TEST(Mases, OneSiteNotRecordedMakesTheTotalNotComputableNamingIt) {
    MasesInput input;
    for (int i = 0; i < kMasesSiteCount; ++i)
        input.sites[i] = true;
    input.at(MasesSite::IliacCrestLeft).reset();
    MasesResult result = computeMases(input);
    EXPECT_FALSE(result.total.has_value()) << "a site not recorded is never counted as 0";
    EXPECT_NE(result.reason.find("not computable"), std::string::npos);
    EXPECT_NE(result.reason.find("iliac crest left"), std::string::npos) << result.reason;
    EXPECT_FALSE(input.empty());
    input.at(MasesSite::AchillesRight).reset();
    result = computeMases(input);
    EXPECT_NE(result.reason.find("proximal insertion of the Achilles tendon right"), std::string::npos)
        << result.reason;
}

TEST(Mases, ScoresAreReadAsZeroOrOneEmptyIsNotRecorded) {
    Validation validation;
    EXPECT_EQ(parseMasesScore(MasesSite::IliacCrestLeft, "1", validation), std::optional<bool>(true));
    EXPECT_EQ(parseMasesScore(MasesSite::IliacCrestLeft, "0", validation), std::optional<bool>(false));
    EXPECT_EQ(parseMasesScore(MasesSite::IliacCrestLeft, "", validation), std::nullopt);
    EXPECT_TRUE(validation.ok());
    for (const std::string bad : {"2", "-1", "yes", " 1"}) {
        Validation refused;
        EXPECT_EQ(parseMasesScore(MasesSite::AchillesLeft, bad, refused), std::nullopt) << bad;
        ASSERT_EQ(refused.errors().size(), 1u) << bad;
        EXPECT_EQ(refused.errors()[0].field, "MASES proximal insertion of the Achilles tendon left");
        EXPECT_EQ(refused.errors()[0].value, bad);
        EXPECT_NE(refused.errors()[0].allowed.find("0 or 1"), std::string::npos);
    }
}

TEST(Manifestations, StatusAndLastEpisodeDate) {
    struct Case {
        ManifestationStatus status;
        const char* lastEpisode;  // nullptr = not known
        std::vector<std::string> fields;
    };
    const std::vector<Case> cases = {
        {ManifestationStatus::Never, nullptr, {}},
        {ManifestationStatus::History, nullptr, {}},
        {ManifestationStatus::History, "2019-03-01", {}},
        {ManifestationStatus::Active, "2024-06-30", {}},
        {ManifestationStatus::Active, "2024-07-01", {"uveitis last episode"}},
        {ManifestationStatus::History, "1980-05-01", {}},
        {ManifestationStatus::History, "1980-04-30", {"uveitis last episode"}},
        {ManifestationStatus::Never, "2019-03-01", {"uveitis last episode"}},
    };
    for (const Case& c : cases) {
        AsasCoreSet items;
        ManifestationRecord record{c.status, std::nullopt};
        if (c.lastEpisode)
            record.lastEpisode = parseIsoDate(c.lastEpisode, "test");
        items.at(Manifestation::Uveitis) = record;
        const Validation validation = validateAsasCoreSet(items, kBirth, kToday);
        EXPECT_EQ(errorFields(validation), c.fields)
            << toString(c.status) << " " << (c.lastEpisode ? c.lastEpisode : "");
        if (!c.fields.empty()) {
            EXPECT_EQ(validation.errors()[0].value, c.lastEpisode);
        }
    }
    AsasCoreSet ibd;
    ibd.at(Manifestation::InflammatoryBowelDisease) =
        ManifestationRecord{ManifestationStatus::Active, kToday + boost::gregorian::days(1)};
    EXPECT_EQ(errorFields(validateAsasCoreSet(ibd, kBirth, kToday)),
              std::vector<std::string>{"inflammatory bowel disease last episode"});
}

TEST(Manifestations, VocabularyRoundTripsAndRefusesOthers) {
    EXPECT_EQ(toString(Manifestation::InflammatoryBowelDisease), "ibd");
    EXPECT_EQ(manifestationLabel(Manifestation::Psoriasis), "psoriasis");
    for (auto status :
         {ManifestationStatus::Never, ManifestationStatus::History, ManifestationStatus::Active})
        EXPECT_EQ(parseManifestationStatus(toString(status), "uveitis"), status);
    EXPECT_EQ(manifestationStatusLabel(ManifestationStatus::Active), "active at this visit");
    try {
        parseManifestationStatus("current", "uveitis");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.problems()[0].field, "uveitis");
        EXPECT_EQ(e.problems()[0].value, "current");
        EXPECT_EQ(e.problems()[0].allowed, "never, history or active");
    }
}

}  // namespace
}  // namespace ankylos::core
