// The named settings of docs/methods.md with their defaults.
#include "core/settings.h"

#include <gtest/gtest.h>

#include <map>

#include "core/validation.h"

namespace ankylos::core {
namespace {

TEST(Settings, DefaultsAreTheSpecs) {
    const auto described = Settings{}.describe();
    const std::map<std::string, std::string> settings(described.begin(), described.end());
    const std::map<std::string, std::string> expected = {
        {"msasss.max_missing_per_segment", "3"},
        {"progression.count_bridging_as_new_syndesmophyte", "false"},
        {"progression.event_reader_rule", "all_agree"},
        {"progression.standard_interval_max_years", "2.5"},
        {"progression.min_change_units", "2"},
        {"progression.min_rate_per_year", "1"},
        {"progression.recommended_min_interval_years", "1.5"},
        {"asdas.coefficients", "asas_2dp"},
        {"treatment.exposed_fraction", "0.5"},
        {"ctss.max_missing_fraction_per_segment", "0.25"},
        {"ctss.progression_units", "14.4"},
        {"ctss.progression_quadrants", "3"},
        {"reading.adjudicated_overrides", "true"},  // section 11: default true
    };
    EXPECT_EQ(settings, expected);
    EXPECT_EQ(described.size(), expected.size());
}

TEST(Settings, EverySettingRoundTripsThroughItsName) {
    Settings changed;
    changed.set("msasss.max_missing_per_segment", "2");
    changed.set("progression.count_bridging_as_new_syndesmophyte", "true");
    changed.set("progression.event_reader_rule", "first_reader");
    changed.set("progression.standard_interval_max_years", "3");
    changed.set("progression.min_change_units", "2.5");
    changed.set("progression.min_rate_per_year", "0.8");
    changed.set("progression.recommended_min_interval_years", "1");
    changed.set("asdas.coefficients", "lukas_3dp");
    changed.set("treatment.exposed_fraction", "0.75");
    changed.set("ctss.max_missing_fraction_per_segment", "0.1");
    changed.set("ctss.progression_units", "10.5");
    changed.set("ctss.progression_quadrants", "5");
    changed.set("reading.adjudicated_overrides", "false");
    Settings copy;
    for (const auto& [name, value] : changed.describe())
        copy.set(name, value);
    EXPECT_EQ(copy.describe(), changed.describe());
    EXPECT_EQ(copy.msasss.maxMissingPerSegment, 2);
    EXPECT_TRUE(copy.progression.countBridgingAsNewSyndesmophyte);
    EXPECT_EQ(copy.progression.eventReaderRule, EventReaderRule::FirstReader);
    EXPECT_DOUBLE_EQ(copy.progression.minRatePerYear, 0.8);
    EXPECT_EQ(copy.asdas.coefficients, AsdasCoefficients::Lukas3dp);
    EXPECT_DOUBLE_EQ(copy.treatment.exposedFraction, 0.75);
    EXPECT_DOUBLE_EQ(copy.ctss.maxMissingFractionPerSegment, 0.1);
    EXPECT_DOUBLE_EQ(copy.ctss.progressionUnits, 10.5);
    EXPECT_EQ(copy.ctss.progressionQuadrants, 5);
    EXPECT_FALSE(copy.reading.adjudicatedOverrides);
}

TEST(Settings, BadValuesNameTheSettingAndWhatIsAllowed) {
    struct Case {
        std::string name;
        std::string value;
    };
    for (const Case& c : {Case{"msasss.max_missing_per_segment", "12"},
                          Case{"msasss.max_missing_per_segment", "-1"},
                          Case{"msasss.max_missing_per_segment", "two"},
                          Case{"progression.count_bridging_as_new_syndesmophyte", "yes"},
                          Case{"progression.event_reader_rule", "majority"},
                          Case{"progression.min_change_units", "0"},
                          Case{"progression.min_rate_per_year", "x"},
                          Case{"asdas.coefficients", "asas"},
                          Case{"treatment.exposed_fraction", "0"},
                          Case{"treatment.exposed_fraction", "1.01"},
                          Case{"treatment.exposed_fraction", "-0.5"},
                          Case{"treatment.exposed_fraction", "half"},
                          Case{"no.such.setting", "1"},
                          Case{"ctss.max_missing_fraction_per_segment", "1"},
                          Case{"ctss.max_missing_fraction_per_segment", "-0.1"},
                          Case{"ctss.max_missing_fraction_per_segment", "quarter"},
                          Case{"ctss.progression_units", "0"},
                          Case{"ctss.progression_units", "-14.4"},
                          Case{"ctss.progression_units", "x"},
                          Case{"ctss.progression_quadrants", "0"},
                          Case{"ctss.progression_quadrants", "2.5"},
                          Case{"ctss.progression_quadrants", "-3"},
                          Case{"ctss.progression_quadrants", ""},
                          Case{"ctss.progression_quadrants", "9999999999"}}) {
        Settings settings;
        try {
            settings.set(c.name, c.value);
            FAIL() << c.name << "=" << c.value << " accepted";
        } catch (const ValidationError& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(c.value == "1" ? c.name : c.value), std::string::npos) << message;
        }
        EXPECT_EQ(settings.describe(), Settings{}.describe()) << "a refused value changed a setting";
    }
    Settings settings;
    settings.set("msasss.max_missing_per_segment", "11");
    EXPECT_EQ(settings.msasss.maxMissingPerSegment, 11);
    settings.set("msasss.max_missing_per_segment", "0");
    EXPECT_EQ(settings.msasss.maxMissingPerSegment, 0);
    // treatment.exposed_fraction: more than 0, at most 1 (docs/methods.md 10).
    settings.set("treatment.exposed_fraction", "1");
    EXPECT_EQ(settings.treatment.exposedFraction, 1.0);
    settings.set("treatment.exposed_fraction", "0.01");
    EXPECT_EQ(settings.treatment.exposedFraction, 0.01);
    try {
        settings.set("treatment.exposed_fraction", "0");
        FAIL() << "0 accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.problems()[0].field, "treatment.exposed_fraction");
        EXPECT_EQ(e.problems()[0].allowed, "a number greater than 0 and at most 1");
    }
}

// docs/methods.md 12: the CTSS settings at their boundaries.
TEST(Settings, CtssBoundaries) {
    struct Case {
        std::string name;
        std::string value;
        std::string allowed;  // empty: accepted
    };
    const std::string fraction = "a number from 0 up to but not including 1";
    const Case cases[] = {
        {"ctss.max_missing_fraction_per_segment", "0", ""},
        {"ctss.max_missing_fraction_per_segment", "0.999", ""},
        {"ctss.max_missing_fraction_per_segment", "1", fraction},
        {"ctss.max_missing_fraction_per_segment", "-0.001", fraction},
        {"ctss.progression_units", "0.001", ""},
        {"ctss.progression_units", "0", "a number greater than 0"},
        {"ctss.progression_quadrants", "1", ""},
        {"ctss.progression_quadrants", "184", ""},
        {"ctss.progression_quadrants", "0", "a whole number of at least 1"},
        {"ctss.progression_quadrants", "3.0", "a whole number of at least 1"},
        {"ctss.progression_quadrants", " 3", "a whole number of at least 1"},
    };
    for (const Case& c : cases) {
        Settings settings;
        try {
            settings.set(c.name, c.value);
            EXPECT_EQ(c.allowed, "") << c.name << "=" << c.value << " accepted";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.problems().at(0).field, c.name);
            EXPECT_EQ(e.problems().at(0).value, c.value);
            EXPECT_EQ(e.problems().at(0).allowed, c.allowed) << c.name << "=" << c.value;
        }
    }
    Settings settings;
    settings.set("ctss.max_missing_fraction_per_segment", "0");
    EXPECT_EQ(settings.ctss.maxMissingFractionPerSegment, 0.0);
    settings.set("ctss.progression_quadrants", "184");
    EXPECT_EQ(settings.ctss.progressionQuadrants, 184);
}

}  // namespace
}  // namespace ankylos::core
