#include "core/basfi.h"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/format.h"

namespace ankylos::core {
namespace {

// Means of decimals: compared with this tolerance.
constexpr double kTol = 1e-12;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

BasfiInput makeInput(const std::vector<double>& items) {
    BasfiInput input;
    for (int i = 0; i < kBasfiItemCount; ++i)
        input.items[i] = items.at(i);
    return input;
}

BasfiInput allFive() {
    return makeInput(std::vector<double>(kBasfiItemCount, 5.0));
}

struct MeanCase {
    std::vector<double> items;
    double expected;
};

class BasfiMeans : public ::testing::TestWithParam<MeanCase> {};

TEST_P(BasfiMeans, IsTheMeanOfTenItems) {
    const BasfiResult result = computeBasfi(makeInput(GetParam().items));
    ASSERT_TRUE(result.value.has_value()) << result.reason;
    EXPECT_NEAR(*result.value, GetParam().expected, kTol);
    EXPECT_TRUE(result.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, BasfiMeans,
                         ::testing::Values(MeanCase{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0.0},
                                           MeanCase{{10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, 10.0},
                                           MeanCase{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 4.5},
                                           MeanCase{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5.5},
                                           // Only the last item differs: every item counts, with weight 1/10.
                                           MeanCase{{0, 0, 0, 0, 0, 0, 0, 0, 0, 7}, 0.7},
                                           MeanCase{{2.5, 3.1, 0.4, 9.9, 6.0, 1.2, 4.4, 7.7, 8.8, 5.0},
                                                    4.9}));

TEST(BasfiTest, EachMissingItemMakesItNotComputableAndIsNamed) {
    for (int i = 0; i < kBasfiItemCount; ++i) {
        BasfiInput input = allFive();
        input.items[i].reset();
        EXPECT_TRUE(validateBasfi(input).ok());
        const BasfiResult result = computeBasfi(input);
        EXPECT_FALSE(result.value.has_value());
        EXPECT_EQ(result.reason, "not computable: BASFI Q" + std::to_string(i + 1) + " missing");
    }
    BasfiInput two = allFive();
    two.items[3].reset();
    two.items[9].reset();
    EXPECT_EQ(computeBasfi(two).reason, "not computable: BASFI Q4, BASFI Q10 missing");
}

TEST(BasfiTest, EachItemOutsideZeroToTenIsRejectedNamingItsField) {
    for (int i = 0; i < kBasfiItemCount; ++i) {
        const std::string field = "BASFI Q" + std::to_string(i + 1);
        for (double bad : {-0.1, 10.1, kNaN}) {
            BasfiInput input = allFive();
            input.items[i] = bad;
            const Validation validation = validateBasfi(input);
            ASSERT_EQ(validation.errors().size(), 1u);
            EXPECT_EQ(validation.errors()[0].field, field);
            EXPECT_EQ(validation.errors()[0].value, formatNumber(bad));
            EXPECT_EQ(validation.errors()[0].allowed, "0 to 10");
            try {
                computeBasfi(input);
                ADD_FAILURE() << "no ValidationError for " << field;
            } catch (const ValidationError& e) {
                EXPECT_EQ(std::string(e.what()),
                          field + ": " + formatNumber(bad) + " is not allowed (allowed: 0 to 10)");
            }
        }
        for (double edge : {0.0, 10.0}) {
            BasfiInput input = allFive();
            input.items[i] = edge;
            EXPECT_TRUE(validateBasfi(input).ok());
        }
    }
}

TEST(BasfiTest, AllErrorsAreReportedAtOnce) {
    BasfiInput input = allFive();
    input.items[0] = 12.0;
    input.items[9] = -3.0;
    input.items[4].reset();
    const Validation validation = validateBasfi(input);
    ASSERT_EQ(validation.errors().size(), 2u);
    EXPECT_EQ(validation.errors()[0].field, "BASFI Q1");
    EXPECT_EQ(validation.errors()[1].field, "BASFI Q10");
    EXPECT_THROW(computeBasfi(input), ValidationError);
}

TEST(BasfiTest, ItemFieldNames) {
    EXPECT_EQ(basfiItemField(1), "BASFI Q1");
    EXPECT_EQ(basfiItemField(10), "BASFI Q10");
    EXPECT_THROW(basfiItemField(0), InternalError);
    EXPECT_THROW(basfiItemField(11), InternalError);
}

}  // namespace
}  // namespace ankylos::core
